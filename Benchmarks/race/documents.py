"""The race's documents: each set's test texts repeated to the requested count, written once for
`triage` (JSONL) and once for the peers (one document per line, same UTF-8 bytes)."""
import json

from results import DataSet
from systems import SETS

from peers import eprint, one_line, read_split


def write_sets(data_dir, work, counts):
    """Writes every set (counts: set -> documents) into work; returns {set: DataSet}."""
    sets = {}
    for name, (folder, label, _) in SETS.items():
        n = counts[name]
        texts, _ = read_split(data_dir / folder / "test.csv", label)
        docs = [texts[i % len(texts)] for i in range(n)]
        jsonl, txt = work / f"{name}.jsonl", work / f"{name}.txt"
        with open(jsonl, "w", encoding="utf-8") as fj, open(txt, "w", encoding="utf-8") as ft:
            for i, t in enumerate(docs):
                fj.write(json.dumps({"id": f"{name}-{i}", "text": t}, ensure_ascii=False) + "\n")
                ft.write(one_line(t) + "\n")
        nbytes = sum(len(t.encode("utf-8")) for t in docs)
        sets[name] = DataSet(jsonl=str(jsonl), txt=str(txt), documents=n, bytes=nbytes, unique=len(texts))
        eprint(f"[race] {name}: {n} docs ({len(texts)} unique from {folder}/test.csv), {nbytes / 1e6:.2f} MB")
    return sets

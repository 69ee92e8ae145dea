"""The models the race measures: every peer trained on the same train split of each set, the
word-only DisputeTriage variant, and the subject accuracy of the DisputeTriage models."""
import subprocess
import time
import warnings

from commands import last_json
from results import Accuracy, PeerModels, Variant
from systems import DISPLAY, EVALUATION_DATA, SETS, SKLEARN, TRAINING_DATA, WORDS_TRAIN, repo_relative

from peers import FASTTEXT_PARAMS, eprint, make_sklearn, one_line, read_split, vw_features, vw_train_args


def train_all(data_dir, work):
    """Trains every peer on <set>/train.csv into work; returns {set: PeerModels}."""
    models = {}
    for name, (folder, label, _) in SETS.items():
        texts, labels = read_split(data_dir / folder / "train.csv", label)
        classes = sorted(set(labels))
        eprint(f"[race] training on {folder}/train.csv: {len(texts)} docs, label {label}, {len(classes)} classes")
        m = models[name] = PeerModels(n_train=len(texts), n_classes=len(classes), label=label)
        m.paths["fasttext"] = train_fasttext(texts, labels, classes, work / name)
        for peer in SKLEARN:
            m.paths[peer] = train_sklearn(peer, texts, labels, work / name)
        m.paths["vw"] = train_vw(texts, labels, classes, work / name)
    return models


def train_fasttext(texts, labels, classes, prefix):
    """fastText on the texts with CR/LF as spaces (the bytes it is measured on); returns the .bin path."""
    import fasttext

    t0 = time.perf_counter()
    train, model = f"{prefix}.fasttext.train.txt", f"{prefix}.fasttext.bin"
    index = {c: i for i, c in enumerate(classes)}
    with open(train, "w", encoding="utf-8") as f:
        for t, y in zip(texts, labels):
            f.write(f"__label__{index[y]} {one_line(t)}\n")
    ft = fasttext.train_supervised(input=train, **FASTTEXT_PARAMS, verbose=0)
    ft.save_model(model)
    eprint(f"  fastText      {time.perf_counter() - t0:6.1f} s  dim {ft.get_dimension()}")
    return model


def train_sklearn(peer, texts, labels, prefix):
    """The scikit-learn pipeline `peer` (peers.make_sklearn), saved with joblib; returns its path."""
    import joblib

    t0 = time.perf_counter()
    model = make_sklearn(peer)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(texts, labels)
    path = f"{prefix}.{peer}.joblib"
    joblib.dump(model, path)
    eprint(f"  {peer:<13} {time.perf_counter() - t0:6.1f} s")
    return path


def train_vw(texts, labels, classes, prefix):
    """Vowpal Wabbit one-against-all (labels 1..K), 5 passes over a cache file; returns the model path."""
    from vowpalwabbit import Workspace

    t0 = time.perf_counter()
    index = {c: i + 1 for i, c in enumerate(classes)}
    train, cache, model = f"{prefix}.vw.train", f"{prefix}.vw.cache", f"{prefix}.vw.model"
    with open(train, "w", encoding="utf-8") as f:
        for t, y in zip(texts, labels):
            f.write(f"{index[y]}{vw_features(t)}\n")
    Workspace(arg_list=vw_train_args(len(classes), train, cache, model)).finish()
    eprint(f"  vw            {time.perf_counter() - t0:6.1f} s")
    return model


def train_triage_words(triage, work):
    """Trains the word-only DisputeTriage variant into work/triage-words."""
    out = work / "triage-words"
    cmd = [triage, "train", "--data", str(TRAINING_DATA)] + WORDS_TRAIN + ["--out", str(out)]
    eprint(f"[race] training DisputeTriage (word n-grams only): {' '.join(cmd)}")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError(f"triage train: exit {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
    secs = time.perf_counter() - t0
    eprint(f"  triage_words  {secs:6.1f} s")
    return Variant(model=str(out), train_seconds=secs,
                   train_args=["--data", repo_relative(TRAINING_DATA)] + WORDS_TRAIN)


def evaluate_subject(triage, models):
    """Subject accuracy and macro-F1 of each {system: model dir} on TrainingData/evaluation.jsonl;
    a model whose evaluation fails is left out (and said so)."""
    acc = {}
    for system, model in models.items():
        cmd = [triage, "evaluate", "--model", model, "--data", str(EVALUATION_DATA), "--label", "subject",
               "--format", "json"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            eprint(f"[race] {' '.join(cmd)}: exit {p.returncode}: {p.stderr[-500:]}")
            continue
        j = last_json(p.stdout)
        acc[system] = Accuracy(accuracy=j["accuracy"], macro_f1=j.get("macro_f1"), n=j.get("n"),
                               model=repo_relative(model))
        eprint(f"[race] subject accuracy {DISPLAY[system]}: {j['accuracy']:.4f} "
               f"(macro-F1 {j.get('macro_f1', float('nan')):.4f}, n {j.get('n')})")
    return acc

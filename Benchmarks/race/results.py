"""A race's results as types, and their JSON (RACE_JSON / --json): `RaceRun.save` writes the layout
race.py always wrote ({"meta", "sets", "results", "ratios"}) and `RaceRun.load` reads it back,
including JSON from runs before the stage breakdown, the word-only model and the thread modes."""
import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

# Fields with this metadata are left out of the JSON when None (what the race never measured), as
# the dicts the race wrote before had no such key.
_OMIT_IF_NONE = {"omit_if_none": True}


def _optional():
    return field(default=None, metadata=_OMIT_IF_NONE)


def _known(cls, d):
    """The entries of d that are fields of cls (keys older or newer runs added are skipped)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


class _Record:
    """A dataclass that is one JSON object, its fields (dataclasses, or dicts of them) as members."""

    def to_json(self):
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None and f.metadata.get("omit_if_none"):
                continue
            if dataclasses.is_dataclass(value):
                value = value.to_json()
            elif isinstance(value, dict):
                value = {k: v.to_json() if dataclasses.is_dataclass(v) else v for k, v in value.items()}
            out[f.name] = value
        return out

    @classmethod
    def from_json(cls, d):
        return cls(**_known(cls, d))


@dataclass
class DataSet(_Record):
    """One document set of the race, written for each system's input format."""
    jsonl: str  # {"id","text"} per line, for triage
    txt: str  # one document per line, CR/LF as spaces (same UTF-8 bytes), for the peers
    documents: int
    bytes: int
    unique: int  # distinct test texts, repeated to `documents`


@dataclass(kw_only=True)
class TriageThroughput(_Record):
    """One in-process `triage throughput` measurement (a stage, a mode or a model) as its JSON line gives
    it; rss, process_wall and load are those of its measuring process."""
    docs_per_second: float
    mb_per_second: float
    seconds: float
    documents: int
    bytes: int
    cpu_seconds: float | None = _optional()  # when the binary reports it
    cpu_docs_per_second: float | None = _optional()
    stage: str | None = _optional()
    rss: float  # peak RSS, bytes
    process_wall: float
    load: float  # 1-min load average just before


@dataclass(kw_only=True)
class PeerThroughput(_Record):
    """One in-process measurement of a Python peer (`race.py inproc`), best of its runs."""
    system: str
    documents: int
    bytes: int
    seconds: float
    runs: list[float]  # the seconds of every run
    docs_per_second: float
    mb_per_second: float
    blas: list | str | None = _optional()  # sklearn peers: the BLAS threadpoolctl saw (or why it could not tell)
    rss: float
    process_wall: float
    load: float


def throughput_from_json(d):
    """A TriageThroughput or, if it names its system, a PeerThroughput."""
    return (PeerThroughput if "system" in d else TriageThroughput).from_json(d)


@dataclass
class WholeProcess(_Record):
    """Best wall time of N whole-process runs (start, load, read, predict, write)."""
    seconds: float
    runs: list[float]
    rss: float  # the largest peak RSS of the runs, bytes
    cpu_s: float  # user + system time of the fastest run
    docs_per_second: float
    load: float


@dataclass
class SetResults(_Record):
    """Every measurement on one document set, by system (and by stage for the stage breakdown)."""
    inproc: dict[str, TriageThroughput | PeerThroughput] = field(default_factory=dict)  # by system
    whole: dict[str, WholeProcess] = field(default_factory=dict)  # by system
    stages: dict[str, TriageThroughput] = field(default_factory=dict)  # by stage
    same_output: bool | None = _optional()  # `triage score` writes the same bytes on 1 and 2 threads

    @classmethod
    def from_json(cls, d):
        return cls(inproc={k: throughput_from_json(v) for k, v in d.get("inproc", {}).items()},
                   whole={k: WholeProcess.from_json(v) for k, v in d.get("whole", {}).items()},
                   stages={k: TriageThroughput.from_json(v) for k, v in d.get("stages", {}).items()},
                   same_output=d.get("same_output"))

    def loads(self):
        """The load average sampled before each measurement."""
        return [m.load for m in [*self.inproc.values(), *self.stages.values(), *self.whole.values()]]


@dataclass
class PeerModels:
    """The peers trained for one set: training-set size, and where each peer's model was saved."""
    n_train: int
    n_classes: int
    label: str | None = None
    paths: dict[str, str] = field(default_factory=dict)  # peer -> model file

    def to_json(self):
        d = {"n_train": self.n_train, "n_classes": self.n_classes}
        if self.label is not None:
            d["label"] = self.label
        return {**d, **self.paths}

    @classmethod
    def from_json(cls, d):
        rest = {k: v for k, v in d.items() if k not in ("n_train", "n_classes", "label")}
        return cls(d["n_train"], d["n_classes"], d.get("label"), rest)


@dataclass
class Variant(_Record):
    """A DisputeTriage model the race trains itself (the word-only one)."""
    model: str
    train_seconds: float
    train_args: list[str]


@dataclass
class Accuracy(_Record):
    """Subject accuracy of one DisputeTriage model from `triage evaluate`."""
    accuracy: float
    macro_f1: float | None
    n: int | None
    model: str


@dataclass
class LoadWait(_Record):
    """How long the race waited for a quiet machine."""
    waited_s: int
    load_at_start: float
    load_before_wait: float
    timed_out: bool


@dataclass
class MachineLoad(LoadWait):
    """The 1-min load average around the measurements."""
    max_load: float | None = None  # the wait's target
    min: float | None = None  # during the measurements
    max: float | None = None
    end: float | None = None


@dataclass
class Meta(_Record):
    """Where, when and how the race ran."""
    date: str
    nproc: int
    cpu: str
    mem: str
    load: MachineLoad
    commit: str
    triage: str
    triage_sha: str
    triage_changed: bool
    versions: str
    runs: int
    models: dict[str, PeerModels]  # by set
    command: str
    variants: dict[str, Variant] = field(default_factory=dict)  # by system
    accuracy: dict[str, Accuracy] = field(default_factory=dict)  # by system
    evaluation_data: str | None = None
    bundled_model_matches: bool | None = None  # None: unknown

    @classmethod
    def from_json(cls, d):
        d = _known(cls, d)
        return cls(**{**d, "load": MachineLoad.from_json(d["load"]),
                      "models": {k: PeerModels.from_json(v) for k, v in d["models"].items()},
                      "variants": {k: Variant.from_json(v) for k, v in d.get("variants", {}).items()},
                      "accuracy": {k: Accuracy.from_json(v) for k, v in d.get("accuracy", {}).items()}})


@dataclass
class Ratios(_Record):
    """One DisputeTriage system's speed ÷ each peer's on one set; best_sklearn* name the pipeline used."""
    inproc_fasttext: float | None = _optional()
    best_sklearn: str | None = _optional()
    inproc_sklearn: float | None = _optional()
    inproc_vw: float | None = _optional()
    whole_fasttext: float | None = _optional()
    whole_fasttext_cpu: float | None = _optional()
    best_sklearn_whole: str | None = _optional()
    whole_sklearn: float | None = _optional()
    triage_words: "Ratios | None" = _optional()  # the word-only model's, under the default model's

    @classmethod
    def from_json(cls, d):
        words = d.get("triage_words")
        return cls(**{**_known(cls, d), "triage_words": cls.from_json(words) if words is not None else None})


@dataclass
class RaceRun(_Record):
    """A whole run: its metadata, document sets, measurements and ratios, each by set name."""
    meta: Meta
    sets: dict[str, DataSet]
    results: dict[str, SetResults]
    ratios: dict[str, Ratios] = field(default_factory=dict)

    @classmethod
    def from_json(cls, d):
        return cls(meta=Meta.from_json(d["meta"]),
                   sets={k: DataSet.from_json(v) for k, v in d["sets"].items()},
                   results={k: SetResults.from_json(v) for k, v in d["results"].items()},
                   ratios={k: Ratios.from_json(v) for k, v in d.get("ratios", {}).items()})

    def save(self, path):
        Path(path).write_text(json.dumps(self.to_json(), indent=1, default=str), encoding="utf-8")

    @classmethod
    def load(cls, path):
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))

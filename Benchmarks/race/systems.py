"""What the race runs: its two document sets, the systems it measures (DisputeTriage's models and
modes, the Python peers), their names in the report and their settings."""
import os
from pathlib import Path

from peers import SEED, SKLEARN_SETTINGS

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TRAINING_DATA = REPO / "TrainingData" / "disputes.jsonl"
EVALUATION_DATA = REPO / "TrainingData" / "evaluation.jsonl"
DEFAULT_MODEL = REPO / "Models" / "default"

# name -> (csv folder, label column, documents in the race)
SETS = {
    "short": ("banking77", "intent", 100_000),
    "long": ("cfpb", "product_group", 20_000),
}
PEERS = ["fasttext", "sk_lr", "sk_counts_mnb", "vw"]
SKLEARN = ["sk_lr", "sk_counts_mnb"]
# The default model also runs the other ways users run it: with explanations (what `triage score` does by
# default) and on two threads (`--threads 2`). Key -> (explanations, threads).
MODES = {
    "triage_explain": (True, 1),
    "triage_2t": (False, 2),
    "triage_explain_2t": (True, 2),
}
# the shipped default model (one thread, no explanations; then its other modes), then the race-trained
# word-only variant
TRIAGES = ["triage", *MODES, "triage_words"]
# `triage train` arguments of the word-only variant (the default model's settings minus character n-grams)
WORDS_TRAIN = ["--label", "subject", "--label", "severity", "--space", "vocab:2", "--char-ngrams", "none",
               "--seed", str(SEED), "--created-at", "2026-11-29T00:00:00Z"]

DISPLAY = {
    "triage": "DisputeTriage (default model)",
    "triage_explain": "DisputeTriage (default model), with explanations",
    "triage_2t": "DisputeTriage (default model), 2 threads",
    "triage_explain_2t": "DisputeTriage (default model), with explanations, 2 threads",
    "triage_words": "DisputeTriage (word n-grams only)",
    "fasttext": "fastText",
    "sk_lr": "sklearn tf-idf + LogisticRegression",
    "sk_counts_mnb": "sklearn counts + MultinomialNB",
    "vw": "Vowpal Wabbit oaa",
}
SETTINGS = {
    "triage": "shipped default model; in-process: `triage throughput --data F.jsonl --passes 3`; "
              "whole-process: `triage score --data F.jsonl --no-explanation --threads 1 --output /dev/null`; stage breakdown: "
              "`triage throughput --all-stages --data F.jsonl --passes 3`",
    "triage_explain": "as the default model, with explanations: in-process `triage throughput --stage explain`; "
                      "whole-process `triage score --threads 1` (explanations are on by default)",
    "triage_2t": "as the default model on two threads: in-process `triage throughput --threads 2`; whole-process "
                 "`triage score --threads 2 --no-explanation`",
    "triage_explain_2t": "with explanations on two threads: `triage throughput --stage explain --threads 2`; "
                         "`triage score --threads 2`",
    "triage_words": "a faster, less accurate configuration, NOT the shipped model: trained by the race with "
                    "`triage train --data TrainingData/disputes.jsonl --label subject --label severity --space vocab:2 "
                    "--char-ngrams none --seed 1` (the default model's settings without its character 3-4-grams); "
                    "measured like the default with `--model DIR`",
    "fasttext": "train_supervised(wordNgrams=2, epoch=25, lr=0.5, dim=100 (default), thread=1, seed=1) on the "
                "texts with only CR/LF replaced by spaces (not lower-cased, unlike compare.py); "
                "in-process `model.predict(list_of_texts)` (k=1); whole-process "
                "`fasttext predict model.bin F.txt > /dev/null` (Debian fasttext CLI)",
    "sk_lr": f"{SKLEARN_SETTINGS['tfidf']} + LogisticRegression(C=10, max_iter=2000); `predict_proba(texts)`",
    "sk_counts_mnb": f"{SKLEARN_SETTINGS['sk_counts_mnb']}; `predict_proba(texts)`",
    "vw": "--oaa K --ngram 2 --loss_function logistic -b 24 --passes 5 (cache, holdout default), seed 1; "
          "`Workspace.predict(line)` per document (lines pre-formatted ' |t text' before the timer)",
}


def mode_flags(system, command):
    """The extra `triage throughput` / `triage score` flags of a default-model mode (MODES)."""
    explain, threads = MODES.get(system, (False, 1))
    if command == "throughput":
        return (["--stage", "explain"] if explain else []) + (["--threads", str(threads)] if threads != 1 else [])
    return ([] if explain else ["--no-explanation"]) + ["--threads", str(threads)]


def repo_relative(path):
    """`path` relative to the repo if it lies inside it (as the report shows paths), else unchanged."""
    path = str(path)
    return os.path.relpath(path, REPO) if path.startswith(str(REPO)) else path

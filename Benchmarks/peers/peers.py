"""The peer systems DisputeTriage is compared with, defined once for compare.py (accuracy) and
../race/race.py (throughput): data reading, the text each peer is fed, the fastText and Vowpal
Wabbit settings, and one scikit-learn pipeline per peer name.

Importing this module puts numpy / scipy / scikit-learn on one thread; import it before them.
"""
import csv
import os
import platform
import re
import sys

# Single thread everywhere; must happen before numpy / scipy / sklearn are imported.
# (OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are never set here.)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

SEED = 1


def eprint(*a):
    print(*a, file=sys.stderr, flush=True)


def read_split(path, label):
    """Texts and labels of a shared-data CSV split; rows with a blank text or label are skipped."""
    csv.field_size_limit(1 << 27)
    texts, labels = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            t, y = row.get("text") or "", row.get(label) or ""
            if not t.strip() or not y:
                continue
            texts.append(t)
            labels.append(y)
    return texts, labels


# ----------------------------------------------------------------------------- peer input text

_NEWLINES = re.compile(r"[\r\n]")
_WHITESPACE = re.compile(r"\s+")
_VW_SPECIAL = re.compile(r"[|:\s]+")


def one_line(text):
    """The text on one line: every CR / LF becomes one space, so the UTF-8 byte count is unchanged
    (the race feeds fastText and the Python peers exactly the bytes DisputeTriage reads)."""
    return _NEWLINES.sub(" ", text)


def fasttext_normalized(text):
    """Lower-cased, whitespace collapsed: what the accuracy comparison feeds fastText (its usual
    preprocessing; the race uses `one_line` instead, to measure the same bytes)."""
    return _WHITESPACE.sub(" ", text.lower()).strip()


def vw_text(text):
    """Lower-cased, with VW's special characters ('|', ':') and whitespace runs as one space."""
    return _VW_SPECIAL.sub(" ", text.lower()).strip()


def vw_features(text):
    """A VW example without its label: ' |t words…'."""
    return " |t " + vw_text(text)


# ----------------------------------------------------------------------------- fastText and VW

# fastText's train_supervised settings (dim, minCount and loss are its defaults, spelled out).
FASTTEXT_PARAMS = dict(wordNgrams=2, epoch=25, lr=0.5, dim=100, minCount=1, loss="softmax", thread=1, seed=SEED)


def vw_train_args(n_classes, data, cache, model):
    """Vowpal Wabbit's training arguments: one-against-all over n_classes (labels 1..K) on the
    examples in `data`, 5 passes through `cache`, the model written to `model`."""
    return ["--oaa", str(n_classes), "--ngram", "2", "--loss_function", "logistic", "-b", "24",
            "--passes", "5", "--cache_file", str(cache), "-k", "--random_seed", str(SEED),
            "-d", str(data), "-f", str(model), "--quiet"]


def vw_test_args(model):
    """Vowpal Wabbit's arguments to predict with a saved model (no learning)."""
    return ["-i", str(model), "-t", "--quiet"]


# ----------------------------------------------------------------------------- scikit-learn

SKLEARN_SETTINGS = {
    "tfidf": "TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)",
    "sk_mnb": "MultinomialNB(alpha=0.1) on tfidf",
    "sk_counts_mnb": "CountVectorizer(ngram_range=(1, 2)) + MultinomialNB()",
    "sk_cnb": "ComplementNB(alpha=0.1) on tfidf",
    "sk_lr": "LogisticRegression(C=10, max_iter=2000, lbfgs) on tfidf",
    "sk_lr_bal": "sk_lr with class_weight='balanced'",
    "sk_sgd_hash": (
        "HashingVectorizer(ngram_range=(1, 2), n_features=2**20, alternate_sign=False, norm=None)"
        " + TfidfTransformer(sublinear_tf=True) + SGDClassifier(loss='log_loss', alpha=1e-5,"
        " random_state=1) (default max_iter=1000, tol=1e-3)"
    ),
    "sk_sgd_hash_bal": "sk_sgd_hash with class_weight='balanced'",
}


def make_sklearn(name):
    """A fresh, unfitted scikit-learn pipeline for the peer `name` (one definition per name)."""
    from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB, MultinomialNB
    from sklearn.pipeline import make_pipeline

    def tfidf():
        return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)

    balanced = "balanced" if name.endswith("_bal") else None
    if name == "sk_mnb":
        return make_pipeline(tfidf(), MultinomialNB(alpha=0.1))
    if name == "sk_counts_mnb":
        return make_pipeline(CountVectorizer(ngram_range=(1, 2)), MultinomialNB())
    if name == "sk_cnb":
        return make_pipeline(tfidf(), ComplementNB(alpha=0.1))
    if name in ("sk_lr", "sk_lr_bal"):
        return make_pipeline(tfidf(), LogisticRegression(C=10, max_iter=2000, class_weight=balanced))
    if name in ("sk_sgd_hash", "sk_sgd_hash_bal"):
        return make_pipeline(
            HashingVectorizer(ngram_range=(1, 2), n_features=2**20, alternate_sign=False, norm=None),
            TfidfTransformer(sublinear_tf=True),
            SGDClassifier(loss="log_loss", alpha=1e-5, class_weight=balanced, random_state=SEED),
        )
    raise ValueError(name)


def versions():
    """Python and the peer packages' versions, by name."""
    from importlib.metadata import PackageNotFoundError, version

    v = {"python": platform.python_version(), "platform": platform.platform()}
    for dist in ("numpy", "scipy", "scikit-learn", "fasttext-wheel", "vowpalwabbit"):
        try:
            v[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return v

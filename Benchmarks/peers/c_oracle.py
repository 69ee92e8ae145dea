#!/usr/bin/env python3
"""How far can a linear model go on DisputeTriage's own features if C is chosen on the test split?

An upper bound for issue 17's target, not a procedure: scikit-learn's LogisticRegression (lbfgs) is fitted on
the feature matrix `triage features` writes (the extractor's tf-idf rows, before the naive-Bayes scaling and
per-class offsets of DisputeTriage's own procedure) for each C given, with the class weightings given, and its
test macro-F1 printed; with `linear-svm` as the fourth argument, scikit-learn's LinearSVC (one-vs-rest squared
hinge, liblinear) instead. If even the best C on the test split stays below a target, no choice of C made from
the training data can reach it with these features and this learner. Benchmarks/results/training.md
("Round 8", "Round 9") has the figures.

    triage features --data ../shared/data/banking77/train.csv --label intent \\
        --apply ../shared/data/banking77/test.csv --out /tmp/banking77-features
    python c_oracle.py /tmp/banking77-features 3,10,30,100 uniform,balanced
    python c_oracle.py /tmp/banking77-features 0.3,1,3 uniform,balanced linear-svm
"""

import sys
import time
import warnings


def main():
    from sklearn.datasets import load_svmlight_files
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.svm import LinearSVC

    dump = sys.argv[1]
    cs = [float(c) for c in sys.argv[2].split(",")]
    weightings = (sys.argv[3] if len(sys.argv) > 3 else "balanced").split(",")
    learner = sys.argv[4] if len(sys.argv) > 4 else "logistic-regression"
    if learner not in ("logistic-regression", "linear-svm"):
        sys.exit(f"unknown learner {learner!r}: logistic-regression or linear-svm")
    with open(f"{dump}/features.tsv", encoding="utf-8") as f:
        dimension = sum(1 for _ in f)
    xtr, ytr, xte, yte = load_svmlight_files(
        [f"{dump}/train.svm", f"{dump}/test.svm"], zero_based=True, n_features=dimension
    )
    warnings.simplefilter("ignore")  # e.g. ConvergenceWarning
    for matrix in (xtr, xte):  # liblinear takes 32-bit indices only
        matrix.indices = matrix.indices.astype("int32")
        matrix.indptr = matrix.indptr.astype("int32")
    for c in cs:
        for weighting in weightings:
            start = time.process_time()
            class_weight = None if weighting == "uniform" else "balanced"
            if learner == "linear-svm":
                model = LinearSVC(C=c, max_iter=5000, class_weight=class_weight)
            else:
                model = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight)
            predicted = model.fit(xtr, ytr).predict(xte)
            print(
                f"C={c:g} {weighting}: test macro-F1 {f1_score(yte, predicted, average='macro'):.4f} "
                f"({time.process_time() - start:.0f} s CPU)",
                flush=True,
            )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Is a macro-F1 gap to the tuned scikit-learn peer in the features or in the learner?

Fits scikit-learn's LogisticRegression(class_weight="balanced") on DisputeTriage's own feature matrix
(written by the hidden `triage features` command) and on the peer's features (`dt_like_features` of
compare.py), for each C given, on <data>/<task>/train.csv, and prints test macro-F1 and the matrices'
sizes. If scikit-learn on DisputeTriage's matrix scores what DisputeTriage does, the gap is in the
features. Benchmarks/results/training.md (round 3) has the figures and the commands.

    triage features --data ../shared/data/cfpb/train.csv --label product_group \\
        --apply ../shared/data/cfpb/test.csv --out /tmp/cfpb-features
    python features_gap.py cfpb product_group /tmp/cfpb-features 1,10
"""

import sys
import time
import warnings

from compare import dt_like_features

from peers import read_split


def main():
    from sklearn.datasets import load_svmlight_files
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score

    task, label, dump = sys.argv[1], sys.argv[2], sys.argv[3]
    cs = [float(c) for c in (sys.argv[4] if len(sys.argv) > 4 else "1").split(",")]
    data = f"../../../shared/data/{task}" if len(sys.argv) <= 5 else sys.argv[5]
    xtr, ytr = read_split(f"{data}/train.csv", label)
    xte, yte = read_split(f"{data}/test.csv", label)
    with open(f"{dump}/labels.txt", encoding="utf-8") as f:
        labels = f.read().split("\n")[:-1]
    with open(f"{dump}/features.tsv", encoding="utf-8") as f:
        dimension = sum(1 for _ in f)
    dtr, dytr, dte, dyte = load_svmlight_files([f"{dump}/train.svm", f"{dump}/test.svm"], zero_based=True, n_features=dimension)
    if [labels[int(i)] for i in dytr] != ytr or [labels[int(i)] for i in dyte] != yte:
        sys.exit("the dump's rows are not the CSV's rows (different data or label?)")
    features = dt_like_features().fit(xtr)
    str_, ste = features.transform(xtr), features.transform(xte)
    for name, a, b in (("DisputeTriage", dtr, dte), ("scikit-learn", str_, ste)):
        print(
            f"{name} features: {a.shape[1]} columns, non-zeros per row {a.nnz / a.shape[0]:.1f} train, "
            f"{b.nnz / b.shape[0]:.1f} test"
        )
    warnings.simplefilter("ignore")
    for c in cs:
        for name, a, b in (("DisputeTriage", dtr, dte), ("scikit-learn", str_, ste)):
            t = time.process_time()
            pred = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(a, ytr).predict(b)
            print(
                f"C={c:g} LR balanced on {name} features: macro-F1 {f1_score(yte, pred, average='macro'):.4f} "
                f"accuracy {accuracy_score(yte, pred):.4f} ({time.process_time() - t:.1f} s CPU)"
            )


if __name__ == "__main__":
    main()

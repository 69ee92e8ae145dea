#!/usr/bin/env python3
"""The tuned scikit-learn peer (compare.py's sk_lr_tuned) under 5-fold cross-validation of a training
split, as DisputeTriage's `triage crossvalidate --folds 5` is judged: StratifiedKFold(shuffle=True,
random_state=1), the peer's own validation search inside every fold, pooled out-of-fold macro-F1 and
accuracy. Benchmarks/results/training.md (rounds 2 and 4) has the figures.

    python tuned_cv.py banking77 intent [DATA_DIR]
"""

import sys
import time

from compare import fit_sklearn_tuned

from peers import read_split


def main():
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    task, label = sys.argv[1], sys.argv[2]
    data = sys.argv[3] if len(sys.argv) > 3 else f"../../../shared/data/{task}"
    texts, labels = read_split(f"{data}/train.csv", label)
    texts, labels = np.array(texts, dtype=object), np.array(labels)
    out_of_fold = np.empty(len(labels), dtype=object)
    start = time.process_time()
    for fold, (fit, held) in enumerate(StratifiedKFold(5, shuffle=True, random_state=1).split(texts, labels)):
        model, chosen, _ = fit_sklearn_tuned(list(texts[fit]), list(labels[fit]))
        out_of_fold[held] = model.predict(list(texts[held]))
        print(f"{task} fold {fold + 1}: {chosen}", flush=True)
    print(
        f"{task} tuned peer 5-fold CV macro-F1 {f1_score(labels, out_of_fold, average='macro'):.4f} "
        f"accuracy {accuracy_score(labels, out_of_fold):.4f} ({time.process_time() - start:.0f} s CPU)"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The tuned peer's features moved toward DisputeTriage's, one difference at a time.

For each variant: pooled out-of-fold macro-F1 of 5-fold cross-validation on train.csv (StratifiedKFold,
shuffled, random_state=1; features fitted inside each fold) and test macro-F1, for LogisticRegression
(C in {1, 10}, class_weight="balanced"). Variants (comma-separated, combinable with "-"):
  peer    compare.py's dt_like_features: word 1-2-grams + char_wb 3-4-grams (min_df=2), each block L2-normalised
  union   one L2 norm over both blocks (as DisputeTriage)
  wmin2   word n-grams seen in at least 2 training texts (as DisputeTriage's vocab:2)
  char24  character 2-4-grams (as DisputeTriage's default)
Benchmarks/results/training.md (round 3) has the figures.

    python feature_ablations.py cfpb product_group peer,union,union-wmin2,wmin2
"""

import sys
import warnings

from peers import read_split


class Features:
    def __init__(self, variant):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.union = "union" in variant
        norm = None if self.union else "l2"
        self.word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", min_df=2 if "wmin2" in variant else 1, norm=norm
        )
        self.char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4) if "char24" in variant else (3, 4),
            min_df=2,
            sublinear_tf=True,
            strip_accents="unicode",
            norm=norm,
        )

    def fit(self, texts):
        self.word.fit(texts)
        self.char.fit(texts)
        return self

    def transform(self, texts):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        matrix = sp.hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()
        return normalize(matrix) if self.union else matrix


def main():
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    task, label, variants = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    data = sys.argv[4] if len(sys.argv) > 4 else f"../../../shared/data/{task}"
    xtr, ytr = read_split(f"{data}/train.csv", label)
    xte, yte = read_split(f"{data}/test.csv", label)
    xtr, ytr, xte = np.array(xtr, dtype=object), np.array(ytr), np.array(xte, dtype=object)
    warnings.simplefilter("ignore")

    def predict(c, a, y, b):
        return LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(a, y).predict(b)

    for variant in variants:
        out_of_fold = {c: np.empty(len(ytr), dtype=object) for c in (1, 10)}
        for fit, held in StratifiedKFold(5, shuffle=True, random_state=1).split(xtr, ytr):
            features = Features(variant).fit(xtr[fit])
            a, b = features.transform(xtr[fit]), features.transform(xtr[held])
            for c in out_of_fold:
                out_of_fold[c][held] = predict(c, a, ytr[fit], b)
        features = Features(variant).fit(xtr)
        a, b = features.transform(xtr), features.transform(xte)
        cells = [
            f"C={c} cv {f1_score(ytr, out_of_fold[c], average='macro'):.4f} "
            f"test {f1_score(yte, predict(c, a, ytr, b), average='macro'):.4f}"
            for c in out_of_fold
        ]
        print(task, variant, " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()

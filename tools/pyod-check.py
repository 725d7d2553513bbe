"""Checks anomaly-benchmark.json against scikit-learn on the very same splits, and PyOD's protocol statistically.

Usage (Debian: apt-get install python3-sklearn):
    python3 tools/pyod-check.py out/cardio/anomaly-benchmark.json

For each split recorded in the report (its testRowNumbers), the rows are standardised with the training part and
scored with PyOD's PCA formula (scikit-learn's PCA, every component; sum of cdist(X, components) divided by the
explained-variance ratios) and with the distance to the k-th nearest training row (PyOD's KNN, method 'largest');
the ROC AUCs are compared with the report's pca-pyod and knn values. Then the same two detectors run on PyOD's own
splits (train_test_split(test_size=1 - trainFraction, random_state=RandomState(i))) for the same number of runs, as
PyOD's benchmark.py does, to compare the means statistically.
"""
import json
import sys

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import NearestNeighbors


def pyod_pca(train, test):
    pca = PCA().fit(train)
    axes = pca.components_.copy()
    # scikit-learn >= 1.5 signs each axis so that its largest-magnitude entry is positive (the report's convention).
    largest = np.argmax(np.abs(axes), axis=1)
    axes *= np.sign(axes[np.arange(len(axes)), largest])[:, None]
    return np.sum(cdist(test, axes) / pca.explained_variance_ratio_, axis=1)


def knn(train, test, k):
    return NearestNeighbors(n_neighbors=k).fit(train).kneighbors(test)[0][:, -1]


def standardise(train, test):
    mean, std = train.mean(axis=0), train.std(axis=0)
    std[std == 0] = 1
    return (train - mean) / std, (test - mean) / std


def main(path):
    report = json.load(open(path, encoding="utf-8"))
    settings = report["settings"]
    data = np.genfromtxt(settings["source"], delimiter=",", names=True)
    label = settings["labelColumn"]
    features = np.column_stack([data[name] for name in data.dtype.names if name != label])
    labels = data[label]
    k = settings["neighbours"]
    worst = {"pca-pyod": 0.0, "knn": 0.0}
    for split in report["splits"]:
        test_rows = np.array(split["testRowNumbers"])
        train_rows = np.setdiff1d(np.arange(len(labels)), test_rows)
        train, test = standardise(features[train_rows], features[test_rows])
        ours = {m["name"]: m["rocAuc"] for m in split["methods"]}
        theirs = {"pca-pyod": roc_auc_score(labels[test_rows], pyod_pca(train, test)),
                  "knn": roc_auc_score(labels[test_rows], knn(train, test, k))}
        for name in worst:
            worst[name] = max(worst[name], abs(ours[name] - theirs[name]))
        print(f"split {split['index'] + 1} (seed {split['seed']}): pca-pyod ours {ours['pca-pyod']:.6f} sklearn {theirs['pca-pyod']:.6f}; "
              f"knn ours {ours['knn']:.6f} sklearn {theirs['knn']:.6f}")
    print(f"largest difference on the same splits: pca-pyod {worst['pca-pyod']:.2e}, knn {worst['knn']:.2e}")

    runs = {"pca-pyod": [], "knn": []}
    for i in range(settings["splits"]):
        train, test, _, y = train_test_split(features, labels, test_size=1 - settings["trainFraction"], random_state=np.random.RandomState(i))
        train, test = standardise(train, test)
        runs["pca-pyod"].append(roc_auc_score(y, pyod_pca(train, test)))
        runs["knn"].append(roc_auc_score(y, knn(train, test, k)))
    for name, values in runs.items():
        mine = next(m for m in report["methods"] if m["name"] == name)["rocAuc"]
        print(f"{name}: PyOD's splits {np.mean(values):.4f} ± {np.std(values, ddof=1):.4f}; report {mine['mean']:.4f} ± {mine['sd']:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])

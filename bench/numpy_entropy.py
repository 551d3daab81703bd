"""Plain numpy version of ENTROPYWEIGHT's formula (METHODS.md M2), the reference of issue 17.

    python3 bench/numpy_entropy.py ROWS COLS RUNS

Seeded uniform 1..101 data (numpy's generator: same distribution as bench/cases.ts, not the
same numbers); min-max z over all rows, p = z / sum z, e = -sum p ln p / ln n (0 ln 0 = 0),
d = 1 - e, w = d / sum d. One warm-up, then RUNS timed calls; prints one JSON line:
{"numpy": version, "ms": [...]} (time inside the process; start-up and data excluded).
"""
import json
import sys
import time

import numpy as np


def entropy_weights(X):
    mn = X.min(axis=0)
    mx = X.max(axis=0)
    z = (X - mn) / (mx - mn)
    p = z / z.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plp.sum(axis=0) / np.log(X.shape[0])
    d = 1 - e
    return d / d.sum()


def main():
    rows, cols, runs = (int(a) for a in sys.argv[1:4])
    X = 1 + 100 * np.random.default_rng(7).random((rows, cols))
    entropy_weights(X)
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        entropy_weights(X)
        ms.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"numpy": np.__version__, "ms": ms}))


if __name__ == "__main__":
    main()

"""Weighted L2 logistic regression by Newton's method, for the fits of scripts/ (the bead
score's calibration, the document score): plain Python, as numpy is not on every machine.

    w = fit(rows, l2)   # rows: (features, label 0/1, weight); w[i] weighs features[i]

`free` lists the weights not penalised (a bias). Each step is halved until the loss falls, so
a fit converges from any start.
"""

import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z > -700 else 0.0


def predict(w, x):
    return sigmoid(sum(a * b for a, b in zip(w, x)))


def loss(w, rows, l2, free=()):
    total = 0.5 * l2 * sum(wi * wi for i, wi in enumerate(w) if i not in free)
    for x, y, c in rows:
        z = sum(a * b for a, b in zip(w, x))
        # log(1 + e^-z) for a positive, log(1 + e^z) for a negative, without overflow.
        z = -z if y else z
        total += c * (max(z, 0) + math.log1p(math.exp(-abs(z))))
    return total


def fit(rows, l2, start=None, free=(), steps=100):
    n = len(rows[0][0])
    w = list(start) if start else [0.0] * n
    penalty = [0.0 if i in free else l2 for i in range(n)]
    for _ in range(steps):
        grad = [penalty[i] * w[i] for i in range(n)]
        hess = [[penalty[i] * (i == j) for j in range(n)] for i in range(n)]
        for x, y, c in rows:
            p = predict(w, x)
            for i in range(n):
                grad[i] += c * (p - y) * x[i]
                for j in range(n):
                    hess[i][j] += c * p * (1 - p) * x[i] * x[j]
        step = solve(hess, grad)
        before, t = loss(w, rows, l2, free), 1.0
        while t > 1e-6 and loss([wi - t * si for wi, si in zip(w, step)], rows, l2, free) > before:
            t /= 2
        w = [wi - t * si for wi, si in zip(w, step)]
        if max(abs(t * s) for s in step) < 1e-10:
            break
    return w


def solve(a, b):
    """a x = b, a small dense system, by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]

#!/usr/bin/python3
"""Reference FA/MD values for DipyCrossCheckTests.cs, made with Debian's dipy (python3-dipy 1.6.0):

    /usr/bin/python3 tests/Mrh.Tests/Mri/Reference/dipy_dti_reference.py

Eight voxels with known tensors, 2 b0 (b = 0 and 7.3) + 30 directions at b = 2000 s/mm^2, deterministic
Rician-like "noise" (sines, no RNG, so that the C# test rebuilds the identical float32 signals), fitted
with dipy's TensorModel 'LS' (OLS) and 'WLS'. The test regenerates the signals and compares.
"""
import math
import numpy as np
from dipy.core.gradients import gradient_table
from dipy.reconst.dti import TensorModel

N_DIRS = 30
GOLDEN = math.pi * (3 - math.sqrt(5))


def directions():
    # Fibonacci spiral on the upper hemisphere (same formula in the C# test)
    out = []
    for i in range(N_DIRS):
        z = 1 - (i + 0.5) / N_DIRS
        r = math.sqrt(max(0.0, 1 - z * z))
        out.append((r * math.cos(GOLDEN * i), r * math.sin(GOLDEN * i), z))
    return out


def rotation(a, b, c):
    ca, sa, cb, sb, cc, sc = math.cos(a), math.sin(a), math.cos(b), math.sin(b), math.cos(c), math.sin(c)
    return np.array([[ca * cb, ca * sb * sc - sa * cc, ca * sb * cc + sa * sc],
                     [sa * cb, sa * sb * sc + ca * cc, sa * sb * cc - ca * sc],
                     [-sb, cb * sc, cb * cc]])


# (l1, l2, l3 in mm^2/s, Euler angles, S0)
VOXELS = [
    (0.8e-3, 0.2e-3, 0.15e-3, 0.7, -0.4, 1.3, 1000.0),
    (0.6e-3, 0.4e-3, 0.3e-3, 2.1, 0.9, -0.6, 800.0),
    (0.5e-3, 0.5e-3, 0.5e-3, 0.0, 0.0, 0.0, 1200.0),
    (1.0e-3, 0.15e-3, 0.1e-3, -1.2, 0.3, 0.2, 900.0),
    (2.0e-3, 1.9e-3, 1.9e-3, 0.4, 1.4, 2.2, 1500.0),
    (0.7e-3, 0.35e-3, 0.2e-3, 3.0, -1.1, 0.8, 600.0),
    (0.9e-3, 0.3e-3, 0.25e-3, -2.5, 0.6, -1.7, 1100.0),
    (0.45e-3, 0.4e-3, 0.2e-3, 1.0, 2.0, 3.0, 700.0),
]
SNR = 20.0


def scheme():
    b = [0.0, 7.3] + [2000.0] * N_DIRS
    g = [(0.0, 0.0, 0.0), (0.0, 0.0, 0.0)] + directions()
    return np.array(b), np.array(g)


def signals():
    b, g = scheme()
    data = np.zeros((len(VOXELS), len(b)), dtype=np.float32)
    for v, (l1, l2, l3, ea, eb, ec, s0) in enumerate(VOXELS):
        r = rotation(ea, eb, ec)
        d = r @ np.diag([l1, l2, l3]) @ r.T
        sigma = s0 / SNR
        for i in range(len(b)):
            q = float(g[i] @ d @ g[i])
            s = s0 * math.exp(-b[i] * q)
            n1 = math.sin(1.7 * i + 2.3 * v + 0.5)
            n2 = math.cos(2.9 * i + 1.1 * v)
            data[v, i] = np.float32(math.sqrt((s + sigma * n1) ** 2 + (sigma * n2) ** 2))
    return data


def main():
    b, g = scheme()
    gtab = gradient_table(b, g, b0_threshold=50)
    data = signals().astype(np.float64)
    for method in ("LS", "WLS"):
        fit = TensorModel(gtab, fit_method=method).fit(data)
        assert (fit.evals > 1e-9).all(), "keep every eigenvalue positive (dipy clips them, we clip at 0)"
        print(method)
        print("  FA = [" + ", ".join(f"{x:.9f}" for x in fit.fa) + "]")
        print("  MD = [" + ", ".join(f"{x:.9e}" for x in fit.md) + "]")


if __name__ == "__main__":
    main()

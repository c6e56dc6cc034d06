#!/usr/bin/python3
"""Makes analysis_fixtures.json: small inputs and the values that scikit-image 0.19.3, SciPy 1.10.1
and scikit-learn 1.2.1 (Debian 12 packages) compute for them. The tests compare Mrh.Analysis with these
numbers; the product does not need Python. Regenerate with
    /usr/bin/python3 tests/Mrh.Tests/Analysis/Fixtures/make_fixtures.py
All inputs are float32 values (as the volumes hold), passed to the reference code as float64."""
import json, os
import numpy as np
from scipy import stats
from scipy.spatial.distance import squareform
from skimage.metrics import structural_similarity
from skimage.filters import threshold_otsu, gaussian
from sklearn.metrics import roc_curve, roc_auc_score
from sklearn.manifold._t_sne import _joint_probabilities

rng = np.random.default_rng(20240607)
f32 = lambda a: np.asarray(a, dtype=np.float32)
out = {}

# SSIM: a smooth image with noise against a distorted copy, two sizes (not square, odd and even)
ssim_cases = []
for (h, w) in [(20, 24), (17, 31)]:
    base = gaussian(rng.random((h, w)), sigma=2) * 100 + 20
    ref = f32(base + rng.normal(0, 2, (h, w)))
    pred = f32(0.8 * base + 10 + rng.normal(0, 4, (h, w)))
    rng_ = float(ref.astype(np.float64).max() - ref.astype(np.float64).min())
    s = structural_similarity(ref.astype(np.float64), pred.astype(np.float64), gaussian_weights=True, sigma=1.5,
                              use_sample_covariance=False, data_range=rng_)
    ssim_cases.append(dict(width=w, height=h, reference=ref.ravel().tolist(), prediction=pred.ravel().tolist(),
                           dataRange=rng_, ssim=float(s)))
out["ssim"] = ssim_cases

# Otsu: a bimodal sample and a skewed sample with repeated values
a = f32(np.concatenate([rng.normal(10, 2, 300), rng.normal(25, 4, 200)]))
b = f32(np.round(rng.gamma(2.0, 3.0, 400), 1))
out["otsu"] = [dict(values=v.tolist(), threshold=float(threshold_otsu(v.astype(np.float64)))) for v in (a, b)]

# ROC with many ties: scores rounded to one decimal
y = rng.random(200) < 0.4
scores = f32(np.round(rng.normal(0, 1, 200) + 0.8 * y, 1))
fpr, tpr, thr = roc_curve(y, scores.astype(np.float64), drop_intermediate=False)
out["roc"] = dict(scores=scores.tolist(), labels=y.tolist(), fpr=fpr.tolist(), tpr=tpr.tolist(),
                  thresholds=[float(t) if np.isfinite(t) else None for t in thr],
                  auc=float(roc_auc_score(y, scores.astype(np.float64))),
                  aucLowPositive=float(roc_auc_score(y, -scores.astype(np.float64))))

# Linear fit and its p-value
x = f32(rng.normal(0, 1, 40))
yy = f32(0.3 * x + rng.normal(0, 1, 40))
lr = stats.linregress(x.astype(np.float64), yy.astype(np.float64))
out["linearFit"] = dict(x=x.tolist(), y=yy.tolist(), slope=lr.slope, intercept=lr.intercept, r=lr.rvalue, p=lr.pvalue)

# t-tests on two small samples
g1 = np.round(rng.normal(5, 1, 7), 3); g2 = np.round(rng.normal(6, 2, 9), 3)
p1 = np.round(rng.normal(5, 1, 8), 3); p2 = np.round(p1 + rng.normal(0.5, 0.5, 8), 3)
st = stats.ttest_ind(g1, g2, equal_var=True); we = stats.ttest_ind(g1, g2, equal_var=False)
pr = stats.ttest_rel(p1, p2)
v1, v2 = g1.var(ddof=1) / len(g1), g2.var(ddof=1) / len(g2)
out["tTest"] = dict(a=g1.tolist(), b=g2.tolist(), studentT=st.statistic, studentP=st.pvalue,
                    welchT=we.statistic, welchP=we.pvalue,
                    welchDf=(v1 + v2) ** 2 / (v1 ** 2 / (len(g1) - 1) + v2 ** 2 / (len(g2) - 1)),
                    pairedA=p1.tolist(), pairedB=p2.tolist(), pairedT=pr.statistic, pairedP=pr.pvalue)

# t-SNE joint probabilities (perplexity 5) of 25 points in 4 dimensions
pts = f32(rng.normal(0, 1, (25, 4)) + np.repeat(np.eye(4)[:1] * 3, 25, 0) * (np.arange(25) % 2)[:, None])
d = ((pts.astype(np.float64)[:, None, :] - pts.astype(np.float64)[None, :, :]) ** 2).sum(-1)
P = squareform(_joint_probabilities(d, 5.0, 0))
out["tsneP"] = dict(count=25, features=4, perplexity=5.0, data=pts.ravel().tolist(), p=P.ravel().tolist())

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis_fixtures.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)

# Monte Carlo reference for restricted diffusion in a sphere under PGSE (independent of the C# formula).
import numpy as np, sys
def mc(R, D, delta, Delta, b, n=100000, dt=0.01, seed=1):
    rng = np.random.default_rng(seed)
    # uniform start in the sphere
    p = rng.normal(size=(n,3)); p /= np.linalg.norm(p,axis=1)[:,None]; p *= R*rng.random(n)[:,None]**(1/3)
    gG = np.sqrt(b/(delta**2*(Delta-delta/3)))  # gamma*G in 1/(um ms)
    phase = np.zeros(n)
    steps = int(round((Delta+delta)/dt))
    s = np.sqrt(2*D*dt)
    for k in range(steps):
        t = (k+0.5)*dt
        g = 1.0 if t < delta else (-1.0 if Delta <= t < Delta+delta else 0.0)
        if g != 0.0:
            phase += g*gG*p[:,2]*dt
        q = p + rng.normal(scale=s, size=(n,3))
        r = np.linalg.norm(q,axis=1)
        out = r > R
        q[out] *= ((2*R - r[out])/r[out])[:,None]
        p = q
    E = np.mean(np.cos(phase))
    return -np.log(E)/b
for R in (3.5, 5.5):
    vals = [mc(R, 0.8, 4.0, 12.0, 0.3, seed=s) for s in (1,2)]
    print(R, vals, np.mean(vals))

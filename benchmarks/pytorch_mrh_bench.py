#!/usr/bin/python3
"""The MRH network (V3Res) in plain PyTorch, timed the way `mrh bench --compare-pytorch` times ours.

Not part of the product: `mrh bench` starts this script (with /usr/bin/python3, Debian's python3-torch)
to measure PyTorch side by side with the C# engine in the same run, on the same machine and load.
It is what a PyTorch user would write: nn.Conv2d layers, autograd, torch.optim.SGD.

Protocol (one JSON object per line on stdout):
  start-up            -> {"ready": true, "torch": "...", "threads": N, "parameters": P}
  "train STEPS"       -> {"seconds": S}   STEPS training steps (mini-batch --train-batch, shuffled from a pool)
  "infer BATCHES"     -> {"seconds": S}   BATCHES forward passes of --infer-batch patches, centre pixel only
  "quit"              -> exits
A training step is the paper's recipe: L1 loss summed over the 3x3 output patch and averaged over the
mini-batch, backward, per-parameter gradient clipping at L2 norm 0.01 (MATLAB's 'l2norm'), SGD with
momentum 0.9 and weight decay 1e-4 on the weights (not the biases).
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class V3Res(nn.Module):
    """conv1, conv2 (= r2), conv3, conv3_1 + r2; N blocks of two convolutions with a skip; conv4, conv5."""

    def __init__(self, channels, blocks, width):
        super().__init__()
        def conv(i, o):
            return nn.Conv2d(i, o, 3, padding=1)
        self.conv1, self.conv2, self.conv3, self.conv3_1 = conv(channels, width), conv(width, width), conv(width, width), conv(width, width)
        self.res = nn.ModuleList([nn.ModuleList([conv(width, width), conv(width, width)]) for _ in range(blocks)])
        self.conv4, self.conv5 = conv(width, width), conv(width, 1)

    def forward(self, x):
        r2 = F.relu(self.conv2(F.relu(self.conv1(x))))
        y = self.conv3_1(F.relu(self.conv3(r2))) + r2
        for a, b in self.res:
            r = F.relu(y)
            y = b(F.relu(a(r))) + r
        return self.conv5(F.relu(self.conv4(F.relu(y))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--channels", type=int, default=67)
    ap.add_argument("--blocks", type=int, default=30)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--threads", type=int, default=0, help="intra-op threads (0: all cores)")
    ap.add_argument("--train-batch", type=int, default=128)
    ap.add_argument("--infer-batch", type=int, default=4096)
    ap.add_argument("--pool", type=int, default=4096, help="training patches to draw mini-batches from")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    net = V3Res(a.channels, a.blocks, a.width)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                m.bias.uniform_(-0.1, 0.1)
    weights = [p for n, p in net.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in net.named_parameters() if n.endswith("bias")]
    opt = torch.optim.SGD([{"params": weights, "weight_decay": 1e-4}, {"params": biases, "weight_decay": 0.0}],
                          lr=1e-3, momentum=0.9)
    pool_x = torch.randn(a.pool, a.channels, 3, 3)
    pool_y = torch.randn(a.pool, 1, 3, 3)
    infer_x = torch.randn(a.infer_batch, a.channels, 3, 3)
    params = list(net.parameters())
    state = {"perm": torch.randperm(a.pool), "at": 0}

    def batch():
        if state["at"] + a.train_batch > a.pool:
            state["perm"], state["at"] = torch.randperm(a.pool), 0
        idx = state["perm"][state["at"]:state["at"] + a.train_batch]
        state["at"] += a.train_batch
        return pool_x.index_select(0, idx), pool_y.index_select(0, idx)

    def train(steps):
        net.train()
        for _ in range(steps):
            x, y = batch()
            opt.zero_grad(set_to_none=True)
            loss = (net(x) - y).abs().sum() / x.shape[0]
            loss.backward()
            for p in params:
                torch.nn.utils.clip_grad_norm_(p, 0.01)
            opt.step()
            loss.item()

    def infer(batches):
        net.eval()
        with torch.no_grad():
            for _ in range(batches):
                net(infer_x)[:, 0, 1, 1].contiguous()

    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "parameters": sum(p.numel() for p in params)}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "quit":
            break
        n = int(parts[1]) if len(parts) > 1 else 1
        t = time.perf_counter()
        if parts[0] == "train":
            train(n)
        elif parts[0] == "infer":
            infer(n)
        else:
            print(json.dumps({"error": "unknown command " + parts[0]}), flush=True)
            continue
        print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The MRH network (V3Res) in plain PyTorch, timed the way `mrh bench --compare-pytorch` times ours.

Not part of the product: `mrh bench` starts this script (with /usr/bin/python3, Debian's python3-torch)
to measure PyTorch side by side with the C# engine in the same run, on the same machine and load.
It is what a PyTorch user would write: nn.Conv2d layers, autograd, torch.optim.SGD.

Protocol (one JSON object per line on stdout):
  start-up            -> {"ready": true, "torch": "...", "threads": N, "parameters": P, "device": "...", "gpu": "..."}
  "train STEPS [BATCH PRECISION FORM]" -> {"seconds": S}   STEPS training steps (mini-batch BATCH, default
                         --train-batch, shuffled from a pool)
  "infer BATCHES [BATCH PRECISION FORM]" -> {"seconds": S}  BATCHES forward passes of BATCH (default --infer-batch)
                         patches, centre pixel only
  "quit"              -> exits
PRECISION is fp32 (TF32 off), tf32 (TF32 matmuls and convolutions) or bf16 (autocast to bfloat16); FORM is conv
(nn.Conv2d, what a PyTorch user writes) or dense (each 3x3 layer on a 3x3 patch as one [9 Cin x 9 Cout] matmul,
gathered from the same conv weights, as `mrh` runs on a GPU). With --device cuda everything lives on the GPU and
each timing ends with a synchronisation.
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


def dense_index(cin, cout, k=3):
    """Index into [weight.flatten(), 0] giving the [k*k*cin, k*k*cout] matrix of a 3x3 'same' convolution on k x k patches."""
    kk = k * k
    zero = cout * cin * 9
    idx = torch.full((cin, kk, cout, kk), zero, dtype=torch.long)
    for pin in range(kk):
        yi, xi = divmod(pin, k)
        for pout in range(kk):
            yo, xo = divmod(pout, k)
            ky, kx = yi - yo + 1, xi - xo + 1
            if 0 <= ky < 3 and 0 <= kx < 3:
                idx[:, pin, :, pout] = (torch.arange(cout)[None, :] * cin + torch.arange(cin)[:, None]) * 9 + ky * 3 + kx
    return idx.reshape(cin * kk, cout * kk)


class DenseV3Res(nn.Module):
    """The same network and parameters as V3Res, each layer a dense matmul on [B, C*9] activations."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.convs = [net.conv1, net.conv2, net.conv3, net.conv3_1] + [c for ab in net.res for c in ab] + [net.conv4, net.conv5]
        dev = net.conv1.weight.device
        self.index = [dense_index(c.in_channels, c.out_channels).to(dev) for c in self.convs]
        self.zero = torch.zeros(1, device=dev)

    def layer(self, i, a):
        c = self.convs[i]
        w = torch.cat([c.weight.reshape(-1), self.zero]).take(self.index[i])
        return torch.addmm(c.bias.repeat_interleave(9), a, w)

    def forward(self, x):
        a = x.reshape(x.shape[0], -1)
        r2 = F.relu(self.layer(1, F.relu(self.layer(0, a))))
        y = self.layer(3, F.relu(self.layer(2, r2))) + r2
        i = 4
        for _ in self.net.res:
            r = F.relu(y)
            y = self.layer(i + 1, F.relu(self.layer(i, r))) + r
            i += 2
        out = self.layer(i + 1, F.relu(self.layer(i, F.relu(y))))
        return out.reshape(x.shape[0], 1, 3, 3)


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
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    a = ap.parse_args()

    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    cuda = dev.type == "cuda"
    if cuda and not torch.cuda.is_available():
        print("CUDA is not available to this PyTorch", file=sys.stderr, flush=True)
        sys.exit(3)
    net = V3Res(a.channels, a.blocks, a.width)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                m.bias.uniform_(-0.1, 0.1)
    weights = [p for n, p in net.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in net.named_parameters() if n.endswith("bias")]
    opt = torch.optim.SGD([{"params": weights, "weight_decay": 1e-4}, {"params": biases, "weight_decay": 0.0}],
                          lr=1e-3, momentum=0.9)
    net.to(dev)
    dense = DenseV3Res(net)
    pool_x = torch.randn(a.pool, a.channels, 3, 3, device=dev)
    pool_y = torch.randn(a.pool, 1, 3, 3, device=dev)
    infer_x = {}
    params = list(net.parameters())
    state = {"perm": torch.randperm(a.pool, device=dev), "at": 0}

    def batch(size):
        if state["at"] + size > a.pool:
            state["perm"], state["at"] = torch.randperm(a.pool, device=dev), 0
        idx = state["perm"][state["at"]:state["at"] + size]
        state["at"] += size
        return pool_x.index_select(0, idx), pool_y.index_select(0, idx)

    def settings(precision):
        if cuda:
            torch.backends.cuda.matmul.allow_tf32 = precision == "tf32"
            torch.backends.cudnn.allow_tf32 = precision == "tf32"
        if precision == "bf16":
            return torch.autocast(device_type=dev.type, dtype=torch.bfloat16)
        return torch.autocast(device_type=dev.type, enabled=False)

    def sync():
        if cuda:
            torch.cuda.synchronize()

    def train(steps, size, precision, form):
        model = dense if form == "dense" else net
        net.train()
        for _ in range(steps):
            x, y = batch(size)
            opt.zero_grad(set_to_none=True)
            with settings(precision):
                out = model(x)
            loss = (out.float() - y).abs().sum() / x.shape[0]
            loss.backward()
            for p in params:
                torch.nn.utils.clip_grad_norm_(p, 0.01)
            opt.step()
            if not cuda:
                loss.item()
        sync()

    def infer(batches, size, precision, form):
        model = dense if form == "dense" else net
        if size not in infer_x:
            infer_x.clear()
            infer_x[size] = torch.randn(size, a.channels, 3, 3, device=dev)
        net.eval()
        with torch.no_grad(), settings(precision):
            for _ in range(batches):
                model(infer_x[size])[:, 0, 1, 1].contiguous()
        sync()

    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "parameters": sum(p.numel() for p in params), "device": str(dev),
                      "gpu": torch.cuda.get_device_name(0) if cuda else None}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "quit":
            break
        n = int(parts[1]) if len(parts) > 1 else 1
        size = int(parts[2]) if len(parts) > 2 else (a.train_batch if parts[0] == "train" else a.infer_batch)
        precision = parts[3] if len(parts) > 3 else "fp32"
        form = parts[4] if len(parts) > 4 else "conv"
        sync()
        t = time.perf_counter()
        if parts[0] == "train":
            train(n, size, precision, form)
        elif parts[0] == "infer":
            infer(n, size, precision, form)
        else:
            print(json.dumps({"error": "unknown command " + parts[0]}), flush=True)
            continue
        print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PyTorch peer of kotoba's GPT for the training-throughput benchmark (bench/train_throughput.sh).

The same model as kotoba.trainer.model.GptModel: token + learned position embeddings, pre-LN blocks with causal
multi-head attention and a 4x GELU MLP, final LayerNorm, output head (tied to the token embedding unless
--untied), AdamW (weight decay on matrices only) and gradient clipping at 1.0, fp32 on the CPU.

Modes:
  train  trains on a token file (int32 little-endian, as written by the benchmark) and prints one JSON line
  mm     measures fp32 matmul GFLOP/s at the given threads and prints one JSON line
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, h, t):
        super().__init__()
        self.h = h
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc = nn.Linear(d, 4 * d)
        self.out = nn.Linear(4 * d, d)
        self.register_buffer("mask", torch.full((t, t), float("-inf")).triu(1))

    def forward(self, x):
        b, t, c = x.shape
        hs = c // self.h
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        # [B, T, C] -> [B, nh, T, hs]
        q = q.view(b, t, self.h, hs).transpose(1, 2)
        k = k.view(b, t, self.h, hs).transpose(1, 2)
        v = v.view(b, t, self.h, hs).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs)) + self.mask[:t, :t]
        y = F.softmax(att, dim=-1) @ v
        y = y.transpose(1, 2).contiguous().view(b, t, c)
        x = x + self.proj(y)
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self, vocab, t, d, layers, heads, tied):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(t, d)
        self.blocks = nn.ModuleList(Block(d, heads, t) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        if tied:
            self.head.weight = self.wte.weight
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * layers) if name.endswith(("proj.weight", "out.weight")) else 0.02
                nn.init.normal_(p, 0.0, std)
            elif name.endswith("bias"):
                nn.init.zeros_(p)

    def forward(self, idx, targets):
        b, t = idx.shape
        x = self.wte(idx) + self.wpe(torch.arange(t, device=idx.device))
        for block in self.blocks:
            x = block(x)
        logits = self.head(self.ln_f(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def train(args):
    torch.manual_seed(1)
    tokens = np.fromfile(args.tokens, dtype="<i4").astype(np.int64)
    if tokens.size == 0 or tokens.max() >= args.vocab or tokens.min() < 0:
        sys.exit(f"token file {args.tokens} is empty or has ids outside [0, {args.vocab})")
    model = Gpt(args.vocab, args.context, args.d, args.layers, args.heads, not args.untied)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-4, betas=(0.9, 0.95), eps=1e-8)
    n_params = sum(p.numel() for p in model.parameters())
    per_step = args.batch * (args.context + 1)
    n_batches = tokens.size // per_step
    if n_batches < 1:
        sys.exit(f"token file holds {tokens.size} tokens, fewer than one batch of {per_step}")

    def batch(i):
        # Same slicing as the Java side: block j of step i is tokens[(i*B + j)*(T+1) : +T+1], wrapping around.
        blk = torch.from_numpy(tokens[(i % n_batches) * per_step:(i % n_batches + 1) * per_step])
        blk = blk.view(args.batch, args.context + 1)
        return blk[:, :-1].contiguous(), blk[:, 1:].contiguous()

    def step(i):
        x, y = batch(i)
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for i in range(args.warmup):
        step(i)
    deadline = time.perf_counter() + args.seconds
    t0 = time.perf_counter()
    steps = 0
    loss = float("nan")
    while steps < args.min_steps or time.perf_counter() < deadline:
        loss = step(args.warmup + steps)
        steps += 1
    elapsed = time.perf_counter() - t0
    print(json.dumps({"side": "torch-untied" if args.untied else "torch", "steps": steps, "seconds": elapsed,
                      "tokens_per_s": steps * args.batch * args.context / elapsed, "loss": loss,
                      "params": n_params, "threads": torch.get_num_threads()}))


def matmul(args):
    n = args.n
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    for _ in range(3):
        torch.mm(a, b)
    best = 0.0
    for _ in range(args.reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = max(best, 2.0 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    print(json.dumps({"side": "torch-mm", "n": n, "gflops": best, "threads": torch.get_num_threads()}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["train", "mm"])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tokens", help="int32 little-endian token file (train)")
    p.add_argument("--vocab", type=int, default=8000)
    p.add_argument("--context", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--d", type=int, default=128)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--untied", action="store_true", help="separate output head, as kotoba's DL4J graph has")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seconds", type=float, default=20.0, help="timed window (at least --min-steps steps)")
    p.add_argument("--min-steps", type=int, default=5)
    p.add_argument("--n", type=int, default=1024, help="matrix size (mm)")
    p.add_argument("--reps", type=int, default=10)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    if args.mode == "train":
        if not args.tokens:
            sys.exit("train needs --tokens")
        train(args)
    else:
        matmul(args)


if __name__ == "__main__":
    main()

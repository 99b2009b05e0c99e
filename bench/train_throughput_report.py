#!/usr/bin/env python3
"""Summarises bench/train_throughput.sh's JSON lines into a markdown table: tokens/s, ratios, MFU.

MFU = tokens/s * training FLOPs per token / matmul peak. FLOPs per token are kotoba's Flops (Kaplan: 6N + 6 L T d,
N without embeddings and head), given twice: with the output head (+6 d V) and without. Both sides train the same
shape, so one count serves both. The peak is the best fp32 matmul GFLOP/s seen in the run (torch.mm and ND4J mmul,
measured before and after the configs, same threads). A run with CORETYPES gets one row per config and
OPENBLAS_CORETYPE, side by side. With REPEATS, each side's tokens/s is its median over the repeats, and each ratio
is the median of the repeats' own ratios (the two sides of a repeat ran back to back), followed by their range.
"""
import json
import statistics
import sys


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    env = next((r for r in rows if r["side"] == "env"), {})
    end = next((r for r in rows if r["side"] == "env-end"), {})
    for r in rows:
        r.setdefault("openblas_coretype", env.get("openblas_coretype", "unset"))
    mm = [r for r in rows if r["side"].endswith("-mm")]
    cores = list(dict.fromkeys(r["openblas_coretype"] for r in rows if r["config"] not in ("-",)))
    several = len(cores) > 1
    peak = max(r["gflops"] for r in mm) * 1e9
    print(f"date {env.get('date')}, CPU {env.get('cpu')}, threads {env.get('threads')}, "
          f"OPENBLAS_CORETYPE={env.get('openblas_coretype')}, OMP_WAIT_POLICY={env.get('omp_wait_policy', 'unset')}, load before {env.get('uptime_before')}, "
          f"after {end.get('uptime_after')}")
    print("matmul peak (1024^3 fp32, GFLOP/s): " + ", ".join(
        f"{r['side']}{' [' + r['openblas_coretype'] + ']' if several else ''} {r['gflops']:.0f}" for r in mm)
          + f"; MFU below uses {peak / 1e9:.0f}")
    print()
    baseline = any(r["side"] == "kotoba-baseline" for r in rows)
    print("| config d/L/H |" + (" OPENBLAS_CORETYPE |" if several else "") + " kotoba tok/s | torch tied tok/s | torch untied tok/s | kotoba/torch tied "
          "| kotoba/torch untied | MFU kotoba (head / no head) | MFU torch tied (head / no head) |"
          + (" baseline tok/s | baseline/torch tied |" if baseline else ""))
    print("|---|---|---|---|---|---|---|---|" + ("---|" if several else "") + ("---|---|" if baseline else ""))
    configs = []
    for r in rows:
        if r["config"] not in ("-", "mm") and r["config"] not in configs:
            configs.append(r["config"])
    for cfg, core in [(c, o) for c in configs for o in cores]:
        runs = [r for r in rows if r["config"] == cfg and r["openblas_coretype"] == core]
        if not runs:
            continue
        repeats = sorted({r.get("repeat", 1) for r in runs})
        by_side = {}
        for r in runs:
            by_side.setdefault(r["side"], {})[r.get("repeat", 1)] = r["tokens_per_s"]
        k_row = next((r for r in runs if r["side"] == "kotoba"), None)

        def median(side):
            v = by_side.get(side)
            return statistics.median(v.values()) if v else None

        def tps(side):
            m = median(side)
            return f"{m:.0f}" if m else "-"

        def ratio(a, b):
            pairs = [by_side[a][i] / by_side[b][i] for i in repeats
                     if i in by_side.get(a, {}) and i in by_side.get(b, {})]
            if not pairs:
                return "-"
            spread = f" ({min(pairs):.2f}-{max(pairs):.2f})" if len(pairs) > 1 else ""
            return f"{statistics.median(pairs):.2f}{spread}"

        def mfu(side):
            m = median(side)
            if not (m and k_row):
                return "-"
            return (f"{100 * m * k_row['flops_per_token_with_head'] / peak:.0f}% / "
                    f"{100 * m * k_row['flops_per_token_no_head'] / peak:.0f}%")

        print(f"| {cfg.replace(':', '/')} |" + (f" {core} |" if several else "")
              + f" {tps('kotoba')} | {tps('torch')} | {tps('torch-untied')} | {ratio('kotoba', 'torch')} "
              f"| {ratio('kotoba', 'torch-untied')} | {mfu('kotoba')} | {mfu('torch')} |"
              + (f" {tps('kotoba-baseline')} | {ratio('kotoba-baseline', 'torch')} |" if baseline else ""))

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kotoba-bench/train_throughput.jsonl")

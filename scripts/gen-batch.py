#!/usr/bin/env python3
"""Writes a JSONL file of synthetic pcf/1 products for `pcf batch` benchmarks and tests.

    python3 scripts/gen-batch.py --products 100000 --lines 50 --seed 1 -o /tmp/batch.jsonl
    [--bad-every K]   every K-th record is broken (unknown unit), to exercise error lines

Deterministic for a seed (Python's random module). Each product draws its lines from built-in
factors with their own units (electricity in kWh, steel in t, fuels in t), amounts with up to
six significant digits. No numpy needed.
"""
import argparse
import json
import random

FACTORS = [
    ("cn.elec.footprint.2023.national", "kWh", 10, 5000),
    ("cn.elec.co2avg.2022.grid.east", "kWh", 10, 5000),
    ("cn.elec.co2avg.2022.sh", "kWh", 10, 5000),
    ("worldsteel.ghg.2024.world", "t", 0.001, 2),
    ("eu.cbam.default.cn.7208", "t", 0.001, 2),
    ("ipcc2006.fuel.coke_oven_coke.ch4.per-t", "t", 0.01, 5),
]


def product(rng, i, lines, bad):
    acts = []
    for j in range(lines):
        fid, unit, lo, hi = FACTORS[rng.randrange(len(FACTORS))]
        amount = float(f"{rng.uniform(lo, hi):.6g}")
        acts.append({"amount": amount, "unit": unit, "factor": fid, "stage": "production"})
    if bad:
        acts[lines // 2]["unit"] = "kWhh"
    return {
        "schema": "pcf/1",
        "product": {
            "name": f"product {i}",
            "sector": "other",
            "declared_unit": {"amount": 1, "unit": "item"},
        },
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": acts,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=1000)
    ap.add_argument("--lines", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad-every", type=int, default=0)
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        for i in range(1, a.products + 1):
            bad = a.bad_every > 0 and i % a.bad_every == 0
            f.write(json.dumps(product(rng, i, a.lines, bad), separators=(",", ":")))
            f.write("\n")


if __name__ == "__main__":
    main()

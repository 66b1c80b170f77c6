"""Doughnut portrait status counts for every area x period, in pandas/numpy: the peer of PortraitEngine.Compute.

Usage: python3 portraits_pandas.py SPEC.json DATA.csv OUT.csv

Reads the benchmark's definition (SPEC) and wide data (one row per period x area, columns v01..v50, empty = no
value), then, timed alone, normalises every indicator to a ratio on which 1 is the threshold, rounds it half
away from zero, reads each dimension's status and counts per row. Writes the counts (not timed) and prints one
line of JSON: seconds, cpu (user + system of the whole process over the computation), peakRssKb.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_kb():
    """VmHWM of this process's own memory. Not getrusage's ru_maxrss: Linux carries the high-water mark across
    exec, so a peer started by a large .NET process would report that process's size instead of its own."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def round_away(ratio, decimals):
    scale = 10.0 ** decimals
    return np.sign(ratio) * np.floor(np.abs(ratio) * scale + 0.5) / scale


def ratio_of(df, indicator, ring):
    values = df[indicator["column"]].to_numpy()
    t = indicator["threshold"]
    rule = indicator["normalisation"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if rule == "RatioToBoundary":
            turned = (ring == "social") == indicator["lowerIsBetter"]
            return np.where(values == 0, np.inf, t / values) if turned else values / t
        if rule == "ShareDeprived":
            return (100 - values) / (100 - t)
        if rule == "BaselineAnchoredRatio":
            b = indicator["baseline"]
            return (values - b) / (t - b)
        if rule == "MinMaxToThreshold":
            # The worst place of the set: the period's highest value when lower is better, else its lowest.
            worst = df.groupby("period")[indicator["column"]].transform("max" if indicator["lowerIsBetter"] else "min").to_numpy()
            return np.where(worst == t, np.nan, (values - worst) / (t - worst))
    raise ValueError(rule)


def compute(df, spec):
    rows = len(df)
    counts = {name: np.zeros(rows, dtype=np.int32) for name in ("sa", "sw", "et", "ew")}
    for dimension in spec["dimensions"]:
        ring = dimension["ring"]
        bad = np.zeros(rows, dtype=bool)
        has = np.zeros(rows, dtype=bool)
        for indicator in dimension["indicators"]:
            r = round_away(ratio_of(df, indicator, ring), spec["decimals"])
            has |= ~np.isnan(r)
            bad |= (r < 1) if ring == "social" else (r > 1)
        if ring == "social":
            counts["sw"] += has
            counts["sa"] += has & ~bad
        else:
            counts["ew"] += has
            counts["et"] += bad
    return pd.DataFrame({"period": df["period"].to_numpy(), "area": df["area"].to_numpy(), **counts})


def main():
    spec_path, data_path, out_path = sys.argv[1:4]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    df = pd.read_csv(data_path, dtype={"period": np.int32, "area": np.int32})
    cpu, clock = cpu_seconds(), time.perf_counter()
    result = compute(df, spec)
    seconds, cpu = time.perf_counter() - clock, cpu_seconds() - cpu
    result.sort_values(["period", "area"]).to_csv(out_path, index=False)
    peak = peak_rss_kb()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peakRssKb": peak, "pandas": pd.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()

"""Median and quartiles of every question's level per peer group and period, in pandas: the peer of BenchmarkEngine.

Usage: python3 assessment_benchmarks_pandas.py ANSWERS.csv MEMBERSHIP.csv OUT.csv [REPEATS]

ANSWERS has one row per answer (period, org, question, level); MEMBERSHIP one row per organisation and peer group
it belongs to (org, group). Timed alone, after loading, REPEATS times (default 3; the median is reported): join the
answers to the groups, then a plain group-by of period x group x question giving count, median and the lower and
upper quartiles (pandas' default linear interpolation). No suppression and no weakest-link levels: that is the
Observatory's extra work. Writes the figures (not timed) and prints one line of JSON: seconds, cpu, peakRssKb.
"""
import json
import resource
import statistics
import sys
import time

import pandas as pd


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_kb():
    """VmHWM of this process's own memory (not ru_maxrss, which Linux carries across exec from the parent)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def compute(answers, membership):
    joined = answers.merge(membership, on="org")
    levels = joined.groupby(["period", "group", "question"], sort=True)["level"]
    return pd.DataFrame({
        "count": levels.count(),
        "median": levels.median(),
        "lower_quartile": levels.quantile(0.25),
        "upper_quartile": levels.quantile(0.75),
    })


def main():
    answers_path, membership_path, out_path = sys.argv[1:4]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    answers = pd.read_csv(answers_path, dtype={"period": str, "org": "int32", "question": str, "level": "int8"})
    membership = pd.read_csv(membership_path, dtype={"org": "int32", "group": str})
    times, cpus, result = [], [], None
    for _ in range(repeats):
        cpu, clock = cpu_seconds(), time.perf_counter()
        result = compute(answers, membership)
        times.append(time.perf_counter() - clock)
        cpus.append(cpu_seconds() - cpu)
    result.reset_index().to_csv(out_path, index=False)
    print(json.dumps({"seconds": statistics.median(times), "cpu": statistics.median(cpus), "peakRssKb": peak_rss_kb(),
                      "rows": int(len(answers)), "figures": int(len(result)), "pandas": pd.__version__}))


if __name__ == "__main__":
    main()

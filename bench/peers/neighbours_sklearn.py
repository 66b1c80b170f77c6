"""All-pairs k nearest neighbours with scikit-learn's brute force: the peer of NeighbourEngine.Nearest.

Usage: python3 neighbours_sklearn.py MATRIX.f64 AREAS INDICATORS K STRIDE OUT.csv

MATRIX is AREAS x INDICATORS float64, row-major (the benchmark's standardised values). Timed alone: fit and
kneighbors of every area (K includes the area itself). Writes the neighbours of every STRIDE-th area (not timed)
and prints one line of JSON: seconds, cpu (user + system of the whole process over the computation), peakRssKb.
"""
import json
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors


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


def main():
    path, areas, indicators, k, stride, out_path = sys.argv[1:7]
    x = np.fromfile(path, dtype=np.float64).reshape(int(areas), int(indicators))
    cpu, clock = cpu_seconds(), time.perf_counter()
    model = NearestNeighbors(n_neighbors=int(k), algorithm="brute").fit(x)
    _, neighbours = model.kneighbors(x)
    seconds, cpu = time.perf_counter() - clock, cpu_seconds() - cpu
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("area," + ",".join(f"n{i}" for i in range(int(k))) + "\n")
        for a in range(0, int(areas), int(stride)):
            out.write(f"{a}," + ",".join(str(int(b)) for b in neighbours[a]) + "\n")
    peak = peak_rss_kb()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peakRssKb": peak, "sklearn": sklearn.__version__}))


if __name__ == "__main__":
    main()

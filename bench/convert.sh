#!/usr/bin/env bash
# JMH benchmark of the CPU conversions (publisher-bridge, io.gevgate.bridge.convert.bench):
# 1920x1080 frames, ns/frame and MB/s of source data, with MemorySegment.copy of the same
# source bytes as the baseline measured in the same run; plus SegmentAccessBenchmark (per-byte
# MemorySegment access vs bulk row copies into byte[], the design choice of the row kernels).
#
# Usage: bench/convert.sh [extra JMH args]          e.g. bench/convert.sh -p threads=1,4
#   JMH_RUN="-f 1 -wi 1 -i 2 -w 1s -r 1s" ...        replaces the run-length options
#   BENCH_NO_BUILD=1 BENCH_CP=... JAVA_CMD=...        run prebuilt classes elsewhere (no Maven)
# Writes bench/results/convert.json (raw JMH) and bench/results/convert.txt (table).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java_cmd="${JAVA_CMD:-$JAVA_HOME/bin/java}"
mkdir -p bench/results
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -DskipTests install -pl publisher-bridge -am
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$root/publisher-bridge/target/convert-bench.cp" \
    -Dmdep.includeScope=test -pl publisher-bridge
  # Snapshot the classes: a rebuild while JMH forks are running must not pull classes away.
  snap=publisher-bridge/target/convert-bench-classes
  rm -rf "$snap" && mkdir -p "$snap"
  cp -r publisher-bridge/target/classes "$snap/main" && cp -r publisher-bridge/target/test-classes "$snap/test"
  BENCH_CP="$snap/test:$snap/main:$(cat publisher-bridge/target/convert-bench.cp)"
fi
"$java_cmd" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" org.openjdk.jmh.Main \
  'io.gevgate.bridge.convert.bench.(ConvertBenchmark|SegmentAccessBenchmark)' \
  ${JMH_RUN:--f 1 -wi 3 -i 5 -w 1s -r 1s} -rf json -rff bench/results/convert.json "$@"

# Table: wall-clock ns/frame (JMH score), thread-CPU ns/frame (CpuClock counters: steadier on a
# loaded machine), source MB/s (10^6 bytes/s, from CPU time) and CPU time relative to the copy
# baseline of the same source bytes.
python3 - "$root/bench/results/convert.json" <<'PY' | tee bench/results/convert.txt
import json, os, sys, time
rows = json.load(open(sys.argv[1]))
load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
print("# %s, %d cpus, load average %s (other work on the host inflates wall time first)"
      % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(), " ".join(load)))
src_bytes = {"BAYER_RG8": 1920*1080, "MONO8": 1920*1080, "YUV422_YUYV": 2*1920*1080, "BAYER_RG12P": 1920*1080*3//2}
def cpu_ns(r):
    m = r.get("secondaryMetrics") or {}
    try:
        return float(m["cpuNanos"]["score"]) / float(m["frames"]["score"])
    except (KeyError, ZeroDivisionError):
        return float("nan")
base, conv, access = {}, [], []
for r in rows:
    p = r.get("params") or {}
    cls, name = r["benchmark"].rsplit(".", 2)[1:]
    ns = float(r["primaryMetric"]["score"]); err = float(r["primaryMetric"]["scoreError"])
    if cls == "SegmentAccessBenchmark":
        access.append((name, ns, err, cpu_ns(r)))
    elif name == "copySourceBaseline":
        base[(p["conversion"], p["threads"])] = (ns, cpu_ns(r))
    else:
        conv.append((p["conversion"], p["threads"], ns, err, cpu_ns(r)))
print("%-20s %3s %11s %10s %11s %9s %10s %10s %7s" % ("1920x1080", "thr", "wall ns", "+-", "cpu ns", "MB/s", "copy wall", "copy cpu", "x copy"))
for key, th, ns, err, cpu in conv:
    mbs = src_bytes[key.rsplit("_", 1)[0]] / cpu * 1e3
    bw, bc = base.get((key, th), (float("nan"), float("nan")))
    print("%-20s %3s %11.0f %10.0f %11.0f %9.1f %10.0f %10.0f %7.1f" % (key, th, ns, err, cpu, mbs, bw, bc, cpu / bc))
if access:
    print()
    print("%-36s %11s %10s %11s   (1920x1080 frame)" % ("segment access (Mono8 LUT; 3-row kernel)", "wall ns", "+-", "cpu ns"))
    for name, ns, err, cpu in access:
        print("%-36s %11.0f %10.0f %11.0f" % (name, ns, err, cpu))
PY

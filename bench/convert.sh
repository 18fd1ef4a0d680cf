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

# Table: ns/frame, source MB/s (10^6 bytes/s) and time relative to the copy baseline of the same case.
python3 - "$root/bench/results/convert.json" <<'PY' | tee bench/results/convert.txt
import json, sys
rows = json.load(open(sys.argv[1]))
src_bytes = {"BAYER_RG8": 1920*1080, "MONO8": 1920*1080, "YUV422_YUYV": 2*1920*1080, "BAYER_RG12P": 1920*1080*3//2}
base, conv, access = {}, [], []
for r in rows:
    p = r.get("params") or {}
    cls, name = r["benchmark"].rsplit(".", 2)[1:]
    ns = float(r["primaryMetric"]["score"]); err = float(r["primaryMetric"]["scoreError"])
    if cls == "SegmentAccessBenchmark":
        access.append((name, ns, err))
    elif name == "copySourceBaseline":
        base[p["conversion"]] = ns
    else:
        conv.append((p["conversion"], int(p["threads"]), ns, err))
print("%-22s %7s %12s %10s %10s %10s %8s" % ("conversion 1920x1080", "threads", "ns/frame", "+-", "src MB/s", "copy ns", "x copy"))
for key, th, ns, err in conv:
    mbs = src_bytes[key.rsplit("_", 1)[0]] / ns * 1e3
    b = base.get(key)
    print("%-22s %7d %12.0f %10.0f %10.1f %10.0f %8.1f" % (key, th, ns, err, mbs, b, ns / b))
if access:
    print()
    print("%-36s %12s %10s   (Mono8 -> Y via LUT, 1920x1080)" % ("segment access", "ns/frame", "+-"))
    for name, ns, err in access:
        print("%-36s %12.0f %10.0f" % (name, ns, err))
PY

#!/usr/bin/env bash
# JMH: parse + validate a 4-component, 7-part GenDC descriptor (io.gevgate.gendc.bench).
# Writes bench/results/gendc.json (JMH JSON) and prints ns/op and bytes allocated per op.
# Extra arguments go to JMH; the default run is short: -f 1 -wi 3 -i 5 (1 s each) with -prof gc.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
mkdir -p bench/results gendc/target
./mvnw -q -B test-compile -pl gendc
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$root/gendc/target/bench.classpath" \
  -Dmdep.includeScope=test -pl gendc >/dev/null
cp="gendc/target/test-classes:gendc/target/classes:$(cat gendc/target/bench.classpath)"
out=bench/results/gendc.json
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main \
  'io.gevgate.gendc.bench.DescriptorParseBenchmark' \
  -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -rf json -rff "$out" "$@"

# Summary table from the JSON (python3 is on Debian by default; skipped without it).
if command -v python3 >/dev/null; then
  python3 - "$out" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
rows = {}
for r in runs:
    name = r["benchmark"].rsplit(".", 1)[1]
    pm = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows[name] = (pm["score"], pm["scoreError"], alloc)
base = rows.get("baselineRawWalkNoValidation", (float("nan"),))[0]
print(f"\n{'benchmark':42} {'ns/op':>10} {'+-':>8} {'B/op':>8} {'x baseline':>11}")
for name, (score, err, alloc) in rows.items():
    print(f"{name:42} {score:10.1f} {err:8.1f} {alloc:8.2f} {score / base:11.1f}")
PY
fi

# Thread-CPU-time companion (the JMH figures above are wall time, inflated on a loaded host).
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.gevgate.gendc.bench.CpuTimePerOp \
  bench/results/gendc-cputime.json
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

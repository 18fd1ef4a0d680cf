#!/usr/bin/env bash
# cuframes end-to-end benchmark (memfd slots, 1920x1080 NV12): publish -> subscriber-visible
# latency p50/p99/p99.9 with 1 and 4 subscribers (baseline: the same wait strategy polling an
# AtomicLong) and the maximum publish rate (baseline: a bare 3.1 MB memcpy), measured in one run.
# Prints a table and writes bench/results/cuframes-bench.json.
# Usage: bench/cuframes-bench.sh [FRAMES (3000)] [PERIOD_US (2000)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# One reactor invocation (publisher-bridge builds last, so its class path is what stays in $cpfile);
# sibling modules resolve to their fresh target/ jars, nothing is installed into ~/.m2.
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test \
  -pl publisher-bridge -am
cp="publisher-bridge/target/test-classes:publisher-bridge/target/classes:$(cat "$cpfile")"
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms256m -cp "$cp" \
  io.gevgate.bridge.cuframes.bench.CuframesBench bench/results/cuframes-bench.json "${1:-3000}" "${2:-2000}"

#!/usr/bin/env bash
# JMH: GVCP flyweight encode/decode cost and allocation per operation (-prof gc).
# Baseline in the same run: none needed for an absolute ns/op figure; gc.alloc.rate.norm must be ~0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p bench/results
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test \
  -pl acquisition -am >/dev/null
cp="acquisition/target/test-classes:acquisition/target/classes:$(cat "$tmp/cp.txt")"
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.gevgate.acquisition.gvcp.bench.GvcpCodecBenchmark' \
  -prof gc -rf json -rff bench/results/gvcp-codec.json "$@" | grep -E "^Benchmark|GvcpCodecBenchmark\.[a-zA-Z]+ |gc.alloc.rate.norm"
echo "JSON: bench/results/gvcp-codec.json"

#!/usr/bin/env bash
# Gateway benchmark (CPU path): 1920x1080 BayerRG8 from the in-process simulator -> NV12 -> cuframes
# -> one subscriber. Per camera frame rate: sent/published/lost frames and frame complete ->
# subscriber-visible latency p50/p99; the highest rate with nothing lost; baseline: the conversion
# alone. Prints a table and writes bench/results/gateway.json.
# Usage: bench/gateway.sh [SECONDS_PER_RATE (5)] [RATES... (10 20 30 45 60)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
secs="${1:-5}"
shift || true
rates=("$@")
if [ ${#rates[@]} -eq 0 ]; then rates=(10 20 30 45 60); fi
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test \
  -pl publisher-bridge -am
cp="publisher-bridge/target/test-classes:publisher-bridge/target/classes:$(cat "$cpfile")"
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms512m -cp "$cp" \
  io.gevgate.bridge.gateway.bench.GatewayBench bench/results/gateway.json "$secs" "${rates[@]}"

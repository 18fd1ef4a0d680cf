#!/usr/bin/env bash
# GPU conversion benchmark (io.gevgate.bridge.gpu.bench.GpuBenchmark): kernel time vs a D2D copy of
# the same bytes, H2D vs the pinned peak, for 1080p/2160p Mono8, BayerRG8, BayerRG12p -> NV12.
# On a host with a GPU and Java: runs it here and writes bench/results/gpu.json.
# Without one: builds gpu-bundle/ (scripts/gpu-test.sh); run gpu-bundle/bench.sh on the GPU host
# and copy its results/gpu.json to bench/results/gpu.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -e /dev/nvidiactl ]]; then
  echo "bench/gpu.sh: no NVIDIA driver here (/dev/nvidiactl missing): building gpu-bundle/ instead" >&2
  scripts/gpu-test.sh
  echo "bench/gpu.sh: copy gpu-bundle/ to the GPU host, run gpu-bundle/bench.sh, then copy" \
       "gpu-bundle/results/gpu.json to bench/results/gpu.json" >&2
  exit 0
fi
./mvnw -q -B -DskipTests test-compile -pl publisher-bridge -am
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test -pl publisher-bridge
mkdir -p bench/results
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "publisher-bridge/target/test-classes:publisher-bridge/target/classes:$(cat "$cpfile")" \
  io.gevgate.bridge.gpu.bench.GpuBenchmark bench/results/gpu.json

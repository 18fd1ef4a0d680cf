#!/usr/bin/env bash
# Builds a self-contained bundle for the GPU host (which has no Java) in gpu-bundle/ (git-ignored):
#   runtime/        jlink'd JDK 25 (java.base, java.logging, java.xml, jdk.unsupported)
#   lib/            gevgate module jars + their dependencies (JavaCPP CUDA, picocli, AssertJ, ...)
#   test-classes/   publisher-bridge test classes (the @Tag("gpu") tests live there)
#   src/test/c/     the C conformance peers (the C subscriber is compiled on the GPU host if gcc exists)
#   junit-platform-console-standalone.jar, run.sh (gpu tests), bench.sh (GPU conversion benchmark),
#   gateway-bench.sh, cuframes-bench.sh [memfd|vmm] (cuframes latency/rate benchmark),
#   all.sh OUTDIR (tests + bench + gateway-bench in one call, for a single device run)
# Then: copy gpu-bundle/ to the GPU host and run gpu-bundle/run.sh (extra args go to the JUnit
# console launcher). Usage: scripts/gpu-test.sh [--run]   (--run also runs it here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
bundle="$root/gpu-bundle"
junit_version=6.1.3

cd "$root"
rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/test-classes" "$bundle/src/test"

echo "gpu-test: building publisher-bridge and its test classes..." >&2
# One reactor invocation: copy-dependencies must see the sibling modules' fresh jars, not ~/.m2's.
./mvnw -q -B -DskipTests package dependency:copy-dependencies -pl publisher-bridge -am \
  -DincludeScope=test -DoutputDirectory="$bundle/lib" \
  -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian,org.openjdk.jmh,net.sf.jopt-simple,org.apache.commons,net.bytebuddy
# AssertJ's byte-buddy (9 MB) only serves soft assertions/proxies, which the gpu tests do not use.
cp publisher-bridge/target/gevgate.jar "$bundle/lib/"
rm -f "$bundle"/lib/gevgate-publisher-bridge-*.jar
cp -r publisher-bridge/target/test-classes/. "$bundle/test-classes/"
cp -r publisher-bridge/src/test/c "$bundle/src/test/c"
./mvnw -q -B dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_version" \
  -DoutputDirectory="$bundle" -Dmdep.stripVersion=true

echo "gpu-test: linking the runtime..." >&2
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.xml,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress zip-9 --output "$bundle/runtime"
# The device call carries at most 64 MiB (working tree included): unneeded symbols of the native
# libraries (libjvm.so alone: 29 -> 24 MB) are dead weight there. Dynamic symbols stay.
if command -v strip >/dev/null; then
  find "$bundle/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +
fi

cat > "$bundle/run.sh" <<'RUN'
#!/usr/bin/env bash
# Runs gevgate's @Tag("gpu") tests with the bundled runtime. Extra arguments go to the JUnit
# console launcher (e.g. --include-tag gpu is already set; add --details=verbose).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
cp="test-classes"
for j in lib/*.jar junit-platform-console-standalone.jar; do cp="$cp:$j"; done
# Everything on the JVM class path (not the launcher's --class-path): child JVMs started by the
# tests reuse java.class.path.
exec runtime/bin/java --enable-native-access=ALL-UNNAMED -Xss4m \
  -Dorg.bytedeco.javacpp.cachedir="$here/.javacpp-cache" \
  -cp "$cp" org.junit.platform.console.ConsoleLauncher execute \
  --scan-class-path test-classes --include-engine junit-jupiter --include-tag gpu --details=tree --disable-banner \
  --reports-dir "$here/reports" "$@"
RUN
chmod +x "$bundle/run.sh"

# GPU conversion benchmark (bridge.gpu): prints a table, writes results/gpu.json in the bundle;
# copy that file to bench/results/gpu.json in the repository.
cat > "$bundle/bench.sh" <<'BENCH'
#!/usr/bin/env bash
# Usage: gpu-bundle/bench.sh [output.json]   (default: results/gpu.json inside the bundle)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:-$here/results/gpu.json}")"
cd "$here"
cp="test-classes"
for j in lib/*.jar; do cp="$cp:$j"; done
export GEVGATE_CUBIN_CACHE="${GEVGATE_CUBIN_CACHE:-$here/.cubin-cache}"
exec runtime/bin/java --enable-native-access=ALL-UNNAMED \
  -Dorg.bytedeco.javacpp.cachedir="$here/.javacpp-cache" \
  -cp "$cp" io.gevgate.bridge.gpu.bench.GpuBenchmark "$out"
BENCH
chmod +x "$bundle/bench.sh"

# Gateway latency benchmark (bridge.gateway): simulator -> gateway -> subscriber, GPU path vs CPU
# path in one run; copy results/gateway-gpu.json to bench/results/ in the repository.
cat > "$bundle/gateway-bench.sh" <<'GWBENCH'
#!/usr/bin/env bash
# Usage: gpu-bundle/gateway-bench.sh [output.json] [seconds per path]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:-$here/results/gateway-gpu.json}")"
cd "$here"
cp="test-classes"
for j in lib/*.jar; do cp="$cp:$j"; done
export GEVGATE_CUBIN_CACHE="${GEVGATE_CUBIN_CACHE:-$here/.cubin-cache}"
exec runtime/bin/java --enable-native-access=ALL-UNNAMED \
  -Dorg.bytedeco.javacpp.cachedir="$here/.javacpp-cache" \
  -cp "$cp" io.gevgate.bridge.gateway.bench.GatewayLatencyBenchmark "$out" "${2:-15}"
GWBENCH
chmod +x "$bundle/gateway-bench.sh"

# cuframes end-to-end benchmark (bridge.cuframes.bench.CuframesBench): publish -> subscriber-visible
# latency and publish rate, memfd slots or CUDA VMM slots, baselines measured in the same run.
cat > "$bundle/cuframes-bench.sh" <<'CFBENCH'
#!/usr/bin/env bash
# Usage: gpu-bundle/cuframes-bench.sh [memfd|vmm] [output.json] [frames (3000)] [period_us (2000)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:-vmm}"
out="$(realpath -m "${2:-$here/results/cuframes-bench-$mode.json}")"
cd "$here"
cp="test-classes"
for j in lib/*.jar; do cp="$cp:$j"; done
exec runtime/bin/java --enable-native-access=ALL-UNNAMED -Xms256m \
  -Dorg.bytedeco.javacpp.cachedir="$here/.javacpp-cache" \
  -cp "$cp" io.gevgate.bridge.cuframes.bench.CuframesBench "$mode" "$out" "${3:-3000}" "${4:-2000}"
CFBENCH
chmod +x "$bundle/cuframes-bench.sh"

# Everything in one device call (device time is scarce): gpu tests, conversion benchmark (with the
# NPP comparison), gateway latency benchmark; one shared CUBIN cache so NVRTC compiles once.
cat > "$bundle/all.sh" <<'ALL'
#!/usr/bin/env bash
# Usage: gpu-bundle/all.sh OUTDIR   -> OUTDIR/{gpu-tests.txt, gpu.json, gpu.txt, gateway-gpu.json, gateway-gpu.txt}
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:?usage: all.sh OUTDIR}")"
mkdir -p "$out"
export GEVGATE_CUBIN_CACHE="$here/.cubin-cache"
(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true) > "$out/device.txt" 2>&1
timeout 300 bash "$here/run.sh" --disable-ansi-colors > "$out/gpu-tests.txt" 2>&1; echo "gpu tests: exit $?" >> "$out/status.txt"
timeout 150 bash "$here/bench.sh" "$out/gpu.json" > "$out/gpu.txt" 2>&1; echo "bench: exit $?" >> "$out/status.txt"
timeout 380 bash "$here/gateway-bench.sh" "$out/gateway-gpu.json" 20 > "$out/gateway-gpu.txt" 2>&1; echo "gateway-bench: exit $?" >> "$out/status.txt"
cat "$out/device.txt" "$out/status.txt"
grep -E "tests (successful|failed)|MISMATCH" "$out/gpu-tests.txt" | head -20
grep -vE "^(WARNING|INFO|Nov|[A-Z][a-z]{2} [0-9]+, )" "$out/gpu.txt" | tail -40
grep -E "preloaded|^path|^gpu/|^cpu/|GPU steps" "$out/gateway-gpu.txt" | tail -16
ALL
chmod +x "$bundle/all.sh"

size_kb=$(du -sk "$bundle" | cut -f1)
echo "gpu-test: bundle $bundle is $((size_kb / 1024)) MiB" >&2
if (( size_kb >= 64 * 1024 )); then
  echo "gpu-test: bundle exceeds 64 MiB" >&2
  exit 1
fi
if [[ "${1:-}" == "--run" ]]; then
  exec "$bundle/run.sh"
fi

#!/usr/bin/env bash
# GVSP loopback benchmark, one run: kernel UDP limit (iperf3 -u, and bench/udp_blast.c: the same
# sendmmsg/recvmmsg syscalls without protocol work, plain and with a UDP GSO sender that outruns a
# plain recvmmsg receiver), the emitter alone, the receiver's maximum loss-free throughput with N
# emitters offering load, and receiver/emitter CPU seconds per GB, for 1400-byte and 8 KiB packets.
# Usage: bench/gvsp.sh [seconds-per-trial] [emitters] [gso|plain]   (emitters send with UDP GSO by default)
# Results: table on stdout, JSON in bench/results/gvsp-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/gvsp-bench.cp \
    -Dmdep.includeScope=test -pl linux,acquisition,simulator -am
BLAST=""
if command -v gcc >/dev/null; then
    gcc -O2 -Wall -pthread -o simulator/target/udp_blast bench/udp_blast.c && BLAST=simulator/target/udp_blast
fi
CP="simulator/target/test-classes:simulator/target/classes:$(cat simulator/target/gvsp-bench.cp)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m -cp "$CP" \
    io.gevgate.simulator.stream.bench.GvspBench bench/results "${1:-2}" "${2:-1}" "$BLAST" "${3:-gso}"

#!/usr/bin/env bash
# Soft-RoCE loopback benchmark, one run: kernel UDP limit (iperf3 -u on 127.0.0.1, same datagram
# size), the soft-RoCE receiver and the GVSP receiver on the same 1024x1024 frame and 4128-byte UDP
# payload: free-running and highest loss-free rate, receiver CPU s/GB, frame-complete -> consumer
# latency. Usage: bench/roce.sh [seconds-per-trial]. Results: table on stdout, JSON in
# bench/results/roce-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/roce-bench.cp \
    -Dmdep.includeScope=test -pl linux,acquisition,simulator -am
BLAST=""
if command -v gcc >/dev/null; then gcc -O2 -Wall -pthread -o simulator/target/udp_blast bench/udp_blast.c && BLAST=simulator/target/udp_blast; fi
CP="simulator/target/test-classes:simulator/target/classes:$(cat simulator/target/roce-bench.cp)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
    io.gevgate.simulator.roce.bench.RoceBench bench/results "${1:-2}" "$BLAST"

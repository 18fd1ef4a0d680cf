#!/usr/bin/env bash
# JMH: GenApi load + link time of a generated ~1 MB GenICam XML (and Aravis's fake-camera XML).
# Writes bench/results/genapi-load.json and prints JMH's table. Usage: bench/genapi-load.sh [JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B test-compile -pl acquisition -am
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -pl acquisition
cp="acquisition/target/test-classes:acquisition/target/classes:$(cat "$cp_file")"
mkdir -p bench/results
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'GenApiLoadBenchmark' \
  -rf json -rff bench/results/genapi-load.json "$@"
echo "results: bench/results/genapi-load.json"

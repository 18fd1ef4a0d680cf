#!/usr/bin/env bash
# JMH: GenApi load + link time of a generated ~1 MB GenICam XML (and Aravis's fake-camera XML).
# Writes bench/results/genapi-load.json and prints JMH's table, then the loading thread's CPU time
# for the same operations (bench/results/genapi-load-cpu.json): on a shared, overloaded machine
# JMH's wall-clock averages mostly measure waiting for a core. Usage: bench/genapi-load.sh [JMH args]
# The machine is shared: when another JMH run holds /tmp/jmh.lock, wait for it (up to ~15 min)
# instead of measuring concurrently.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B test-compile -pl acquisition -am
cp_file=$(mktemp)
log=$(mktemp)
trap 'rm -f "$cp_file" "$log"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -pl acquisition
cp="acquisition/target/test-classes:acquisition/target/classes:$(cat "$cp_file")"
mkdir -p bench/results
for attempt in $(seq 1 45); do
  if "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'GenApiLoadBenchmark' \
      -rf json -rff bench/results/genapi-load.json "$@" 2>&1 | tee "$log"; then
    if ! grep -q 'Unable to acquire the JMH lock' "$log"; then
      if grep -q '<failure>' "$log"; then
        echo "a benchmark failed" >&2
        exit 1
      fi
      echo "results: bench/results/genapi-load.json"
      "$JAVA_HOME/bin/java" -cp "$cp" io.gevgate.acquisition.bench.GenApiLoadCpuTime bench/results/genapi-load-cpu.json
      exit 0
    fi
  fi
  grep -q 'Unable to acquire the JMH lock' "$log" || exit 1
  echo "another JMH run holds the lock; waiting (attempt $attempt)" >&2
  sleep 20
done
echo "gave up waiting for the JMH lock" >&2
exit 1

#!/usr/bin/env bash
# Starts the viewer in a virtual X display (Xvfb) against the in-process streaming simulator
# (127.0.0.170) and a cuframes publisher, and saves a screenshot of each panel into docs/images/
# (or the directory given as $1). Look at the PNGs: a broken layout is a failed test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/images}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v Xvfb >/dev/null || { echo "viewer-screenshots: Xvfb is not installed (apt-get install xvfb)" >&2; exit 1; }
cd "$root"
cp_file="$root/viewer/target/test-classpath.txt"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -pl viewer -am
display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dprism.order=sw \
  -cp "$root/viewer/target/test-classes:$root/viewer/target/classes:$(cat "$cp_file")" \
  io.gevgate.viewer.ScreenshotTour "$out"

#!/usr/bin/env bash
# READREG round trip on loopback: our GvcpClient vs arv-tool-0.8, same register of the same device
# (our simulator on 127.0.0.38), in one run.
#
# Two views of the same run:
#  * in-process: our client timing each readRegister() with System.nanoTime (client API cost included);
#  * on the wire: a tshark capture on lo, paired command -> ack by (client port, request id), for both
#    clients. arv-tool issues one READREG per 'R[0x938]' argument, so its round trips can only be seen
#    on the wire; 'cycle' is command -> next command of the same client (round trip + client overhead).
# Output: a table on stdout and bench/results/gvcp-readreg.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
ADDRESS=127.0.0.38
REG=0x938
N="${N:-5000}"
WARMUP="${WARMUP:-2000}"
ARV_N="${ARV_N:-2000}"
command -v arv-tool-0.8 >/dev/null || { echo "arv-tool-0.8 missing (apt-get install aravis-tools-cli)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "tshark missing" >&2; exit 1; }
mkdir -p bench/results
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test \
  -pl simulator -am >/dev/null
cp="simulator/target/test-classes:simulator/target/classes:$(cat "$tmp/cp.txt")"
java="$JAVA_HOME/bin/java"

"$java" -cp "$cp" io.gevgate.simulator.bench.ReadRegBenchMain sim "$ADDRESS" 300 >"$tmp/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "SIM READY" "$tmp/sim.log" && break; sleep 0.1; done
grep -q "SIM READY" "$tmp/sim.log" || { echo "simulator did not start" >&2; cat "$tmp/sim.log" >&2; exit 1; }

tshark -i lo -f "udp and host $ADDRESS" -w "$tmp/cap.pcapng" >"$tmp/tshark.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do grep -q "Capturing on" "$tmp/tshark.log" && break; sleep 0.1; done
sleep 0.5

ours="$("$java" -cp "$cp" io.gevgate.simulator.bench.ReadRegBenchMain client "$ADDRESS" "$N" "$WARMUP" "$REG")"
args=(); for _ in $(seq "$ARV_N"); do args+=("R[$REG]"); done
arv_t0=$(date +%s.%N)
arv-tool-0.8 -a "$ADDRESS" control "${args[@]}" >"$tmp/arv.out"
arv_t1=$(date +%s.%N)
sleep 1
kill -TERM "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
arv_reads=$(grep -c "R\[0x00000938\]" "$tmp/arv.out" || true)

tshark -r "$tmp/cap.pcapng" -T fields -e frame.time_epoch -e udp.srcport -e udp.dstport -e udp.payload >"$tmp/fields.txt"
python3 - "$tmp/fields.txt" "$ours" "$N" "$ARV_N" "$arv_reads" "$arv_t0" "$arv_t1" <<'PY'
import json, statistics, sys
fields, ours_line, n, arv_n, arv_reads, t0, t1 = sys.argv[1:8]
reg = 0x938
cmds = {}      # (client port, req id) -> time of the READREG of reg
rtts = {}      # client port -> list of wire RTT us
times = {}     # client port -> command times (for cycle)
for line in open(fields):
    parts = line.split("\t")
    if len(parts) < 4:
        continue
    t, sp, dp, payload = float(parts[0]), int(parts[1]), int(parts[2]), bytes.fromhex(parts[3].strip())
    if len(payload) < 8:
        continue
    if dp == 3956 and payload[0] == 0x42 and payload[2:4] == b"\x00\x80" and len(payload) == 12 \
            and int.from_bytes(payload[8:12], "big") == reg:
        cmds[(sp, payload[6:8])] = t
        times.setdefault(sp, []).append(t)
    elif sp == 3956 and payload[2:4] == b"\x00\x81":
        key = (dp, payload[6:8])
        if key in cmds:
            rtts.setdefault(dp, []).append((t - cmds.pop(key)) * 1e6)
def pct(v, p):
    v = sorted(v); return v[min(len(v) - 1, max(0, int(round(p / 100 * len(v) + 0.5)) - 1))]
def stats(v):
    return {"count": len(v), "median_us": round(statistics.median(v), 2), "p99_us": round(pct(v, 99), 2)}
ports = sorted(rtts, key=lambda p: len(rtts[p]), reverse=True)
# our client made N+warmup reads from one port; arv-tool made ARV_N from another
ours_port = max(ports, key=lambda p: len(rtts[p]))
arv_ports = [p for p in ports if p != ours_port]
arv_port = max(arv_ports, key=lambda p: len(rtts[p])) if arv_ports else None
def cycles(port, skip):
    ts = times[port][skip:]
    return [(b - a) * 1e6 for a, b in zip(ts, ts[1:])]
o = ours_line.split()
result = {
    "device": "gevgate simulator on 127.0.0.38 (separate JVM)", "register": "0x0938",
    "ours_in_process": {"count": int(o[4]), "median_us": float(o[1]), "p99_us": float(o[2]), "mean_us": float(o[3])},
    "ours_wire": stats(rtts[ours_port][-int(n):]),
    "ours_cycle": stats(cycles(ours_port, len(times[ours_port]) - int(n))),
}
if arv_port is not None:
    result["arv_tool_wire"] = stats(rtts[arv_port])
    result["arv_tool_cycle"] = stats(cycles(arv_port, 0))
    result["arv_tool_reads_printed"] = int(arv_reads)
    result["arv_tool_process_seconds"] = round(float(t1) - float(t0), 3)
    result["ratio_wire_median_arv_over_ours"] = round(result["arv_tool_wire"]["median_us"] / result["ours_wire"]["median_us"], 3)
    result["ratio_cycle_median_arv_over_ours"] = round(result["arv_tool_cycle"]["median_us"] / result["ours_cycle"]["median_us"], 3)
    result["ratio_cycle_p99_arv_over_ours"] = round(result["arv_tool_cycle"]["p99_us"] / result["ours_cycle"]["p99_us"], 3)
json.dump(result, open("bench/results/gvcp-readreg.json", "w"), indent=2)
print(f"{'READREG 0x0938 on loopback':32} {'count':>7} {'median us':>10} {'p99 us':>10}")
for k in ["ours_in_process", "ours_wire", "ours_cycle", "arv_tool_wire", "arv_tool_cycle"]:
    if k in result:
        r = result[k]
        print(f"{k:32} {r['count']:>7} {r['median_us']:>10.2f} {r['p99_us']:>10.2f}")
for k in ["ratio_wire_median_arv_over_ours", "ratio_cycle_median_arv_over_ours", "ratio_cycle_p99_arv_over_ours"]:
    if k in result:
        print(f"{k:32} {result[k]:>7}")
print("JSON: bench/results/gvcp-readreg.json")
PY

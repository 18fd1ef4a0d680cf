#!/usr/bin/env bash
# GVCP round trips needed to read every feature of Aravis' fake camera:
#   ours:  ./gevgate features --visibility invisible --address 127.0.0.1   (GenApi engine over GVCP)
#   Aravis: arv-tool-0.8 -a 127.0.0.1 values
# in one run, against the same arv-fake-gv-camera-0.8 instance, counted from one tshark capture on lo.
# Each client's commands are told apart by UDP source port; a round trip is one (port, request id)
# (retries of a request id would be counted once and reported as extra packets). The XML download
# (READMEMs inside the Local: URL's range, parsed from the device's own answer at 0x0200) is split off,
# so the "feature reads" figure is everything the client sent after its XML download ended.
# Output: a table on stdout and bench/results/genapi-roundtrips.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ADDRESS=127.0.0.1
for tool in arv-fake-gv-camera-0.8 arv-tool-0.8 tshark python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing" >&2; exit 1; }
done
if python3 -c "import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('$ADDRESS', 3956))" 2>/dev/null; then :; else
  echo "$ADDRESS:3956 is taken (another fake camera?): not measuring against a device we did not start" >&2; exit 1
fi
mkdir -p bench/results
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

./gevgate --version >/dev/null   # builds the CLI before the capture starts

arv-fake-gv-camera-0.8 -i "$ADDRESS" -s RTBENCH >"$tmp/fake.log" 2>&1 &
pids+=($!)
sleep 1
# Only traffic to or from the fake camera's own socket (other processes may use 127.0.0.x:3956 at the same time).
tshark -i lo -f "udp and ((dst host $ADDRESS and dst port 3956) or (src host $ADDRESS and src port 3956))" -w "$tmp/cap.pcapng" >"$tmp/tshark.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do grep -q "Capturing on" "$tmp/tshark.log" && break; sleep 0.1; done
sleep 0.5

./gevgate features --visibility invisible --address "$ADDRESS" >"$tmp/ours.out" 2>"$tmp/ours.err" || true
sleep 0.5
arv-tool-0.8 -a "$ADDRESS" values >"$tmp/arv.out" 2>"$tmp/arv.err" || true
sleep 1
kill -TERM "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
alive=$(kill -0 "${pids[0]}" 2>/dev/null && echo true || echo false)

tshark -r "$tmp/cap.pcapng" -T fields -e frame.time_epoch -e udp.srcport -e udp.dstport -e udp.payload -e ip.src -e ip.dst >"$tmp/fields.txt"
python3 - "$tmp/fields.txt" "$tmp/ours.out" "$tmp/ours.err" "$tmp/arv.out" "$alive" <<'PY'
import json, re, sys
fields, ours_out, ours_err, arv_out, alive = sys.argv[1:6]
NAMES = {0x02: "DISCOVERY", 0x80: "READREG", 0x82: "WRITEREG", 0x84: "READMEM", 0x86: "WRITEMEM"}
pkts = []
for line in open(fields):
    p = line.rstrip("\n").split("\t")
    if len(p) < 6 or not p[3]:
        continue
    sp, dp = int(p[1]), int(p[2])
    if not ((p[5] == "127.0.0.1" and dp == 3956) or (p[4] == "127.0.0.1" and sp == 3956)):
        continue  # not the fake camera's socket
    pkts.append((float(p[0]), sp, dp, bytes.fromhex(p[3])))
# The XML's location, from the device's READMEM answer for the first URL register (0x0200).
xml_lo = xml_hi = None
for t, sp, dp, b in pkts:
    if sp == 3956 and len(b) > 12 and b[2:4] == b"\x00\x85" and int.from_bytes(b[8:12], "big") == 0x200:
        m = re.match(rb"Local:[^;]*;([0-9A-Fa-fx]+);([0-9A-Fa-fx]+)", b[12:])
        if m:
            xml_lo = int(m.group(1).decode().replace("0x", ""), 16)
            xml_hi = xml_lo + int(m.group(2).decode().replace("0x", ""), 16)
            break
clients = {}   # source port -> list of (time, command, address list, request id)
for t, sp, dp, b in pkts:
    if dp != 3956 or len(b) < 8 or b[0] != 0x42:
        continue
    cmd = int.from_bytes(b[2:4], "big")
    body = b[8:]
    if cmd == 0x80:
        addrs = [int.from_bytes(body[i:i + 4], "big") for i in range(0, len(body) - 3, 4)]
    elif cmd in (0x82,):
        addrs = [int.from_bytes(body[i:i + 4], "big") for i in range(0, len(body) - 7, 8)]
    elif cmd in (0x84, 0x86):
        addrs = [int.from_bytes(body[0:4], "big")]
    else:
        addrs = []
    clients.setdefault(sp, []).append((t, cmd, addrs, b[6:8]))
def summary(cmds):
    trips = {}
    for c in cmds:
        trips.setdefault((c[3], c[1]), c)
    uniq = sorted(trips.values())
    is_xml = lambda c: c[1] == 0x84 and xml_lo is not None and xml_lo <= c[2][0] < xml_hi
    last_xml = max((i for i, c in enumerate(uniq) if is_xml(c)), default=-1)
    after = uniq[last_xml + 1:]
    by_cmd = {}
    for c in after:
        by_cmd[NAMES.get(c[1], hex(c[1]))] = by_cmd.get(NAMES.get(c[1], hex(c[1])), 0) + 1
    regs = set(a for c in after if c[1] == 0x80 for a in c[2])
    return {
        "packets_sent": len(cmds), "round_trips_total": len(uniq),
        "xml_download_round_trips": sum(1 for c in uniq if is_xml(c)),
        "round_trips_before_xml_download_ended": last_xml + 1 - sum(1 for c in uniq if is_xml(c)),
        "feature_read_round_trips": len(after), "feature_read_by_command": by_cmd,
        "readreg_addresses_after_xml": sum(len(c[2]) for c in after if c[1] == 0x80),
        "distinct_registers_after_xml": len(regs),
        "seconds_total": round(uniq[-1][0] - uniq[0][0], 3) if uniq else 0,
    }
ports = sorted(clients, key=lambda p: clients[p][0][0])
# ours ran first, arv-tool second (each uses one control socket; discovery may use its own port)
ours_ports = [p for p in ports if clients[p][0][0] < clients[ports[-1]][0][0]] if len(ports) > 1 else ports
ours_cmds = sorted(c for p in ours_ports for c in clients[p])
arv_cmds = sorted(clients[ports[-1]]) if len(ports) > 1 else []
ours_lines = [l for l in open(ours_out) if " = " in l]
arv_lines = [l for l in open(arv_out) if l.strip() and not l.strip().startswith("Category")]
result = {
    "device": "arv-fake-gv-camera-0.8 -i 127.0.0.1 (Aravis 0.8, capability register 0: no READREG concatenation)",
    "xml_range": [hex(xml_lo) if xml_lo is not None else None, hex(xml_hi) if xml_hi is not None else None],
    "ours": {"command": "gevgate features --visibility invisible --address 127.0.0.1",
             "features_printed": len(ours_lines),
             "features_with_error": sum(1 for l in ours_lines if "<error" in l), **summary(ours_cmds)},
    "arv_tool": {"command": "arv-tool-0.8 -a 127.0.0.1 values", "features_printed": len(arv_lines), **summary(arv_cmds)},
    "fake_camera_alive_after": alive == "true",
}
o, a = result["ours"], result["arv_tool"]
if a["feature_read_round_trips"]:
    result["ratio_feature_read_round_trips_ours_over_arv"] = round(o["feature_read_round_trips"] / a["feature_read_round_trips"], 3)
result["ratio_total_round_trips_ours_over_arv"] = round(o["round_trips_total"] / max(1, a["round_trips_total"]), 3)
json.dump(result, open("bench/results/genapi-roundtrips.json", "w"), indent=2)
print(f"{'read all features of the fake camera':38} {'ours':>8} {'arv-tool':>9}")
for k in ["features_printed", "round_trips_total", "xml_download_round_trips", "round_trips_before_xml_download_ended",
          "feature_read_round_trips", "readreg_addresses_after_xml", "distinct_registers_after_xml", "packets_sent"]:
    print(f"{k:38} {o.get(k, ''):>8} {a.get(k, ''):>9}")
print(f"{'feature reads by command':38} {json.dumps(o['feature_read_by_command'])}  |  {json.dumps(a['feature_read_by_command'])}")
for k in ["ratio_feature_read_round_trips_ours_over_arv", "ratio_total_round_trips_ours_over_arv", "fake_camera_alive_after"]:
    print(f"{k:38} {result.get(k)}")
print("JSON: bench/results/genapi-roundtrips.json")
PY

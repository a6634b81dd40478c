#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tcpreuse-scan -i: what its capture filter and snap length keep, on every committed capture
# and the lab's, each reduced as a live capture would have taken it (tcpreuse-scan
# --print-filter; tcpdump -r F -w REDUCED FILTER, then editcap -s SNAPLEN), then scanned and
# compared with the whole capture frame by frame (check_reduced.py):
#  - the default (every TCP segment, cut to its headers): the same findings, no difference;
#  - --control-only (SYN, FIN, RST, ACKs without payload): exactly the differences listed in
#    control_only_losses.txt, which README.md (tcpreuse-scan -i) explains;
# and, as root where the loopback can be captured, a live run on lo: a server that closes first
# and a client that connects again from the same port; Ctrl-C (SIGINT) ends it, and the summary
# counts the SYNs that met the server's TIME_WAIT.
# usage: check_live_filter.sh SCANNER SOURCE_DIR
#   PYTHON3 in the environment: the Python interpreter (default: python3)
#   TCPREUSE_REWRITE_LOSSES=1: write control_only_losses.txt from this run instead of checking it
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/scan/lib.sh
. "$here/lib.sh"
scan_test_setup live "SCANNER SOURCE_DIR" 2 "$@"
scan=$1 src=$2
for tool in tcpdump editcap; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done

# filter [--control-only]: the Ethernet form (every capture here is Ethernet)
"$scan" --print-filter >"$tmp/default.filter" && "$scan" --print-filter --control-only >"$tmp/control.filter" ||
    { echo "FAIL: --print-filter"; exit 1; }
snaplen=$(sed -n 's/^snaplen //p' "$tmp/default.filter")
default_filter=$(sed -n 's/^ethernet //p' "$tmp/default.filter")
control_filter=$(sed -n 's/^ethernet //p' "$tmp/control.filter")

# reduce NAME CAPTURE FILTER OUT [SNAPLEN]: as a live capture would have kept it
reduce() {
    tcpdump --time-stamp-precision=nano -r "$2" -w "$4.full" "$3" 2>/dev/null || fail "$1: tcpdump with the filter"
    if [ -n "${5:-}" ]; then
        editcap -s "$5" "$4.full" "$4" >/dev/null 2>&1 || fail "$1: editcap -s $5"
    else
        mv "$4.full" "$4"
    fi
}

: >"$tmp/default.list"
: >"$tmp/control.list"
for capture in "$src"/captures/*.pcap "$src"/captures/lab/*.pcap "$src"/captures/lab/*.pcap.gz; do
    name=$(basename "$capture")
    file=$capture
    if [[ $capture == *.gz ]]; then
        file=$tmp/$name.pcap
        gzip -dc "$capture" >"$file"
    fi
    "$scan" -r "$file" --json >"$tmp/$name.json" 2>/dev/null
    reduce "$name" "$file" "$default_filter" "$tmp/$name.default.pcap" "$snaplen"
    reduce "$name" "$file" "$control_filter" "$tmp/$name.control.pcap"
    for mode in default control; do
        "$scan" -r "$tmp/$name.$mode.pcap" --json >"$tmp/$name.$mode.json" 2>/dev/null
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$tmp/$name.json" "$tmp/$name.$mode.json" "$file" \
            "$tmp/$name.$mode.pcap" >>"$tmp/$mode.list"
    done
done
for mode in default control; do
    checks=$((checks + 1))
    "${python[@]}" "$here/check_reduced.py" "$src/plugin/report/finding_fields.c" <"$tmp/$mode.list" \
        >"$tmp/$mode.diff" || fail "$mode: cannot compare"
done

checks=$((checks + 1))
[ -s "$tmp/default.diff" ] &&
    fail "the default live filter and snap length change findings:$(printf '\n'; head -20 "$tmp/default.diff")"
losses=$here/control_only_losses.txt
if [ "${TCPREUSE_REWRITE_LOSSES:-}" = 1 ]; then
    { sed -n '/^#/p' "$losses" 2>/dev/null; cat "$tmp/control.diff"; } >"$tmp/losses" && mv "$tmp/losses" "$losses"
    echo "wrote $losses"
fi
checks=$((checks + 1))
diff <(grep -v '^#' "$losses") "$tmp/control.diff" >"$tmp/control.unexpected" ||
    fail "--control-only loses other findings than control_only_losses.txt lists:$(printf '\n'; head -20 "$tmp/control.unexpected")"
echo "ok: $(grep -c . "$tmp/default.list") captures: the default filter (snap length $snaplen) changes no finding; --control-only loses the $(grep -vc '^#' "$losses") listed"

# Live, on the loopback (root, and a loopback to capture).
live() {
    local port=47810 pid
    "$scan" -i lo --summary >"$tmp/live.out" 2>"$tmp/live.err" &
    pid=$!
    sleep 1.5
    "${python[@]}" - "$port" <<'EOF'
import socket, sys, time
# A server that closes first (it holds TIME_WAIT); the client connects again from its port.
port = int(sys.argv[1])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(8)
for _ in range(3):
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    client.bind(("127.0.0.1", port + 1))
    client.connect(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.sendall(b"x" * 500)
    accepted.close()
    client.recv(1000)
    time.sleep(0.05)
    client.close()
    time.sleep(0.2)
EOF
    sleep 0.5
    kill -INT "$pid"
    wait "$pid"
    local rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 0 ] || fail "live on lo: exit status $rc: $(head -c 300 "$tmp/live.err")"
    grep -Eq "^ the server's TIME_WAIT: accept-[a-z]+ +2 " "$tmp/live.out" ||
        fail "live on lo: not the 2 SYNs meeting TIME_WAIT: $(head -c 600 "$tmp/live.out")"
    echo "ok: live on lo, stopped by SIGINT: $(grep -c . "$tmp/live.out") lines of summary"
}
can_capture_lo() {
    [ "$(id -u)" -eq 0 ] || return 1
    "$scan" -i lo --summary >/dev/null 2>&1 &
    local pid=$!
    sleep 0.5
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
}
if can_capture_lo; then
    live
else
    echo "note: no live run (not root, or the loopback cannot be captured here)"
fi

scan_test_end "the live capture filter"

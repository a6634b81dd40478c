# SPDX-License-Identifier: GPL-2.0-or-later
# Common helpers for the tcpreuse real-stack lab. Source it from a scenario script
# (which runs with `set -euo pipefail`).
#
# Topology (all of it inside network namespaces named trl-<tag>-*; nothing is
# created in, or changed in, the root namespace):
#
#   trl-<tag>-c1 .. cN  eth0 10.0.0.1x/24  fd00:10::1x/64   (client hosts)
#        \ (veth, bridged)
#   trl-<tag>-nat       lan  10.0.0.254/24 fd00:10::fe/64   (router, optional MASQUERADE)
#                       wan  198.51.100.254/24 2001:db8:100::fe/64
#        | (veth)
#   trl-<tag>-srv       eth0 198.51.100.1/24 2001:db8:100::1/64 (server, capture point)
#
# Ground truth comes from the kernel: `nstat -asz` in every namespace before and
# after the traffic, written as deltas into the .truth file.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_OUT=${LAB_OUT:-$LAB_DIR}
PEER="python3 $LAB_DIR/peer.py"
SRV4=198.51.100.1
SRV6=2001:db8:100::1
NAT4=198.51.100.254
NAT6=2001:db8:100::fe

LAB_TAG=""
LAB_NS=()
LAB_PIDS=()
LAB_CLIENTS=0
LAB_WORK=""
LAB_CAP_PID=""

lab_die() { echo "lab: error: $*" >&2; exit 1; }
lab_log() { echo "lab[$LAB_TAG]: $*" >&2; }

lab_require_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "lab: must run as root (it builds network namespaces, veths and iptables rules)" >&2
		exit 77  # ctest SKIP_RETURN_CODE
	fi
	local t
	for t in ip iptables ip6tables tcpdump nstat conntrack python3; do
		command -v "$t" >/dev/null || lab_die "missing tool: $t"
	done
	if ! ip netns add "trl-probe-$$" 2>/dev/null; then
		echo "lab: cannot create network namespaces here" >&2
		exit 77
	fi
	ip netns del "trl-probe-$$"
}

lab_ns() { echo "trl-$LAB_TAG-$1"; }
lab_in() { local ns; ns=$(lab_ns "$1"); shift; ip netns exec "$ns" "$@"; }

lab_cleanup() {
	local rc=$? pid ns
	set +e
	[ -n "$LAB_CAP_PID" ] && kill -INT "$LAB_CAP_PID" 2>/dev/null && wait "$LAB_CAP_PID" 2>/dev/null
	for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	for ns in "${LAB_NS[@]}"; do
		# only processes this run started live in its own namespaces
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
	done
	for pid in "${LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
	for ns in "${LAB_NS[@]}"; do ip netns del "$ns" 2>/dev/null; done
	[ -n "$LAB_WORK" ] && rm -rf "$LAB_WORK"
	[ $rc -ne 0 ] && echo "lab[$LAB_TAG]: FAILED (rc=$rc); namespaces removed" >&2
	exit $rc
}

# lab_init TAG: root check, work dir, cleanup trap.
lab_init() {
	LAB_TAG=$1
	lab_require_root
	LAB_WORK=$(mktemp -d "/tmp/trl-$LAB_TAG.XXXXXX")
	trap lab_cleanup EXIT
	trap 'exit 130' INT TERM
	local ns
	for ns in $(ip netns list | awk '{print $1}' | grep "^trl-$LAB_TAG-" || true); do
		lab_log "removing stale namespace $ns"
		for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
		ip netns del "$ns"
	done
}

lab_addns() {
	local ns; ns=$(lab_ns "$1")
	ip netns add "$ns"
	LAB_NS+=("$ns")
	ip -n "$ns" link set lo up
	# no router solicitations: keep the captures to the traffic under test
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.router_solicitations=0 \
		net.ipv6.conf.default.router_solicitations=0
	# addresses usable at once (no DAD delay)
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

# lab_topology NCLIENTS: server, router and N client hosts.
lab_topology() {
	local n=$1 i srv nat c
	LAB_CLIENTS=$n
	lab_addns srv; lab_addns nat
	srv=$(lab_ns srv); nat=$(lab_ns nat)
	ip -n "$nat" link add wan type veth peer name eth0 netns "$srv"
	ip -n "$nat" link add lan type bridge
	ip -n "$nat" addr add $NAT4/24 dev wan
	ip -n "$nat" addr add $NAT6/64 dev wan nodad
	ip -n "$nat" addr add 10.0.0.254/24 dev lan
	ip -n "$nat" addr add fd00:10::fe/64 dev lan nodad
	ip -n "$srv" addr add $SRV4/24 dev eth0
	ip -n "$srv" addr add $SRV6/64 dev eth0 nodad
	ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	# disable segmentation offloads so the capture shows wire-sized segments
	for i in $(seq 1 "$n"); do
		lab_addns "c$i"; c=$(lab_ns "c$i")
		ip -n "$nat" link add "p$i" type veth peer name eth0 netns "$c"
		ip -n "$nat" link set "p$i" master lan up
		ip -n "$c" addr add "10.0.0.$((10 + i))/24" dev eth0
		ip -n "$c" addr add "fd00:10::$((10 + i))/64" dev eth0 nodad
		ip -n "$c" link set eth0 up
		ip -n "$c" route add default via 10.0.0.254
		ip -n "$c" -6 route add default via fd00:10::fe
	done
	ip -n "$nat" link set lan up
	ip -n "$nat" link set wan up
	ip -n "$srv" link set eth0 up
	for ns in "${LAB_NS[@]}"; do
		for dev in $(ip -n "$ns" -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
			ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >/dev/null 2>&1 || true
		done
	done
}

# lab_nat POOL (e.g. 61000-61001): MASQUERADE tcp to the server side onto a small port pool.
lab_nat() {
	local pool=$1 nat; nat=$(lab_ns nat)
	ip netns exec "$nat" iptables -t nat -A POSTROUTING -o wan -p tcp -j MASQUERADE --to-ports "$pool"
	ip netns exec "$nat" ip6tables -t nat -A POSTROUTING -o wan -p tcp -j MASQUERADE --to-ports "$pool"
	if [ "${LAB_DROP_INVALID:-0}" = 1 ]; then
		# common firewall practice: conntrack-INVALID packets are not forwarded
		ip netns exec "$nat" iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP
		ip netns exec "$nat" ip6tables -A FORWARD -m conntrack --ctstate INVALID -j DROP
	fi
	LAB_NATPOOL=$pool
}

# lab_route: no NAT, the server routes back to the client LAN.
lab_route() {
	ip -n "$(lab_ns srv)" route add 10.0.0.0/24 via $NAT4
	ip -n "$(lab_ns srv)" -6 route add fd00:10::/64 via $NAT6
	LAB_NATPOOL=none
}

# lab_sysctl HOSTS... -- KEY=VALUE...: set sysctls in the given namespaces.
lab_sysctl() {
	local hosts=() h
	while [ "$1" != "--" ]; do hosts+=("$1"); shift; done; shift
	for h in "${hosts[@]}"; do lab_in "$h" sysctl -qw "$@"; done
}

lab_server_start() { # PORT [ADDR [server options...]]
	local port=$1 addr=${2:-$SRV4}
	shift; [ $# -gt 0 ] && shift
	local ready="$LAB_WORK/ready.$port.$RANDOM"
	# ip netns exec execs the peer, so $! is the peer's own pid
	ip netns exec "$(lab_ns srv)" $PEER server --addr "$addr" --port "$port" --ready "$ready" "$@" &
	LAB_PIDS+=($!)
	local i
	for i in $(seq 1 50); do [ -e "$ready" ] && return 0; sleep 0.1; done
	lab_die "server on port $port did not start"
}

# lab_client HOST ARGS...: background client in host namespace, log into the work dir.
lab_client() {
	local h=$1; shift
	ip netns exec "$(lab_ns "$h")" $PEER client --name "$h" --log "$LAB_WORK/clients.log" "$@" &
	LAB_PIDS+=($!)
	LAB_CLIENT_PIDS+=($!)
}
lab_clients_wait() {
	local pid
	for pid in "${LAB_CLIENT_PIDS[@]}"; do wait "$pid" || lab_die "a client failed (pid $pid)"; done
	LAB_CLIENT_PIDS=()
}
LAB_CLIENT_PIDS=()

# lab_capture_start [SNAPLEN [HOST [DEV]]]: tcpdump on DEV (default eth0) of HOST's
# namespace (default: the server, srv).
lab_capture_start() {
	local snap=${1:-96} host=${2:-srv} dev=${3:-eth0}
	LAB_CAP_POINT="$host $dev"
	[ "$host" = srv ] && LAB_CAP_POINT="server $dev"
	# tcpdump drops privileges to its own user: give it a writable directory
	mkdir -p "$LAB_WORK/cap"; chmod 777 "$LAB_WORK/cap"; chmod 711 "$LAB_WORK"
	LAB_PCAP_TMP="$LAB_WORK/cap/cap.pcap"
	ip netns exec "$(lab_ns "$host")" tcpdump -i "$dev" -n -s "$snap" --immediate-mode -U -w "$LAB_PCAP_TMP" 'tcp or icmp or icmp6' \
		2>"$LAB_WORK/tcpdump.err" &
	LAB_CAP_PID=$!
	if [ -n "${LAB_DEBUG_CAP:-}" ]; then
		# optional second capture point on client host c1 (not committed)
		ip netns exec "$(lab_ns c1)" tcpdump -i eth0 -n -s "$snap" --immediate-mode -U -w "$LAB_WORK/cap/c1.pcap" \
			'tcp or icmp or icmp6' 2>/dev/null &
		LAB_PIDS+=($!)
	fi
	local i
	for i in $(seq 1 50); do
		grep -q "listening on" "$LAB_WORK/tcpdump.err" 2>/dev/null && return 0
		sleep 0.1
	done
	lab_die "tcpdump did not start: $(cat "$LAB_WORK/tcpdump.err")"
}
lab_capture_stop() {
	# immediate mode: nothing waits in a half-filled TPACKET_V3 block; still give
	# the last segments (final ACKs) time to pass
	sleep 1
	kill -INT "$LAB_CAP_PID"
	wait "$LAB_CAP_PID" || true
	LAB_CAP_PID=""
	grep -E "packets (captured|dropped)" "$LAB_WORK/tcpdump.err" >&2 || true
}

lab_nstat_snap() { # LABEL
	local ns
	for ns in "${LAB_NS[@]}"; do
		ip netns exec "$ns" nstat -asz 2>/dev/null | awk '!/^#/ {print $1, $2}' \
			>"$LAB_WORK/nstat.$ns.$1"
	done
}

# delta of counters between snapshots "before" and "after" for namespace role ($1).
lab_nstat_delta() {
	local ns; ns=$(lab_ns "$1")
	awk 'NR==FNR {b[$1]=$2; next} {d=$2-b[$1]; if (d != 0) print $1, d}' \
		"$LAB_WORK/nstat.$ns.before" "$LAB_WORK/nstat.$ns.after"
}

# Counters always written (even when 0), so the check has a value to compare.
LAB_KEYS="TcpExtPAWSTimewait TcpExtPAWSEstab TcpExtPAWSActive TcpExtTCPSYNChallenge
TcpExtTCPChallengeACK TcpExtTCPACKSkippedTimeWait TcpExtTCPACKSkippedChallenge
TcpExtTCPACKSkippedSynRecv TcpExtTW TcpExtTWKilled TcpExtTWRecycled TcpExtTCPTimeWaitOverflow
TcpAttemptFails TcpEstabResets TcpOutRsts TcpActiveOpens TcpPassiveOpens TcpRetransSegs
TcpExtTCPAbortOnClose TcpExtTCPAbortOnData TcpExtTCPAbortOnLinger TcpExtTCPSynRetrans
TcpExtListenDrops TcpExtTCPTimeouts"

# lab_truth SCENARIO "description" [extra key=value lines on stdin]
lab_truth() {
	local name=$1 desc=$2 out="$LAB_OUT/$1.truth" k role i v tmp
	tmp="$LAB_WORK/truth"
	{
		echo "# tcpreuse lab ground truth: $name"
		echo "# $desc"
		echo "# Counters are kernel nstat deltas over the run, read in the namespace that"
		echo "# holds the state: server.* = server host, clients.* = sum over client hosts."
		echo "scenario=$name"
		echo "kernel=$(uname -r)"
		echo "capture=$name.pcap"
		echo "capture_point=${LAB_CAP_POINT:-server eth0}"
		echo "nat_pool=${LAB_NATPOOL:-none}"
		echo "client_hosts=$LAB_CLIENTS"
		for k in net.ipv4.tcp_timestamps net.ipv4.tcp_tw_reuse net.ipv4.tcp_rfc1337 \
			net.ipv4.tcp_invalid_ratelimit net.ipv4.tcp_challenge_ack_limit \
			net.ipv4.tcp_syn_retries net.ipv4.tcp_syn_linear_timeouts; do
			echo "server.sysctl.$k=$(lab_in srv sysctl -n "$k")"
			echo "clients.sysctl.$k=$(lab_in c1 sysctl -n "$k")"
		done
		if [ "${LAB_NATPOOL:-none}" != none ]; then
			for k in net.netfilter.nf_conntrack_tcp_timeout_time_wait net.netfilter.nf_conntrack_tcp_loose \
				net.netfilter.nf_conntrack_tcp_be_liberal; do
				echo "nat.sysctl.$k=$(lab_in nat sysctl -n "$k")"
			done
			lab_in nat conntrack -S 2>/dev/null | awk '
				{for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2 && kv[1] != "cpu") s[kv[1]] += kv[2]}
				END {for (k in s) if (k ~ /insert_failed|drop|clash_resolve|found|invalid|early_drop/) print "nat.conntrack." k "=" s[k]}' | sort
		fi
		lab_nstat_delta srv >"$tmp.srv"
		: >"$tmp.cli"
		for i in $(seq 1 "$LAB_CLIENTS"); do lab_nstat_delta "c$i" >>"$tmp.cli"; done
		for role in srv cli; do
			local prefix=server; [ $role = cli ] && prefix=clients
			for k in $LAB_KEYS; do
				v=$(awk -v k="$k" '$1 == k {s += $2} END {print s + 0}' "$tmp.$role")
				echo "$prefix.$k=$v"
			done
		done
		for o in ok timeout refused reset; do
			echo "outcome.$o=$(grep -c "outcome=$o " "$LAB_WORK/clients.log" || true)"
		done
		echo "outcome.other=$(grep -vcE 'outcome=(ok|timeout|refused|reset) ' "$LAB_WORK/clients.log" || true)"
		echo "frames=$(tcpdump -nr "$LAB_OUT/$name.pcap" 2>/dev/null | wc -l)"
		cat  # scenario-specific lines
		echo "# all nonzero counter deltas (for reference)"
		sed 's/^/# server /' "$tmp.srv"
		for i in $(seq 1 "$LAB_CLIENTS"); do lab_nstat_delta "c$i" | sed "s/^/# c$i /"; done
		echo "# client log (first 60 lines)"
		head -60 "$LAB_WORK/clients.log" | sed 's/^/# /'
	} >"$out"
	lab_log "wrote $out"
}

# lab_finish NAME: store the capture.
lab_save_capture() {
	cp "$LAB_PCAP_TMP" "$LAB_OUT/$1.pcap"
	if [ -n "${LAB_DEBUG_CAP:-}" ]; then
		kill -INT "${LAB_PIDS[-1]}" 2>/dev/null || true; sleep 0.3
		cp "$LAB_WORK/cap/c1.pcap" "$LAB_DEBUG_CAP"
	fi
	chmod 644 "$LAB_OUT/$1.pcap"
}

# --- helpers added for s8/s9 -------------------------------------------------
# lab_drop_rst HOST -A|-D: drop (or stop dropping) the TCP RSTs HOST sends, in
# HOST's own OUTPUT chain (never on the wire). The rule carries a comment so its
# counter can be read while other rules exist.
lab_drop_rst() {
	lab_in "$1" iptables "$2" OUTPUT -p tcp --tcp-flags RST RST \
		-m comment --comment trl-rst-drop -j DROP
}
# lab_rst_dropped HOST: packets the drop rule of HOST has dropped so far (0 without the rule).
lab_rst_dropped() {
	lab_in "$1" iptables -L OUTPUT -v -x -n | awk '/trl-rst-drop/ {n += $1} END {print n + 0}'
}

# lab_tsclock HOST DST DPORT SPORT...: the TSval offset of each 4-tuple
# (HOST's address:SPORT -> DST:DPORT), read from a connect() whose SYN is
# dropped in HOST's OUTPUT chain (nothing reaches the wire). Prints
# "sport=P tsval=V mono_ms=M off=O" lines (peer.py tsclock). Run it before the
# capture and the "before" counter snapshot.
lab_tsclock() {
	local h=$1 dst=$2 dport=$3 p args=()
	shift 3
	for p in "$@"; do args+=(--sport "$p"); done
	lab_in "$h" iptables -I OUTPUT -p tcp --syn -d "$dst" --dport "$dport" \
		-m comment --comment trl-tsprobe -j DROP
	lab_in "$h" $PEER tsclock --addr "$dst" --port "$dport" "${args[@]}"
	lab_in "$h" iptables -D OUTPUT -p tcp --syn -d "$dst" --dport "$dport" \
		-m comment --comment trl-tsprobe -j DROP
}

# lab_tw_poll_start ROLE FILE: every second, append "<epoch> <ss line>" for each
# TIME_WAIT socket in ROLE's namespace (ss -tno, with the kernel's timer) to FILE.
lab_tw_poll_start() {
	local ns; ns=$(lab_ns "$1")
	(
		while :; do
			now=$(date +%s.%N)
			ip netns exec "$ns" ss -tnoH state time-wait | sed "s/^/$now /"
			echo "$now end"
			sleep 1
		done
	) >"$2" 2>/dev/null &
	LAB_PIDS+=($!)
	LAB_POLL_PID=$!
}
lab_tw_poll_stop() {
	kill "$LAB_POLL_PID" 2>/dev/null || true
	wait "$LAB_POLL_PID" 2>/dev/null || true
}

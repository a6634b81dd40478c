#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run tshark with the tcpreuse plugin over lab captures and compare the plugin's
# counts with the kernel's counters in the .truth file next to each capture.
#
# usage: check.sh [--plugin PATH/tcpreuse.so] [--dir DIR] [SCENARIO...]
#   default plugin: $TCPREUSE_PLUGIN, else the first build*/plugin/epan/tcpreuse.so
#   default dir: this directory; default scenarios: every *.truth with a .pcap(.gz) in DIR
# Exit: 0 all equal, 1 a mismatch, 2 setup error, 77 skipped (no tshark).
#
# tshark run as root ignores personal plugin folders and WIRESHARK_PLUGIN_DIR,
# so as root the check copies the plugin into a throw-away HOME and runs tshark
# as nobody (setpriv); as another user it just uses that HOME.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plugin=${TCPREUSE_PLUGIN:-}
dir=$here
while [ $# -gt 0 ]; do
	case $1 in
	--plugin) plugin=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	-h|--help) sed -n '3,13p' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "check.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
command -v tshark >/dev/null || { echo "check.sh: SKIP: tshark not installed" >&2; exit 77; }
python=${PYTHON3:-python3}  # the tests pass the interpreter itself
command -v "$python" >/dev/null || { echo "check.sh: python3 needed" >&2; exit 2; }
python=("$python" -I -S -B)  # the standard library is all it needs; no bytecode left here
if [ -z "$plugin" ]; then
	plugin=$(ls -t "$here"/../../build*/plugin/epan/tcpreuse.so 2>/dev/null | head -1 || true)
fi
[ -n "$plugin" ] && [ -f "$plugin" ] || { echo "check.sh: plugin not found (build it, or pass --plugin)" >&2; exit 2; }

. "$here/../../scripts/tshark_env.sh"
tshark_env_setup "$(command -v tshark)" "$plugin" || exit 2
t=$TSHARK_TMP
# -G plugins lists it as the first column on 4.0 to 4.6 (-G protocols has more columns from 4.4)
if ! tshark_run -G plugins 2>/dev/null | grep -Eq '^tcpreuse\.so[[:space:]]'; then
	echo "check.sh: tshark did not load the plugin $plugin" >&2
	tshark_run -G plugins 2>&1 | grep -i tcpreuse >&2 || true
	exit 2
fi

if [ $# -eq 0 ]; then
	set --
	for f in "$dir"/*.truth; do
		[ -e "$f" ] || continue
		n=$(basename "$f" .truth)
		{ [ -e "$dir/$n.pcap" ] || [ -e "$dir/$n.pcap.gz" ]; } && set -- "$@" "$n"
	done
fi
[ $# -gt 0 ] || { echo "check.sh: no captures with a .truth in $dir" >&2; exit 2; }

fields=$("${python[@]}" -c "import sys; sys.path.insert(0, '$here'); import check; print(' '.join('-e ' + f for f in check.FIELDS))")
fail=0
for n in "$@"; do
	pcap=$dir/$n.pcap; [ -e "$pcap" ] || pcap=$dir/$n.pcap.gz
	[ -e "$pcap" ] && [ -e "$dir/$n.truth" ] || { echo "check.sh: $n: missing pcap or truth" >&2; fail=1; continue; }
	cap=$(tshark_env_add "$pcap")  # tshark reads gzip as is
	read -r -a prefs <<<"$("${python[@]}" "$here/check.py" --tshark-options "$dir/$n.truth")"
	# -2: two passes, so answers found later are set on the first frames too
	# shellcheck disable=SC2086
	if ! tshark_run -n -2 "${prefs[@]}" -r "$cap" -T fields -E separator=/t -E occurrence=a \
		$fields >"$t/$n.tsv" 2>"$t/$n.err"; then
		echo "FAIL $n: tshark failed: $(head -5 "$t/$n.err")"; fail=1; continue
	fi
	echo "== $n ($(wc -l <"$t/$n.tsv") frames)"
	"${python[@]}" "$here/check.py" "$dir/$n.truth" "$pcap" "$t/$n.tsv" || fail=1
done
if [ $fail -ne 0 ]; then echo "check.sh: MISMATCH (see FAIL lines above)"; exit 1; fi
echo "check.sh: all counts equal the kernel's"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# One command on a fresh Debian machine: install what is needed, build, install the plugin
# for you (your personal Wireshark plugin folder), and show what it finds in story 000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
cmake --install build
capture=captures/story000_nat_paws.pcap
echo
echo "== tcpreuse findings in $capture (tshark -2 -Y tcpreuse)"
# Root's tshark ignores personal plugins, so as root the demo runs the built plugin as nobody.
if [ "$(id -u)" -eq 0 ]; then
    tshark_cmd=(scripts/tshark-plugin)
    echo "(running as root: installed to $HOME/.local, shown through scripts/tshark-plugin)"
else
    tshark_cmd=(tshark)
fi
"${tshark_cmd[@]}" -2 -r "$capture" -Y tcpreuse
echo
echo "== the stale ACK of frame 56 explained (tshark -2 -V, tcpreuse part)"
"${tshark_cmd[@]}" -2 -r "$capture" -Y 'frame.number == 56' -O tcpreuse | sed -n '/^TCP Socket-Pair Reuse/,$p'

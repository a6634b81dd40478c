#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Where tcpreuse's extra instructions go in tshark, by area, from the callgrind outputs that
# `tests/bench/bench.sh --only icount --keep DIR` leaves in DIR:
#
#   tests/bench/profile_areas.sh DIR [frames]
#
# For the filtered run (-Y tcp.analysis.flags) and the plain run (tshark -r), the extra is the
# run with the plugin minus the run without; it is split by the inclusive cost of the plugin's
# functions (callgrind_annotate --inclusive=yes):
#   engine           tr_engine_process (a function of its own in every build)
#   frame walker     walk_frame (the walk of the frame's bytes; walk_frame.lto_priv.N under LTO)
#   rendering        tr_render (texts, tree items, expert infos, Info tags), and in it:
#     describe texts   the tr_describe_* functions
#     float printf     glibc's __printf_fp (only the describe texts print floats)
#   extraction       tr_extract_segment less the walker (link type, bytes, time)
#   rest of ours     dissect_tcpreuse less the above (store, stats queue; with link-time
#                    optimisation also rendering and extraction, which are inlined into it:
#                    their rows then read 0)
#   Wireshark, outside ours  the extra outside dissect_tcpreuse and outside startup: calling the
#                    post-dissector, and what Wireshark does with what it draws (expert infos,
#                    longer Info columns). Before issue 10's walker this was mostly the IP and TCP
#                    dissectors building the items (in tshark -r the whole tree) tcpreuse wanted.
#   startup          the 1-frame runs' difference (loading the plugin, registering its fields)
# frames: the capture's frame count, for the per-frame column (default: the lab capture's).
set -eu
dir=${1:?usage: $0 DIR [frames]}
frames=${2:-14716}
command -v callgrind_annotate >/dev/null || { echo "$0: callgrind_annotate not found" >&2; exit 1; }

# inclusive FILE: "function<TAB>inclusive Ir", the largest where a name appears more than once
inclusive() {
    callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
        awk '/^ *[0-9,]+ +\(/ {
                 v = $1; gsub(",", "", v); $1 = ""; $2 = ""; sub(/^ +/, ""); sub(/ \[.*$/, "")
                 sub(/^.*:/, ""); sub(/\.lto_priv\.[0-9]+$/, ""); if (!($0 in s) || v + 0 > s[$0] + 0) s[$0] = v }
             END { for (k in s) print k "\t" s[k] }'
}

total() { sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$1" | head -n 1; }

for f in startup-plain startup-with filtered-plain filtered-with read-plain read-with; do
    [ -r "$dir/callgrind.$f.out" ] || { echo "$0: no $dir/callgrind.$f.out" >&2; exit 1; }
done
startup=$(($(total "$dir/callgrind.startup-with.out") - $(total "$dir/callgrind.startup-plain.out")))

report() { # report NAME LABEL
    local name=$1 label=$2 plain with extra
    plain=$(total "$dir/callgrind.$name-plain.out")
    with=$(total "$dir/callgrind.$name-with.out")
    extra=$((with - plain))
    inclusive "$dir/callgrind.$name-with.out" | awk -F'\t' -v extra="$extra" -v startup="$startup" \
        -v frames="$frames" -v label="$label" -v plain="$plain" -v with="$with" '
        { c[$1] = $2 }
        /^tr_describe_/ { describe += $2 }
        END {
            ours = c["dissect_tcpreuse"]; render = c["tr_render"]; engine = c["tr_engine_process"]
            extract = c["tr_extract_segment"]; fp = c["__printf_fp"]; walker = c["walk_frame"]
            if (extract >= walker) extract -= walker
            printf "%s: %d Ir without, %d with, %.3fx; extra %d Ir (%d a frame over %d frames)\n",
                label, plain, with, with / plain, extra, extra / frames, frames
            printf "  %-34s %12s %7s %10s\n", "area", "Ir", "share", "Ir/frame"
            row("rendering (tr_render)", render)
            row("  of which describe texts", describe)
            row("  of which float printf", fp)
            row("Wireshark, outside ours", extra - ours - startup)
            row("engine (tr_engine_process)", engine)
            row("frame walker (walk_frame)", walker)
            row("extraction (tr_extract_segment)", extract)
            row("rest of ours", ours - render - engine - walker - extract)
            row("startup (plugin load, registration)", startup)
        }
        function row(name, v) { printf "  %-34s %12d %6.1f%% %10.0f\n", name, v, 100 * v / extra, v / frames }'
}

report filtered "tshark -r F -Y tcp.analysis.flags"
report read "tshark -r F"

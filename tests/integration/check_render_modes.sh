#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin draws less when nobody looks (render.c): without texts, a frame's expert infos
# become the one or two calls that leave the same severities behind, and the protocol item is
# left out when nothing wants it. What shows must not change. For each capture, four
# dissections of the summary lines (two passes each) and a list of severities:
#   detailed  a filter on _ws.expert (the texts wanted): every expert info added in turn (on a
#             tree nobody sees the groups' items are faked: all hang on the protocol item, and
#             the Expert column ends at the highest);
#   item      a tree nobody sees, tcpreuse not named (-Y frame): no protocol item, severities
#             only; its Info and Expert columns must equal the detailed run's;
#   named     -Y tcpreuse: the protocol item, no texts; the same, on the frames it shows;
#   no tree   no filter, no field: no tree at all, and Wireshark's Expert column then says the
#             last expert info's severity (no item to keep the highest): it must. tshark 4.6
#             builds a tree for an Expert column even then (the plugin's column says the
#             highest there, which it does only with a tree): there it must say the detailed
#             run's;
#   severities  -T fields: each frame's expert severities in order, and which are tcpreuse's
#             (the Expert column is compared where tcpreuse has one).
# usage: check_render_modes.sh TSHARK PLUGIN CAPTURE... [-- MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 3 ] || { echo "usage: $0 TSHARK PLUGIN CAPTURE... [-- MAJOR.MINOR]" >&2; exit 2; }
tshark=$1 plugin=$2
shift 2
captures=()
version=
while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then
        version=${2:-}
        break
    fi
    captures+=("$1")
    shift
done
tshark_env_setup "$tshark" "$plugin" "$version" || exit 1
# Whether the run without a filter has no tree: before tshark 4.6.
last_wins=$(tshark_run -v 2>/dev/null | awk 'NR == 1 { split($3, v, "."); print (v[1] < 4 || (v[1] == 4 && v[2] < 6)) ? 1 : 0 }')

columns='gui.column.format:"No.","%m","Expert","%a","Info","%i"'
# Each frame's tcpreuse expert infos, by their fields: the Expert column is compared on the
# frames that have one (elsewhere it is Wireshark's own, which differs between a visible tree
# and none for some TCP expert infos).
fields=(-T fields -E separator=/t -e frame.number -e _ws.expert.severity)
while read -r field; do
    fields+=(-e "$field")
done < <(tshark_run -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && $3 ~ /^tcpreuse\.expert\./ { print $3 }')
failures=0 frames=0 ours=0 mixed=0
[ ${#fields[@]} -gt 20 ] || { echo "FAIL: tshark -G fields lists no tcpreuse.expert fields"; exit 1; }
for source in "${captures[@]}"; do
    capture=$(tshark_env_add "$source") || exit 1
    name=$(basename "$source")
    out=$TSHARK_TMP/render
    tshark_run -2 -r "$capture" "${fields[@]}" >"$out.severities" 2>&1
    tshark_run -2 -r "$capture" -o "$columns" -T tabs -Y '_ws.expert || !_ws.expert' >"$out.detailed" 2>&1
    tshark_run -2 -r "$capture" -o "$columns" -T tabs -Y frame >"$out.item" 2>&1
    tshark_run -2 -r "$capture" -o "$columns" -T tabs >"$out.notree" 2>&1
    tshark_run -2 -r "$capture" -o "$columns" -T tabs -Y tcpreuse >"$out.named" 2>&1
    # severities: number, severities, then a column per tcpreuse expert field; the others (-T
    # tabs): number (padded), Expert, Info.
    report=$(awk -F'\t' -v last_wins="$last_wins" '
        BEGIN { name[1048576] = "Comment"; name[2097152] = "Chat"; name[4194304] = "Note"
                name[6291456] = "Warning"; name[8388608] = "Error" }
        FILENAME == ARGV[1] {
            for (i = 3; i <= NF; i++) if ($i != "") { has[$1] = 1; ours++; break }
            n = split($2, s, ","); last[$1] = n ? name[s[n]] : ""
            if (has[$1] && n > 1 && s[n] != s[n - 1]) mixed++
            next }
        { sub(/^ +/, "", $1) }
        FILENAME == ARGV[2] { frames++; info[$1] = $3; expert[$1] = $2; next }
        $3 != info[$1] { print "frame " $1 ": Info differs (" mode(FILENAME) "): " $3; bad++ }
        FILENAME != ARGV[4] && has[$1] && $2 != expert[$1] {
            print "frame " $1 ": Expert column \"" $2 "\" " mode(FILENAME) ", \"" expert[$1] "\" detailed"; bad++ }
        FILENAME == ARGV[4] && has[$1] && $2 != (want = last_wins ? last[$1] : expert[$1]) {
            print "frame " $1 ": Expert column \"" $2 "\" without a filter, \"" want "\" expected (" \
                  (last_wins ? "the last severity" : "the detailed run\x27s") ")"; bad++ }
        function mode(f) { return f == ARGV[3] ? "without the item" : f == ARGV[4] ? "without a tree" : "with the item, no texts" }
        END { print "counts " frames + 0 " " ours + 0 " " mixed + 0; exit bad > 0 }' \
        "$out.severities" "$out.detailed" "$out.item" "$out.notree" "$out.named")
    status=$?
    read -r _ n flagged twice <<<"$(tail -n 1 <<<"$report")"
    frames=$((frames + n)) ours=$((ours + flagged)) mixed=$((mixed + twice))
    if [ "$n" -eq 0 ]; then
        echo "FAIL: $name: no frames in the detailed run: $(head -c 300 "$out.detailed")"
        failures=$((failures + 1))
    elif [ "$status" -ne 0 ]; then
        echo "FAIL: $name:"
        head -n 5 <<<"$report"
        failures=$((failures + 1))
    fi
done
[ "$ours" -gt 0 ] || { echo "FAIL: no frame with a tcpreuse expert info"; failures=$((failures + 1)); }
if [ "$failures" -gt 0 ]; then
    echo "$failures differences"
    exit 1
fi
echo "PASS: ${#captures[@]} captures, $frames frames ($ours with tcpreuse expert infos, $mixed of them ending in two severities): the same Info columns, and Expert columns with the texts, without them (with and without the protocol item), and the run without a filter as Wireshark leaves it"

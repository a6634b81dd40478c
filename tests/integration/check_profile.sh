#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The configuration profile "tcpreuse" (packaging/profile/tcpreuse, assembled in the build
# tree) used by the real tshark with the plugin: `tshark -C tcpreuse` on story 000 prints the
# profile's columns with the expected findings, in one pass and in two; its colouring rules
# name the frames; its display filter buttons compile; nothing in it gives a load error.
# usage: check_profile.sh TSHARK PLUGIN PROFILE_DIR CAPTURE [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 4 ] || { echo "usage: $0 TSHARK PLUGIN PROFILE_DIR CAPTURE [MAJOR.MINOR]" >&2; exit 2; }
profile=$3
tshark_env_setup "$1" "$2" "${5:-}" || exit 1
# Personal profiles live in ~/.config/wireshark/profiles/<name> (Unix).
mkdir -p "$TSHARK_TMP/home/.config/wireshark/profiles" || exit 1
cp -R "$profile" "$TSHARK_TMP/home/.config/wireshark/profiles/tcpreuse" || exit 1
chmod -R a+rX "$TSHARK_TMP"
capture=$(tshark_env_add "$4") || exit 1

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run NAME ARGS...: tshark -C tcpreuse ARGS, stdout to $TSHARK_TMP/NAME.out; anything on
# stderr (a table or preference of the profile that does not load) is a failure.
run() {
    local name=$1
    shift
    if ! tshark_run -C tcpreuse -r "$capture" "$@" >"$TSHARK_TMP/$name.out" 2>"$TSHARK_TMP/$name.err"; then
        fail "$name: tshark -C tcpreuse $* failed: $(head -c 300 "$TSHARK_TMP/$name.err")"
    elif [ -s "$TSHARK_TMP/$name.err" ]; then
        fail "$name: tshark -C tcpreuse $* wrote to stderr: $(head -c 300 "$TSHARK_TMP/$name.err")"
    fi
}

# psml_to_rows FILE: the column titles on a first line, then one line per frame, the
# columns separated by tabs (PSML keeps empty columns, which the text output does not).
psml_to_rows() {
    awk '
        function unescape(s) {
            gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
            gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
            return s
        }
        /^<structure>/ || /^<packet>/ { line = ""; n = 0; next }
        /^<section>/ {
            s = $0
            sub(/^<section>/, "", s); sub(/<\/section>$/, "", s)
            line = (n++ ? line "\t" : "") unescape(s)
            next
        }
        /^<\/structure>/ || /^<\/packet>/ { print line }
    ' "$1"
}

# The profile's columns: the standard ones, then tcpreuse's, then Info.
expected_titles=$(printf '%s\t' No. Time Source Destination Protocol tcpreuse "TIME_WAIT verdict" \
    "Prev. session" "Since close" "Stale ACK" "RST cause")Info

# Expected cells, from tests/integration/expect/story000_nat_paws.expect and the README:
# [PASS:]FRAME|COLUMN TITLE|VALUE, PASS 1 or 2 when it holds in that pass only.
cells='1|tcpreuse|
1|TIME_WAIT verdict|
1|Prev. session|
28|tcpreuse|[SYN in TIME_WAIT]
28|TIME_WAIT verdict|accept-ts
28|Prev. session|1
28|Since close|31.910000000
55|tcpreuse|[SYN in TIME_WAIT] [PAWS reject]
55|TIME_WAIT verdict|reject-paws
55|Prev. session|28
55|Since close|36.110000000
55|Stale ACK|
55|RST cause|
56|tcpreuse|[Stale ACK: time-wait]
56|Stale ACK|time-wait
56|TIME_WAIT verdict|
56|Prev. session|
57|tcpreuse|[RST: stale ACK]
57|RST cause|stale-ack
57|Stale ACK|
58|tcpreuse|[4-tuple reused]
58|TIME_WAIT verdict|
58|Prev. session|28
58|Since close|37.110000000
37|tcpreuse|[TSval regress]
1:19|tcpreuse|
2:19|tcpreuse|[TSval regress]'

check_columns() {
    local pass=$1 rows=$TSHARK_TMP/psml$1.rows
    psml_to_rows "$TSHARK_TMP/psml$pass.out" >"$rows"
    local titles
    titles=$(head -n 1 "$rows")
    if [ "$titles" != "$expected_titles" ]; then
        fail "pass $pass: the columns are '${titles//$'\t'/|}', not the profile's '${expected_titles//$'\t'/|}'"
        return
    fi
    local frame title want got
    while IFS='|' read -r frame title want; do
        case $frame in
        *:*)
            [ "${frame%%:*}" = "$pass" ] || continue
            frame=${frame#*:}
            ;;
        esac
        got=$(awk -F'\t' -v f="$frame" -v t="$title" '
            NR == 1 { for (i = 1; i <= NF; i++) if ($i == t) col = i; next }
            $1 == f { print $col; exit }' "$rows")
        if [ "$got" != "$want" ]; then
            fail "pass $pass: frame $frame column '$title' is '$got', expected '$want'"
        fi
    done <<<"$cells"
    # The tags stay at the end of Info as well.
    local info
    info=$(awk -F'\t' '$1 == 55 { print $NF }' "$rows")
    [[ $info == *" [SYN in TIME_WAIT] [PAWS reject]" ]] || fail "pass $pass: Info of frame 55 lacks the tags: '$info'"
}

run psml1 -T psml
check_columns 1
run psml2 -2 -T psml
check_columns 2

# Without the profile, in tshark's default one-line output, nothing refers to tcpreuse's
# fields: the plugin draws only its Info tags and expert severities (render.c
# texts_wanted()). Each frame's line must still end with the tags the profile's tcpreuse
# column shows.
if ! tshark_run -2 -r "$capture" >"$TSHARK_TMP/plain.out" 2>"$TSHARK_TMP/plain.err"; then
    fail "tshark -2 without the profile failed: $(head -c 300 "$TSHARK_TMP/plain.err")"
fi
tagged=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "tcpreuse") col = i; next }
    col && $col != "" { print $1 "\t" $col }' "$TSHARK_TMP/psml2.rows")
[ -n "$tagged" ] || fail "no frame with tags in the profile's tcpreuse column"
while IFS=$'\t' read -r frame tags; do
    line=$(awk -v f="$frame" '$1 == f { print; exit }' "$TSHARK_TMP/plain.out")
    [[ $line == *" $tags" ]] || fail "frame $frame without the profile: '$line' does not end with '$tags'"
done <<<"$tagged"

# Display filter buttons: "TRUE","label","filter","comment", a double quote written \x22.
filters=()
labels=()
while IFS= read -r line; do
    case $line in '"'*) ;; *) continue ;; esac
    IFS=$'\t' read -r _ label filter _ < <(printf '%s\n' "$line" |
        sed -e 's/^"\([^"]*\)","\([^"]*\)","\([^"]*\)","\([^"]*\)"$/\1\t\2\t\3\t\4/' -e 's/\\x22/"/g')
    labels+=("$label")
    filters+=("$filter")
done <"$profile/dfilter_buttons"
[ ${#filters[@]} -ge 5 ] || fail "only ${#filters[@]} display filter buttons in the profile"
# Every button's filter compiles: the colouring run below filters with all of them joined
# after `frame ||` (every frame still shows; a filter that does not compile fails the run,
# and names itself in the error).
all=""
for i in "${!filters[@]}"; do
    all+="${all:+ || }(${filters[$i]})"
done
# The colouring rules are the profile's colorfilters (tcpreuse's rules only).
run color -2 --color -Y "frame || $all" -T fields -e frame.number -e frame.coloring_rule.name
rules='1|
28|tcpreuse: SYN meeting TIME_WAIT
37|tcpreuse: timestamp clock regression
55|tcpreuse: SYN rejected by TIME_WAIT
56|tcpreuse: stale ACK answering a SYN
57|tcpreuse: RST refusing a stale ACK
58|tcpreuse: socket pair reused'
while IFS='|' read -r frame want; do
    got=$(awk -F'\t' -v f="$frame" '$1 == f { print $2; exit }' "$TSHARK_TMP/color.out")
    [ "$got" = "$want" ] || fail "frame $frame is coloured by '$got', expected '$want'"
done <<<"$rules"

# The story 000 button selects the failure's frames.
for i in "${!labels[@]}"; do
    [ "${labels[$i]}" = "000 TIME_WAIT" ] || continue
    run button000 -2 -Y "${filters[$i]}" -T fields -e frame.number
    got=$(tr '\n' ' ' <"$TSHARK_TMP/button000.out")
    [ "$got" = "28 55 56 57 " ] || fail "button '000 TIME_WAIT' selects frames '$got', expected '28 55 56 57 '"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures checks of the profile failed"
    exit 1
fi
echo "PASS: profile tcpreuse: columns in one and two passes, colouring rules, ${#filters[@]} filter buttons"

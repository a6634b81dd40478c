#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The statistics tree (tshark -2 -z tcpreuse,tree) of one capture, printed by
# check_capture.sh's two-pass run after its PDML (no tshark run of its own):
#
# 1. Its shape, on every row (check_shape): no Percent above 100 %; no row counts more than
#    the row above it (a heading counts what is below it); a row shows Average / Min Val /
#    Max Val exactly when it holds a measured value, which its name says by ending in a unit
#    "(ms)", "(s)", "(1/s)", "(ports)", "(addresses)", "(cycles)" (or its heading's name does): so a
#    value shown in the Count column, or a count given figures, fails.
# 2. The rows named in the expectation file, one a line, the topic as printed without its
#    indentation (the first row of that name):
#      <topic> = <count>                             a count
#      <topic> = <count> <average> <min> <max>       a measured value, compared to 2 decimals
#    `*` leaves a column unchecked.
#
# usage: check_stats.sh TABLE EXPECT
#        check_stats.sh --shape TABLE      (the shape check alone, on a saved table)
set -u

# The table's rows as "depth|topic|count|average|min|max|percent", the columns cut where the
# header puts them (the column widths differ between Wireshark versions).
table_rows() {
    awk 'function cut(s, a, b) { s = substr(s, a, b > a ? b - a : length(s)); gsub(/^ +| +$/, "", s); return s }
        /^Topic \/ Item/ { c = index($0, "Count"); a = index($0, "Average"); mn = index($0, "Min Val")
                           mx = index($0, "Max Val"); r = index($0, "Rate"); p = index($0, "Percent")
                           b = index($0, "Burst Rate"); next }
        /^-+$/ { if (c) body = !body; next }
        body && c && NF { t = substr($0, 1, c - 1); d = match(t, /[^ ]/) - 1; sub(/ +$/, "", t)
                          print d "|" substr(t, d + 1) "|" cut($0, c, a) "|" cut($0, a, mn) "|" cut($0, mn, mx) "|" \
                                cut($0, mx, r) "|" cut($0, p, b) }' "$1"
}

# check_shape TABLE: prints one line per fault, returns 1 if any.
check_shape() {
    table_rows "$1" | awk -F'|' '
        function unit(t) { return t ~ /\((ms|s|1\/s|ports|addresses|cycles)\)$/ }
        { depth = $1; topic = $2; count = $3 + 0; avg = $4; pct = $7
          measured[depth] = unit(topic) || (depth > 0 && measured[depth - 1])
          if (pct != "" && pct + 0 > 100) { print "FAIL: \"" topic "\": Percent " pct " is above 100%"; bad = 1 }
          if (depth > 0 && count > parent[depth - 1]) {
              print "FAIL: \"" topic "\": counts " count ", more than the row above it (" parent[depth - 1] ")"; bad = 1 }
          if (measured[depth] && avg == "") { print "FAIL: \"" topic "\": a measured value without figures"; bad = 1 }
          if (!measured[depth] && avg != "") { print "FAIL: \"" topic "\": figures on a row that is a count"; bad = 1 }
          parent[depth] = count; rows++ }
        END { if (!rows) { print "FAIL: no rows in the table"; bad = 1 }; exit bad }'
}

if [ "${1:-}" = --shape ]; then
    check_shape "$2"
    exit
fi

[ $# -eq 2 ] || { echo "usage: $0 TABLE EXPECT" >&2; exit 2; }
table=$1 expect=$2
failures=0 checks=0
check_shape "$table" || failures=$((failures + 1))
# Each topic's first row, "count|average|min|max" (bash alone from here: no process a row).
declare -A row_of
while IFS='|' read -r _ topic count average min max _; do
    [ -n "${row_of[$topic]+set}" ] || row_of[$topic]="$count|$average|$min|$max"
done < <(table_rows "$table")

# same WANT GOT: equal counts, or numbers equal to 2 decimals; "*" matches anything.
same() {
    [ "$1" = '*' ] && return 0
    [ -n "$2" ] || return 1
    local want got
    printf -v want '%.2f' "$1" && printf -v got '%.2f' "$2" && [ "$want" = "$got" ]
}

while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    topic=${line% = *}
    read -r -a want <<<"${line##* = }"
    row=${row_of[$topic]:-}
    IFS='|' read -r -a got <<<"$row"
    checks=$((checks + 1))
    ok=1
    if [ -z "$row" ]; then
        ok=0
    elif [ ${#want[@]} -eq 1 ]; then
        same "${want[0]}" "${got[0]:-}" && [ -z "${got[1]:-}" ] || ok=0
    else
        for i in 0 1 2 3; do same "${want[$i]:-}" "${got[$i]:-}" || ok=0; done
    fi
    if [ $ok = 0 ]; then
        echo "FAIL: ${expect##*/}: '$topic': expected ${want[*]}, got '${row:-no such row}'"
        failures=$((failures + 1))
    fi
done <"$expect"
[ $checks -gt 0 ] || { echo "FAIL: no checks in $expect"; exit 1; }
if [ $failures -ne 0 ]; then
    echo "--- the table:"
    cat "$table"
    exit 1
fi
echo "ok: the table's shape and $checks rows of tshark -z tcpreuse,tree"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Two versions of the engine timed against each other with cold caches, as tshark runs it:
# tests/bench/cold_ab.c feeds each segment of a capture to both, in turn, after evicting the
# caches, and times only the engine. Prints the cycles a segment of each by kind of segment
# and the ratio VARIANT/BASE, measured both ways round (which build runs first in a segment;
# their mean cancels the small bias of the order). Asserts nothing.
#
# usage: tests/bench/cold_ab.sh [--capture FILE] [--connections C] [--lines N] [--mb M] [--runs N] [--build DIR]
#                               BASE VARIANT
#   BASE, VARIANT  git revisions of this repository, "." for the working tree, or a folder
#                  holding an include/ and a plugin/ (a variant made by hand)
#   --capture FILE a classic pcap file (default: tcpreuse-pcapgen busy C, 290,361 packets at C = 30000)
#   --connections C default 30000
#   --lines N      cache lines evicted before each call (default 200), from a buffer of
#   --mb M         megabytes (default 256): with these the engine costs 1,000 to 1,400 cycles a
#                  segment on the generated capture (2.3 GHz Xeon VM; it moves with the machine's
#                  load), of the order of the ~450 ns it costs inside tshark
#   --runs N       runs each way round (default 5); the ratios are the medians of the runs'
#   --build DIR    the build holding tcpreuse-pcapgen (default build)
# A run's ratio moves by about 2 % from run to run (the two engines' tables share the heap, in
# a different order each way round): ratios within 1 % of 1 are no difference. About two
# minutes on the default capture. Needs gcc (LTO), nm, objcopy, pkg-config and GLib: the
# engine is compiled here as in the project's optimised build (-O2 -flto -fno-plt
# -fno-jump-tables), not by CMake, since each build's symbols are renamed (A_..., B_...) to live
# in one program.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
capture= connections=30000 lines=200 mb=256 runs=5 build=$top/build
while [ $# -gt 2 ]; do
    case $1 in
    --capture) capture=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --lines) lines=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) break ;;
    esac
done
[ $# -eq 2 ] || { sed -n '10,21p' "$0" >&2; exit 2; }
base=$1 variant=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# tree REV DIR: the engine's sources of REV (see BASE above) in DIR.
tree() {
    mkdir -p "$2"
    if [ "$1" = . ]; then
        cp -r "$top/include" "$top/plugin" "$2/"
    elif [ -d "$1/plugin/engine" ]; then
        cp -r "$1/include" "$1/plugin" "$2/"
    else
        git -C "$top" archive "$1" include plugin | tar -x -C "$2"
    fi
}

cflags=(-std=c11 -O2 -g -DNDEBUG -fno-plt -fno-jump-tables -fPIC $(pkg-config --cflags glib-2.0))
# engine_object DIR OUT: DIR's engine as one object (link-time optimised as a whole).
engine_object() {
    gcc "${cflags[@]}" -flto -r -nostdlib -flinker-output=nolto-rel -I "$1/include" -I "$1/plugin/engine" \
        "$1"/plugin/engine/*.c -o "$2" 2>"$work/gcc.log" || { cat "$work/gcc.log" >&2; exit 1; }
}
# renamed IN PREFIX OUT: the object IN with its global symbols starting with PREFIX.
renamed() {
    nm --defined-only -g "$1" | awk -v p="$2" '{ print $3, p $3 }' >"$work/names"
    objcopy --redefine-syms="$work/names" "$1" "$3"
}

tree "$base" "$work/base"
tree "$variant" "$work/variant"
engine_object "$work/base" "$work/base_whole.o"
engine_object "$work/variant" "$work/variant_whole.o"
renamed "$work/base_whole.o" A_ "$work/base.o"
renamed "$work/variant_whole.o" B_ "$work/variant.o"
renamed "$work/variant_whole.o" A_ "$work/variant_a.o"
renamed "$work/base_whole.o" B_ "$work/base_b.o"
driver=("$top/tests/bench/cold_ab.c" "$top/tests/bench/pcap_segments.c" "$top"/plugin/wire/*.c)
inc=(-I "$top/include" -I "$top/plugin/wire" -I "$top/tests/bench")
gcc "${cflags[@]}" "${inc[@]}" "${driver[@]}" "$work/base.o" "$work/variant.o" $(pkg-config --libs glib-2.0) -lm -o "$work/bv"
gcc "${cflags[@]}" "${inc[@]}" "${driver[@]}" "$work/variant_a.o" "$work/base_b.o" $(pkg-config --libs glib-2.0) -lm -o "$work/vb"

if [ -z "$capture" ]; then
    capture=$work/busy.pcap
    "$build/tests/gen/tcpreuse-pcapgen" busy "$connections" "$capture" >/dev/null
fi
for run in $(seq "$runs"); do
    "$work/bv" "$capture" "$lines" "$mb" >"$work/bv.$run"
    "$work/vb" "$capture" "$lines" "$mb" >"$work/vb.$run"
done

echo "cold-cache engine cycles a segment, $base (base) against $variant (variant), $runs runs each way round:"
echo "  $(sed -n 's/.*(\(.*\), checksum.*/\1/p' "$work/bv.1")"
# Every run's rows as "kind count A B" (in bv A is the base, in vb the variant), then per kind the
# medians over the runs of the cycles and of the ratio each way round.
for run in $(seq "$runs"); do
    paste -d ' ' <(awk '{ print $1, $2, $5, $7 }' "$work/bv.$run") <(awk '{ print $5, $7 }' "$work/vb.$run")
done | awk '
    function median(list,   v, n, i, j, t) {
        n = split(list, v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { k = $1; if (!(k in count)) order[++kinds] = k; count[k] = $2
      base[k] = base[k] " " ($3 + $6) / 2; variant[k] = variant[k] " " ($4 + $5) / 2
      second[k] = second[k] " " $4 / $3; first[k] = first[k] " " $5 / $6 }
    END { for (i = 1; i <= kinds; i++) { k = order[i]; s = median(second[k]); f = median(first[k])
          printf "  %-7s %8s segments  base %7.1f  variant %7.1f  variant/base %.4f (variant second %.4f, first %.4f)\n",
                 k, count[k], median(base[k]), median(variant[k]), (s + f) / 2, s, f } }'

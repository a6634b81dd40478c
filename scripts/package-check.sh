#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the Debian package tcpreuse-wireshark for the Wireshark installed here, install it,
# check that tshark run as root loads it from the global plugin folder and finds story 000's
# findings (as tests/integration/expect/story000_nat_paws.expect says), and that the
# installed tcpreuse-scan reports the same frames, then purge it and check that none of its
# files is left.
#
# usage: scripts/package-check.sh [--keep]   (as root; PACKAGE_BUILD_DIR, default build-deb)
#   --keep  leave the package installed (and say so) instead of purging it
# Prints the path of the .deb last, on a line "package-check: deb <path>".
# Refuses to run when tcpreuse-wireshark is already installed: it would purge it.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
build=${PACKAGE_BUILD_DIR:-build-deb}
keep=0
[ "${1:-}" = --keep ] && keep=1
say() { printf 'package-check: %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root (dpkg -i, and tshark loads global plugins for root)"
pkg=tcpreuse-wireshark
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'installed\|unpacked\|config-files'; then
    fail "$pkg is already installed here; remove it first (dpkg --purge $pkg)"
fi

# 1. Build it: the one documented command.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTCPREUSE_INSTALL_GLOBAL=ON -DTCPREUSE_BUILD_TESTS=OFF >/dev/null
rm -f "$build"/"$pkg"_*.deb
cmake --build "$build" -j "$(nproc)" --target package >"$build/package.log" 2>&1 ||
    { tail -n 20 "$build/package.log"; fail "cmake --build $build --target package"; }
deb=$(ls "$build"/"$pkg"_*.deb)
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
say "built $deb"
say "  Depends: $(dpkg-deb -f "$deb" Depends)"

# The library package of the libwireshark tshark runs with must be among the Depends.
libws=$(ldd "$(command -v tshark)" | awk '$1 ~ /^libwireshark\.so/ { print $3 }')
libws_pkg=$(dpkg -S "$(readlink -f "$libws")" | cut -d: -f1)
dpkg-deb -f "$deb" Depends | grep -q "\b$libws_pkg (>= " ||
    fail "the package does not depend on $libws_pkg, which this tshark uses"

# 2. Install it; from here on, purge it whatever happens.
installed=0
cleanup() {
    if [ $installed -eq 1 ] && [ $keep -eq 0 ]; then dpkg --purge "$pkg" >/dev/null 2>&1 || true; fi
    [ -n "${tmp:-}" ] && rm -rf "$tmp"
}
trap cleanup EXIT
tmp=$(mktemp -d)
installed=1
dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -i $deb"; }
dpkg -L "$pkg" >"$tmp/files"
plugin_dir=$(pkg-config --variable=plugindir wireshark)/epan
grep -qx "$plugin_dir/tcpreuse.so" "$tmp/files" || fail "no $plugin_dir/tcpreuse.so in the package"
for doc in README.md rules.md tcpreuse.colorfilters copyright; do
    grep -qx "/usr/share/doc/$pkg/$doc" "$tmp/files" || fail "no /usr/share/doc/$pkg/$doc in the package"
done
say "installed: $(grep -c . "$tmp/files") paths, plugin $plugin_dir/tcpreuse.so"

# 3. tshark as root (global plugins only), with an empty HOME: no personal settings.
mkdir -p "$tmp/home"
ts() { env -i PATH="$PATH" LANG=C.UTF-8 HOME="$tmp/home" tshark "$@"; }
ts -G plugins 2>/dev/null | grep -P "^tcpreuse\.so\s*\t.*\t\Q$plugin_dir/tcpreuse.so\E$" >/dev/null ||
    { ts -G plugins 2>&1 | grep -i tcpreuse || true; fail "tshark -G plugins (as root) does not list $plugin_dir/tcpreuse.so"; }
say "tshark -G plugins (as root) lists $plugin_dir/tcpreuse.so"
capture=captures/story000_nat_paws.pcap
expect=tests/integration/expect/story000_nat_paws.expect
checked=0
for filter in 'tcpreuse.tw_verdict == "reject-paws"' 'tcpreuse.tw_verdict == "accept-ts"' \
        'tcpreuse.stale_ack.kind == "time-wait"' 'tcpreuse.rst.cause == "stale-ack"' \
        'tcpreuse.prev_session'; do
    want=$(awk -v f="$filter = " 'index($0, f) == 1 { print substr($0, length(f) + 1); exit }' "$expect")
    [ -n "$want" ] || fail "$expect has no line '$filter = ...'"
    got=$(ts -n -2 -r "$capture" -Y "$filter" -T fields -e frame.number 2>"$tmp/tshark.err" | paste -sd' ')
    [ "$got" = "$want" ] || { cat "$tmp/tshark.err"; fail "tshark -2 -Y '$filter': frames '$got', expected '$want'"; }
    say "  -Y '$filter': frames $got (as expected)"
    checked=$((checked + 1))
done

# The scanner, when built (TCPREUSE_BUILD_SCAN): installed in /usr/bin, and reporting the
# frames the two-pass run shows.
if grep -qx /usr/bin/tcpreuse-scan "$tmp/files"; then
    want=$(awk '/^2:tcpreuse = / { sub(/^2:tcpreuse = /, ""); print; exit }' "$expect")
    got=$(/usr/bin/tcpreuse-scan -r "$capture" --json | sed 's/^{"frame":\([0-9]*\),.*/\1/' | paste -sd' ')
    [ "$got" = "$want" ] || fail "tcpreuse-scan -r $capture: frames '$got', expected '$want'"
    say "  /usr/bin/tcpreuse-scan: frames $got (as expected)"
elif grep -q '^TCPREUSE_BUILD_SCAN:BOOL=ON' "$build/CMakeCache.txt"; then
    fail "no /usr/bin/tcpreuse-scan in the package"
fi

# 4. Purge it and check that nothing is left behind.
if [ $keep -eq 1 ]; then
    say "left installed (--keep)"
else
    dpkg --purge "$pkg" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg --purge $pkg"; }
    installed=0
    left=0
    while IFS= read -r path; do
        # Folders shared with other packages (/usr, /usr/share/doc, ...) stay, and must.
        if [ -e "$path" ] && ! [ -d "$path" ]; then say "left behind: $path"; left=1; fi
        if [ -d "$path" ] && [ -z "$(dpkg -S "$path" 2>/dev/null)" ]; then say "left behind: $path/"; left=1; fi
    done <"$tmp/files"
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'installed\|config-files' &&
        fail "dpkg still knows $pkg after --purge"
    [ $left -eq 0 ] || fail "files left after dpkg --purge"
    say "purged: none of its $(grep -c . "$tmp/files") paths is left"
fi
say "passed: Wireshark $(pkg-config --modversion wireshark), $pkg $(dpkg-deb -f "$deb" Version)"
say "deb $deb"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Compile the Wireshark glue against the headers of newer Wireshark releases (4.4 from Debian
# trixie, 4.6 from Debian sid), to keep the version guards honest while only 4.0 is installed.
# Syntax and types only (-fsyntax-only): nothing is linked or loaded. Prints SKIP and exits 0
# when the Debian archive cannot be reached.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
fail=0
for suite in trixie sid; do
    echo "deb http://deb.debian.org/debian $suite main" >"$work/sources.list"
    apt_opts=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=/dev/null
              -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Sandbox::User=root)
    if ! apt-get "${apt_opts[@]}" update >/dev/null 2>&1; then
        echo "check-newer-wireshark: SKIP: Debian $suite not reachable"
        continue
    fi
    mkdir -p "$work/$suite/debs" "$work/$suite/root"
    (cd "$work/$suite/debs" && apt-get "${apt_opts[@]}" download libwireshark-dev libwiretap-dev libwsutil-dev >/dev/null 2>&1) ||
        { echo "check-newer-wireshark: SKIP: no Wireshark headers in $suite"; continue; }
    for deb in "$work/$suite/debs"/*.deb; do dpkg-deb -x "$deb" "$work/$suite/root"; done
    inc="$work/$suite/root/usr/include/wireshark"
    version=$(sed -n 's/#define WIRESHARK_VERSION_\(MAJOR\|MINOR\|MICRO\) //p' "$inc/ws_version.h" | paste -sd.)
    for src in "$top"/plugin/epan/*.c; do
        if ! gcc -std=c11 -fsyntax-only -Wall -Wextra -Werror -DHAVE_SSIZE_T -DTCPREUSE_VERSION='"check"' \
            -I"$inc" -I"$top/include" $(pkg-config --cflags glib-2.0) "$src"; then
            echo "check-newer-wireshark: FAIL: $(basename "$src") against Wireshark $version"
            fail=1
        fi
    done
    [ $fail -eq 0 ] && echo "check-newer-wireshark: plugin/epan compiles against Wireshark $version headers"
done
exit $fail

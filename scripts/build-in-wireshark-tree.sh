#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build tcpreuse the way Windows and macOS users do (doc/building-in-tree.md): as
# plugins/epan/tcpreuse inside a Wireshark source tree, listed in CMakeListsCustom.txt.
# Proves it on Linux with Debian's Wireshark 4.4 source (trixie), then runs the tree's own
# tshark with the plugin it built: the plugin loads, story 000 gives its verdict, and the
# profile test (tests/integration/check_profile.sh) passes on 4.4.
#
#   scripts/build-in-wireshark-tree.sh [--install-deps] [--work DIR] [--source TREE|TARBALL]
#                                      [--suite trixie] [--jobs N] [--optimize]
#
# --work     scratch folder, outside the repository (default ${TMPDIR:-/tmp}/tcpreuse-wireshark-tree);
#            a second run reuses the source and the build there
# --source   a Wireshark source tree or tarball to use instead of `apt-get source`
# --suite    the Debian suite whose wireshark source to fetch (default trixie: Wireshark 4.4)
# --optimize build with -O2 (default -O0: the point is the build, not a fast Wireshark)
#
# The source comes from `apt-get source --download-only wireshark/<suite>` with a scratch apt
# configuration (deb-src of that suite on the archive this machine's apt already uses); only
# the upstream tarball is unpacked. Wireshark is configured with the GUI, the capture tools
# and the extcaps off, so that bookworm's libraries are enough. It need not run in CI: the
# libwireshark build takes most of an hour on two cores.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/tcpreuse-wireshark-tree
source=
suite=trixie
jobs=2
optimize=0
install_deps=0
while [ $# -gt 0 ]; do
    case $1 in
    --install-deps) install_deps=1 ;;
    --work) work=$2; shift ;;
    --source) source=$2; shift ;;
    --suite) suite=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --optimize) optimize=1 ;;
    -h | --help) sed -n '3,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
case $work in "$top" | "$top"/*) echo "--work must be outside the repository" >&2; exit 2 ;; esac

# What Wireshark 4.4's CMake requires when the GUI and sharkd are off.
packages=(cmake ninja-build gcc g++ flex python3 perl libglib2.0-dev libgcrypt20-dev
    libc-ares-dev libpcre2-dev zlib1g-dev)
if [ "$install_deps" = 1 ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi

started=$(date +%s)
phase_started=$started
phase() {
    local now
    now=$(date +%s)
    printf '== %s (%d s; %d s in all)\n' "$1" $((now - phase_started)) $((now - started))
    phase_started=$now
}

mkdir -p "$work"

# --- 1. The Wireshark source ---------------------------------------------------------------
# archive_uri: the Debian archive this machine's apt uses (the first non-security entry).
archive_uri() {
    {
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
            /^$/ { if (uri != "" && suites !~ /security/) { print uri; exit } uri = ""; suites = "" }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { suites = $0 }
            END { if (uri != "" && suites !~ /security/) print uri }'
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
    } | grep -m 1 . || true
}

tree=
if [ -n "$source" ] && [ -d "$source" ]; then
    tree=$(cd "$source" && pwd)
else
    tarball=$source
    if [ -z "$tarball" ]; then
        tarball=$(ls "$work"/wireshark_*.orig.tar.* 2>/dev/null | sort -V | tail -n 1 || true)
    fi
    if [ -z "$tarball" ]; then
        uri=$(archive_uri)
        [ -n "$uri" ] || { echo "no Debian archive in this machine's apt sources: use --source" >&2; exit 1; }
        apt=$work/apt
        mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
        echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$apt/sources.list"
        cat >"$apt/apt.conf" <<EOF
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "/nonexistent";
Dir::State::Lists "$apt/lists";
Dir::Cache "$apt/cache";
EOF
        export APT_CONFIG=$apt/apt.conf
        apt-get update -q
        if ! (cd "$work" && apt-get source --download-only "wireshark/$suite"); then
            echo "apt-get source wireshark/$suite failed (the archive may lack this version's files);" >&2
            echo "fetch a Wireshark 4.x source tarball yourself and pass it with --source" >&2
            exit 1
        fi
        unset APT_CONFIG
        tarball=$(ls "$work"/wireshark_*.orig.tar.* | sort -V | tail -n 1)
    fi
    version=$(basename "$tarball" | sed -n 's/^wireshark[-_]\([0-9][0-9.]*[0-9]\).*/\1/p')
    [ -n "$version" ] || { echo "cannot tell the version of $tarball" >&2; exit 1; }
    tree=$work/wireshark-$version
    if [ ! -f "$tree/CMakeLists.txt" ]; then
        mkdir -p "$tree"
        tar -xf "$tarball" -C "$tree" --strip-components=1
    fi
fi
[ -f "$tree/CMakeListsCustom.txt.example" ] || { echo "$tree is not a Wireshark source tree" >&2; exit 1; }
phase "Wireshark source in $tree"

# --- 2. tcpreuse as plugins/epan/tcpreuse -------------------------------------------------
# What a Windows or macOS user copies: the build files and the sources, not the tests.
plugin_dir=$tree/plugins/epan/tcpreuse
rm -rf "$plugin_dir"
mkdir -p "$plugin_dir"
cp -R "$top/CMakeLists.txt" "$top/LICENSE" "$top/cmake" "$top/include" "$top/plugin" "$top/packaging" "$plugin_dir/"
cat >"$tree/CMakeListsCustom.txt" <<'EOF'
# SPDX-License-Identifier: GPL-2.0-or-later
# Written by tcpreuse's scripts/build-in-wireshark-tree.sh (see doc/building-in-tree.md).
set(CUSTOM_PLUGIN_SRC_DIR
	plugins/epan/tcpreuse
)
EOF

# --- 3. Configure and build ----------------------------------------------------------------
build=$work/build
mkdir -p "$build"
flags=(-DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS=-O0 -DCMAKE_CXX_FLAGS=-O0)
[ "$optimize" = 0 ] || flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS= -DCMAKE_CXX_FLAGS=)
off=()
for program in wireshark logray rawshark dumpcap text2pcap mergecap reordercap editcap capinfos \
    captype randpkt dftest dcerpcidl2wrs androiddump sshdump ciscodump dpauxmon randpktdump \
    wifidump udpdump sharkd mmdbresolve; do
    off+=("-DBUILD_$program=OFF")
done
cmake -S "$tree" -B "$build" -G Ninja "${flags[@]}" -DBUILD_tshark=ON "${off[@]}" \
    -DENABLE_LUA=OFF -DENABLE_PCAP=OFF -DENABLE_SINSP=OFF >"$build/configure.log" 2>&1 ||
    { tail -n 30 "$build/configure.log"; exit 1; }
grep -q 'plugins/epan/tcpreuse' "$build/CMakeCache.txt" ||
    { echo "Wireshark's CMake did not take plugins/epan/tcpreuse" >&2; exit 1; }
phase "configured ($build/configure.log)"

nice cmake --build "$build" --parallel "$jobs" --target tcpreuse >"$build/build-tcpreuse.log" 2>&1 ||
    { tail -n 30 "$build/build-tcpreuse.log"; exit 1; }
phase "built libwireshark and tcpreuse"
nice cmake --build "$build" --parallel "$jobs" --target tshark >"$build/build-tshark.log" 2>&1 ||
    { tail -n 30 "$build/build-tshark.log"; exit 1; }
phase "built tshark"

# --- 4. Check the result with the tree's tshark --------------------------------------------
tshark=$build/run/tshark
so=$(find "$build/run" -path '*/epan/tcpreuse.so' | head -n 1)
[ -n "$so" ] || { echo "FAIL: no tcpreuse.so under $build/run" >&2; exit 1; }
echo "plugin: $so"
[ -f "$build/run/profiles/tcpreuse/preferences" ] || { echo "FAIL: the profile is not in run/profiles" >&2; exit 1; }
nm -D --defined-only "$so" | awk '{ print $3 }' | sort | tr '\n' ' '
echo

# The tree's own layout: run/ holds the plugin and the global profile.
export WIRESHARK_RUN_FROM_BUILD_DIRECTORY=1
as=()
[ "$(id -u)" != 0 ] || as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tcpreuse-tree-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp "$top/captures/story000_nat_paws.pcap" "$scratch/"
mkdir -p "$scratch/home"
chmod -R a+rwX "$scratch"
run_tshark() {
    "${as[@]}" env -i PATH="$PATH" LANG=C.UTF-8 HOME="$scratch/home" WIRESHARK_RUN_FROM_BUILD_DIRECTORY=1 "$tshark" "$@"
}
"$tshark" -v | head -n 1
run_tshark -G plugins | grep -E '^tcpreuse\.so' || { echo "FAIL: the tree's tshark does not list tcpreuse.so" >&2; exit 1; }
verdict=$(run_tshark -2 -r "$scratch/story000_nat_paws.pcap" -Y 'tcpreuse.tw_verdict == "reject-paws"' -T fields -e frame.number)
[ "$verdict" = 55 ] || { echo "FAIL: reject-paws on frame(s) '$verdict', expected 55" >&2; exit 1; }
echo "story 000: frame 55 reject-paws"
# The global profile (run/profiles/tcpreuse), which tshark copies into the personal folder.
run_tshark -C tcpreuse -r "$scratch/story000_nat_paws.pcap" -c 57 | tail -n 3
# The profile test, with the plugin as a personal plugin of the tree's tshark: the copy in
# run/ is moved aside meanwhile (two copies make Wireshark warn, which the test refuses).
mv "$so" "$scratch/tcpreuse.so"
trap 'mv "$scratch/tcpreuse.so" "$so"; rm -rf "$scratch"' EXIT
bash "$top/tests/integration/check_profile.sh" "$tshark" "$scratch/tcpreuse.so" "$build/run/profiles/tcpreuse" \
    "$top/captures/story000_nat_paws.pcap"
phase "checked"
echo "PASS: tcpreuse built in $tree and loaded by its tshark"

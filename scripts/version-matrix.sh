#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Wireshark version matrix: build tcpreuse and run the whole test suite (scripts/test.sh)
# and the package check (scripts/package-check.sh) against
#   host    the Wireshark installed here (Debian 12: 4.0)
#   trixie  Debian 13 (Wireshark 4.4) in a chroot
#   sid     Debian unstable (Wireshark 4.6) in a chroot
#
# usage: scripts/version-matrix.sh [--roots-only] [--no-host] [VERSION...]
#   VERSION: host, trixie, sid (default: all three)
#   --roots-only  only make (or check) the cached chroot tarballs, run nothing
#   --no-host     leave out the host run (for when the caller has just run it)
#
# Needs root (chroot, mount). The chroots are made with mmdebstrap from the Debian archive
# that this machine's own apt sources name (TCPREUSE_ARCHIVE overrides it) and cached as
# ${TCPREUSE_CACHE:-/var/cache/tcpreuse}/roots/<suite>.tar.zst; a tarball is made again when
# it is missing or when what it is made of (package list, archive, suite) changes.
#
# Every version ends with one summary line: "version-matrix: <wireshark> (<name>) passed",
# "... FAILED (<what>)" or "... SKIPPED (<why>)" when its root could not be made (archive not
# reachable, for example). Exit status: 1 if anything failed; 3 if nothing ran (all skipped);
# 0 otherwise, also when a version was skipped while another passed (the SKIPPED line says
# so; TCPREUSE_MATRIX_STRICT=1 makes any skip exit 3).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${TCPREUSE_CACHE:-/var/cache/tcpreuse}
roots_only=0 with_host=1
versions=()
while [ $# -gt 0 ]; do
    case $1 in
    --roots-only) roots_only=1 ;;
    --no-host) with_host=0 ;;
    -h|--help) sed -n '3,22p' "$0"; exit 0 ;;
    host|trixie|sid) versions+=("$1") ;;
    *) echo "version-matrix: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ ${#versions[@]} -gt 0 ] || versions=(host trixie sid)
if [ $with_host -eq 0 ]; then
    v=(); for x in "${versions[@]}"; do [ "$x" = host ] || v+=("$x"); done; versions=(${v[@]+"${v[@]}"})
fi
[ "$(id -u)" -eq 0 ] || { echo "version-matrix: run as root (chroot and mounts)" >&2; exit 2; }

# What a root holds: what scripts/test.sh and scripts/package-check.sh need.
ROOT_PACKAGES=(build-essential cmake pkg-config libglib2.0-dev libwireshark-dev wireshark-dev
    tshark libcmocka-dev python3 util-linux mawk gzip diffutils file debian-archive-keyring
    libpcap-dev tcpdump)
# The Wireshark each suite is expected to bring (for the summary when its root is missing).
declare -A EXPECTED=([trixie]=4.4 [sid]=4.6)
# Changing how roots are made: bump this and every cached root is made again.
ROOT_FORMAT=1

log() { printf 'version-matrix: %s\n' "$*" >&2; }
summary=()
status=0 skipped=0

# --- the archive named by this machine's apt sources ---------------------------------------

# Prints "URI KEYRING" for the Debian archive of this machine: the first enabled deb source
# (deb822 *.sources, or one-line *.list) that serves the host's own release (its codename as a
# suite). KEYRING is its Signed-By file, or empty.
host_archive() {
    local codename
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || return 1
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -e "$f" ] || continue
        # One record per paragraph; fields: Types, URIs, Suites, Signed-By, Enabled.
        awk -v want="$codename" '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " want " ")) {
                    split(uris, u, " "); print u[1], signed; found = 1; exit
                }
                types = uris = suites = signed = ""; enabled = "yes"
            }
            BEGIN { enabled = "yes" }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            { line = $0; key = tolower(line); sub(/:.*/, "", key); val = line; sub(/^[^:]*:[ \t]*/, "", val) }
            key == "types" { types = val } key == "uris" { uris = val } key == "suites" { suites = val }
            key == "signed-by" { signed = val } key == "enabled" { enabled = tolower(val) }
            END { if (!found) flush() }' "$f" | head -n 1 | grep . && return 0
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -e "$f" ] || continue
        # deb [options] URI SUITE COMPONENT...
        awk -v want="$codename" '
            $1 == "deb" {
                i = 2; signed = ""
                if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) { if ($i ~ /signed-by=/) signed = $i; i++ }
                                  if ($i ~ /signed-by=/) signed = $i; i++ }
                sub(/.*signed-by=/, "", signed); sub(/\]$/, "", signed)
                if ($(i + 1) == want) { print $i, signed; exit }
            }' "$f" | head -n 1 | grep . && return 0
    done
    return 1
}

# --- roots ----------------------------------------------------------------------------------

# make_root SUITE: makes or reuses $cache/roots/SUITE.tar.zst; on failure prints why and fails.
make_root() {
    local suite=$1 archive uri keyring
    if [ -n "${TCPREUSE_ARCHIVE:-}" ]; then
        uri=$TCPREUSE_ARCHIVE keyring=""
    else
        archive=$(host_archive) || { echo "no Debian archive found in this machine's apt sources"; return 1; }
        read -r uri keyring <<<"$archive"
    fi
    uri=${uri%/}
    local opts=""
    [ -n "$keyring" ] && [ -e "$keyring" ] && opts="[signed-by=$keyring] "
    local source="deb ${opts}$uri $suite main"
    local key
    key=$(printf '%s\n' "format $ROOT_FORMAT" "$source" "${ROOT_PACKAGES[@]}" | sha256sum | cut -c1-16)
    local tarball=$cache/roots/$suite.tar.zst
    if [ -s "$tarball" ] && [ "$(cat "$cache/roots/$suite.key" 2>/dev/null)" = "$key" ]; then
        log "$suite: cached root $tarball"
        return 0
    fi
    command -v mmdebstrap >/dev/null || apt_install mmdebstrap || { echo "mmdebstrap not installable"; return 1; }
    command -v zstd >/dev/null || apt_install zstd || { echo "zstd not installable"; return 1; }
    if ! curl_ok "$uri/dists/$suite/InRelease"; then
        echo "archive $uri/dists/$suite not reachable"
        return 1
    fi
    mkdir -p "$cache/roots"
    local tmp=$cache/roots/$suite.new.tar.zst start=$SECONDS
    log "$suite: making the root from $uri (several minutes; log $cache/roots/$suite.log)"
    # Snapshots of the archive carry a Valid-Until that has passed: do not check it.
    if ! mmdebstrap --variant=apt --components=main \
            --aptopt='Acquire::Check-Valid-Until "false"' \
            --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
            --include="$(IFS=,; echo "${ROOT_PACKAGES[*]}")" \
            "$suite" "$tmp" "$source" >"$cache/roots/$suite.log" 2>&1; then
        rm -f "$tmp"
        echo "mmdebstrap $suite failed: $(grep -E '^(E:|W:)' "$cache/roots/$suite.log" | tail -n 2 | tr '\n' ' ')"
        return 1
    fi
    mv -f "$tmp" "$tarball"
    printf '%s\n' "$key" >"$cache/roots/$suite.key"
    log "$suite: root made in $((SECONDS - start)) s ($(du -h "$tarball" | cut -f1) compressed)"
}

# The roots are made in parallel, and something else may hold the dpkg lock: wait for it
# rather than report a version skipped.
apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "$@" >/dev/null 2>&1
}

curl_ok() {
    if command -v curl >/dev/null; then
        curl -fsS -o /dev/null --max-time 30 "$1" 2>/dev/null
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=30)' "$1" 2>/dev/null
    fi
}

# --- running a version ----------------------------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/var/tmp}/tcpreuse-matrix.XXXXXX")
mounts=()
cleanup() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null || true
    done
    mounts=()
    # Never delete through a mount that is still there.
    if ! grep -q " $work/" /proc/self/mounts; then rm -rf "$work"; else log "left $work: still mounted"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

result() {  # result WIRESHARK NAME VERDICT
    summary+=("version-matrix: $1 ($2) $3")
}

# The same run on the host and in every root: scripts/matrix-run.sh. Its exit status says
# which stage failed.
stage_of() {
    case $1 in 10) echo "test suite" ;; 11) echo "plugin not loaded" ;; 12) echo "package check" ;;
    *) echo "exit $1" ;; esac
}

run_host() {
    local version start=$SECONDS rc=0
    version=$(pkg-config --modversion wireshark 2>/dev/null || echo "?")
    log "== host: Wireshark $version"
    bash "$top/scripts/matrix-run.sh" || rc=$?
    if [ $rc -eq 0 ]; then
        result "$version" "host $(. /etc/os-release && echo "${VERSION_CODENAME:-}")" "passed in $((SECONDS - start)) s"
        host_deb=$(ls "$top"/build-deb/tcpreuse-wireshark_*.deb 2>/dev/null | head -n 1)
    else
        result "$version" host "FAILED ($(stage_of $rc))"; status=1
    fi
}

# in_root ROOT COMMAND...: COMMAND in the chroot, with a clean environment.
in_root() {
    local root=$1; shift
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

run_root() {
    local suite=$1 why start=$SECONDS
    log "== $suite"
    if [ -e "$work/$suite.why" ]; then
        why=$(cat "$work/$suite.why")
        log "$suite: SKIPPED: $why"
        result "${EXPECTED[$suite]}" "$suite" "SKIPPED ($why)"; skipped=1
        return
    fi
    [ $roots_only -eq 1 ] && return
    local root=$work/$suite
    mkdir -p "$root"
    if ! tar --zstd -xpf "$cache/roots/$suite.tar.zst" -C "$root" --numeric-owner 2>"$work/$suite.tar.err"; then
        result "${EXPECTED[$suite]}" "$suite" "SKIPPED (cannot unpack $cache/roots/$suite.tar.zst: $(head -n 1 "$work/$suite.tar.err"))"
        skipped=1; return
    fi
    local version
    version=$(in_root "$root" pkg-config --modversion wireshark 2>/dev/null || echo "?")
    log "$suite: Wireshark $version, root unpacked in $((SECONDS - start)) s"
    mount -t proc proc "$root/proc" && mounts+=("$root/proc")
    mount --bind /dev "$root/dev" && mounts+=("$root/dev")
    # The working tree as it is (committed or not), without builds.
    mkdir -p "$root/src"
    tar -C "$top" --exclude=./.git --exclude='./build*' --exclude=./Testing -cf - . | tar -C "$root/src" -xf -
    local rc=0 begin=$SECONDS
    in_root "$root" bash /src/scripts/matrix-run.sh || rc=$?
    local verdict
    if [ $rc -eq 0 ]; then
        verdict="passed in $((SECONDS - begin)) s"
        # The host's package must not install beside this root's libwireshark.
        if [ -n "${host_deb:-}" ] && [ -f "$host_deb" ]; then
            if ! refuses "$root" "$host_deb"; then verdict="FAILED (the host's package installs here)"; status=1; fi
        fi
    else
        verdict="FAILED ($(stage_of $rc))"; status=1
    fi
    result "$version" "$suite" "$verdict"
    local m
    for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do umount "${mounts[m]}"; done
    mounts=()
    rm -rf "$root"
}

# refuses ROOT DEB: installing DEB (built for another Wireshark) in ROOT must fail on the
# libwireshark dependency, with apt (nothing unpacked) and with dpkg (left unconfigured).
refuses() {
    local root=$1 deb=$2 out ok=0 want
    want=$(dpkg-deb -f "$deb" Depends | sed 's/ (.*//')   # e.g. libwireshark16
    cp "$deb" "$root/tmp/"
    local name
    name=/tmp/$(basename "$deb")
    log "cross-install: $(basename "$deb") (Depends: $want) in $suite"
    if out=$(in_root "$root" apt-get install -y --no-download "$name" 2>&1); then
        log "  apt-get install accepted it:"; printf '%s\n' "$out" >&2; ok=1
    elif printf '%s\n' "$out" | grep -q "Depends: $want"; then
        log "  apt-get install refuses: $(printf '%s\n' "$out" | grep "Depends: $want" | head -n 1 | sed 's/^ *//')"
    else
        log "  apt-get install failed, but not on $want:"; printf '%s\n' "$out" >&2; ok=1
    fi
    if out=$(in_root "$root" dpkg -i "$name" 2>&1); then
        log "  dpkg -i accepted it:"; printf '%s\n' "$out" >&2; ok=1
    elif printf '%s\n' "$out" | grep -q "depends on $want"; then
        log "  dpkg -i refuses: $(printf '%s\n' "$out" | grep "depends on $want" | head -n 1 | sed 's/^ *//')"
        log "    $(in_root "$root" dpkg-query -W -f='status of ${Package}: ${Status}' tcpreuse-wireshark 2>&1)"
    else
        log "  dpkg -i failed, but not on $want:"; printf '%s\n' "$out" >&2; ok=1
    fi
    in_root "$root" dpkg --purge tcpreuse-wireshark >/dev/null 2>&1 || true
    return $ok
}

# Make (or find) every root first, all at once: a cold cache then costs the slowest root
# (sid, about 14 min alone), not their sum. A root that cannot be made leaves its reason.
for v in "${versions[@]}"; do
    [ "$v" = host ] && continue
    ( why=$(make_root "$v") || printf '%s\n' "$why" >"$work/$v.why" ) &
done
wait

host_deb=""
for v in "${versions[@]}"; do
    case $v in
    host) [ $roots_only -eq 1 ] || run_host ;;
    *) run_root "$v" ;;
    esac
done

[ $roots_only -eq 1 ] && [ ${#summary[@]} -eq 0 ] && { log "roots ready in $cache/roots"; exit 0; }
echo
for line in ${summary[@]+"${summary[@]}"}; do echo "$line"; done
if [ $status -ne 0 ]; then exit 1; fi
# Nothing ran at all: that is no pass either.
if ! printf '%s\n' "${summary[@]}" | grep -q ' passed'; then log "no version ran"; exit 3; fi
if [ $skipped -ne 0 ] && [ "${TCPREUSE_MATRIX_STRICT:-0}" = 1 ]; then exit 3; fi
exit 0

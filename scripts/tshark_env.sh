# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by everything that runs tshark with a built (not installed) tcpreuse.so: the
# integration tests, the lab check, the benchmark and scripts/tshark-plugin. Sets up a
# throw-away HOME holding the plugin as a personal plugin
# (~/.local/lib/wireshark/plugins/<major.minor>/epan/), and runs tshark there. As root,
# tshark runs as nobody: Wireshark ignores personal plugins (and WIRESHARK_PLUGIN_DIR) for root.

# tshark_env_setup TSHARK PLUGIN [MAJOR.MINOR]
tshark_env_setup() {
    TSHARK_BIN=$1
    local plugin=$2 version=${3:-}
    if [ -z "$version" ]; then
        version=$("$TSHARK_BIN" -v 2>/dev/null |
            sed -n '1s/.*(Wireshark) \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
    fi
    if [ -z "$version" ]; then
        echo "FAIL: cannot tell the Wireshark version from '$TSHARK_BIN -v'" >&2
        return 1
    fi
    if [ ! -f "$plugin" ]; then
        echo "FAIL: no plugin at $plugin" >&2
        return 1
    fi
    TSHARK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tcpreuse-tshark.XXXXXX") || return 1
    trap 'rm -rf "$TSHARK_TMP"' EXIT
    local epan="$TSHARK_TMP/home/.local/lib/wireshark/plugins/$version/epan"
    mkdir -p "$epan" "$TSHARK_TMP/plain" || return 1
    cp "$plugin" "$epan/" || return 1
    chmod -R a+rX "$TSHARK_TMP"
    chmod 755 "$TSHARK_TMP"
    TSHARK_AS=()
    if [ "$(id -u)" = 0 ]; then
        TSHARK_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
}

# tshark_env_add FILE: copies FILE where tshark can read it; prints the copy's path.
tshark_env_add() {
    local copy="$TSHARK_TMP/$(basename "$1")"
    cp "$1" "$copy" && chmod 644 "$copy" && printf '%s\n' "$copy"
}

# Most of a short tshark run is its start (registering 200,000 and more fields), and much of
# that is page faults: glibc's malloc on transparent huge pages (glibc 2.35 on; older ones
# ignore the tunable) takes about a tenth off every run and changes nothing else.
TSHARK_MALLOC=GLIBC_TUNABLES=glibc.malloc.hugetlb=1

# tshark_run ARGS...: tshark with the plugin.
tshark_run() {
    "${TSHARK_AS[@]}" env -i PATH="$PATH" LANG=C.UTF-8 "$TSHARK_MALLOC" HOME="$TSHARK_TMP/home" "$TSHARK_BIN" "$@"
}

# tshark_run_plain ARGS...: tshark without the plugin, the baseline.
tshark_run_plain() {
    "${TSHARK_AS[@]}" env -i PATH="$PATH" LANG=C.UTF-8 "$TSHARK_MALLOC" HOME="$TSHARK_TMP/plain" "$TSHARK_BIN" "$@"
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerate the README's screenshots of the Wireshark GUI with the built plugin and the
# profile "tcpreuse", under a virtual X server:
#   doc/gui-story000.png        story 000, filter tcpreuse, frame 55 selected, its finding open
#   doc/gui-stats-busy-nat.png  Statistics > TCP Socket-Pair Reuse on the lab's busy-nat capture
#
#   scripts/screenshots.sh [--install-deps] [--build DIR] [--out DIR]
#
# Wireshark runs with a throw-away HOME holding the plugin (personal plugin folder) and the
# profile (personal profiles), as nobody when you are root (Wireshark run as root ignores
# personal plugins). The script checks that tshark lists the plugin under that HOME, that the
# windows it expects appear, and that Wireshark, quit cleanly, recorded "tcpreuse" as the
# profile it used. Look at the images before committing them.
#
# Needs: wireshark (Qt), Xvfb, xdotool, ImageMagick (import, convert), pngquant (optional,
# makes the PNGs small). --install-deps installs them with apt-get (Debian, Ubuntu).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
out=$top/doc
install_deps=0
while [ $# -gt 0 ]; do
    case $1 in
    --install-deps) install_deps=1 ;;
    --build) build=$2; shift ;;
    --out) out=$2; shift ;;
    -h | --help) sed -n '3,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

packages=(wireshark-qt xvfb xdotool imagemagick pngquant)
if [ "$install_deps" = 1 ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi
for tool in wireshark tshark Xvfb xdotool import convert; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool: run $0 --install-deps (apt-get install ${packages[*]})" >&2
        exit 1
    }
done

plugin=$build/plugin/epan/tcpreuse.so
profile=$build/packaging/profile/tcpreuse
[ -f "$plugin" ] && [ -d "$profile" ] || {
    echo "no built plugin or profile under $build: cmake -S . -B build && cmake --build build" >&2
    exit 1
}

. "$top/scripts/tshark_env.sh"
tshark_env_setup "$(command -v tshark)" "$plugin"
home=$TSHARK_TMP/home
conf=$home/.config/wireshark
mkdir -p "$conf/profiles"
cp -R "$profile" "$conf/profiles/tcpreuse"
# The main window's place and size (recent_common is shared by all profiles).
cat >"$conf/recent_common" <<'EOF'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1360
gui.geometry_main_height: 740
gui.geometry_main_maximized: FALSE
EOF
story=$(tshark_env_add "$top/captures/story000_nat_paws.pcap")
busy=$(tshark_env_add "$top/captures/lab/busy-nat.pcap.gz")
mkdir -p "$TSHARK_TMP/runtime"
chmod 700 "$TSHARK_TMP/runtime"
# Wireshark writes its recent files into the HOME it is given.
chmod -R a+rwX "$home"
[ ${#TSHARK_AS[@]} -eq 0 ] || chown 65534:65534 "$TSHARK_TMP/runtime"

# The plugin loads for this user and HOME (Wireshark reads the same plugin folder).
tshark_run -G plugins | grep -Eq '^tcpreuse\.so[[:space:]]' || {
    echo "FAIL: tshark -G plugins does not list tcpreuse.so under the throw-away HOME" >&2
    exit 1
}

xvfb_pid=
wireshark_pid=
cleanup() {
    [ -z "$wireshark_pid" ] || kill "$wireshark_pid" 2>/dev/null || true
    [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$TSHARK_TMP"
}
trap cleanup EXIT

# A virtual screen on a free display number, which Xvfb writes to fd 3.
Xvfb -displayfd 3 -screen 0 1360x740x24 -nolisten tcp -ac 3>"$TSHARK_TMP/display" \
    >"$TSHARK_TMP/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    [ -s "$TSHARK_TMP/display" ] && break
    sleep 0.2
done
[ -s "$TSHARK_TMP/display" ] || { echo "FAIL: Xvfb did not start: $(cat "$TSHARK_TMP/xvfb.log")" >&2; exit 1; }
export DISPLAY=:$(head -n 1 "$TSHARK_TMP/display")

# wireshark_start LOG ARGS...: Wireshark with the profile tcpreuse, in the background.
wireshark_start() {
    local log=$1
    shift
    "${TSHARK_AS[@]}" env -i PATH="$PATH" LANG=C.UTF-8 HOME="$home" DISPLAY="$DISPLAY" \
        XDG_RUNTIME_DIR="$TSHARK_TMP/runtime" wireshark -C tcpreuse "$@" >"$TSHARK_TMP/$log" 2>&1 &
    wireshark_pid=$!
}

# wait_window NAME: the id of the first visible window whose title contains NAME.
wait_window() {
    local id
    for _ in $(seq 120); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1) || true
        if [ -n "$id" ]; then
            printf '%s\n' "$id"
            return 0
        fi
        sleep 0.5
    done
    echo "FAIL: no window '$1' after 60 s" >&2
    return 1
}

# wireshark_quit WINDOW: Ctrl+Q, so that Wireshark writes its recent files.
wireshark_quit() {
    xdotool windowfocus --sync "$1" key ctrl+q
    for _ in $(seq 40); do
        kill -0 "$wireshark_pid" 2>/dev/null || { wireshark_pid=; return 0; }
        sleep 0.25
    done
    echo "FAIL: Wireshark did not quit" >&2
    return 1
}

# profile_was_used: Wireshark records the profile it last used in recent_common.
profile_was_used() {
    grep -q '^gui.last_used_profile: tcpreuse$' "$conf/recent_common" || {
        echo "FAIL: Wireshark did not use the profile tcpreuse (recent_common)" >&2
        return 1
    }
    # Forget it again for the next run.
    sed -i '/^gui.last_used_profile:/d' "$conf/recent_common"
}

# save_png SOURCE DEST: fewer colours, small files.
save_png() {
    if command -v pngquant >/dev/null; then
        pngquant --force --speed 1 --output "$2" 64 -- "$1"
    else
        convert "$1" -colors 64 "PNG8:$2"
    fi
    echo "wrote $2 ($(identify -format '%wx%h' "$2"), $(($(stat -c %s "$2") / 1024)) KB)"
}

mkdir -p "$out"

# 1. Story 000: the display filter tcpreuse, frame 55 selected, its finding opened.
wireshark_start story.log -r "$story" -Y tcpreuse -g 55
main=$(wait_window story000_nat_paws)
sleep 4 # the file is read, filtered and frame 55 selected
# Open TCP Socket-Pair Reuse (the fifth top-level item: Frame, Ethernet, IP, TCP, tcpreuse)
# and its first finding (after the Tags line): a click in the details pane's empty part
# gives it the keyboard.
eval "$(xdotool getwindowgeometry --shell "$main")"
xdotool mousemove --window "$main" 300 $((HEIGHT - 80)) click 1
sleep 0.5
xdotool key Home Down Down Down Down Right Down Down Right
xdotool mousemove $((WIDTH - 5)) $((HEIGHT - 5))
sleep 1
import -window "$main" "$TSHARK_TMP/story.png"
wireshark_quit "$main"
profile_was_used
save_png "$TSHARK_TMP/story.png" "$out/gui-story000.png"

# 2. Statistics > TCP Socket-Pair Reuse (the menu's last item) on the busy NAT capture.
wireshark_start busy.log -r "$busy"
main=$(wait_window busy-nat)
sleep 4
xdotool windowfocus --sync "$main" key alt+s
sleep 1
xdotool key Up Return
stats=$(wait_window 'TCP Socket-Pair Reuse')
sleep 3 # the dialog taps the whole capture
import -window "$stats" "$TSHARK_TMP/stats.png"
xdotool key --window "$stats" Escape
sleep 1
wireshark_quit "$main"
profile_was_used
save_png "$TSHARK_TMP/stats.png" "$out/gui-stats-busy-nat.png"

if grep -Ei 'plugin|tcpreuse|error' "$TSHARK_TMP/story.log" "$TSHARK_TMP/busy.log" | grep -v nl80211; then
    echo "(Wireshark's messages above)"
fi
echo "PASS: screenshots made with the plugin loaded and the profile tcpreuse in use"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what tcpreuse needs to build and test on Debian/Ubuntu (Wireshark 4.0+ packages).
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config libglib2.0-dev \
  libwireshark-dev wireshark-dev tshark \
  libcmocka-dev python3 util-linux file \
  libpcap-dev tcpdump >/dev/null
echo "install-deps: $(tshark -v 2>/dev/null | head -n 1)"

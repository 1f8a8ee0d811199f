#!/bin/sh
# Installs what the browser tests drive: Debian's chromium at /usr/bin/chromium and the Noto CJK fonts
# (without them Chinese renders as boxes in screenshots). Idempotent: does nothing when both are there.
# Needs root (as in CI) or sudo. Usage: sh scripts/install-chromium.sh
set -eu

have_chromium() { [ -x /usr/bin/chromium ]; }
have_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; }

if have_chromium && have_fonts; then
  echo "install-chromium: /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown')) and Noto CJK fonts are installed; nothing to do"
  exit 0
fi

packages=""
have_chromium || packages="chromium"
have_fonts || packages="$packages fonts-noto-cjk"
echo "install-chromium: missing:$packages"

if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1; then
  run="sudo"
else
  echo "install-chromium: need root to run apt-get; run as root: apt-get update && apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found (not Debian/Ubuntu); install chromium at /usr/bin/chromium and the Noto CJK fonts by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: apt-get update"
$run apt-get update
echo "install-chromium: apt-get install -y chromium fonts-noto-cjk"
$run apt-get install -y chromium fonts-noto-cjk

if ! have_chromium; then
  echo "install-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "install-chromium: done: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"

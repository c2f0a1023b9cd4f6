#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing: Chromium and a font with
# Chinese glyphs (browser builds cannot be downloaded here, so Playwright drives /usr/bin/chromium),
# and redis-server, which the deployment tests start privately on a loopback port.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

missing=()
for pkg in chromium fonts-wqy-microhei redis-server; do
  installed "$pkg" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

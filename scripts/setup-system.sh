#!/usr/bin/env bash
# Installs the Debian packages the project needs, but only those that are missing:
# Python >= 3.12 with venv, Node.js with npm, and chromium for the browser tests.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ! "$(dirname "$0")/find-python.sh" >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installiere Debian-Pakete: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"

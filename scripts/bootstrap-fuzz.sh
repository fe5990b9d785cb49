#!/usr/bin/env bash
# Installs what the fuzz targets need on top of scripts/bootstrap.sh: clang and its runtime libraries (libFuzzer,
# AddressSanitizer, UndefinedBehaviorSanitizer), which Debian 12 ships in libclang-rt-14-dev, a package clang only
# recommends. Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

"$(dirname "$0")/bootstrap.sh"

packages=(clang libclang-rt-dev)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        as_root=(sudo)
    fi
    echo "bootstrap-fuzz: installing ${missing[*]}"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Crochet. Safe to run again: it only calls
# apt-get and npm when something is missing.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libsodium-dev libcsv-dev
    # run: the SQLite driver, Qt's French catalogue, the SVG icon, the desktop platform plugins
    libqt6sql6-sqlite qt6-translations-l10n libqt6svg6 qt6-qpa-plugins
    # PostgreSQL: Qt's driver, and the server the tests start for themselves (scripts/postgres-cluster.sh)
    libqt6sql6-psql postgresql-15 postgresql-common
    # packaging checks
    dpkg-dev file desktop-file-utils appstream groff-base man-db
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

# Node.js runs the Standard Webhooks reference verifier in the tests; any Node.js with npm will do (Debian's, or one
# the machine already has from elsewhere, which Debian's npm package would conflict with).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        as_root=(sudo)
    fi
    echo "bootstrap: installing ${missing[*]}"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The independent signature verifier used by the tests (npm package standardwebhooks), pinned by package-lock.json.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$here/tests/node/node_modules/standardwebhooks" ]; then
    (cd "$here/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

#!/usr/bin/env bash
# Installs what is missing, builds Crochet and starts the window. Extra arguments go to crochet
# (for example --lang fr or --database PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/bootstrap.sh"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$here/build" --target crochet crochet-cli
exec "$here/build/src/app/crochet" "$@"

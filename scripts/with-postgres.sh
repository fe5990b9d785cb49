#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server: CROCHET_TEST_DATABASE_URL (and DATABASE_URL for a quick try)
# hold its URL while the command runs; the server and its files go when it ends. For example:
#   scripts/with-postgres.sh build/src/cli/crochet-cli user list
#   scripts/with-postgres.sh ctest --test-dir build -L pg
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
state=$(mktemp -d /tmp/crochet-with-postgres.XXXXXX)
cleanup() {
    "$here/scripts/postgres-cluster.sh" stop "$state" >/dev/null 2>&1 || true
    rm -rf "$state"
}
trap cleanup EXIT
"$here/scripts/postgres-cluster.sh" start "$state" >&2
url=$(cat "$state/url")
CROCHET_TEST_DATABASE_URL=$url DATABASE_URL=$url "$@"

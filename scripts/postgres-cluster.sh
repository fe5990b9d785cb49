#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the tests: "start STATE_DIR" initialises a cluster in a new temporary folder,
# starts it on 127.0.0.1 (a free port) and on a Unix socket, and writes the URL of its superuser connection to
# STATE_DIR/url; "stop STATE_DIR" stops it and removes the folder. ctest runs these as the fixture of the tests labelled
# pg; scripts/with-postgres.sh wraps any command in them. Run as root, the server runs as the postgres user (initdb
# refuses root). Local socket connections are trusted; TCP ones need a password (scram-sha-256), so that the tests can
# check authentication failures.
set -euo pipefail

action=${1:?usage: postgres-cluster.sh start|stop STATE_DIR}
state=${2:?usage: postgres-cluster.sh start|stop STATE_DIR}
bin=${POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

stop() {
    if [ -f "$state/data-dir" ]; then
        local dir
        dir=$(cat "$state/data-dir")
        if [ -f "$dir/data/postmaster.pid" ]; then
            "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir"
        rm -f "$state/data-dir" "$state/url"
    fi
}

case $action in
stop)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "postgres-cluster.sh: unknown action $action" >&2
    exit 2
    ;;
esac

if [ ! -x "$bin/initdb" ]; then
    echo "postgres-cluster.sh: PostgreSQL's initdb was not found (install postgresql-15; scripts/bootstrap.sh does)" >&2
    exit 1
fi
mkdir -p "$state"
stop # a server left over by an interrupted run
dir=$(mktemp -d /tmp/crochet-postgres.XXXXXX)
echo "$dir" >"$state/data-dir"
chmod 755 "$dir"
if [ ${#as_owner[@]} -gt 0 ]; then
    chown postgres: "$dir"
fi
password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
printf '%s\n' "$password" >"$dir/password"
chmod 644 "$dir/password"
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U crochet_test --pwfile="$dir/password" -A scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
}
# Crochet's URL form; the password is in the URL because the tests connect over TCP as a client would.
printf 'postgresql://crochet_test:%s@127.0.0.1:%s/postgres\n' "$password" "$port" >"$state/url"
chmod 600 "$state/url"
echo "postgres-cluster.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"

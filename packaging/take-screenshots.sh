#!/bin/bash
# Takes the screenshots used by the README and the AppStream metainfo: the real window, in French, under Xvfb, on a
# temporary database, talking to a loopback receiver. Writes packaging/screenshots/{general,users,deliveries}-fr.png.
#
# Usage: packaging/take-screenshots.sh [BUILD_DIR]     (default: build; it must hold src/app/crochet and
#                                                       src/cli/crochet-cli, built)
#
# Needs: xvfb and xauth (xvfb-run), python3, cmake and qt6-base-dev (to build the small driver plugin in
# packaging/screenshot-driver), fonts-dejavu-core for the same look on every machine.
#
# How: the window is driven from the inside by a Qt "generic" plugin loaded with QT_QPA_GENERIC_PLUGINS; it finds the
# widgets by object name (mainTabs, webhookUrlEdit, testButton, nameEdit, createButton, deliveriesView, ...), types
# and clicks as a user would, and saves the window with QWidget::grab(). No coordinates, no window manager.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
app="$build/src/app/crochet"
cli="$build/src/cli/crochet-cli"
output="$root/packaging/screenshots"
port=${CROCHET_SCREENSHOT_PORT:-8787}

for tool in xvfb-run xauth python3 cmake; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "take-screenshots: $tool is missing (apt-get install xvfb xauth python3 cmake)" >&2
        exit 2
    fi
done
for program in "$app" "$cli"; do
    if [ ! -x "$program" ]; then
        echo "take-screenshots: $program is missing: build $build first" >&2
        exit 2
    fi
done

work=$(mktemp -d)
receiver_pid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    if [ -n "$receiver_pid" ]; then
        kill "$receiver_pid" 2>/dev/null || true
        wait "$receiver_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== Building the driver plugin"
if ! { cmake -S "$root/packaging/screenshot-driver" -B "$work/driver" -DCMAKE_BUILD_TYPE=Release \
    && cmake --build "$work/driver"; } >"$work/driver.log" 2>&1; then
    cat "$work/driver.log" >&2
    exit 1
fi

echo "== Starting the loopback receiver"
# Answers 204 to every POST, except 503 for the account of bruno.lefevre@example.org, so that the history shows a
# notification waiting for its next attempt next to the delivered ones.
cat >"$work/receiver.py" <<'EOF'
import http.server
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status = 503 if b"bruno.lefevre@example.org" in body else 204
        self.send_response(status)
        if status == 503:
            self.send_header("Retry-After", "300")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        sys.stderr.write("receiver: " + (format % args) + "\n")


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
EOF
# A fixed port keeps the pictures the same from one run to the next; fall back to any free one.
python3 "$work/receiver.py" "$port" >"$work/port" 2>"$work/receiver.log" &
receiver_pid=$!
for _ in $(seq 50); do
    [ -s "$work/port" ] && break
    if ! kill -0 "$receiver_pid" 2>/dev/null; then
        python3 "$work/receiver.py" 0 >"$work/port" 2>"$work/receiver.log" &
        receiver_pid=$!
    fi
    sleep 0.1
done
port=$(cat "$work/port")
if [ -z "$port" ]; then
    echo "take-screenshots: the receiver did not start" >&2
    cat "$work/receiver.log" >&2
    exit 1
fi
url="http://127.0.0.1:$port/hooks/crochet"
echo "receiver on $url"

# A home of its own: no saved geometry, language or database from this machine's user.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset WEBHOOK_URL https_proxy HTTPS_PROXY http_proxy HTTP_PROXY
# French comes from --lang fr (which also sets the default QLocale); C.UTF-8 exists on every Debian machine.
export LANG=C.UTF-8
unset LC_ALL LANGUAGE
database="$work/crochet.sqlite"

echo "== Filling the database"
crochet_cli() {
    "$cli" --database "$database" --lang fr "$@"
}
crochet_cli webhook set "$url" --format json
add_user() { # name email role [password]
    if [ $# -eq 4 ]; then
        printf '%s\n' "$4" | crochet_cli user add --name "$1" --email "$2" --role "$3" --password-stdin
    else
        crochet_cli user add --name "$1" --email "$2" --role "$3"
    fi
}
add_user "Élodie Garnier" elodie.garnier@example.org admin "lune-de-miel-1987"
add_user "Thomas Nguyen" thomas.nguyen@example.org user "pain-au-chocolat"
add_user "Awa Diallo" awa.diallo@example.org user "baobab-sous-la-pluie"
add_user "Bruno Lefèvre" bruno.lefevre@example.org pending
add_user "Inès Haddad" ines.haddad@example.org user "tramway-de-nantes"
crochet_cli user list

echo "== Taking the screenshots under Xvfb"
mkdir -p "$work/shots"
status=0
QT_QPA_PLATFORM=xcb QT_STYLE_OVERRIDE=Fusion QT_SCALE_FACTOR=1 QT_AUTO_SCREEN_SCALE_FACTOR=0 \
    QT_PLUGIN_PATH="$work/driver/plugins" QT_QPA_GENERIC_PLUGINS=crochetscreenshots \
    CROCHET_SCREENSHOT_DIR="$work/shots" CROCHET_SCREENSHOT_URL="$url" \
    timeout --kill-after=5 120 \
    xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24 -nolisten tcp" \
    "$app" --lang fr --database "$database" 2>&1 | tee "$work/app.log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "take-screenshots: the window exited with status $status" >&2
    exit 1
fi
if ! grep -q '^crochet-screenshots: test result: .*204' "$work/app.log"; then
    echo "take-screenshots: the test notification did not show a success (204)" >&2
    exit 1
fi

mkdir -p "$output"
for shot in general-fr.png users-fr.png deliveries-fr.png; do
    if [ ! -s "$work/shots/$shot" ]; then
        echo "take-screenshots: $shot was not written" >&2
        exit 1
    fi
    cp "$work/shots/$shot" "$output/$shot"
    echo "wrote packaging/screenshots/$shot"
done

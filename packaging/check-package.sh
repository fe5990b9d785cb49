#!/bin/bash
# Builds the Debian package and the tarball from a configured and built tree, validates the desktop integration,
# installs the package on this machine, tries both executables from /usr/bin, and removes the package.
#
# Usage: packaging/check-package.sh BUILD_DIR
#
# Runs as root (or through sudo). Needs: cpack (cmake), dpkg-dev and file (for dpkg-shlibdeps), desktop-file-utils,
# appstream, groff and man-db, coreutils' timeout. Exits non-zero when any check failed, after naming each one.
set -uo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/CPackConfig.cmake" ]; then
    echo "Usage: $0 BUILD_DIR   (a configured build tree holding CPackConfig.cmake)" >&2
    exit 2
fi

build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
app_id=io.crochet.Crochet
package=crochet

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "check-package: installing a package needs root or sudo" >&2
    exit 2
fi

failures=()
fail() {
    failures+=("$1")
    echo "FAIL: $1" >&2
}
pass() {
    echo "ok: $1"
}
section() {
    echo
    echo "== $1"
}

work=$(mktemp -d)
installed=0
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    if [ "$installed" -eq 1 ]; then
        "${as_root[@]}" dpkg -r "$package" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

finish() {
    echo
    if [ ${#failures[@]} -eq 0 ]; then
        echo "check-package: every check passed"
        exit 0
    fi
    echo "check-package: ${#failures[@]} check(s) failed:" >&2
    printf '  - %s\n' "${failures[@]}" >&2
    exit 1
}

section "Source files"
if desktop-file-validate "$here/$app_id.desktop"; then
    pass "desktop-file-validate $app_id.desktop"
else
    fail "desktop-file-validate $app_id.desktop"
fi
if appstreamcli validate --no-net "$here/$app_id.metainfo.xml"; then
    pass "appstreamcli validate $app_id.metainfo.xml"
else
    fail "appstreamcli validate $app_id.metainfo.xml"
fi
for page in "$here"/man/*.1 "$here"/man/*/*.1; do
    name=${page#"$here"/}
    # -k: read UTF-8 through preconv, as man does; -ww: every warning.
    if warnings=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1) && [ -z "$warnings" ]; then
        pass "groff $name"
    else
        echo "$warnings" >&2
        fail "groff reports problems in $name"
    fi
done

section "cpack (DEB, TGZ) in $build"
rm -f "$build/${package}"_*.deb "$build/${package}"-*.tar.gz
if (cd "$build" && cpack -G "DEB;TGZ" >"$work/cpack.log" 2>&1); then
    pass "cpack"
else
    cat "$work/cpack.log" >&2
    fail "cpack"
    finish
fi
# The old ones were removed above, so each glob matches what this cpack made.
shopt -s nullglob
debs=("$build/${package}"_*.deb)
tarballs=("$build/${package}"-*.tar.gz)
shopt -u nullglob
deb=${debs[0]:-}
tarball=${tarballs[0]:-}
if [ -z "$deb" ]; then
    fail "cpack made no .deb"
    finish
fi
pass "package $(basename "$deb")"
contents=$([ -n "$tarball" ] && tar -tzf "$tarball")
if grep -q '/bin/crochet-cli$' <<<"$contents" && grep -q '/bin/crochet$' <<<"$contents"; then
    pass "tarball $(basename "$tarball") holds both executables"
else
    fail "the tarball is missing or lacks bin/crochet and bin/crochet-cli"
fi

dpkg-deb --info "$deb"
depends=$(dpkg-deb --field "$deb" Depends)
for needed in libqt6core6 libqt6sql6-sqlite libqt6svg6 qt6-translations-l10n; do
    if [[ ", $depends," == *", $needed"[\ ,]* ]]; then
        pass "Depends names $needed"
    else
        fail "Depends does not name $needed (Depends: $depends)"
    fi
done
recommends=$(dpkg-deb --field "$deb" Recommends)
if [[ ", $recommends," == *", libqt6sql6-psql"[\ ,]* ]]; then
    pass "Recommends names libqt6sql6-psql"
else
    fail "Recommends does not name libqt6sql6-psql (Recommends: $recommends)"
fi
version=$(dpkg-deb --field "$deb" Version)

mkdir -p "$work/tree"
dpkg-deb --extract "$deb" "$work/tree"
if appstreamcli validate-tree --no-net "$work/tree"; then
    pass "appstreamcli validate-tree on the package's contents"
else
    fail "appstreamcli validate-tree on the package's contents"
fi
if desktop-file-validate "$work/tree/usr/share/applications/$app_id.desktop"; then
    pass "desktop-file-validate on the packaged desktop entry"
else
    fail "desktop-file-validate on the packaged desktop entry"
fi

section "dpkg -i"
if "${as_root[@]}" dpkg -i "$deb"; then
    installed=1
    pass "dpkg -i"
else
    installed=1
    echo "dpkg -i left dependencies unresolved; asking apt-get to install them"
    if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -f install -y; then
        "${as_root[@]}" apt-get update && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -f install -y
    fi
    if dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        pass "dpkg -i, then apt-get -f install"
    else
        fail "the package could not be installed (dpkg -i, then apt-get -f install)"
        finish
    fi
fi

section "dpkg -L $package"
listing=$(dpkg -L "$package")
for path in \
    /usr/bin/crochet \
    /usr/bin/crochet-cli \
    /usr/share/applications/$app_id.desktop \
    /usr/share/metainfo/$app_id.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/crochet.svg \
    /usr/share/icons/hicolor/16x16/apps/crochet.png \
    /usr/share/icons/hicolor/32x32/apps/crochet.png \
    /usr/share/icons/hicolor/48x48/apps/crochet.png \
    /usr/share/icons/hicolor/64x64/apps/crochet.png \
    /usr/share/icons/hicolor/128x128/apps/crochet.png \
    /usr/share/icons/hicolor/256x256/apps/crochet.png \
    /usr/share/man/man1/crochet.1.gz \
    /usr/share/man/man1/crochet-cli.1.gz \
    /usr/share/man/fr/man1/crochet.1.gz \
    /usr/share/man/fr/man1/crochet-cli.1.gz \
    /usr/share/doc/crochet/copyright \
    /usr/lib/systemd/user/crochet-delivery.service \
    /usr/share/doc/crochet/examples/crochet-delivery@.service.example; do
    if grep -qxF "$path" <<<"$listing" && [ -e "$path" ]; then
        pass "$path"
    else
        fail "the package does not install $path"
    fi
done
for page in /usr/share/man/man1/crochet-cli.1.gz /usr/share/man/fr/man1/crochet-cli.1.gz; do
    if [ -e "$page" ] && warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null) && [ -z "$warnings" ]; then
        pass "man -l $page"
    else
        echo "$warnings" >&2
        fail "man -l $page"
    fi
done

# The units as systemd reads them: the installed user unit, and the server example installed as a system unit would be.
if command -v systemd-analyze >/dev/null 2>&1; then
    if output=$(systemd-analyze verify --man=no /usr/lib/systemd/user/crochet-delivery.service 2>&1) \
        && [ -z "$output" ]; then
        pass "systemd-analyze verify crochet-delivery.service"
    else
        echo "$output" >&2
        fail "systemd-analyze verify crochet-delivery.service"
    fi
    mkdir -p "$work/units"
    cp /usr/share/doc/crochet/examples/crochet-delivery@.service.example "$work/units/crochet-delivery@.service"
    if output=$(cd "$work/units" && systemd-analyze verify --man=no "crochet-delivery@team.service" 2>&1) \
        && [ -z "$output" ]; then
        pass "systemd-analyze verify crochet-delivery@.service.example"
    else
        echo "$output" >&2
        fail "systemd-analyze verify crochet-delivery@.service.example"
    fi
else
    echo "systemd-analyze is not installed: the units were not verified"
fi

# A home and a database of their own, so nothing of this machine's user is touched.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset WEBHOOK_URL https_proxy HTTPS_PROXY http_proxy HTTP_PROXY
database="$work/crochet.sqlite"

section "/usr/bin/crochet-cli"
output=$(/usr/bin/crochet-cli --version 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
    echo "$output"
    if [[ "$output" == *"$version"* ]]; then
        pass "crochet-cli --version"
    else
        fail "crochet-cli --version does not print the package's version $version"
    fi
else
    echo "$output" >&2
    fail "crochet-cli --version exited with status $status"
fi
french=$(/usr/bin/crochet-cli --lang fr --help 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
    echo "$french"
    english=$(/usr/bin/crochet-cli --lang en --help 2>&1)
    if [ -z "$french" ]; then
        fail "crochet-cli --lang fr --help printed nothing"
    elif [ "$french" = "$english" ]; then
        fail "crochet-cli --lang fr --help is the same as in English: the French catalogue was not loaded"
    else
        pass "crochet-cli --lang fr --help"
    fi
else
    echo "$french" >&2
    fail "crochet-cli --lang fr --help exited with status $status"
fi
# Opens (and creates) a database through the installed SQLite driver.
output=$(/usr/bin/crochet-cli --database "$database" webhook show 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
    echo "$output"
    pass "crochet-cli --database … webhook show"
else
    echo "$output" >&2
    fail "crochet-cli --database … webhook show exited with status $status"
fi

# The delivery service, as systemd stops it: SIGTERM, then exit 0 having said so on stderr.
timeout --preserve-status --signal=TERM --kill-after=5 3 /usr/bin/crochet-cli --lang en --database "$database" serve \
    >"$work/serve.log" 2>&1
status=$?
cat "$work/serve.log"
if [ "$status" -eq 0 ] && grep -q 'Stopping on SIGTERM' "$work/serve.log"; then
    pass "crochet-cli serve stops on SIGTERM with status 0"
else
    fail "crochet-cli serve exited with status $status on SIGTERM (see its output above)"
fi

section "/usr/bin/crochet on the offscreen platform"
QT_QPA_PLATFORM=offscreen timeout --signal=TERM --kill-after=5 3 /usr/bin/crochet --database "$database" \
    >"$work/crochet.log" 2>&1
status=$?
cat "$work/crochet.log"
if [ "$status" -eq 124 ]; then
    pass "crochet was still running after 3 s"
else
    fail "crochet exited with status $status within 3 s instead of running until the time-out"
fi
if grep -E -q 'driver not loaded|Could not load the Qt platform plugin|Could not find the Qt platform plugin' \
    "$work/crochet.log"; then
    fail "crochet could not load a Qt plugin (see its output above)"
fi

section "dpkg -r $package"
if "${as_root[@]}" dpkg -r "$package"; then
    installed=0
    if [ -e /usr/bin/crochet-cli ] || [ -e /usr/share/applications/$app_id.desktop ]; then
        fail "dpkg -r left files behind"
    else
        pass "dpkg -r"
    fi
else
    fail "dpkg -r"
fi

finish

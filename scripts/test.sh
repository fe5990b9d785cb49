#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors and runs every test (core, integration, GUI on
# the offscreen platform, CLI as a subprocess), the core, integration and CLI ones twice: on SQLite, and on a
# throw-away PostgreSQL 15 server that ctest starts itself (tests labelled pg; scripts/postgres-cluster.sh). Set
# BUILD_DIR or extra CMake options (CMAKE_ARGS) to vary the build, CTEST_LABEL_EXCLUDE (a regular expression over the
# labels, default "benchmark") to leave tests out.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
"$here/scripts/bootstrap.sh"
# shellcheck disable=SC2086 # CMAKE_ARGS is a list of options
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCROCHET_WARNINGS_AS_ERRORS=ON ${CMAKE_ARGS:-}
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure --parallel 2 --label-exclude "${CTEST_LABEL_EXCLUDE:-benchmark}"

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (CROCHET_FUZZ=ON) in BUILD_DIR and runs each for SECONDS, starting from the
# committed corpus (copied, so that it is not polluted). Fails if any target finds a crash, a leak, undefined
# behaviour or a broken invariant; the input that did it is kept in BUILD_DIR/fuzz-artifacts.
#   tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(mkdir -p "$1" && cd "$1" && pwd)
seconds=$2
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(FuzzWebhookUrl FuzzCsvImport FuzzHeaderRules FuzzPayload)
fi

"$here/scripts/bootstrap-fuzz.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DCROCHET_FUZZ=ON -DCROCHET_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$build" --target "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/tests/lsan.supp:print_suppressions=0"
export QT_LOGGING_RULES="*.debug=false;*.info=false;*.warning=false"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
    echo "== $target for ${seconds} s"
    corpus="$work/$target"
    mkdir -p "$corpus"
    cp "$here/tests/fuzz/corpus/$target/"* "$corpus/"
    # A fixed seed (FUZZ_SEED, default 1) makes a run repeatable: CI explores what a longer local run with the same seed
    # has explored already. FUZZ_SEED=0 draws a new seed each run, for long runs in search of new inputs.
    options=(-seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2560
        -print_final_stats=1
        -artifact_prefix="$artifacts/$target-")
    if [ -f "$here/tests/fuzz/$target.dict" ]; then
        options+=(-dict="$here/tests/fuzz/$target.dict")
    fi
    if ! "$build/tests/fuzz/$target" "${options[@]}" "$corpus" 2>"$work/$target.log"; then
        tail -n 60 "$work/$target.log"
        failed+=("$target")
    else
        grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$work/$target.log" || true
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzzing failed: ${failed[*]}; inputs in $artifacts" >&2
    exit 1
fi
echo "Fuzzing: no failure in ${#targets[@]} targets"

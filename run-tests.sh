#!/bin/sh
# The whole test suite: unit tests, conformance harnesses, corpora and checks, first in a normal
# build, then under AddressSanitizer + UndefinedBehaviorSanitizer, then the fuzz targets replaying
# their seed corpora. Expects ../shared beside the clone (or WITC_SHARED set).
set -eu
cd "$(dirname "$0")"
top=$(pwd)
sh scripts/install-deps.sh
export WITC_SHARED="${WITC_SHARED:-$top/../shared}"
[ -d "$WITC_SHARED/conformance" ] || { echo "error: $WITC_SHARED/conformance not found" >&2; exit 1; }
[ -x configure ] || autoreconf -fi >/dev/null
jobs=$(nproc)

run_build() { # name, configure args...
    name=$1; shift
    echo "== build $name"
    mkdir -p "build-test-$name"
    (cd "build-test-$name" && { [ -f Makefile ] || ../configure -q "$@"; } &&
        make -j"$jobs" >/dev/null && make -j"$jobs" check) || {
        for f in $(find "build-test-$name" -name '*.log' -newer "build-test-$name/Makefile"); do
            grep -q -E '^(FAIL|ERROR)' "$f" 2>/dev/null && { echo "--- $f"; tail -n 60 "$f"; }
        done
        echo "FAILED: $name" >&2
        return 1
    }
}

run_build plain
run_build sanitize --enable-asan --enable-ubsan
run_build fuzz --enable-fuzzing CC=clang
echo "all tests passed"

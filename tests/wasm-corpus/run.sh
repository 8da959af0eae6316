#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The wasm golden corpus: each tests/wasm-corpus/<case>.hex is assembled by tests/tools/hexasm
# and run through the command on its line 1 (`; RUN: wit-c validate ARGS %` must exit 0,
# `; FAIL: ...` must exit non-zero; `%` is the assembled file, shown as <case>.wasm). Standard
# error must match <case>.hex.stderr. BLESS=1 rewrites the expectations.
set -u
: "${WITC:?WITC must point at the wit-c binary}"
src=${WITC_TEST_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${WITC_TEST_BUILDDIR:-.}
hexasm=${HEXASM:-$build/tests/tools/hexasm}
[ -x "$hexasm" ] || { echo "FAIL: hexasm not built at $hexasm"; exit 1; }
dir="$src/tests/wasm-corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
for hex in "$dir"/*.hex; do
    name=$(basename "$hex" .hex)
    first=$(head -1 "$hex")
    case $first in
    "; RUN: wit-c "*) expect=0; cmd=${first#"; RUN: wit-c "} ;;
    "; FAIL: wit-c "*) expect=1; cmd=${first#"; FAIL: wit-c "} ;;
    *) echo "FAIL: $name: line 1 must be \`; RUN: wit-c ...\` or \`; FAIL: wit-c ...\`"
       fail=$((fail + 1)); continue ;;
    esac
    if ! "$hexasm" "$hex" "$tmp/$name.wasm" 2>"$tmp/err"; then
        echo "FAIL: $name: $(cat "$tmp/err")"
        fail=$((fail + 1))
        continue
    fi
    # shellcheck disable=SC2086
    set -- $cmd
    args=""
    for a in "$@"; do
        [ "$a" = % ] && a="$name.wasm"
        args="$args $a"
    done
    # shellcheck disable=SC2086
    (cd "$tmp" && "$WITC" $args >/dev/null 2>"$name.stderr")
    rc=$?
    ok=yes
    if [ $expect -eq 0 ] && [ $rc -ne 0 ]; then ok=no; fi
    if [ $expect -eq 1 ] && { [ $rc -eq 0 ] || [ $rc -ge 126 ]; }; then ok=no; fi
    if [ "${BLESS:-0}" = 1 ]; then
        cp "$tmp/$name.stderr" "$hex.stderr"
    elif ! cmp -s "$tmp/$name.stderr" "$hex.stderr"; then
        ok=no
        diff -u "$hex.stderr" "$tmp/$name.stderr" | head -10
    fi
    if [ $ok = yes ]; then
        pass=$((pass + 1))
    else
        echo "FAIL: $name (exit $rc)"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

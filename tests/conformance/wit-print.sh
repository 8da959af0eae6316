#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# WIT printer conformance: `wit-c wit INPUT` against wit-component's `interfaces` corpus
# ($WITC_SHARED/conformance/wit-component/interfaces, see its SOURCE.md).
#
# Inputs: every `X.wit` (expected `X.wit.print`), every package folder `X/` (expected the one
# `X/*.wit.print`, named after the package), and every `X.wasm` and `X.wat` (the binary
# encoding of the same package and its text form, expected to print the same text). The expected files hold the main package only,
# while `wasm-tools component wit` goes on to print every dependency as a nested
# `package ns:name { ... }` block; the comparison therefore stops at the first nested package
# (a column-0 `package ... {` line, with the `///` docs right above it).
#
# Cases are named by their input (`console.wit`, `simple-deps/`, `console.wasm`). Failures
# listed in wit-print.known-failures (`case # reason`) are tolerated; any other failure fails
# the test, and a listed case that passes is reported.
set -u

: "${WITC:?WITC must point at the wit-c binary}"
if [ -z "${WITC_SHARED:-}" ] || [ ! -d "$WITC_SHARED/conformance/wit-component/interfaces" ]; then
    echo "error: corpus missing: \$WITC_SHARED/conformance/wit-component/interfaces" \
        "(WITC_SHARED='${WITC_SHARED:-}')" >&2
    exit 1
fi
corpus=$WITC_SHARED/conformance/wit-component/interfaces
here=$(dirname "$0")
known=${WITC_PRINT_KNOWN_FAILURES:-$here/wit-print.known-failures}
[ -f "$known" ] || known=${WITC_TEST_SRCDIR:-.}/tests/conformance/wit-print.known-failures

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Known failures: first word of each non-comment line.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known" 2>/dev/null | awk '{print $1}' \
    > "$tmp/known"

# Prints the main package only: stops at the first nested `package x:y {` line and drops the
# doc lines written right above it.
main_package_only() {
    awk '
        /^\/\/\// { held = held $0 "\n"; next }
        /^package .* \{$/ { exit }
        { printf "%s", held; held = ""; print }
        END { printf "%s", held }
    ' "$1"
}

passed=0
failed=0
unexpected=0

is_known() {
    grep -qxF "$1" "$tmp/known"
}

# run_case NAME INPUT EXPECTED
run_case() {
    name=$1
    input=$2
    expected=$3
    ok=0
    if [ -z "$expected" ] || [ ! -f "$expected" ]; then
        why="no expected output"
    elif "$WITC" wit "$input" > "$tmp/out" 2> "$tmp/err"; then
        main_package_only "$tmp/out" > "$tmp/main"
        cp "$tmp/out" "$tmp/printed.wit"
        if ! cmp -s "$tmp/main" "$expected"; then
            why="output differs"
        elif ! "$WITC" wit "$tmp/printed.wit" > /dev/null 2> "$tmp/err"; then
            # As upstream's runner does: the printed text (deps included) must parse again.
            why="printed text does not resolve again ($(head -n 1 "$tmp/err"))"
        else
            ok=1
        fi
    else
        why="exit status $? ($(head -n 1 "$tmp/err"))"
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
        if is_known "$name"; then
            echo "note: known failure now passes: $name"
        fi
    else
        failed=$((failed + 1))
        if is_known "$name"; then
            echo "known failure: $name: $why"
        else
            unexpected=$((unexpected + 1))
            echo "FAIL: $name: $why"
            if [ "$why" = "output differs" ]; then
                diff -u "$expected" "$tmp/main" | head -n 40
            else
                head -n 5 "$tmp/err"
            fi
        fi
    fi
}

# The expected text of a folder case: its one `*.wit.print` file.
dir_expected() {
    for p in "$1"/*.wit.print; do
        [ -f "$p" ] && { echo "$p"; return; }
    done
}

for path in "$corpus"/*; do
    base=$(basename "$path")
    case $base in
    *.wit)
        run_case "$base" "$path" "$path.print"
        ;;
    *.wasm | *.wat)
        stem=${base%.*}
        if [ -d "$corpus/$stem" ]; then
            run_case "$base" "$path" "$(dir_expected "$corpus/$stem")"
        elif [ -f "$corpus/$stem.wit.print" ]; then
            run_case "$base" "$path" "$corpus/$stem.wit.print"
        fi
        # else a stale upstream file with no package (single-named-result.wat, see SOURCE.md)
        ;;
    *)
        if [ -d "$path" ]; then
            run_case "$base/" "$path" "$(dir_expected "$path")"
        fi
        ;;
    esac
done

echo "$passed passed, $failed failed"
if [ $((passed + failed)) -eq 0 ]; then
    echo "error: no cases found in $corpus" >&2
    exit 1
fi
[ $unexpected -eq 0 ]

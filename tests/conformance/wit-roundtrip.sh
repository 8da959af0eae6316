#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# WIT print round trip over real-world packages: for every case of
#   $WITC_SHARED/conformance/wit-bindgen-codegen/codegen  (codegen/*.wit, codegen/<case>/wit,
#                                                          codegen/wasi-*/wit; see SOURCE.md)
#   $WITC_SHARED/conformance/wasi-0.2/wit                 (one package folder with deps/)
# the input must resolve and print (`wit-c wit`), the printed text must resolve again and
# print to itself, and `wit-c wit --json` of the printed text must equal that of the original. Dependencies come
# back as nested `package ... { }` blocks, so the comparison uses the build tree's jsoncmp
# (tests/tools/jsoncmp) when it exists and falls back to comparing the JSON text.
#
# Cases are named by their path under conformance/. Failures listed in
# wit-roundtrip.known-failures (`case # reason`) are tolerated; any other failure fails the
# test, and a listed case that passes is reported.
set -u

: "${WITC:?WITC must point at the wit-c binary}"
shared=${WITC_SHARED:-}
if [ -z "$shared" ] || [ ! -d "$shared/conformance/wit-bindgen-codegen/codegen" ] ||
    [ ! -d "$shared/conformance/wasi-0.2/wit" ]; then
    echo "error: corpora missing under \$WITC_SHARED/conformance (WITC_SHARED='$shared')" >&2
    exit 1
fi
root=$shared/conformance
here=$(dirname "$0")
known=${WITC_ROUNDTRIP_KNOWN_FAILURES:-$here/wit-roundtrip.known-failures}
[ -f "$known" ] || known=${WITC_TEST_SRCDIR:-.}/tests/conformance/wit-roundtrip.known-failures

jsoncmp=
if [ -n "${WITC_TEST_BUILDDIR:-}" ] && [ -x "$WITC_TEST_BUILDDIR/tests/tools/jsoncmp" ]; then
    jsoncmp=$WITC_TEST_BUILDDIR/tests/tools/jsoncmp
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known" 2>/dev/null | awk '{print $1}' \
    > "$tmp/known"

passed=0
failed=0
unexpected=0

same_json() {
    if [ -n "$jsoncmp" ]; then
        "$jsoncmp" "$1" "$2" > "$tmp/cmp" 2>&1
    else
        cmp "$1" "$2" > "$tmp/cmp" 2>&1
    fi
}

# check_case NAME INPUT: sets `why` and returns 1 on failure.
check_case() {
    if ! "$WITC" wit "$2" > "$tmp/printed.wit" 2> "$tmp/err"; then
        why="does not print: $(head -n 1 "$tmp/err")"
        return 1
    fi
    if ! "$WITC" wit --json "$2" > "$tmp/a.json" 2> "$tmp/err"; then
        why="--json fails on the original: $(head -n 1 "$tmp/err")"
        return 1
    fi
    if ! "$WITC" wit --json "$tmp/printed.wit" > "$tmp/b.json" 2> "$tmp/err"; then
        why="printed text does not resolve: $(head -n 1 "$tmp/err")"
        return 1
    fi
    # The printer's fixed point: printing the printed text gives it back unchanged.
    if ! "$WITC" wit "$tmp/printed.wit" > "$tmp/again.wit" 2> "$tmp/err"; then
        why="printed text does not print: $(head -n 1 "$tmp/err")"
        return 1
    fi
    if ! cmp -s "$tmp/printed.wit" "$tmp/again.wit"; then
        why="printing the printed text changes it: $(diff "$tmp/printed.wit" "$tmp/again.wit" |
            sed -n 2p)"
        return 1
    fi
    if ! same_json "$tmp/a.json" "$tmp/b.json"; then
        why="JSON differs after the round trip: $(head -n 1 "$tmp/cmp")"
        return 1
    fi
    return 0
}

run_case() {
    name=$1
    why=
    if check_case "$name" "$2"; then
        passed=$((passed + 1))
        if grep -qxF "$name" "$tmp/known"; then
            echo "note: known failure now passes: $name"
        fi
    else
        failed=$((failed + 1))
        if grep -qxF "$name" "$tmp/known"; then
            echo "known failure: $name: $why"
        else
            unexpected=$((unexpected + 1))
            echo "FAIL: $name: $why"
        fi
    fi
}

for path in "$root"/wit-bindgen-codegen/codegen/*; do
    base=$(basename "$path")
    if [ -d "$path/wit" ]; then
        run_case "wit-bindgen-codegen/codegen/$base/wit" "$path/wit"
    elif [ -f "$path" ] && [ "${base%.wit}" != "$base" ]; then
        run_case "wit-bindgen-codegen/codegen/$base" "$path"
    fi
done
run_case "wasi-0.2/wit" "$root/wasi-0.2/wit"

echo "$passed passed, $failed failed"
if [ $((passed + failed)) -eq 0 ]; then
    echo "error: no cases found" >&2
    exit 1
fi
[ $unexpected -eq 0 ]

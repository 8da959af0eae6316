#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# WIT-as-binary conformance against wit-component's `interfaces` corpus
# ($WITC_SHARED/conformance/wit-component/interfaces, see its SOURCE.md and manifest.tsv).
#
# Three checks per case, each its own case name:
#   encode:X     encode the WIT (X.wit or the folder X/) and compare with X.wasm, both without
#                their `producers` custom section (it only names the tool version). The
#                output is also run through the component validator (all features); its
#                verdict is reported but does not decide the case.
#   decode:X     decode X.wasm and print the main package: must equal the manifest's `print`.
#   roundtrip:X  decode our own encoding of X: must print the same text.
# Then, over wit-component's `components` corpus ($WITC_SHARED/conformance/wit-component/
# components, see its SOURCE.md): every core input X.wasm (module, adapt-*, lib-*) of a case
# carries the `component-type` section of world X of the case folder's package:
#   world:CASE/X    encoding world X must give that payload (both without producers);
#   reworld:CASE/X  decoding the core module and encoding world X again must give it too.
# Failures listed in wit-binary.known-failures (`case # reason`) are tolerated; any other
# failure fails the test, and a listed case that passes is reported.
set -u

for sub in interfaces components; do
    if [ -z "${WITC_SHARED:-}" ] || [ ! -d "$WITC_SHARED/conformance/wit-component/$sub" ]; then
        echo "error: corpus missing: \$WITC_SHARED/conformance/wit-component/$sub" \
            "(WITC_SHARED='${WITC_SHARED:-}')" >&2
        exit 1
    fi
done
components=$WITC_SHARED/conformance/wit-component/components
corpus=$WITC_SHARED/conformance/wit-component/interfaces
here=$(dirname "$0")
dump=${WITC_BINARY_DUMP:-${WITC_TEST_BUILDDIR:-.}/tests/unit/wit_binary_dump}
if [ ! -x "$dump" ]; then
    echo "error: $dump not built" >&2
    exit 1
fi
known=$here/wit-binary.known-failures
[ -f "$known" ] || known=${WITC_TEST_SRCDIR:-.}/tests/conformance/wit-binary.known-failures

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known" 2>/dev/null | awk '{print $1}' \
    > "$tmp/known"

passed=0
failed=0
unexpected=0
invalid=""

is_known() {
    grep -qxF "$1" "$tmp/known"
}

# result NAME OK WHY [DIFF-A DIFF-B]
result() {
    if [ "$2" = 1 ]; then
        passed=$((passed + 1))
        if is_known "$1"; then
            echo "note: known failure now passes: $1"
        fi
        return
    fi
    failed=$((failed + 1))
    if is_known "$1"; then
        echo "known failure: $1: $3"
        return
    fi
    unexpected=$((unexpected + 1))
    echo "FAIL: $1: $3"
    if [ $# -ge 5 ] && [ -f "$4" ] && [ -f "$5" ]; then
        diff -u "$4" "$5" | head -n 40
    fi
}

enc_pass=0
dec_pass=0
rt_pass=0
total=0

# The manifest: case kind input encoding print notes (tab-separated, one header line).
tail -n +2 "$corpus/manifest.tsv" > "$tmp/manifest"
while IFS='	' read -r name kind input encoding print _notes; do
    [ -n "$name" ] || continue
    total=$((total + 1))
    src=$corpus/${input%/}
    expected_wasm=$corpus/$encoding
    expected_print=$corpus/$print

    # encode
    ok=0
    why=""
    if "$dump" encode "$src" "$tmp/$name.wasm" 2> "$tmp/$name.enc.err"; then
        "$dump" strip "$expected_wasm" "$tmp/$name.expected.wasm" 2> /dev/null
        if cmp -s "$tmp/$name.wasm" "$tmp/$name.expected.wasm"; then
            ok=1
            enc_pass=$((enc_pass + 1))
        else
            why="binary differs ($(cmp "$tmp/$name.wasm" "$tmp/$name.expected.wasm" 2>&1 | head -n 1))"
        fi
        if grep -q '^validate: error' "$tmp/$name.enc.err"; then
            invalid="$invalid $name"
        fi
    else
        why="encode failed ($(head -n 1 "$tmp/$name.enc.err"))"
    fi
    result "encode:$name" $ok "$why"

    # decode the oracle's binary
    ok=0
    if "$dump" decode "$expected_wasm" > "$tmp/$name.dec" 2> "$tmp/$name.dec.err"; then
        if cmp -s "$tmp/$name.dec" "$expected_print"; then
            ok=1
            dec_pass=$((dec_pass + 1))
        else
            why="output differs"
        fi
    else
        why="decode failed ($(head -n 1 "$tmp/$name.dec.err"))"
    fi
    result "decode:$name" $ok "$why" "$expected_print" "$tmp/$name.dec"

    # round trip through our own encoding
    ok=0
    if [ ! -f "$tmp/$name.wasm" ]; then
        why="nothing encoded"
    elif "$dump" decode "$tmp/$name.wasm" > "$tmp/$name.rt" 2> "$tmp/$name.rt.err"; then
        if cmp -s "$tmp/$name.rt" "$expected_print"; then
            ok=1
            rt_pass=$((rt_pass + 1))
        else
            why="output differs"
        fi
    else
        why="decode failed ($(head -n 1 "$tmp/$name.rt.err"))"
    fi
    result "roundtrip:$name" $ok "$why" "$expected_print" "$tmp/$name.rt"
done < "$tmp/manifest"

# The components corpus: world payloads of core inputs.
world_total=0
world_pass=0
reworld_pass=0
for dir in "$components"/*/; do
    case_name=$(basename "$dir")
    for input in "$dir"module.wasm "$dir"adapt-*.wasm "$dir"lib-*.wasm; do
        [ -f "$input" ] || continue
        stem=$(basename "$input" .wasm)
        "$dump" section "$input" component-type "$tmp/payload.wasm" 2> /dev/null || continue
        "$dump" strip "$tmp/payload.wasm" "$tmp/want.wasm" 2> /dev/null
        world_total=$((world_total + 1))
        ok=0
        if "$dump" world "$dir" "$stem" "$tmp/got.wasm" 2> "$tmp/world.err"; then
            if cmp -s "$tmp/got.wasm" "$tmp/want.wasm"; then
                ok=1
                world_pass=$((world_pass + 1))
            else
                why="binary differs"
            fi
            if grep -q '^validate: error' "$tmp/world.err"; then
                invalid="$invalid world:$case_name/$stem"
            fi
        else
            why="encode failed ($(head -n 1 "$tmp/world.err"))"
        fi
        result "world:$case_name/$stem" $ok "$why"
        ok=0
        if "$dump" reworld "$input" "$stem" "$tmp/re.wasm" 2> "$tmp/re.err"; then
            if cmp -s "$tmp/re.wasm" "$tmp/want.wasm"; then
                ok=1
                reworld_pass=$((reworld_pass + 1))
            else
                why="binary differs"
            fi
        else
            why="decode or encode failed ($(head -n 1 "$tmp/re.err"))"
        fi
        result "reworld:$case_name/$stem" $ok "$why"
    done
done

if [ -n "$invalid" ]; then
    echo "note: the component validator rejects our encoding of:$invalid"
fi
echo "encode $enc_pass/$total, decode $dec_pass/$total, round-trip $rt_pass/$total," \
    "world $world_pass/$world_total, world round-trip $reworld_pass/$world_total"
echo "$passed passed, $failed failed"
if [ "$total" -eq 0 ] || [ "$world_total" -eq 0 ]; then
    echo "error: no cases found in $corpus/manifest.tsv or $components" >&2
    exit 1
fi
[ $unexpected -eq 0 ]

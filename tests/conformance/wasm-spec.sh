#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Core spec conformance: every .wast of $WITC_SHARED/conformance/wasm-spec listed in flags.tsv
# is converted with Debian's wast2json (its recorded flags) and each command is checked with
# `wit-c validate`: `module` must validate, binary `assert_invalid` and `assert_malformed`
# must be rejected (text forms are text-syntax tests and are skipped). A rejection that says
# "not supported yet" is not a verdict and counts as a failure. Each case is validated a
# second time with `--threads 4`, which must give the same exit status and stderr (an extra
# case `<file>:<line>:threads`).
#
# Features per tree: HEAD is Wasm 3.0 (wit-c's defaults, plus legacy-exceptions for legacy/);
# the pinned 2022 tree is Wasm 2.0 plus the proposal of its folder.
# Case ids are `<file>:<line>`; a known-failures line naming a file alone covers all its cases.
set -u
: "${WITC:?WITC must point at the wit-c binary}"
shared=${WITC_SHARED:-}
src=${WITC_TEST_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
corpus="$shared/conformance/wasm-spec"
known="$src/tests/conformance/wasm-spec.known-failures"
if [ -z "$shared" ] || [ ! -f "$corpus/flags.tsv" ]; then
    echo "FAIL: wasm-spec corpus not found at '$corpus' (set WITC_SHARED)"
    exit 1
fi
command -v wast2json >/dev/null 2>&1 || { echo "FAIL: wast2json (Debian wabt) is required"; exit 1; }
# The round-trip tool is built by `make check`; run by hand, set WITC_ROUNDTRIP or leave it out.
if [ -z "${WITC_ROUNDTRIP:-}" ] && [ -n "${WITC_TEST_BUILDDIR:-}" ]; then
    WITC_ROUNDTRIP="$WITC_TEST_BUILDDIR/tests/tools/wasm-roundtrip"
    [ -x "$WITC_ROUNDTRIP" ] || { echo "FAIL: $WITC_ROUNDTRIP not built"; exit 1; }
fi
# Each case also runs with `--threads N` (default 4; 1 turns this off) and must match.
threads=${WITC_SPEC_THREADS:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/failed"
pass=0 fail=0

features_for() {
    case $1 in
    head-193e551/legacy/*) echo "legacy-exceptions" ;;
    */proposals/threads/*) echo "wasm2,-reference-types,threads" ;;
    head-193e551/*) echo "" ;;
    wabt-pin-3a04b2c/proposals/exception-handling/*) echo "wasm2,exceptions,legacy-exceptions" ;;
    wabt-pin-3a04b2c/proposals/extended-const/*) echo "wasm2,extended-const" ;;
    wabt-pin-3a04b2c/proposals/function-references/*) echo "wasm2,function-references,tail-call" ;;
    wabt-pin-3a04b2c/proposals/gc/*) echo "wasm2,function-references,gc" ;;
    wabt-pin-3a04b2c/proposals/memory64/*) echo "wasm2,memory64" ;;
    wabt-pin-3a04b2c/proposals/multi-memory/*) echo "wasm2,multi-memory" ;;
    wabt-pin-3a04b2c/proposals/relaxed-simd/*) echo "wasm2,relaxed-simd" ;;
    wabt-pin-3a04b2c/proposals/tail-call/*) echo "wasm2,tail-call" ;;
    *) echo "wasm2" ;;
    esac
}

n=0
while IFS='	' read -r path flags; do
    [ -n "$path" ] || continue
    n=$((n + 1))
    dir="$tmp/$n"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    if ! wast2json $flags "$corpus/$path" -o "$dir/t.json" >"$dir/log" 2>&1; then
        echo "FAIL: $path: wast2json failed: $(head -1 "$dir/log")"
        echo "$path" >>"$tmp/failed"
        fail=$((fail + 1))
        continue
    fi
    feats=$(features_for "$path")
    # One command per line in wast2json's output.
    sed -n 's/.*"type": "\([a-z_]*\)", "line": \([0-9]*\).*"filename": "\([^"]*\)".*/\1 \2 \3/p' \
        "$dir/t.json" >"$dir/cmds"
    while read -r type line file; do
        case $type in
        module) expect=ok ;;
        assert_invalid | assert_malformed)
            case $file in *.wasm) expect=reject ;; *) continue ;; esac ;;
        *) continue ;;
        esac
        "$WITC" validate ${feats:+--features "$feats"} "$dir/$file" >/dev/null 2>"$dir/err"
        rc=$?
        # Threaded body validation must give the same exit status and the same text.
        if [ "$threads" -gt 1 ]; then
            "$WITC" validate --threads "$threads" ${feats:+--features "$feats"} "$dir/$file" \
                >/dev/null 2>"$dir/err-threads"
            if [ $? -ne $rc ] || ! cmp -s "$dir/err" "$dir/err-threads"; then
                fail=$((fail + 1))
                echo "$path:$line:threads $type differs with --threads $threads" >>"$tmp/failed"
            else
                pass=$((pass + 1))
            fi
        fi
        ok=no
        if [ "$expect" = ok ] && [ $rc -eq 0 ]; then
            ok=yes
        elif [ "$expect" = reject ] && [ $rc -eq 1 ] && ! grep -q "not supported yet" "$dir/err"; then
            ok=yes
        fi
        if [ $ok = yes ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "$path:$line $type $(head -c 200 "$dir/err" | head -1)" >>"$tmp/failed"
        fi
    done <"$dir/cmds"
    # Round trip: every module must encode back to the same bytes (wast2json writes
    # canonical binaries; hand-written `module binary` forms may not be, see known failures).
    if [ -n "${WITC_ROUNDTRIP:-}" ]; then
        mods=$(awk '$1 == "module" { print "'"$dir"'/" $3 }' "$dir/cmds")
        if [ -n "$mods" ]; then
            # shellcheck disable=SC2086
            "$WITC_ROUNDTRIP" $mods >"$dir/rt" 2>&1
            nmods=$(echo "$mods" | wc -l)
            nbad=0
            while read -r what f rest; do
                [ "$what" = noncanonical ] && continue
                nbad=$((nbad + 1))
                line=$(awk -v f="${f##*/}" '$3 == f { print $2 }' "$dir/cmds")
                echo "$path:$line:roundtrip $what $rest" >>"$tmp/failed"
            done <"$dir/rt"
            pass=$((pass + nmods - nbad))
            fail=$((fail + nbad))
        fi
    fi
    rm -rf "$dir"
done <"$corpus/flags.tsv"

# Compare with the known failures: `<file>:<line>` or `<file>` (all its cases), `# reason`.
sed 's/[[:space:]]*#.*//; /^$/d' "$known" 2>/dev/null | sort -u >"$tmp/known"
unexpected=0
while read -r id rest; do
    case_file=${id%%:*}
    if grep -qxF "$id" "$tmp/known" || grep -qxF "$case_file" "$tmp/known"; then
        continue
    fi
    echo "FAIL: $id $rest"
    unexpected=$((unexpected + 1))
done <"$tmp/failed"
# Known failures that now pass.
cut -d' ' -f1 "$tmp/failed" | sort -u >"$tmp/failed-ids"
cut -d' ' -f1 "$tmp/failed" | sed 's/:.*//' | sort -u >"$tmp/failed-files"
while read -r id; do
    if ! grep -qxF "$id" "$tmp/failed-ids" && ! grep -qxF "$id" "$tmp/failed-files"; then
        echo "note: known failure now passes: $id"
    fi
done <"$tmp/known"
echo "$pass passed, $fail failed ($unexpected not in known failures)"
[ "$unexpected" -eq 0 ]

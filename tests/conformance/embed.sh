#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `wit-c embed` conformance: every world of the wit-bindgen codegen corpus
# ($WITC_SHARED/conformance/wit-bindgen-codegen, see its SOURCE.md) and of the WASI 0.2.12
# tree ($WITC_SHARED/conformance/wasi-0.2: the root's worlds and every world of its deps,
# fully qualified) is embedded into a small hand-made core module. Checks, each its own case:
#   embed:X     the embed succeeds, `wit-c validate` accepts the output, and `wit-c wit` of the
#               output (the binary decoder) prints the world exactly as the source prints it;
#   oracle:X    when node and tests/node/node_modules exist: jco's componentEmbed (wasm-tools'
#               wit-component) on the same inputs gives the same `component-type` payload,
#               byte for byte, producers section aside (tests/node/oracle.mjs);
#   dummy:X     `wit-c embed --dummy` makes a core module for the world that `wit-c validate`
#               accepts;
#   new:X       with node: jco's componentNew accepts that module, i.e. every core import
#               and export has the name and canonical-ABI signature wit-component expects.
# A few worlds are also embedded with `--string-encoding utf16` and `compact-utf16`.
# Failures listed in embed.known-failures (`case # reason`) are tolerated; any other failure
# fails the test, and a listed case that passes is reported.
set -u

for sub in wit-bindgen-codegen/codegen wasi-0.2/wit; do
    if [ -z "${WITC_SHARED:-}" ] || [ ! -d "$WITC_SHARED/conformance/$sub" ]; then
        echo "error: corpus missing: \$WITC_SHARED/conformance/$sub" \
            "(WITC_SHARED='${WITC_SHARED:-}')" >&2
        exit 1
    fi
done
WITC=${WITC:-${WITC_TEST_BUILDDIR:-.}/wit-c}
if [ ! -x "$WITC" ]; then
    echo "error: $WITC not built" >&2
    exit 1
fi
codegen=$WITC_SHARED/conformance/wit-bindgen-codegen/codegen
wasi=$WITC_SHARED/conformance/wasi-0.2/wit
here=$(cd "$(dirname "$0")" && pwd)
known=$here/embed.known-failures
oracle=$here/../node/oracle.mjs

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known" 2>/dev/null | awk '{print $1}' \
    > "$tmp/known"

passed=0
failed=0
unexpected=0

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

# The core module every world goes into: one type, one function exported as `f`, and a
# custom section `keep` that must survive (written in octal, as POSIX printf wants).
core=$tmp/core.wasm
printf '\000asm\001\000\000\000' > "$core"
printf '\001\004\001\140\000\000' >> "$core"             # type: (func)
printf '\003\002\001\000' >> "$core"                     # function: type 0
printf '\007\005\001\001f\000\000' >> "$core"            # export "f" func 0
printf '\012\004\001\002\000\013' >> "$core"             # code: no locals, end
printf '\000\005\004keep' >> "$core"                     # custom "keep", empty
core_len=$(wc -c < "$core")

# The block `world NAME {` ... `}` of a printed package (NAME as printed: `%type` keeps its
# `%`, which `--world` accepts too). Docs are left out of both prints: the `component-type`
# payload carries none (wit-component writes no package-docs there), and for the same reason
# neither do `@since`/`@unstable`/`@deprecated` gates, which are dropped from both sides.
world_block() {
    awk -v name="$2" '
        $0 == "world " name " {" || $0 == "world " name " {}" { on = 1 }
        on { print }
        on && /^}/ { exit }
        on && /{}$/ { exit }' "$1" | grep -Ev '^[[:space:]]*@(since|unstable|deprecated)\('
}

# Cases: label, WIT path, --world value, path whose print holds the world, world name,
# string encoding (tab-separated).
: > "$tmp/cases"
add_worlds() { # label-prefix wit-path print-path spec-prefix spec-suffix names...
    prefix=$1 path=$2 print=$3 sp=$4 ss=$5
    shift 5
    for w in "$@"; do
        printf '%s\t%s\t%s\t%s\t%s\tutf8\n' "$prefix/$w" "$path" "$sp$w$ss" "$print" "$w" \
            >> "$tmp/cases"
    done
}

for entry in $(ls "$codegen"); do
    path=$codegen/$entry
    [ -d "$path" ] && path=$path/wit
    [ -e "$path" ] || continue
    if ! "$WITC" wit --no-docs "$path" > "$tmp/print.$entry" 2> "$tmp/err"; then
        result "resolve:codegen/$entry" 0 "$(head -n 1 "$tmp/err")"
        continue
    fi
    worlds=$(sed -n 's/^world \([^ ]*\) {.*/\1/p' "$tmp/print.$entry")
    # shellcheck disable=SC2086
    add_worlds "codegen/${entry%.wit}" "$path" "$tmp/print.$entry" "" "" $worlds
done

"$WITC" wit --no-docs "$wasi" > "$tmp/print.wasi" 2> "$tmp/err" ||
    result "resolve:wasi" 0 "$(head -n 1 "$tmp/err")"
add_worlds "wasi" "$wasi" "$tmp/print.wasi" "" "" proxy command
# Each dependency package on its own, printed from a folder holding its files with the
# other packages as its deps, so that its worlds can be compared with their source.
for dep in $(ls "$wasi/deps"); do
    pkg=$(sed -n 's/^package \([^;]*\);.*/\1/p' "$wasi/deps/$dep"/*.wit | head -n 1)
    worlds=$(sed -n 's/^world \([^ ]*\) {.*/\1/p' "$wasi/deps/$dep"/*.wit)
    [ -n "$pkg" ] && [ -n "$worlds" ] || continue
    mkdir -p "$tmp/dep-$dep/deps"
    for f in "$wasi/deps/$dep"/*.wit; do
        ln -s "$f" "$tmp/dep-$dep/"
    done
    for other in $(ls "$wasi/deps"); do
        [ "$other" = "$dep" ] || ln -s "$wasi/deps/$other" "$tmp/dep-$dep/deps/$other"
    done
    if ! "$WITC" wit --no-docs "$tmp/dep-$dep" > "$tmp/print.dep-$dep" 2> "$tmp/err"; then
        result "resolve:wasi-deps/$dep" 0 "$(head -n 1 "$tmp/err")"
        continue
    fi
    # shellcheck disable=SC2086
    add_worlds "wasi/$pkg" "$wasi" "$tmp/print.dep-$dep" "${pkg%@*}/" "@${pkg#*@}" $worlds
done
strings_world=$(sed -n 's/^world \([^ ]*\) {.*/\1/p' "$tmp/print.strings.wit" | head -n 1)
# A versionless fully qualified name, and the other string encodings.
printf 'wasi/versionless-proxy\t%s\twasi:http/proxy\t%s\tproxy\tutf8\n' "$wasi" \
    "$tmp/print.dep-http" >> "$tmp/cases"
for enc in utf16 compact-utf16; do
    printf 'wasi/proxy-%s\t%s\tproxy\t%s\tproxy\t%s\n' "$enc" "$wasi" "$tmp/print.wasi" "$enc" \
        >> "$tmp/cases"
    printf 'codegen/strings-%s\t%s\t%s\t%s\t%s\t%s\n' "$enc" "$codegen/strings.wit" \
        "$strings_world" "$tmp/print.strings.wit" "$strings_world" "$enc" >> "$tmp/cases"
done

: > "$tmp/jobs"
: > "$tmp/job-labels"
n=0
while IFS='	' read -r label path spec print name enc; do
    n=$((n + 1))
    out=$tmp/out.$n.wasm
    ok=0
    why=""
    if ! "$WITC" embed --wit "$path" --world "$spec" --string-encoding "$enc" "$core" \
        -o "$out" 2> "$tmp/err"; then
        why="embed failed ($(head -n 1 "$tmp/err"))"
    elif ! dd if="$out" bs=1 count="$core_len" 2> /dev/null | cmp -s - "$core"; then
        why="the input module was not kept as it was"
    elif ! "$WITC" validate "$out" 2> "$tmp/err"; then
        why="output does not validate ($(head -n 1 "$tmp/err"))"
    elif ! "$WITC" wit --no-docs "$out" > "$tmp/decoded" 2> "$tmp/err"; then
        why="output does not decode ($(head -n 1 "$tmp/err"))"
    else
        world_block "$print" "$name" > "$tmp/want"
        world_block "$tmp/decoded" "$name" > "$tmp/got"
        if [ ! -s "$tmp/want" ]; then
            why="world not found in the source print"
        elif cmp -s "$tmp/want" "$tmp/got"; then
            ok=1
        else
            why="decoded world differs from the source"
        fi
    fi
    result "embed:$label" $ok "$why" "$tmp/want" "$tmp/got"
    if [ -f "$out" ]; then
        printf 'embed\t%s\t%s\t%s\t%s\t%s\n' "$path" "$spec" "$enc" "$core" "$out" >> "$tmp/jobs"
        echo "oracle:$label" >> "$tmp/job-labels"
    fi

    dummy=$tmp/dummy.$n.wasm
    ok=0
    if ! "$WITC" embed --dummy --wit "$path" --world "$spec" --string-encoding "$enc" \
        -o "$dummy" 2> "$tmp/err"; then
        why="embed --dummy failed ($(head -n 1 "$tmp/err"))"
    elif ! "$WITC" validate "$dummy" 2> "$tmp/err"; then
        why="dummy module does not validate ($(head -n 1 "$tmp/err"))"
    else
        ok=1
    fi
    result "dummy:$label" $ok "$why"
    if [ $ok = 1 ]; then
        printf 'new\t%s\n' "$dummy" >> "$tmp/jobs"
        echo "new:$label" >> "$tmp/job-labels"
    fi
done < "$tmp/cases"

if command -v node > /dev/null 2>&1 && [ -d "$here/../node/node_modules/@bytecodealliance/jco" ]; then
    node "$oracle" < "$tmp/jobs" > "$tmp/verdicts" 2> "$tmp/node-err"
    if [ "$(wc -l < "$tmp/verdicts")" -ne "$(wc -l < "$tmp/job-labels")" ]; then
        echo "FAIL: the oracle stopped early: $(head -n 3 "$tmp/node-err")"
        unexpected=$((unexpected + 1))
    fi
    paste "$tmp/job-labels" "$tmp/verdicts" > "$tmp/joined"
    while IFS='	' read -r label verdict; do
        if [ "$verdict" = same ] || [ "$verdict" = ok ]; then
            result "$label" 1 ""
        else
            result "$label" 0 "${verdict:-no answer}"
        fi
    done < "$tmp/joined"
else
    echo "note: node or tests/node/node_modules missing: oracle comparison skipped" \
        "(run npm ci in tests/node)"
fi

echo "$passed passed, $failed failed"
[ "$unexpected" -eq 0 ]

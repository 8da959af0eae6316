#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Golden tests for `wit-c wit` (tests/wit-corpus). A case is a `.wit` file, or a directory
# (a package with optional deps/), directly under the corpus folder. Line 1 of the file (of a
# directory's first `*.wit` file in sorted order) is the directive, as in wasm-tools
# tests/cli:
#     // RUN: wit-c wit [options] %      the command must exit 0
#     // FAIL: wit-c wit [options] %     the command must exit non-zero
# where `%` is the case. Expected output sits beside the case as <case>.stdout and
# <case>.stderr (for a file: foo.wit.stdout); a missing file means no output. Commands run
# inside the corpus folder, so paths in diagnostics are short and stable.
# BLESS=1 rewrites the expectations. Prints `N passed, N failed`; exits 1 on any failure.
set -u

: "${WITC_TEST_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${WITC_TEST_BUILDDIR:=$WITC_TEST_SRCDIR}"
: "${WITC:=$WITC_TEST_BUILDDIR/wit-c}"
CORPUS=${1:-$WITC_TEST_SRCDIR/tests/wit-corpus}

if [ ! -x "$WITC" ]; then
    echo "error: $WITC is not built" >&2
    exit 1
fi
if [ ! -d "$CORPUS" ]; then
    echo "error: no corpus folder $CORPUS" >&2
    exit 1
fi
cd "$CORPUS" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
NO_COLOR=1
export NO_COLOR

pass=0
fail=0
for entry in *; do
    case "$entry" in
    *.stdout | *.stderr) continue ;;
    esac
    if [ -d "$entry" ]; then
        first=$(ls "$entry"/*.wit 2>/dev/null | LC_ALL=C sort | head -n 1)
    else
        case "$entry" in *.wit) first=$entry ;; *) continue ;; esac
    fi
    if [ -z "$first" ]; then
        echo "FAIL: $entry: no .wit file to read the directive from"
        fail=$((fail + 1))
        continue
    fi
    directive=$(head -n 1 "$first" | tr -d '\r')
    case "$directive" in
    "// RUN: "*) want=ok ;;
    "// FAIL: "*) want=fail ;;
    *)
        echo "FAIL: $entry: line 1 is neither \`// RUN:\` nor \`// FAIL:\`"
        fail=$((fail + 1))
        continue
        ;;
    esac
    cmd=${directive#// RUN: }
    cmd=${cmd#// FAIL: }
    case "$cmd" in
    wit-c\ *) cmd=${cmd#wit-c } ;;
    *)
        echo "FAIL: $entry: the command must start with wit-c"
        fail=$((fail + 1))
        continue
        ;;
    esac
    # Replace `%` by the case (no case name contains spaces or shell metacharacters).
    args=$(printf '%s\n' "$cmd" | sed "s|%|$entry|g")
    # shellcheck disable=SC2086
    "$WITC" $args >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    for s in stdout stderr; do
        tr -d '\r' <"$tmp/$s" >"$tmp/$s.n"
    done
    if [ "${BLESS:-0}" = 1 ]; then
        for s in stdout stderr; do
            if [ -s "$tmp/$s.n" ]; then
                cp "$tmp/$s.n" "$entry.$s"
            else
                rm -f "$entry.$s"
            fi
        done
    fi
    ok=1
    reason=
    if [ "$want" = ok ] && [ $rc -ne 0 ]; then
        ok=0
        reason="exit $rc, expected 0"
    elif [ "$want" = fail ] && [ $rc -eq 0 ]; then
        ok=0
        reason="exit 0, expected a failure"
    elif [ $rc -gt 2 ]; then
        ok=0
        reason="exit $rc (crash?)"
    fi
    for s in stdout stderr; do
        [ $ok = 1 ] || break
        if [ -f "$entry.$s" ]; then
            tr -d '\r' <"$entry.$s" >"$tmp/$s.want"
        else
            : >"$tmp/$s.want"
        fi
        if ! cmp -s "$tmp/$s.want" "$tmp/$s.n"; then
            ok=0
            reason="$s differs:
$(diff "$tmp/$s.want" "$tmp/$s.n" | head -n 20)"
        fi
    done
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $entry: $reason"
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Parse-only conformance for the WIT lexer and parser (no resolving).
#  - Every valid WIT file must parse: wit-parser tests/ui (cases and their deps), the
#    wit-bindgen codegen corpus and the WASI 0.2 tree.
#  - Each wit-parser parse-fail case whose expected error is a lexer/parser error must fail
#    in the same file at the same line (the column and wording are counted as notes).
#    Cases whose expected error comes from resolving must parse without error.
# Prints `N passed, N failed`; failures listed in wit-parse-only.known-failures (one case a
# line, then ` # reason`) are tolerated, and a listed case that passes is reported.
set -u

: "${WITC_TEST_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${WITC_TEST_BUILDDIR:=$WITC_TEST_SRCDIR}"
DUMP="$WITC_TEST_BUILDDIR/tests/unit/wit_parse_dump"
KNOWN="$WITC_TEST_SRCDIR/tests/conformance/wit-parse-only.known-failures"

if [ -z "${WITC_SHARED:-}" ] || [ ! -d "$WITC_SHARED/conformance/wit-parser/tests/ui" ]; then
    echo "error: WITC_SHARED is not set or has no conformance/wit-parser corpus" >&2
    exit 1
fi
if [ ! -x "$DUMP" ]; then
    echo "error: $DUMP is not built" >&2
    exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/failed"
pass=0
fail=0
col_notes=0
msg_notes=0

record() { # case ok|FAIL reason
    if [ "$2" = ok ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "$1" >>"$tmp/failed"
        echo "FAIL: $1: $3"
    fi
}

# Valid files: one case per file.
check_valid_dir() { # base-dir label
    (cd "$1" && find . -name '*.wit' ! -path '*/parse-fail/*' | LC_ALL=C sort) >"$tmp/list"
    while IFS= read -r f; do
        out=$(cd "$1" && "$DUMP" "$f")
        case "$out" in
        ok*) record "$2/${f#./}" ok ;;
        *) record "$2/${f#./}" FAIL "$out" ;;
        esac
    done <"$tmp/list"
}

check_valid_dir "$WITC_SHARED/conformance/wit-parser/tests/ui" wit-parser/ui
check_valid_dir "$WITC_SHARED/conformance/wit-bindgen-codegen" wit-bindgen-codegen
check_valid_dir "$WITC_SHARED/conformance/wasi-0.2" wasi-0.2

# Expected errors that come from the lexer or the parser rather than the resolver.
is_syntax_message() {
    case "$1" in
    expected\ * | *nesting\ too\ deep* | unknown\ attribute* | invalid\ character* | \
        unexpected\ character* | unterminated* | identifiers\ must* | cannot\ place* | \
        Control\ code* | Codepoint* | *bidirectional* | invalid\ string* | invalid\ hex* | \
        invalid\ unicode* | trailing\ underscore* | number\ is\ too\ big* | \
        invalid\ list\ size* | unexpected\ end\ of\ file* | invalid\ UTF-8*) return 0 ;;
    esac
    return 1
}

cd "$WITC_SHARED/conformance/wit-parser" || exit 1
for entry in tests/ui/parse-fail/*; do
    case "$entry" in *.result) continue ;; esac
    name=${entry#tests/ui/parse-fail/}
    name=${name%.wit}
    result="tests/ui/parse-fail/$name.wit.result"
    [ -f "$result" ] || continue
    first=$(head -n 1 "$result")
    loc=$(grep -m 1 -e '-->' "$result" | sed 's/^ *--> //')
    # Long source lines are rendered as one `path:line:col: message` line.
    case "$first" in
    tests/ui/*:*:*:\ *)
        loc=$(printf '%s\n' "$first" | sed 's/^\(tests[^:]*:[0-9]*:[0-9]*\): .*/\1/')
        first=$(printf '%s\n' "$first" | sed 's/^tests[^:]*:[0-9]*:[0-9]*: //')
        ;;
    esac
    # Directory cases wrap the message: "...: failed to parse package: <dir>: <message>".
    msg=$(printf '%s\n' "$first" | sed 's/^failed to resolve directory.*failed to parse package: [^:]*: //')
    if [ -d "$entry" ]; then
        find "$entry" -name '*.wit' | LC_ALL=C sort >"$tmp/files"
    else
        echo "$entry" >"$tmp/files"
    fi
    : >"$tmp/errors"
    while IFS= read -r f; do
        "$DUMP" "$f" | grep '^error ' >>"$tmp/errors"
    done <"$tmp/files"
    if is_syntax_message "$msg"; then
        got=$(head -n 1 "$tmp/errors")
        if [ -z "$got" ]; then
            record "parse-fail/$name" FAIL "parsed, but expected: $loc: $msg"
            continue
        fi
        got_loc=$(printf '%s\n' "$got" | sed 's/^error \([^:]*:[0-9]*:[0-9]*\): .*/\1/')
        got_msg=$(printf '%s\n' "$got" | sed 's/^error [^:]*:[0-9]*:[0-9]*: //')
        if [ "${got_loc%:*}" != "${loc%:*}" ]; then
            record "parse-fail/$name" FAIL "got $got_loc: $got_msg; expected $loc: $msg"
            continue
        fi
        [ "$got_loc" = "$loc" ] || { col_notes=$((col_notes + 1)); echo "note: parse-fail/$name: column $got_loc, expected $loc"; }
        [ "$got_msg" = "$msg" ] || { msg_notes=$((msg_notes + 1)); echo "note: parse-fail/$name: message '$got_msg', expected '$msg'"; }
        record "parse-fail/$name" ok
    else
        if [ -s "$tmp/errors" ]; then
            record "parse-fail/$name" FAIL "resolver case failed to parse: $(head -n 1 "$tmp/errors")"
        else
            record "parse-fail/$name" ok
        fi
    fi
done

status=0
. "$WITC_TEST_SRCDIR/tests/conformance/known-failures.sh"
known_failures_check "$KNOWN" "$tmp/failed" || status=1
echo "notes: $col_notes column differences, $msg_notes message differences"
echo "$pass passed, $fail failed"
exit $status

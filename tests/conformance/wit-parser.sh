#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Resolver conformance against wit-parser's tests/ui corpus ($WITC_SHARED/conformance/
# wit-parser, see its SOURCE.md). Runs from that folder so paths read tests/ui/...; turns on
# the feature `active`, as the upstream runner does.
#  - Valid cases (files, directories, the .wat): `wit-c wit --json` must equal
#    <case>.wit.json, compared by tests/tools/jsoncmp (member order free).
#  - parse-fail cases: exit status 1, and the first diagnostic's file and line must equal the
#    `--> path:line:col` of <case>.wit.result (results without a location: rejection only).
#    Column and message differences are counted as notes.
# Prints `N passed, N failed`; failures listed in wit-parser.known-failures (one case a line,
# then ` # reason`) are tolerated, and a listed case that passes is reported.
set -u

: "${WITC_TEST_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${WITC_TEST_BUILDDIR:=$WITC_TEST_SRCDIR}"
: "${WITC:=$WITC_TEST_BUILDDIR/wit-c}"
JSONCMP="$WITC_TEST_BUILDDIR/tests/tools/jsoncmp"
KNOWN="$WITC_TEST_SRCDIR/tests/conformance/wit-parser.known-failures"
CORPUS="${WITC_SHARED:-}/conformance/wit-parser"

if [ -z "${WITC_SHARED:-}" ] || [ ! -d "$CORPUS/tests/ui" ]; then
    echo "error: WITC_SHARED is not set or has no conformance/wit-parser corpus" >&2
    exit 1
fi
for tool in "$WITC" "$JSONCMP"; do
    if [ ! -x "$tool" ]; then
        echo "error: $tool is not built" >&2
        exit 1
    fi
done

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

cd "$CORPUS" || exit 1

for entry in tests/ui/*; do
    case "$entry" in
    tests/ui/parse-fail | *.json | *.result) continue ;;
    esac
    name=${entry#tests/ui/}
    base=${name%.wit}
    base=${base%.wat}
    expected="tests/ui/$base.wit.json"
    [ -f "$expected" ] || continue
    "$WITC" wit --features active --json "$entry" >"$tmp/out.json" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        record "$name" FAIL "exit $rc: $(head -n 1 "$tmp/err")"
        continue
    fi
    if "$JSONCMP" "$expected" "$tmp/out.json" >"$tmp/diff" 2>&1; then
        record "$name" ok
    else
        record "$name" FAIL "$(head -n 1 "$tmp/diff")"
    fi
done

for entry in tests/ui/parse-fail/*; do
    case "$entry" in *.result) continue ;; esac
    name=${entry#tests/ui/}
    result="tests/ui/parse-fail/${name#parse-fail/}"
    result="${result%.wit}.wit.result"
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
    # Directory cases wrap the message in context: "failed to ...: <path>: <message>".
    msg=$(printf '%s\n' "$first" | sed -e 's/^failed to resolve directory while parsing WIT for path \[[^]]*\]: //' \
        -e 's/^failed to parse package: [^:]*: //')
    "$WITC" wit --features active --json "$entry" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 1 ]; then
        record "$name" FAIL "exit $rc (expected 1): $(head -n 1 "$tmp/err")"
        continue
    fi
    got=$(head -n 1 "$tmp/err")
    if [ -z "$loc" ]; then
        record "$name" ok
        continue
    fi
    got_loc=$(printf '%s\n' "$got" | sed -n 's/^\([^:]*:[0-9]*:[0-9]*\): error: .*/\1/p')
    got_msg=$(printf '%s\n' "$got" | sed 's/^[^:]*:[0-9]*:[0-9]*: error: //')
    if [ "${got_loc%:*}" != "${loc%:*}" ]; then
        record "$name" FAIL "got '$got'; expected $loc: $msg"
        continue
    fi
    [ "$got_loc" = "$loc" ] || {
        col_notes=$((col_notes + 1))
        echo "note: $name: column $got_loc, expected $loc"
    }
    case "$msg" in
    "$got_msg"*) ;;
    *)
        msg_notes=$((msg_notes + 1))
        echo "note: $name: message '$got_msg', expected '$msg'"
        ;;
    esac
    record "$name" ok
done

status=0
. "$WITC_TEST_SRCDIR/tests/conformance/known-failures.sh"
known_failures_check "$KNOWN" "$tmp/failed" || status=1
echo "notes: $col_notes column differences, $msg_notes message differences"
echo "$pass passed, $fail failed"
exit $status

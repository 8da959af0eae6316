#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Component-model validation conformance: `wit-c validate [--features LIST] FILE` against the
# wasm-tools component-model tests ($WITC_SHARED/conformance/component-model, see its
# SOURCE.md). Each manifest row with a binary is run with the features of its source script
# (sources.tsv, column 5, in wasm-tools spelling; environment settings such as
# WAST_STRICT_COMPONENT_INDICES=0 are dropped). `valid` must exit 0; `invalid` and
# `malformed` must exit 1. Any other status (a usage error, a crash, a signal) is a failure.
# `unparsable` rows have no binary and are skipped.
#
# A second pass checks the encoder: every binary the component decoder accepts must encode
# back to the same bytes (tests/unit/component_validate_dump --roundtrip); those cases are
# named `roundtrip:PATH`.
#
# Failures listed in component-model.known-failures (`path # reason`) are tolerated; any
# other failure fails the test, and a listed case that passes is reported.
# WITC_CM_VALIDATE may name another command to run instead of `$WITC validate` (tests only).
set -u

: "${WITC:?WITC must point at the wit-c binary}"
corpus=${WITC_SHARED:-}/conformance/component-model
if [ -z "${WITC_SHARED:-}" ] || [ ! -f "$corpus/manifest.tsv" ]; then
    echo "error: corpus missing: \$WITC_SHARED/conformance/component-model" \
        "(WITC_SHARED='${WITC_SHARED:-}')" >&2
    exit 1
fi
here=$(dirname "$0")
known=$here/component-model.known-failures
[ -f "$known" ] || known=${WITC_TEST_SRCDIR:-.}/tests/conformance/component-model.known-failures
validate=${WITC_CM_VALIDATE:-"$WITC validate"}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$known" 2>/dev/null | awk '{print $1}' \
    > "$tmp/known"

# path -> features (environment assignments dropped)
awk -F'\t' '{
    n = split($5, parts, " "); f = "";
    for (i = 1; i <= n; i++) if (index(parts[i], "=") == 0) f = (f == "" ? parts[i] : f "," parts[i]);
    print $1 "\t" f
}' "$corpus/sources.tsv" > "$tmp/features"

awk -F'\t' 'NR == FNR { feat[$1] = $2; next }
    $2 != "unparsable" { print $1 "\t" $2 "\t" feat[$1] }' \
    "$tmp/features" "$corpus/manifest.tsv" > "$tmp/cases"

passed=0
failed=0
skipped=0
unexpected=0
fixed=0
while IFS="$(printf '\t')" read -r path expect feats; do
    if [ "$feats" != "" ]; then
        # shellcheck disable=SC2086
        $validate --features "$feats" "$corpus/$path" > /dev/null 2> "$tmp/err"
    else
        # shellcheck disable=SC2086
        $validate "$corpus/$path" > /dev/null 2> "$tmp/err"
    fi
    rc=$?
    case $expect in
    valid) want=0 ;;
    *) want=1 ;;
    esac
    if [ $rc = $want ]; then
        passed=$((passed + 1))
        if grep -qxF "$path" "$tmp/known"; then
            echo "note: known failure now passes: $path"
            fixed=$((fixed + 1))
        fi
    else
        failed=$((failed + 1))
        if ! grep -qxF "$path" "$tmp/known"; then
            unexpected=$((unexpected + 1))
            echo "FAIL: $path: expected $expect (exit $want), got exit $rc:" \
                "$(head -n 1 "$tmp/err")"
        fi
    fi
done < "$tmp/cases"
skipped=$(awk -F'\t' '$2 == "unparsable"' "$corpus/manifest.tsv" | wc -l | tr -d ' ')

# Round trips: decode + encode must reproduce the input (skipped inputs do not decode).
rt_passed=0
rt_failed=0
dump=${WITC_TEST_BUILDDIR:-.}/tests/unit/component_validate_dump
if [ -x "$dump" ]; then
    while IFS="$(printf '\t')" read -r path expect feats; do
        file=$corpus/$path
        "$dump" --roundtrip "$file" > /dev/null 2> "$tmp/err"
        rc=$?
        case $rc in
        0)
            rt_passed=$((rt_passed + 1))
            if grep -qxF "roundtrip:$path" "$tmp/known"; then
                echo "note: known failure now passes: roundtrip:$path"
            fi
            ;;
        1)
            # undecodable inputs (malformed ones) have nothing to re-encode
            if grep -q "re-encoding differs" "$tmp/err"; then
                rt_failed=$((rt_failed + 1))
                if ! grep -qxF "roundtrip:$path" "$tmp/known"; then
                    unexpected=$((unexpected + 1))
                    echo "FAIL: roundtrip:$path: $(head -n 1 "$tmp/err")"
                fi
            fi
            ;;
        *)
            rt_failed=$((rt_failed + 1))
            unexpected=$((unexpected + 1))
            echo "FAIL: roundtrip:$path: exit $rc: $(head -n 1 "$tmp/err")"
            ;;
        esac
    done < "$tmp/cases"
else
    echo "error: $dump missing: build the check programs first (make check)" >&2
    unexpected=$((unexpected + 1))
fi

echo "round trips: $rt_passed passed, $rt_failed failed"
echo "validation: $passed passed, $failed failed ($skipped unparsable skipped)"
echo "$((passed + rt_passed)) passed, $((failed + rt_failed)) failed ($unexpected not in known failures)"
[ $unexpected = 0 ]

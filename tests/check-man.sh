#!/bin/sh
# Man pages must render without any groff warning (groff exits 0 even after warnings), and
# every subcommand in src/cli/commands.def must have its page.
set -u
src=${WITC_TEST_SRCDIR:-.}
fail=0
for m in "$src"/man/*.1; do
    out=$(groff -mandoc -ww -z "$m" 2>&1)
    if [ -n "$out" ]; then echo "FAIL: $m"; echo "$out"; fail=1; fi
done
for sub in $(sed -n 's/^WITC_CMD([a-z_]*, "\([a-z-]*\)".*/\1/p' "$src/src/cli/commands.def"); do
    [ -f "$src/man/wit-c-$sub.1" ] || { echo "FAIL: no man/wit-c-$sub.1"; fail=1; }
    grep -q "$sub" "$src/man/wit-c.1" || { echo "FAIL: wit-c.1 does not mention $sub"; fail=1; }
done
echo "man pages checked"
exit $fail

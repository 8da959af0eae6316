#!/bin/sh
# libwitc keeps no mutable global state: no object may define data or bss symbols.
set -u
build=${WITC_TEST_BUILDDIR:-.}
lib="$build/.libs/libwitc.a"
[ -f "$lib" ] || { echo "missing $lib"; exit 1; }
bad=$(nm -A "$lib" 2>/dev/null | awk '$(NF-1) ~ /^[DdBb]$/ {print}')
if [ -n "$bad" ]; then
    echo "mutable globals found in libwitc:"
    echo "$bad"
    exit 1
fi
echo "no mutable globals in libwitc"

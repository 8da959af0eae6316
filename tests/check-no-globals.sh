#!/bin/sh
# libwitc keeps no mutable global state: no object may put a symbol in a writable data section
# (.data, .bss, and their sub-sections). Tables of pointers are fine: under PIC they land in
# .data.rel.ro, which becomes read-only after relocation.
set -u
# Sanitizer instrumentation adds its own globals and moves tables; the plain build decides.
if [ -n "${WITC_SANITIZED:-}" ]; then echo "skipped in a sanitizer build"; exit 77; fi
build=${WITC_TEST_BUILDDIR:-.}
lib="$build/.libs/libwitc.a"
[ -f "$lib" ] || { echo "missing $lib"; exit 1; }
bad=$(objdump -t "$lib" 2>/dev/null | awk '
    /^In archive/ || /file format/ { next }
    NF >= 6 && $(NF-2) !~ /^\.data\.rel\.ro/ && ($(NF-2) ~ /^\.(data|bss|tbss|tdata)/ || $(NF-2) == "COMMON") && $(NF-1) ~ /^[0-9a-f]+$/ && $NF !~ /^\./ { print }')
if [ -n "$bad" ]; then
    echo "mutable globals found in libwitc (symbol in a writable section):"
    echo "$bad"
    exit 1
fi
echo "no mutable globals in libwitc"

#!/bin/sh
# Smoke test for the libFuzzer targets (built with --enable-fuzzing): each target runs once over
# its seed corpus (the conformance and project corpora) and must not crash. Real fuzzing
# campaigns run the same binaries without -runs=0, e.g.
#   tests/fuzz/fuzz_wit -max_total_time=1800 -jobs=1 SEEDDIR
set -eu
build=${WITC_TEST_BUILDDIR:?}
src=${WITC_TEST_SRCDIR:?}
shared=${WITC_SHARED:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# WIT seeds: every .wit file of the corpora, flattened into one directory.
mkdir -p "$tmp/wit" "$tmp/wasm"
i=0
for f in $(find "$shared/conformance/wit-parser" "$shared/conformance/wit-component/interfaces" \
                "$shared/conformance/wasi-0.2" "$src/tests/wit-corpus" "$src/examples" \
                -name '*.wit' 2>/dev/null | sort); do
    i=$((i + 1)); cp "$f" "$tmp/wit/$i.wit"
done
for f in $(find "$shared/conformance/component-model" "$shared/conformance/wit-component" \
                -name '*.wasm' -size -512k 2>/dev/null | sort); do
    i=$((i + 1)); cp "$f" "$tmp/wasm/$i.wasm"
done
echo "seeds: $(ls "$tmp/wit" | wc -l) WIT, $(ls "$tmp/wasm" | wc -l) wasm"
"$build/tests/fuzz/fuzz_wit" -runs=0 "$tmp/wit" 2>&1 | tail -n 3
"$build/tests/fuzz/fuzz_wasm" -runs=0 "$tmp/wasm" 2>&1 | tail -n 3
echo "fuzz replay passed"

#!/bin/sh
# wit-c benchmarks. Prints throughput (MB/s of source) and peak memory for parse + resolve +
# print of a synthetic WIT package at three sizes (1x, 10x, 100x, to show linear growth) and of
# the WASI 0.2 package set. Timing is the best of several runs, whole process.
set -eu
: "${WITC:?}" "${BENCH_BIN:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=${BENCH_RUNS:-5}

report() { # label, bytes, "seconds kib"
    echo "$3" | awk -v label="$1" -v bytes="$2" '{
        mb = bytes / 1e6; mbs = (bytes / 1e6) / ($1 > 0 ? $1 : 1e-9);
        printf "%-28s %9.2f MB  %8.4f s  %8.1f MB/s  peak %8.1f MB (%.1fx source)\n",
               label, mb, $1, mbs, $2 / 1024, ($2 * 1024) / bytes }'
}

echo "== WIT: parse + resolve + print (wit-c wit)"
for n in ${BENCH_WIT_SIZES:-200 2000 20000}; do
    "$BENCH_BIN/gen-wit" "$n" "$tmp/synthetic-$n.wit"
    bytes=$(wc -c < "$tmp/synthetic-$n.wit")
    r=$("$BENCH_BIN/measure" "$runs" "$WITC" wit "$tmp/synthetic-$n.wit")
    report "synthetic $n interfaces" "$bytes" "$r"
    r=$("$BENCH_BIN/measure" "$runs" "$WITC" wit --json "$tmp/synthetic-$n.wit")
    report "  same, --json" "$bytes" "$r"
done
if [ -d "${WITC_SHARED:-}/conformance/wasi-0.2/wit" ]; then
    dir="$WITC_SHARED/conformance/wasi-0.2/wit"
    bytes=$(find "$dir" -name '*.wit' -exec cat {} + | wc -c)
    r=$("$BENCH_BIN/measure" "$runs" "$WITC" wit "$dir")
    report "WASI 0.2 (all packages)" "$bytes" "$r"
fi

# Core validation next to wabt's wasm-validate, whole process against whole process, on large
# real modules from the pinned npm packages (tests/node/package-lock.json).
mods="${WITC_TEST_SRCDIR:-$(dirname "$0")/..}/tests/node/node_modules/@bytecodealliance"
if [ ! -d "$mods/componentize-js" ] && command -v npm >/dev/null 2>&1; then
    (cd "$(dirname "$mods")/.." && npm ci --no-audit --no-fund >/dev/null 2>&1) || true
fi
if [ -d "$mods/componentize-js" ] && command -v wasm-validate >/dev/null 2>&1; then
    echo "== core validation: wit-c validate vs wasm-validate (wabt)"
    for f in "$mods/componentize-js/lib/starlingmonkey_embedding.wasm" \
             "$mods/componentize-js/lib/starlingmonkey_embedding_weval.wasm" \
             "$mods/componentize-js/lib/starlingmonkey_embedding.debug.wasm" \
             "$mods/jco-transpile/vendor/wasm-tools.core.wasm"; do
        [ -f "$f" ] || continue
        bytes=$(wc -c < "$f")
        ours=$("$BENCH_BIN/measure" "$runs" "$WITC" validate "$f") || { echo "$(basename "$f"): wit-c validate failed"; continue; }
        theirs=$("$BENCH_BIN/measure" 3 wasm-validate --enable-all "$f") || theirs="0 0"
        report "wit-c    $(basename "$f")" "$bytes" "$ours"
        threaded=$("$BENCH_BIN/measure" "$runs" "$WITC" validate --threads 0 "$f") && \
            report "  same, --threads 0 ($(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs)" "$bytes" "$threaded"
        report "wabt     $(basename "$f")" "$bytes" "$theirs"
        echo "$ours $theirs" | awk '{ if ($1 > 0) printf "%-28s %.1fx faster than wasm-validate\n", "  ratio", $3 / $1 }'
    done
else
    echo "(core validation benchmark skipped: run 'npm ci' in tests/node and install wabt)"
fi

## src/wasm-decoder (filled in by its module)

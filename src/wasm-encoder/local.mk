## src/wasm-encoder (filled in by its module)

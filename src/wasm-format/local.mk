## src/wasm-format (filled in by its module)

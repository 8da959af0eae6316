## src/wit-parser (filled in by its module)

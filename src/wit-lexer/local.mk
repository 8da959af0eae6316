## src/wit-lexer (filled in by its module)

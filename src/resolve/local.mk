## src/resolve (filled in by its module)

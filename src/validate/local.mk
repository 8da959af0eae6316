## src/validate (filled in by its module)

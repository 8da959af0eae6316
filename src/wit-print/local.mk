## src/wit-print (filled in by its module)

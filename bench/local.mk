## benchmarks (filled in later)

## libFuzzer targets (filled in later)

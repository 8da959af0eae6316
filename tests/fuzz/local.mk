## libFuzzer targets (configure --enable-fuzzing, CC=clang). `make check` replays their seed
## corpora once as a smoke test; fuzzing campaigns run the binaries directly.
EXTRA_DIST += tests/fuzz/replay.sh
if ENABLE_FUZZING
check_PROGRAMS += tests/fuzz/fuzz_wit tests/fuzz/fuzz_wasm
TESTS += tests/fuzz/replay.sh
tests_fuzz_fuzz_wit_SOURCES = tests/fuzz/fuzz_wit.c
tests_fuzz_fuzz_wit_LDADD = libwitc.la $(YAML_LIBS) $(LIBS)
tests_fuzz_fuzz_wit_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_wasm_SOURCES = tests/fuzz/fuzz_wasm.c
tests_fuzz_fuzz_wasm_LDADD = libwitc.la $(YAML_LIBS) $(LIBS)
tests_fuzz_fuzz_wasm_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif

## WIT packages and worlds <-> component binaries (wit-component's encoding/wit.rs,
## metadata.rs and wit-parser's decoding.rs): encoder, decoder, their tests.
witcinclude_HEADERS += include/witc/wit-binary.h
libwitc_la_SOURCES += src/wasm-encoder/wit-internal.h src/wasm-encoder/wit-encode.c \
	src/wasm-encoder/wit-docs.c src/wasm-decoder/wit-decode.c \
	src/wasm-decoder/wit-json.h src/wasm-decoder/wit-json.c

check_PROGRAMS += tests/unit/wit_binary_dump
tests_unit_wit_binary_dump_SOURCES = tests/unit/wit_binary_dump.c
tests_unit_wit_binary_dump_LDADD = libwitc.la $(YAML_LIBS)

TESTS += tests/conformance/wit-binary.sh
EXTRA_DIST += tests/conformance/wit-binary.sh tests/conformance/wit-binary.known-failures

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_wit_binary
TESTS += tests/unit/test_wit_binary
tests_unit_test_wit_binary_SOURCES = tests/unit/test_wit_binary.c
tests_unit_test_wit_binary_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_wit_binary_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

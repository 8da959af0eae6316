## src/wit-print: the WIT text printer (wasm-tools component wit), and its conformance tests.
libwitc_la_SOURCES += src/wit-print/printer.c src/wit-print/keywords.def
witcinclude_HEADERS += include/witc/wit-print.h
EXTRA_DIST += tests/conformance/wit-print.sh tests/conformance/wit-print.known-failures \
	tests/conformance/wit-roundtrip.sh tests/conformance/wit-roundtrip.known-failures

TESTS += tests/conformance/wit-print.sh tests/conformance/wit-roundtrip.sh

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_wit_print
TESTS += tests/unit/test_wit_print
tests_unit_test_wit_print_SOURCES = tests/unit/test_wit_print.c
tests_unit_test_wit_print_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_wit_print_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

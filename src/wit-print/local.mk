## src/wit-print: the WIT text printer (wasm-tools component wit), and its conformance tests.
libwitc_la_SOURCES += src/wit-print/printer.c
witcinclude_HEADERS += include/witc/wit-print.h
EXTRA_DIST += src/wit-print/keywords.def \
	tests/conformance/wit-print.sh tests/conformance/wit-print.known-failures \
	tests/conformance/wit-roundtrip.sh tests/conformance/wit-roundtrip.known-failures

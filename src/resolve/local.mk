## src/resolve: the WIT resolver (package graph), its JSON dump, and their tests.
witcinclude_HEADERS += include/witc/wit.h include/witc/str.h
libwitc_la_SOURCES += src/resolve/internal.h src/resolve/maps.c src/resolve/toposort.c \
	src/resolve/graph.c src/resolve/unresolved.c src/resolve/append.c \
	src/resolve/json.c src/resolve/resolve.c src/resolve/build.c

## Tests: JSON comparison tool, conformance against wit-parser, unit tests, golden corpus.
check_PROGRAMS += tests/tools/jsoncmp
tests_tools_jsoncmp_SOURCES = tests/tools/jsoncmp.c
TESTS += tests/conformance/wit-parser.sh tests/run-corpus.sh
EXTRA_DIST += tests/conformance/wit-parser.sh tests/conformance/wit-parser.known-failures \
	tests/run-corpus.sh tests/wit-corpus

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_resolve
TESTS += tests/unit/test_resolve
tests_unit_test_resolve_SOURCES = tests/unit/test_resolve.c
tests_unit_test_resolve_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_resolve_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

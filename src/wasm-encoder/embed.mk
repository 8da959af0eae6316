## wit-c embed: component-type sections in core modules (include/witc/embed.h)
witcinclude_HEADERS += include/witc/embed.h
libwitc_la_SOURCES += src/wasm-encoder/embed.c src/wasm-encoder/abi.c src/wasm-encoder/dummy.c
wit_c_SOURCES += src/cli/cmd-embed.c
dist_man_MANS += man/wit-c-embed.1

TESTS += tests/conformance/embed.sh
EXTRA_DIST += tests/conformance/embed.sh tests/conformance/embed.known-failures \
	tests/node/oracle.mjs

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_embed
TESTS += tests/unit/test_embed
tests_unit_test_embed_SOURCES = tests/unit/test_embed.c
tests_unit_test_embed_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_embed_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

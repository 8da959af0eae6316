## src/wit-parser: the lemon grammar, its driver and the AST builders. grammar.c/.h are
## generated into the build tree (never committed). Lemon exits 1 on grammar conflicts but
## still writes its output, so a failed run deletes it: conflicts fail the build.
libwitc_la_SOURCES += \
	src/wit-parser/ast.h src/wit-parser/internal.h \
	src/wit-parser/parse.c src/wit-parser/ast-build.c src/wit-parser/token-desc.c
EXTRA_DIST += src/wit-parser/grammar.y
BUILT_SOURCES += src/wit-parser/grammar.c src/wit-parser/grammar.h
MAINTAINERCLEANFILES += src/wit-parser/grammar.c src/wit-parser/grammar.h

## Lemon's output trips -Wunused-parameter and friends; it gets its own flags, and NDEBUG so
## the tracer's `static FILE *` does not exist (tests/check-no-globals.sh).
noinst_LTLIBRARIES += libwitc-grammar.la
libwitc_grammar_la_SOURCES = src/wit-parser/grammar.c src/wit-parser/grammar.h
libwitc_grammar_la_CPPFLAGS = $(AM_CPPFLAGS) -DNDEBUG
libwitc_grammar_la_CFLAGS = $(AM_CFLAGS) -Wno-unused-parameter -Wno-unused-variable \
	-Wno-missing-prototypes -Wno-implicit-fallthrough -Wno-sign-compare
libwitc_la_LIBADD += libwitc-grammar.la

src/wit-parser/grammar.c: src/wit-parser/grammar.y
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(LEMON) -q -T$(LEMPAR) -d$(@D) $(srcdir)/src/wit-parser/grammar.y || \
	{ rm -f $@ $(@:.c=.h); exit 1; }
src/wit-parser/grammar.h: src/wit-parser/grammar.c

## wit_parse_dump: parses WIT files and prints the first diagnostic (tests and debugging).
check_PROGRAMS += tests/unit/wit_parse_dump
tests_unit_wit_parse_dump_SOURCES = tests/unit/wit_parse_dump.c
tests_unit_wit_parse_dump_LDADD = libwitc.la $(YAML_LIBS)

TESTS += tests/conformance/wit-parse-only.sh
EXTRA_DIST += tests/conformance/wit-parse-only.sh tests/conformance/wit-parse-only.known-failures

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_wit_parser
TESTS += tests/unit/test_wit_parser
tests_unit_test_wit_parser_SOURCES = tests/unit/test_wit_parser.c
tests_unit_test_wit_parser_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_wit_parser_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

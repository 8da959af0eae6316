## src/wit-lexer: the re2c scanner. lexer.c is generated into the build tree (never
## committed); it includes the grammar's token codes, so it depends on grammar.h.
libwitc_la_SOURCES += src/wit-lexer/lexer.h src/wit-lexer/lexer.c
EXTRA_DIST += src/wit-lexer/lexer.re
BUILT_SOURCES += src/wit-lexer/lexer.c
MAINTAINERCLEANFILES += src/wit-lexer/lexer.c

src/wit-lexer/lexer.c: src/wit-lexer/lexer.re src/wit-parser/grammar.h
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(RE2C) -W -Werror --no-generation-date --no-version -o $@ $(srcdir)/src/wit-lexer/lexer.re

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_wit_lexer
TESTS += tests/unit/test_wit_lexer
tests_unit_test_wit_lexer_SOURCES = tests/unit/test_wit_lexer.c
tests_unit_test_wit_lexer_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_wit_lexer_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

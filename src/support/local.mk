## src/support: knows nothing of WIT or wasm.
libwitc_la_SOURCES += \
	src/support/arena.c src/support/arena.h \
	src/support/buf.c src/support/buf.h \
	src/support/ctx.c \
	src/support/diag.c \
	src/support/fsutil.c src/support/fsutil.h \
	src/support/hash.c src/support/hash.h \
	src/support/internal.h src/support/limits.h
witcinclude_HEADERS += include/witc/witc.h include/witc/status.h include/witc/ctx.h \
	include/witc/diag.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_support
TESTS += tests/unit/test_support
tests_unit_test_support_SOURCES = tests/unit/test_support.c
tests_unit_test_support_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_support_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

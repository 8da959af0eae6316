## src/wasm-format: the bounded reader and LEB128, feature set, .def tables and the
## module IR shared by the core decoder, encoder and validator.
libwitc_la_SOURCES += \
	src/wasm-format/reader.c src/wasm-format/reader.h \
	src/wasm-format/features.c src/wasm-format/features.def \
	src/wasm-format/opcodes.c src/wasm-format/opcodes.h src/wasm-format/opcodes.def \
	src/wasm-format/module.h src/wasm-format/sections.def src/wasm-format/valtypes.def
witcinclude_HEADERS += include/witc/wasm.h include/witc/wasm-features.def

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_leb
TESTS += tests/unit/test_leb
tests_unit_test_leb_SOURCES = tests/unit/test_leb.c
tests_unit_test_leb_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_leb_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

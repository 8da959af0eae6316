## component-model layer: decoder (src/wasm-decoder/component-*.c), encoder
## (src/wasm-encoder/component-encode.c) and validator (src/validate/component*.c) of component
## binaries, their .def tables, unit tests and the component-model conformance harness.
witcinclude_HEADERS += include/witc/component.h
libwitc_la_SOURCES += src/validate/component.c src/validate/component-internal.h \
	src/validate/component-check.h src/validate/component-canon.c \
	src/validate/component-names.c src/validate/component-names.h \
	src/wasm-format/component-section.def src/wasm-format/component-canon.def \
	src/wasm-decoder/component-decode.c src/wasm-decoder/component-core.c \
	src/wasm-encoder/component-encode.c

check_PROGRAMS += tests/unit/component_validate_dump
tests_unit_component_validate_dump_SOURCES = tests/unit/component_validate_dump.c
tests_unit_component_validate_dump_LDADD = libwitc.la $(YAML_LIBS)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_component
TESTS += tests/unit/test_component
tests_unit_test_component_SOURCES = tests/unit/test_component.c
tests_unit_test_component_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_component_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif

TESTS += tests/conformance/component-model.sh
EXTRA_DIST += tests/conformance/component-model.sh tests/conformance/component-model.known-failures

## src/validate: the core module validator (invalid input only), and the core-layer tests:
## the spec conformance harness (with its round-trip tool) and the wasm golden corpus.
libwitc_la_SOURCES += src/validate/core.c

check_PROGRAMS += tests/tools/wasm-roundtrip tests/tools/hexasm
tests_tools_wasm_roundtrip_SOURCES = tests/tools/wasm-roundtrip.c
tests_tools_wasm_roundtrip_LDADD = libwitc.la $(YAML_LIBS)
tests_tools_hexasm_SOURCES = tests/tools/hexasm.c

TESTS += tests/conformance/wasm-spec.sh tests/wasm-corpus/run.sh
EXTRA_DIST += tests/conformance/wasm-spec.sh tests/conformance/wasm-spec.known-failures \
	tests/wasm-corpus/run.sh

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_wasm_core
TESTS += tests/unit/test_wasm_core
tests_unit_test_wasm_core_SOURCES = tests/unit/test_wasm_core.c
tests_unit_test_wasm_core_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_wasm_core_LDADD = libwitc.la $(CMOCKA_LIBS) $(YAML_LIBS)
endif
## The wasm golden corpus (regenerate this list when adding cases).
EXTRA_DIST += \
	tests/wasm-corpus/bad-body-missing-end.hex \
	tests/wasm-corpus/fuzz-wit-decode-empty-bodies.hex \
	tests/wasm-corpus/fuzz-wit-decode-export-of-export.hex \
	tests/wasm-corpus/fuzz-wit-decode-export-of-export.hex.stderr \
	tests/wasm-corpus/fuzz-wit-decode-empty-bodies.hex.stderr \
	tests/wasm-corpus/bad-call-ref-type-mismatch.hex \
	tests/wasm-corpus/bad-code-count-mismatch.hex \
	tests/wasm-corpus/bad-compact-imports-disabled.hex \
	tests/wasm-corpus/bad-data-count-required.hex \
	tests/wasm-corpus/bad-export-duplicate.hex \
	tests/wasm-corpus/bad-feature-simd-disabled.hex \
	tests/wasm-corpus/bad-func-unknown.hex \
	tests/wasm-corpus/bad-gc-anyref-not-eqref.hex \
	tests/wasm-corpus/bad-gc-struct-unsupported.hex \
	tests/wasm-corpus/bad-global-immutable.hex \
	tests/wasm-corpus/bad-import-kind.hex \
	tests/wasm-corpus/bad-label-unknown.hex \
	tests/wasm-corpus/bad-leb-too-large.hex \
	tests/wasm-corpus/bad-leb-too-long.hex \
	tests/wasm-corpus/bad-legacy-try-disabled.hex \
	tests/wasm-corpus/bad-limit-memories.hex \
	tests/wasm-corpus/bad-limits-flags.hex \
	tests/wasm-corpus/bad-local-uninitialized-after-block.hex \
	tests/wasm-corpus/bad-local-uninitialized.hex \
	tests/wasm-corpus/bad-local-unknown.hex \
	tests/wasm-corpus/bad-locals-too-many.hex \
	tests/wasm-corpus/bad-magic-wrong.hex \
	tests/wasm-corpus/bad-memory-align.hex \
	tests/wasm-corpus/bad-memory-too-large.hex \
	tests/wasm-corpus/bad-name-length.hex \
	tests/wasm-corpus/bad-name-utf8.hex \
	tests/wasm-corpus/bad-opcode-illegal.hex \
	tests/wasm-corpus/bad-ref-func-undeclared.hex \
	tests/wasm-corpus/bad-ref-null-to-non-null.hex \
	tests/wasm-corpus/bad-section-id-unknown.hex \
	tests/wasm-corpus/bad-section-order-duplicate.hex \
	tests/wasm-corpus/bad-section-size-mismatch.hex \
	tests/wasm-corpus/bad-section-truncated.hex \
	tests/wasm-corpus/bad-simd-lane-index.hex \
	tests/wasm-corpus/bad-start-type.hex \
	tests/wasm-corpus/bad-table-non-defaultable.hex \
	tests/wasm-corpus/bad-type-mismatch-add.hex \
	tests/wasm-corpus/bad-type-mismatch-end.hex \
	tests/wasm-corpus/bad-type-mismatch-two-funcs.hex \
	tests/wasm-corpus/bad-typed-ref-disabled.hex \
	tests/wasm-corpus/bad-version-wrong.hex \
	tests/wasm-corpus/bad-zero-byte-memory-size.hex \
	tests/wasm-corpus/valid-add.hex \
	tests/wasm-corpus/valid-compact-imports.hex \
	tests/wasm-corpus/valid-empty.hex \
	tests/wasm-corpus/valid-gc-abstract-heap-types.hex \
	tests/wasm-corpus/valid-legacy-try.hex \
	tests/wasm-corpus/valid-memory-data.hex \
	tests/wasm-corpus/valid-mixed-big-body.hex \
	tests/wasm-corpus/valid-simd-lane.hex \
	tests/wasm-corpus/valid-typed-func-refs.hex \
	tests/wasm-corpus/bad-body-missing-end.hex.stderr \
	tests/wasm-corpus/bad-call-ref-type-mismatch.hex.stderr \
	tests/wasm-corpus/bad-code-count-mismatch.hex.stderr \
	tests/wasm-corpus/bad-compact-imports-disabled.hex.stderr \
	tests/wasm-corpus/bad-data-count-required.hex.stderr \
	tests/wasm-corpus/bad-export-duplicate.hex.stderr \
	tests/wasm-corpus/bad-feature-simd-disabled.hex.stderr \
	tests/wasm-corpus/bad-func-unknown.hex.stderr \
	tests/wasm-corpus/bad-gc-anyref-not-eqref.hex.stderr \
	tests/wasm-corpus/bad-gc-struct-unsupported.hex.stderr \
	tests/wasm-corpus/bad-global-immutable.hex.stderr \
	tests/wasm-corpus/bad-import-kind.hex.stderr \
	tests/wasm-corpus/bad-label-unknown.hex.stderr \
	tests/wasm-corpus/bad-leb-too-large.hex.stderr \
	tests/wasm-corpus/bad-leb-too-long.hex.stderr \
	tests/wasm-corpus/bad-legacy-try-disabled.hex.stderr \
	tests/wasm-corpus/bad-limit-memories.hex.stderr \
	tests/wasm-corpus/bad-limits-flags.hex.stderr \
	tests/wasm-corpus/bad-local-uninitialized-after-block.hex.stderr \
	tests/wasm-corpus/bad-local-uninitialized.hex.stderr \
	tests/wasm-corpus/bad-local-unknown.hex.stderr \
	tests/wasm-corpus/bad-locals-too-many.hex.stderr \
	tests/wasm-corpus/bad-magic-wrong.hex.stderr \
	tests/wasm-corpus/bad-memory-align.hex.stderr \
	tests/wasm-corpus/bad-memory-too-large.hex.stderr \
	tests/wasm-corpus/bad-name-length.hex.stderr \
	tests/wasm-corpus/bad-name-utf8.hex.stderr \
	tests/wasm-corpus/bad-opcode-illegal.hex.stderr \
	tests/wasm-corpus/bad-ref-func-undeclared.hex.stderr \
	tests/wasm-corpus/bad-ref-null-to-non-null.hex.stderr \
	tests/wasm-corpus/bad-section-id-unknown.hex.stderr \
	tests/wasm-corpus/bad-section-order-duplicate.hex.stderr \
	tests/wasm-corpus/bad-section-size-mismatch.hex.stderr \
	tests/wasm-corpus/bad-section-truncated.hex.stderr \
	tests/wasm-corpus/bad-simd-lane-index.hex.stderr \
	tests/wasm-corpus/bad-start-type.hex.stderr \
	tests/wasm-corpus/bad-table-non-defaultable.hex.stderr \
	tests/wasm-corpus/bad-type-mismatch-add.hex.stderr \
	tests/wasm-corpus/bad-type-mismatch-end.hex.stderr \
	tests/wasm-corpus/bad-type-mismatch-two-funcs.hex.stderr \
	tests/wasm-corpus/bad-typed-ref-disabled.hex.stderr \
	tests/wasm-corpus/bad-version-wrong.hex.stderr \
	tests/wasm-corpus/bad-zero-byte-memory-size.hex.stderr \
	tests/wasm-corpus/valid-add.hex.stderr \
	tests/wasm-corpus/valid-compact-imports.hex.stderr \
	tests/wasm-corpus/valid-empty.hex.stderr \
	tests/wasm-corpus/valid-gc-abstract-heap-types.hex.stderr \
	tests/wasm-corpus/valid-legacy-try.hex.stderr \
	tests/wasm-corpus/valid-memory-data.hex.stderr \
	tests/wasm-corpus/valid-mixed-big-body.hex.stderr \
	tests/wasm-corpus/valid-simd-lane.hex.stderr \
	tests/wasm-corpus/valid-typed-func-refs.hex.stderr

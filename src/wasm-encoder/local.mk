## src/wasm-encoder: core module encoder (witc_wasm_module -> bytes).
libwitc_la_SOURCES += src/wasm-encoder/core.c

## src/wasm-decoder: core module decoder (bytes -> witc_wasm_module; malformed input only).
libwitc_la_SOURCES += src/wasm-decoder/core.c

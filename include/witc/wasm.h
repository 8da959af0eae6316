/* SPDX-License-Identifier: Apache-2.0 */
/* Core WebAssembly modules: features, decoding to an in-memory module, validation and
 * encoding back to bytes (the core spec's binary format and validation chapters, plus the
 * proposals listed in src/wasm-format/features.def).
 *
 * Layers are kept apart: witc_wasm_decode() reports only malformed input (WITC_E_MALFORMED),
 * witc_wasm_validate_module() only invalid input (WITC_E_INVALID). witc_wasm_validate_core()
 * runs both over a whole binary, which is what `wit-c validate` and the component validator
 * call for an embedded module.
 *
 * Typed function references (the function-references proposal) are validated, and so are
 * GC's abstract heap types (anyref, eqref, ...) and ref.eq. The rest of GC (struct and array
 * types, sub types, rec groups, the 0xfb instructions) is decoded far enough to recognise it;
 * a module that uses it fails with WITC_E_UNSUPPORTED ("... not supported yet"), never a
 * wrong verdict.
 *
 * Function bodies are validated on witc_ctx_limits(ctx)->validate_threads threads (default:
 * the calling thread only); the diagnostics do not depend on the count. */
#ifndef WITC_WASM_H
#define WITC_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/status.h"

/* Enabled features, one bool per row of src/wasm-format/features.def (wasmparser's
 * WasmFeatures: same names, same defaults). */
#ifndef WITC_WASM_FEATURES_DECLARED
#define WITC_WASM_FEATURES_DECLARED
typedef struct witc_wasm_features witc_wasm_features;
#endif
struct witc_wasm_features {
#define WITC_FEATURE(NAME, cli, def, text) bool NAME;
#include "witc/wasm-features.def"
#undef WITC_FEATURE
};

/* wasm-tools' default feature set (every phase-4 proposal). */
void witc_wasm_features_default(witc_wasm_features *out);
/* Every feature on (wasm-tools `--features all`). */
void witc_wasm_features_all(witc_wasm_features *out);
/* Applies a wasm-tools `--features` list to *f: comma-separated names from features.def,
 * `all`, groups `mvp`, `wasm1`, `wasm2`, `wasm3`, `lime1` (which replace the set), each
 * optionally prefixed by `-` to disable. On an unknown name adds an error naming it to the
 * context and returns WITC_E_USAGE, leaving *f partly updated. */
WITC_MUST_CHECK witc_status witc_wasm_features_parse(witc_ctx *ctx, witc_wasm_features *f,
                                                     const char *list);
/* Number of features and the i-th one's cli name, description and default (for --help);
 * NULL past the end. */
size_t witc_wasm_feature_count(void);
const char *witc_wasm_feature_name(size_t i, const char **out_text, bool *out_default);

/* True when bytes[0..len) starts with the core module preamble (magic, version 1, layer 0). */
bool witc_wasm_is_core_module(const uint8_t *bytes, size_t len);
/* True when bytes[0..len) starts with the component preamble (magic, 0x0d 0x00 0x01 0x00). */
bool witc_wasm_is_component(const uint8_t *bytes, size_t len);

/* Validates the whole core module binary bytes[0..len) (preamble included): decoding, then
 * validation. `features` may be NULL for the defaults. `file` names the input in diagnostics
 * (may be NULL). `base_offset` is added to every reported offset, so a module embedded in a
 * component reports offsets of the outer file. Returns WITC_OK when valid; WITC_E_MALFORMED,
 * WITC_E_INVALID, WITC_E_UNSUPPORTED, WITC_E_LIMIT or WITC_E_NOMEM otherwise, each with a
 * diagnostic `file:0xOFF: error: ...` in the context's list. */
WITC_MUST_CHECK witc_status witc_wasm_validate_core(witc_ctx *ctx,
                                                    const witc_wasm_features *features,
                                                    const uint8_t *bytes, size_t len,
                                                    const char *file, uint64_t base_offset);

/* A decoded core module (opaque; see src/wasm-format/module.h for the layout used inside
 * libwitc). It borrows the input bytes (names, custom sections, function bodies, data):
 * keep them alive as long as the module. */
typedef struct witc_wasm_module witc_wasm_module;

/* Decodes bytes[0..len) into a module, checking only the binary format (features gate what
 * may be decoded). On success *out_module is owned by the caller: free it with
 * witc_wasm_module_free(). On failure returns WITC_E_MALFORMED, WITC_E_UNSUPPORTED,
 * WITC_E_LIMIT or WITC_E_NOMEM with a diagnostic, and leaves *out_module alone. */
WITC_MUST_CHECK witc_status witc_wasm_decode(witc_ctx *ctx, const witc_wasm_features *features,
                                             const uint8_t *bytes, size_t len, const char *file,
                                             uint64_t base_offset, witc_wasm_module **out_module);
void witc_wasm_module_free(witc_wasm_module *module);

/* Validates a decoded module (types, indices, instruction typing, constant expressions).
 * Returns WITC_OK, or WITC_E_INVALID / WITC_E_UNSUPPORTED / WITC_E_LIMIT (one of wasmparser's
 * implementation limits, witc_limits.wasm_*) / WITC_E_NOMEM, or WITC_E_MALFORMED for
 * a function body that does not decode (bodies are decoded here, in the same pass), with
 * diagnostics at the offending byte offsets. Invalid function bodies are all reported, up to
 * witc_ctx_limits(ctx)->max_errors; anything else stops at the first error. */
WITC_MUST_CHECK witc_status witc_wasm_validate_module(witc_ctx *ctx,
                                                      const witc_wasm_features *features,
                                                      const witc_wasm_module *module);

/* Encodes a module back to bytes. A module decoded from a canonical binary (shortest LEBs)
 * gives back the same bytes; custom sections are kept as they are, in place. On success
 * *out_bytes (allocated with the context's allocator: free with witc_ctx_dealloc) holds
 * *out_len bytes. Returns WITC_E_NOMEM on failure. */
WITC_MUST_CHECK witc_status witc_wasm_encode(witc_ctx *ctx, const witc_wasm_module *module,
                                             uint8_t **out_bytes, size_t *out_len);

#endif

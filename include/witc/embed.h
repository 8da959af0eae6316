/* SPDX-License-Identifier: Apache-2.0 */
/* Embedding a WIT world into a core module, as `wasm-tools component embed` does
 * (wit-component lib.rs `embed_component_metadata`, metadata.rs `encode`; world selection is
 * wit-parser's `Resolve::select_world`).
 *
 * The module gets one more custom section, appended after everything it already holds, named
 * `component-type` (the name wasm-tools writes; wit-bindgen's `component-type:<world>` is
 * equally accepted by `component new`, which reads every section starting with
 * `component-type`). Its payload is witc_wit_encode_world()'s output. Sections already in the
 * module, `component-type` ones included, are kept byte for byte, exactly as wasm-tools
 * appends without looking. */
#ifndef WITC_EMBED_H
#define WITC_EMBED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/status.h"
#include "witc/wit-binary.h"
#include "witc/wit.h"

/* The custom section name written by witc_embed_module(). */
#define WITC_EMBED_SECTION_NAME "component-type"

/* Picks a world of `graph` like wit-parser's `select_world` with one main package `main_pkg`:
 *  - spec NULL: the main package's only world (an error when it has none or several, the
 *    latter listing them);
 *  - a plain name `w`: world `w` of the main package;
 *  - `ns:pkg/w` or `ns:pkg/w@1.2.3`: world `w` of that package; without a version, the one
 *    versioned package of that name is used, and two such versions are an error.
 * On failure adds a diagnostic (no source location) and returns WITC_E_RESOLVE, leaving
 * *out_world alone. */
WITC_MUST_CHECK witc_status witc_embed_select_world(witc_ctx *ctx, const witc_graph *graph,
                                                    witc_package_id main_pkg, const char *spec,
                                                    witc_world_id *out_world);

/* Appends the `component-type` custom section of `world` to the core module
 * core[0..core_len). The module is decoded first (default features) so that a malformed
 * input or a component is reported as `file:0xOFF: error: ...` (WITC_E_MALFORMED or
 * WITC_E_UNSUPPORTED); `file` may be NULL. On success *out_bytes (free with
 * witc_ctx_dealloc) holds *out_len bytes: the input followed by the new section. On failure
 * the out-parameters are left alone and a diagnostic is in the context. */
WITC_MUST_CHECK witc_status witc_embed_module(witc_ctx *ctx, const witc_graph *graph,
                                              witc_world_id world, witc_string_encoding encoding,
                                              const uint8_t *core, size_t core_len,
                                              const char *file, uint8_t **out_bytes,
                                              size_t *out_len);

/* Writes one custom section (id 0, size, name, payload) to the end of out[0..*len) -- the
 * encoding helper behind witc_embed_module(), exposed for tests and other writers. The
 * caller's buffer must have room for witc_embed_custom_section_size(name_len, payload_len)
 * more bytes. */
size_t witc_embed_custom_section_size(size_t name_len, size_t payload_len);
void witc_embed_write_custom_section(uint8_t *out, size_t *len, const char *name, size_t name_len,
                                     const uint8_t *payload, size_t payload_len);

/* A placeholder core module for `world` (wasm-tools `component embed --dummy-names legacy`,
 * wit-component dummy.rs): the world's imports and exports under the legacy core names
 * (`ns:pkg/iface@ver` modules, `$root`, `[export]...` resource intrinsics, `iface#f` exports
 * with `cabi_post_...`, `iface#[dtor]r`, `memory`, `cabi_realloc`, `_initialize`) with
 * canonical ABI signatures and `unreachable` bodies. It carries no `component-type` section:
 * pass it to witc_embed_module(). On success *out_bytes (free with witc_ctx_dealloc) holds
 * *out_len bytes; on failure a diagnostic is added (WITC_E_LIMIT, WITC_E_INVALID, NOMEM). */
WITC_MUST_CHECK witc_status witc_embed_dummy_module(witc_ctx *ctx, const witc_graph *graph,
                                                    witc_world_id world, uint8_t **out_bytes,
                                                    size_t *out_len);

/* ---- Canonical ABI signatures (wasm32, sync; design/mvp/CanonicalABI.md `flatten_functype`,
 * wit-parser abi.rs `wasm_signature`) ---- */

#define WITC_ABI_MAX_FLAT_PARAMS 16
#define WITC_ABI_MAX_FLAT_RESULTS 1
/* Flattening keeps at most this many values and then only notes the overflow. */
#define WITC_ABI_FLAT_CAP (WITC_ABI_MAX_FLAT_PARAMS + 1)
/* Deepest type nesting followed (wasmparser's MAX_WASM_COMPONENT_TYPE_DEPTH is 100). */
#define WITC_ABI_MAX_DEPTH 100

/* Core value types, numbered as their binary encodings. */
typedef enum witc_abi_type {
    WITC_ABI_I32 = 0x7f,
    WITC_ABI_I64 = 0x7e,
    WITC_ABI_F32 = 0x7d,
    WITC_ABI_F64 = 0x7c
} witc_abi_type;

typedef enum witc_abi_variant {
    WITC_ABI_IMPORT, /* lowered: spilled results become a trailing out-pointer parameter */
    WITC_ABI_EXPORT  /* lifted: spilled results become one returned pointer */
} witc_abi_variant;

typedef struct witc_abi_sig {
    witc_abi_type params[WITC_ABI_MAX_FLAT_PARAMS + 1]; /* + the import's out-pointer */
    unsigned n_params;
    witc_abi_type results[WITC_ABI_MAX_FLAT_RESULTS];
    unsigned n_results;
} witc_abi_sig;

/* Flattens one value type: up to WITC_ABI_FLAT_CAP types in out_types[0..*out_count), and
 * *out_overflow set when there were more. WITC_E_LIMIT past WITC_ABI_MAX_DEPTH, WITC_E_INVALID
 * for a type that is not in the graph; no diagnostic is added. */
WITC_MUST_CHECK witc_status witc_abi_flatten_type(const witc_graph *graph, witc_type_ref type,
                                                  witc_abi_type *out_types, unsigned *out_count,
                                                  bool *out_overflow);

/* The core signature of `func` when lowered (import) or lifted (export) with the sync ABI:
 * more than 16 flat parameters become one pointer, more than one flat result a pointer (see
 * witc_abi_variant). An `async` function gets the same sync signature (what wasm-tools'
 * legacy sync mangling does). Failures as witc_abi_flatten_type. */
WITC_MUST_CHECK witc_status witc_abi_signature(const witc_graph *graph, const witc_function *func,
                                               witc_abi_variant variant, witc_abi_sig *out_sig);

#endif

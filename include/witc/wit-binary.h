/* SPDX-License-Identifier: Apache-2.0 */
/* WIT as binary: a resolved WIT package (or one world) encoded in the component-model binary
 * form exactly as wasm-tools' wit-component writes it (crates/wit-component/src/encoding/
 * wit.rs, encoding/types.rs, metadata.rs), and such binaries decoded back into a graph.
 *
 * Two encodings exist:
 *  - a whole package as a component made only of types (`wasm-tools component wit --wasm`):
 *    per interface `(type (component ...)) (export "<name>" (type N))`, per world a
 *    component type wrapping the world's component type, then a `package-docs` custom
 *    section holding docs and stability as JSON;
 *  - one world as the payload of a `component-type:<world>` custom section
 *    (`wit-component-encoding` version 4 + string encoding, one type, one export).
 * Neither includes the `producers` custom section wit-component appends: it carries only the
 * tool version and has no meaning for the package.
 *
 * Output is deterministic and linear in the size of the graph. */
#ifndef WITC_WIT_BINARY_H
#define WITC_WIT_BINARY_H

#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/status.h"
#include "witc/wit.h"

/* The string-encoding byte of the `wit-component-encoding` custom section. */
typedef enum witc_string_encoding {
    WITC_STRING_ENCODING_UTF8 = 0,
    WITC_STRING_ENCODING_UTF16 = 1,
    WITC_STRING_ENCODING_COMPACT_UTF16 = 2 /* latin1+utf16 */
} witc_string_encoding;

/* Encodes package `pkg` of `graph` as a component of types (see above). On success *out_bytes
 * holds *out_len bytes allocated with the context's allocator (free with witc_ctx_dealloc).
 * On failure the out-parameters are left alone and a diagnostic is added to the context:
 * WITC_E_USAGE (bad id), WITC_E_INVALID (a graph wit-component cannot encode, such as an
 * unresolved type), WITC_E_LIMIT (type nesting deeper than the context's type-depth limit),
 * WITC_E_NOMEM. */
WITC_MUST_CHECK witc_status witc_wit_encode_package(witc_ctx *ctx, const witc_graph *graph,
                                                    witc_package_id pkg, uint8_t **out_bytes,
                                                    size_t *out_len);

/* Encodes world `world` as the payload of a `component-type` custom section (wit-component
 * metadata.rs `encode`, without producers). Ownership and failures as above; the world must
 * belong to a package. */
WITC_MUST_CHECK witc_status witc_wit_encode_world(witc_ctx *ctx, const witc_graph *graph,
                                                  witc_world_id world,
                                                  witc_string_encoding encoding,
                                                  uint8_t **out_bytes, size_t *out_len);

/* Decodes WIT in binary form into a new graph:
 *  - a WIT package binary (what witc_wit_encode_package writes; wit-parser decoding.rs): the
 *    package it encodes becomes *out_main, the other packages of the graph hold what it uses
 *    of them (their interfaces' types, and functions when a world imports them);
 *  - a `component-type` payload (what witc_wit_encode_world writes): the world's package;
 *  - a core module with exactly one `component-type*` custom section: that payload.
 * Components with real contents (not only types) are not decoded yet: WITC_E_UNSUPPORTED.
 *
 * The binary is turned into WIT text that the resolver reads (so the graph obeys the same
 * rules as text input; docs and stability come from the `package-docs` section); arena order
 * is therefore the resolver's order for that text, which prints identically but may differ
 * from wit-parser's decoding order in the JSON dump.
 *
 * `file` names the input in diagnostics (`file:0xOFF: error: ...`; may be NULL). Never
 * crashes on any input: malformed bytes give WITC_E_MALFORMED, valid binaries that are no
 * WIT WITC_E_INVALID or WITC_E_UNSUPPORTED, each with a diagnostic at the offending byte;
 * nesting and the size of the text are bounded. On success free *out_graph with
 * witc_graph_free; on failure the out-parameters are left alone. */
WITC_MUST_CHECK witc_status witc_wit_decode(witc_ctx *ctx, const uint8_t *bytes, size_t len,
                                            const char *file, witc_graph **out_graph,
                                            witc_package_id *out_main);

#endif

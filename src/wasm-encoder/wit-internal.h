/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the WIT-as-binary encoder files (src/wasm-encoder/wit-*.c). */
#ifndef WITC_WASM_ENCODER_WIT_INTERNAL_H
#define WITC_WASM_ENCODER_WIT_INTERNAL_H

#include "support/buf.h"
#include "witc/wit.h"

/* Appends the `package-docs` custom section payload of package `pkg` (wit-parser metadata.rs
 * `PackageMetadata::extract` + `encode`: version byte 1, then compact JSON) to `out`. */
WITC_MUST_CHECK witc_status witc_wit_package_docs(witc_ctx *ctx, const witc_graph *g,
                                                  witc_package_id pkg, witc_buf *out);

#endif

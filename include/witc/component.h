/* SPDX-License-Identifier: Apache-2.0 */
/* Component-model binaries: validation of a whole component (decoding, then the
 * component-model type system), as wasmparser's component validator does. */
#ifndef WITC_COMPONENT_H
#define WITC_COMPONENT_H

#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/status.h"

/* The feature set is defined by witc/wasm.h; only a pointer is needed here. */
#ifndef WITC_WASM_FEATURES_DECLARED
#define WITC_WASM_FEATURES_DECLARED
typedef struct witc_wasm_features witc_wasm_features;
#endif

/* Validates the component binary `bytes[0..len)` (preamble included). `features` may be NULL
 * for wasmparser's defaults. `file` names the input in diagnostics (may be NULL).
 * Returns WITC_OK when valid; WITC_E_MALFORMED for an encoding error, WITC_E_INVALID for a
 * type or index error, WITC_E_LIMIT when a limit of witc_ctx_limits() was hit,
 * WITC_E_UNSUPPORTED for something not implemented, WITC_E_NOMEM. Each failure adds an error
 * at the offending byte offset to the context's diagnostic list. */
witc_status witc_component_validate(witc_ctx *ctx, const witc_wasm_features *features,
                                    const uint8_t *bytes, size_t len, const char *file);

#endif

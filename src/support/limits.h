/* SPDX-License-Identifier: Apache-2.0 */
/* Every default limit, with its origin. They are copied into each witc_ctx's witc_limits,
 * so tests can lower them. */
#ifndef WITC_SUPPORT_LIMITS_H
#define WITC_SUPPORT_LIMITS_H

#define WITC_DEFAULT_WIT_TYPE_DEPTH 100      /* wit-parser MAX_TYPE_DEPTH */
#define WITC_DEFAULT_WIT_ITEM_DEPTH 100      /* wit-parser MAX_ITEM_DEPTH */
#define WITC_DEFAULT_MAX_ERRORS 20
#define WITC_DEFAULT_MAX_FILE_SIZE (1024ull * 1024 * 1024) /* 1 GiB: inputs are read whole */
#define WITC_DEFAULT_COMPONENT_TYPE_DEPTH 100 /* wasmparser MAX_WASM_COMPONENT_TYPE_DEPTH */
#define WITC_DEFAULT_COMPONENT_INSTANCES 1000 /* wasmparser MAX_WASM_INSTANCES */
#define WITC_DEFAULT_COMPONENT_NESTING 100    /* wasmparser MAX_WASM_MODULE_DEPTH-like nesting */

/* Ours: the most threads witc_limits.validate_threads may start for one module. */
#define WITC_MAX_VALIDATE_THREADS 256u

#endif

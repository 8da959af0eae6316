/* SPDX-License-Identifier: Apache-2.0 */
/* Every default limit, with its origin. They are copied into each witc_ctx's witc_limits,
 * so tests can lower them. */
#ifndef WITC_SUPPORT_LIMITS_H
#define WITC_SUPPORT_LIMITS_H

#define WITC_DEFAULT_WIT_TYPE_DEPTH 100 /* wit-parser MAX_TYPE_DEPTH */
#define WITC_DEFAULT_WIT_ITEM_DEPTH 100 /* wit-parser MAX_ITEM_DEPTH */
#define WITC_DEFAULT_MAX_ERRORS 20
#define WITC_DEFAULT_MAX_FILE_SIZE (1024ull * 1024 * 1024) /* 1 GiB: inputs are read whole */
#define WITC_DEFAULT_COMPONENT_TYPE_DEPTH 100 /* wasmparser MAX_WASM_COMPONENT_TYPE_DEPTH */
#define WITC_DEFAULT_COMPONENT_INSTANCES 1000 /* wasmparser MAX_WASM_INSTANCES */
#define WITC_DEFAULT_COMPONENT_NESTING 100    /* wasmparser MAX_WASM_MODULE_DEPTH-like nesting */

/* Core module implementation limits: wasmparser's numbers (crates/wasmparser/src/limits.rs),
 * so that `wit-c validate` rejects what `wasm-tools validate` rejects. Each is the default of
 * the witc_limits field named in the comment (where 0 also means this default). */
#define WITC_DEFAULT_WASM_TYPES 1000000u           /* MAX_WASM_TYPES: wasm_types */
#define WITC_DEFAULT_WASM_FUNCTIONS 1000000u       /* MAX_WASM_FUNCTIONS: wasm_functions */
#define WITC_DEFAULT_WASM_EXPORTS 1000000u         /* MAX_WASM_EXPORTS: wasm_exports */
#define WITC_DEFAULT_WASM_GLOBALS 1000000u         /* MAX_WASM_GLOBALS: wasm_globals */
#define WITC_DEFAULT_WASM_TAGS 1000000u            /* MAX_WASM_TAGS: wasm_tags */
#define WITC_DEFAULT_WASM_ELEMENT_SEGMENTS 100000u /* MAX_WASM_ELEMENT_SEGMENTS */
#define WITC_DEFAULT_WASM_DATA_SEGMENTS 100000u    /* MAX_WASM_DATA_SEGMENTS */
#define WITC_DEFAULT_WASM_TABLES 100u              /* MAX_WASM_TABLES: wasm_tables */
#define WITC_DEFAULT_WASM_MEMORIES 100u            /* MAX_WASM_MEMORIES: wasm_memories */
#define WITC_DEFAULT_WASM_FUNCTION_SIZE 7654321u   /* MAX_WASM_FUNCTION_SIZE: body bytes */
#define WITC_DEFAULT_WASM_FUNCTION_LOCALS 50000u   /* MAX_WASM_FUNCTION_LOCALS */
#define WITC_DEFAULT_WASM_FUNCTION_PARAMS 1000u    /* MAX_WASM_FUNCTION_PARAMS */
#define WITC_DEFAULT_WASM_FUNCTION_RETURNS 1000u   /* MAX_WASM_FUNCTION_RETURNS */
/* wasmparser MAX_WASM_STRING_SIZE (names). Fixed: the byte reader that checks it has no
 * context. */
#define WITC_MAX_WASM_STRING_SIZE 100000u

/* Ours: the most threads witc_limits.validate_threads may start for one module. */
#define WITC_MAX_VALIDATE_THREADS 256u

#endif

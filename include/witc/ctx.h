/* SPDX-License-Identifier: Apache-2.0 */
/* The context: everything configurable (allocator hooks, limits, features) plus the source
 * map and the diagnostic list of one run. libwitc keeps no global mutable state; every entry
 * point takes a context or an object made from one. A context is not thread-safe. */
#ifndef WITC_CTX_H
#define WITC_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "witc/diag.h"
#include "witc/status.h"

typedef struct witc_allocator {
    void *(*alloc)(void *user, size_t size);
    void *(*realloc)(void *user, void *ptr, size_t size);
    void (*free)(void *user, void *ptr);
    void *user;
} witc_allocator;

/* Every limit in one place; defaults follow wasmparser/wit-parser (see src/support/limits.h). */
typedef struct witc_limits {
    uint32_t wit_type_depth;       /* nesting of anonymous types (wit-parser: 100) */
    uint32_t wit_item_depth;       /* nesting of packages/items (wit-parser: 100) */
    uint32_t max_errors;           /* resolver/validator stop after this many */
    uint64_t max_file_size;        /* largest input file accepted */
    uint32_t component_type_depth; /* wasmparser: 100 */
    uint32_t component_instances;  /* wasmparser: 1000 */
    uint32_t component_nesting;    /* nested components: wasmparser 100 */
    /* Threads that validate core function bodies (witc_wasm_validate_module): 0 or 1 = the
     * calling thread only (the default). More need thread-safe allocator hooks; diagnostics
     * are the same, in the same order, whatever the count. Capped at 256. */
    uint32_t validate_threads;
    /* Core module implementation limits, wasmparser's (src/support/limits.h); 0 = that
     * default. Counts of a module's index spaces (imports included) and sections: */
    uint32_t wasm_types, wasm_functions, wasm_exports, wasm_globals, wasm_tags;
    uint32_t wasm_element_segments, wasm_data_segments, wasm_tables, wasm_memories;
    uint32_t wasm_function_size;   /* bytes of one function body (wasmparser: 7654321) */
    uint32_t wasm_function_locals; /* locals of one function, params excluded (50000) */
    uint32_t wasm_function_params, wasm_function_returns; /* per function type (1000) */
} witc_limits;

typedef struct witc_ctx witc_ctx;

/* Creates a context. `alloc` may be NULL for malloc/realloc/free. Returns NULL when out of
 * memory. Free with witc_ctx_free(). */
witc_ctx *witc_ctx_new(const witc_allocator *alloc);
void witc_ctx_free(witc_ctx *ctx);

/* Borrowed from the context, valid until witc_ctx_free(). */
witc_diag_list *witc_ctx_diags(witc_ctx *ctx);
witc_source_map *witc_ctx_sources(witc_ctx *ctx);
witc_limits *witc_ctx_limits(witc_ctx *ctx);
const witc_allocator *witc_ctx_allocator(const witc_ctx *ctx);

/* Heap through the context's hooks; NULL on failure (no diagnostic is added). */
void *witc_ctx_alloc(witc_ctx *ctx, size_t size);
void *witc_ctx_realloc(witc_ctx *ctx, void *ptr, size_t size);
void witc_ctx_dealloc(witc_ctx *ctx, void *ptr);

#endif

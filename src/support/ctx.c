/* SPDX-License-Identifier: Apache-2.0 */
#include "witc/ctx.h"

#include <stdlib.h>
#include <string.h>

#include "support/internal.h"
#include "support/limits.h"

static void *default_alloc(void *user, size_t size)
{
    (void)user;
    return malloc(size ? size : 1);
}

static void *default_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    return realloc(ptr, size ? size : 1);
}

static void default_free(void *user, void *ptr)
{
    (void)user;
    free(ptr);
}

witc_ctx *witc_ctx_new(const witc_allocator *alloc)
{
    witc_allocator a = {default_alloc, default_realloc, default_free, NULL};
    if (alloc)
        a = *alloc;
    witc_ctx *ctx = a.alloc(a.user, sizeof *ctx);
    if (!ctx)
        return NULL;
    memset(ctx, 0, sizeof *ctx);
    ctx->alloc = a;
    ctx->limits = (witc_limits){
        .wit_type_depth = WITC_DEFAULT_WIT_TYPE_DEPTH,
        .wit_item_depth = WITC_DEFAULT_WIT_ITEM_DEPTH,
        .max_errors = WITC_DEFAULT_MAX_ERRORS,
        .max_file_size = WITC_DEFAULT_MAX_FILE_SIZE,
        .component_type_depth = WITC_DEFAULT_COMPONENT_TYPE_DEPTH,
        .component_instances = WITC_DEFAULT_COMPONENT_INSTANCES,
        .component_nesting = WITC_DEFAULT_COMPONENT_NESTING,
        .validate_threads = 1,
        .wasm_types = WITC_DEFAULT_WASM_TYPES,
        .wasm_functions = WITC_DEFAULT_WASM_FUNCTIONS,
        .wasm_exports = WITC_DEFAULT_WASM_EXPORTS,
        .wasm_globals = WITC_DEFAULT_WASM_GLOBALS,
        .wasm_tags = WITC_DEFAULT_WASM_TAGS,
        .wasm_element_segments = WITC_DEFAULT_WASM_ELEMENT_SEGMENTS,
        .wasm_data_segments = WITC_DEFAULT_WASM_DATA_SEGMENTS,
        .wasm_tables = WITC_DEFAULT_WASM_TABLES,
        .wasm_memories = WITC_DEFAULT_WASM_MEMORIES,
        .wasm_function_size = WITC_DEFAULT_WASM_FUNCTION_SIZE,
        .wasm_function_locals = WITC_DEFAULT_WASM_FUNCTION_LOCALS,
        .wasm_function_params = WITC_DEFAULT_WASM_FUNCTION_PARAMS,
        .wasm_function_returns = WITC_DEFAULT_WASM_FUNCTION_RETURNS,
    };
    witc_source_map_init_(&ctx->sources, ctx);
    witc_diag_list_init_(&ctx->diags, ctx);
    return ctx;
}

void witc_ctx_free(witc_ctx *ctx)
{
    if (!ctx)
        return;
    witc_diag_list_release_(&ctx->diags);
    witc_source_map_release_(&ctx->sources);
    witc_allocator a = ctx->alloc;
    a.free(a.user, ctx);
}

witc_diag_list *witc_ctx_diags(witc_ctx *ctx)
{
    return &ctx->diags;
}

witc_source_map *witc_ctx_sources(witc_ctx *ctx)
{
    return &ctx->sources;
}

witc_limits *witc_ctx_limits(witc_ctx *ctx)
{
    return &ctx->limits;
}

const witc_allocator *witc_ctx_allocator(const witc_ctx *ctx)
{
    return &ctx->alloc;
}

void *witc_ctx_alloc(witc_ctx *ctx, size_t size)
{
    return ctx->alloc.alloc(ctx->alloc.user, size);
}

void *witc_ctx_realloc(witc_ctx *ctx, void *ptr, size_t size)
{
    return ctx->alloc.realloc(ctx->alloc.user, ptr, size);
}

void witc_ctx_dealloc(witc_ctx *ctx, void *ptr)
{
    if (ptr)
        ctx->alloc.free(ctx->alloc.user, ptr);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* A bump allocator over a list of chunks. One arena owns one phase product (an AST, a package
 * graph, a decoded module), so nodes are never freed one at a time. Allocation failures return
 * NULL; memory is zeroed. */
#ifndef WITC_SUPPORT_ARENA_H
#define WITC_SUPPORT_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"

typedef struct witc_arena_chunk witc_arena_chunk;

typedef struct witc_arena {
    witc_ctx *ctx;           /* allocator hooks */
    witc_arena_chunk *head;  /* newest chunk first */
    size_t used_total;       /* bytes handed out, for statistics */
    size_t reserved_total;   /* bytes obtained from the allocator */
} witc_arena;

void witc_arena_init(witc_arena *a, witc_ctx *ctx);
void witc_arena_release(witc_arena *a);
/* Zeroed, aligned to max_align_t; NULL when out of memory. */
void *witc_arena_alloc(witc_arena *a, size_t size);
/* Zeroed, aligned to `align` (a power of two, at most _Alignof(max_align_t)); small nodes
 * with no long double or vector member pack tighter this way. NULL when out of memory or
 * for a bad alignment. */
void *witc_arena_alloc_aligned(witc_arena *a, size_t size, size_t align);
/* n * size bytes, NULL on overflow or when out of memory. */
void *witc_arena_alloc_array(witc_arena *a, size_t n, size_t size);
/* Grows an array allocated from this arena (old contents copied; old space is not reused). */
void *witc_arena_grow_array(witc_arena *a, void *old, size_t old_n, size_t new_n, size_t size);
/* NUL-terminated copy of len bytes. */
char *witc_arena_strndup(witc_arena *a, const char *s, size_t len);
char *witc_arena_strdup(witc_arena *a, const char *s);
char *witc_arena_printf(witc_arena *a, const char *fmt, ...) WITC_PRINTF(2, 3);

#define WITC_ARENA_NEW(a, T) ((T *)witc_arena_alloc((a), sizeof(T)))
#define WITC_ARENA_NEW_ARRAY(a, T, n) ((T *)witc_arena_alloc_array((a), (n), sizeof(T)))

#endif

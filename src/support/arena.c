/* SPDX-License-Identifier: Apache-2.0 */
/* Chunked bump allocator (see arena.h). Chunks double up to 1 MiB; larger requests get a
 * chunk of their own so a huge array does not waste a doubled chunk. */
#define _DEFAULT_SOURCE /* madvise */
#include "support/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

struct witc_arena_chunk {
    witc_arena_chunk *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_MIN_CHUNK = 4096, ARENA_MAX_CHUNK = 1 << 20, ARENA_POPULATE_MIN = 1 << 18 };

/* Asks the kernel to map a big new chunk's pages in one call: a large parse fills its arena
 * soon anyway, and one call is cheaper than a page fault per 4 KiB page (a quarter of the
 * run time of a big input). Only a hint: any failure is ignored. */
static void prefault(void *mem, size_t size)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    const uintptr_t page = 4096;
    const uintptr_t start = ((uintptr_t)mem + page - 1) & ~(page - 1);
    const uintptr_t end = ((uintptr_t)mem + size) & ~(page - 1);
    if (size >= ARENA_POPULATE_MIN && end > start)
        (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
    (void)mem;
    (void)size;
#endif
}

void witc_arena_init(witc_arena *a, witc_ctx *ctx)
{
    memset(a, 0, sizeof *a);
    a->ctx = ctx;
}

void witc_arena_release(witc_arena *a)
{
    witc_arena_chunk *c = a->head;
    while (c) {
        witc_arena_chunk *next = c->next;
        witc_ctx_dealloc(a->ctx, c);
        c = next;
    }
    a->head = NULL;
    a->used_total = a->reserved_total = 0;
}

void *witc_arena_alloc_aligned(witc_arena *a, size_t size, size_t align)
{
    if (align == 0 || align > _Alignof(max_align_t) || (align & (align - 1)) != 0)
        return NULL;
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    witc_arena_chunk *c = a->head;
    /* Chunk data is max_align_t aligned, so aligning the offset aligns the address. */
    size_t start = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || start > c->size || c->size - start < size) {
        size_t want = c ? c->size * 2 : ARENA_MIN_CHUNK;
        if (want > ARENA_MAX_CHUNK)
            want = ARENA_MAX_CHUNK;
        if (want < size)
            want = size;
        witc_arena_chunk *n = witc_ctx_alloc(a->ctx, sizeof(witc_arena_chunk) + want);
        if (!n)
            return NULL;
        prefault(n->data, want);
        n->size = want;
        n->used = 0;
        a->reserved_total += want;
        if (c && want == size && c->size - c->used >= ARENA_MIN_CHUNK) {
            /* A dedicated big chunk: keep filling the current one afterwards. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
        start = 0;
    }
    void *p = c->data + start;
    a->used_total += start + size - c->used;
    c->used = start + size;
    memset(p, 0, size);
    return p;
}

void *witc_arena_alloc(witc_arena *a, size_t size)
{
    return witc_arena_alloc_aligned(a, size, _Alignof(max_align_t));
}

void *witc_arena_alloc_array(witc_arena *a, size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total))
        return NULL;
    return witc_arena_alloc(a, total);
}

void *witc_arena_grow_array(witc_arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p = witc_arena_alloc_array(a, new_n, size);
    if (p && old && old_n)
        memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
    return p;
}

char *witc_arena_strndup(witc_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = witc_arena_alloc(a, len + 1);
    if (p && len)
        memcpy(p, s, len);
    return p;
}

char *witc_arena_strdup(witc_arena *a, const char *s)
{
    return witc_arena_strndup(a, s, strlen(s));
}

char *witc_arena_printf(witc_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = witc_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

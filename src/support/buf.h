/* SPDX-License-Identifier: Apache-2.0 */
/* Growable byte buffers (text output, binary encoding) and typed growable vectors, both on the
 * context's heap. A failed growth sets `failed` and later appends do nothing, so a writer can
 * append freely and check once at the end. */
#ifndef WITC_SUPPORT_BUF_H
#define WITC_SUPPORT_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "witc/ctx.h"
#include "witc/str.h"

#define WITC_STR_LIT(s) ((witc_str){(s), sizeof(s) - 1})
witc_str witc_str_from(const char *s);
bool witc_str_eq(witc_str a, witc_str b);
bool witc_str_eq_c(witc_str a, const char *b);

typedef struct witc_buf {
    witc_ctx *ctx;
    unsigned char *data;
    size_t len, cap;
    bool failed; /* an allocation failed; contents are incomplete */
} witc_buf;

void witc_buf_init(witc_buf *b, witc_ctx *ctx);
void witc_buf_release(witc_buf *b);
/* The slow path of witc_buf_reserve: grows the buffer. */
bool witc_buf_grow_(witc_buf *b, size_t extra);

/* The appends below are inline: printers and writers call them once per token or byte, and a
 * call per byte showed up as a fifth of the time of `wit-c wit --json`. */

/* Ensures room for `extra` more bytes; false (and failed set) when out of memory. */
static inline bool witc_buf_reserve(witc_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    return extra <= b->cap - b->len || witc_buf_grow_(b, extra);
}

static inline void witc_buf_append(witc_buf *b, const void *data, size_t len)
{
    if (!len || !witc_buf_reserve(b, len))
        return;
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static inline void witc_buf_putc(witc_buf *b, char c)
{
    if (witc_buf_reserve(b, 1))
        b->data[b->len++] = (unsigned char)c;
}

static inline void witc_buf_byte(witc_buf *b, uint8_t v)
{
    if (witc_buf_reserve(b, 1))
        b->data[b->len++] = v;
}

void witc_buf_puts(witc_buf *b, const char *s);
void witc_buf_printf(witc_buf *b, const char *fmt, ...) WITC_PRINTF(2, 3);
void witc_buf_uleb(witc_buf *b, uint64_t v);
void witc_buf_sleb(witc_buf *b, int64_t v);
/* NUL-terminates without counting the terminator in len. */
const char *witc_buf_cstr(witc_buf *b);

/* A typed vector: `WITC_VEC(int) v = {0};` then WITC_VEC_PUSH(ctx, &v, 3). PUSH evaluates to
 * true on success. */
#define WITC_VEC(T)                                                                                \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t len, cap;                                                                           \
    }
bool witc_vec_grow_(witc_ctx *ctx, void **items, size_t *cap, size_t need, size_t elem);
#define WITC_VEC_PUSH(ctx, v, x)                                                                   \
    (((v)->len < (v)->cap ||                                                                       \
      witc_vec_grow_((ctx), (void **)&(v)->items, &(v)->cap, (v)->len + 1, sizeof *(v)->items)) && \
     ((v)->items[(v)->len++] = (x), true))
#define WITC_VEC_FREE(ctx, v)                                                                      \
    do {                                                                                           \
        witc_ctx_dealloc((ctx), (v)->items);                                                       \
        (v)->items = NULL;                                                                         \
        (v)->len = (v)->cap = 0;                                                                   \
    } while (0)

#endif

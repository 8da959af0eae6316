/* SPDX-License-Identifier: Apache-2.0 */
#include "support/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

witc_str witc_str_from(const char *s)
{
    return (witc_str){s, s ? strlen(s) : 0};
}

bool witc_str_eq(witc_str a, witc_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool witc_str_eq_c(witc_str a, const char *b)
{
    return witc_str_eq(a, witc_str_from(b));
}

void witc_buf_init(witc_buf *b, witc_ctx *ctx)
{
    memset(b, 0, sizeof *b);
    b->ctx = ctx;
}

void witc_buf_release(witc_buf *b)
{
    witc_ctx_dealloc(b->ctx, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool witc_buf_grow_(witc_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra <= b->cap - b->len)
        return true;
    if (extra > SIZE_MAX / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra)
        cap *= 2;
    unsigned char *p = witc_ctx_realloc(b->ctx, b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void witc_buf_puts(witc_buf *b, const char *s)
{
    witc_buf_append(b, s, strlen(s));
}

void witc_buf_printf(witc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!witc_buf_reserve(b, (size_t)n + 1))
        return;
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void witc_buf_uleb(witc_buf *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v)
            byte |= 0x80;
        witc_buf_byte(b, byte);
    } while (v);
}

void witc_buf_sleb(witc_buf *b, int64_t v)
{
    for (;;) {
        uint8_t byte = (uint8_t)(v & 0x7f);
        /* Arithmetic shift of a negative value is implementation-defined; do it by hand. */
        v = v < 0 ? ~(~v >> 7) : v >> 7;
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        witc_buf_byte(b, done ? byte : (uint8_t)(byte | 0x80));
        if (done)
            return;
    }
}

const char *witc_buf_cstr(witc_buf *b)
{
    if (!witc_buf_reserve(b, 1))
        return "";
    b->data[b->len] = 0;
    return (const char *)b->data;
}

bool witc_vec_grow_(witc_ctx *ctx, void **items, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return false;
        n *= 2;
    }
    size_t bytes;
    if (__builtin_mul_overflow(n, elem, &bytes))
        return false;
    void *p = witc_ctx_realloc(ctx, *items, bytes);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The bounded binary reader and the one generic LEB128 decoder (see reader.h; Binary format,
 * "Integers" and "Names" of the core spec). */
#include "wasm-format/reader.h"

#include <stdarg.h>
#include <stdio.h>

#include "support/limits.h"

void witc_reader_init(witc_reader *r, const uint8_t *bytes, size_t len, uint64_t base,
                      const char *file, witc_diag_list *diags)
{
    r->start = bytes;
    r->cur = bytes;
    r->end = bytes + len;
    r->base = base;
    r->file = file;
    r->diags = diags;
    r->in_section = false;
}

static const char *end_words(const witc_reader *r)
{
    return r->in_section ? "unexpected end of section or function" : "unexpected end";
}

static witc_status vfail(witc_reader *r, uint64_t offset, const char *fmt, va_list ap)
    WITC_PRINTF(3, 0);
static witc_status vfail(witc_reader *r, uint64_t offset, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (r->diags)
        witc_diag_error_at(r->diags, r->file, offset, "%s", msg);
    return WITC_E_MALFORMED;
}

witc_status witc_reader_fail(witc_reader *r, const uint8_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_status st = vfail(r, witc_reader_offset_of(r, p), fmt, ap);
    va_end(ap);
    return st;
}

witc_status witc_reader_fail_at(witc_reader *r, uint64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_status st = vfail(r, offset, fmt, ap);
    va_end(ap);
    return st;
}

witc_status witc_reader_u8_slow(witc_reader *r, const char *what, uint8_t *out)
{
    if (r->cur == r->end)
        return witc_reader_fail(r, r->cur, "%s (%s)", end_words(r), what);
    *out = *r->cur++;
    return WITC_OK;
}

witc_status witc_reader_peek_u8(witc_reader *r, const char *what, uint8_t *out)
{
    if (r->cur == r->end)
        return witc_reader_fail(r, r->cur, "%s (%s)", end_words(r), what);
    *out = *r->cur;
    return WITC_OK;
}

witc_status witc_leb_read_u(witc_reader *r, unsigned bits, const char *what, uint64_t *out)
{
    /* One-byte fast path: most LEBs in real modules are small. */
    if (r->cur != r->end && !(*r->cur & 0x80) && (bits >= 7 || (*r->cur >> bits) == 0)) {
        *out = *r->cur++;
        return WITC_OK;
    }
    const unsigned max_bytes = (bits + 6) / 7;
    uint64_t value = 0;
    for (unsigned i = 0; i < max_bytes; i++) {
        if (r->cur == r->end)
            return witc_reader_fail(r, r->cur, "%s (%s)", end_words(r), what);
        const uint8_t b = *r->cur++;
        const unsigned shift = 7 * i;
        if (i + 1 == max_bytes) {               /* the last permitted byte */
            const unsigned room = bits - shift; /* payload bits still allowed: 1..7 */
            if (b & 0x80)
                return witc_reader_fail(r, r->cur - 1, "integer representation too long (%s)",
                                        what);
            if ((b & 0x7f) >> room)
                return witc_reader_fail(r, r->cur - 1, "integer too large (%s)", what);
        }
        value |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = value;
            return WITC_OK;
        }
    }
    return witc_reader_fail(r, r->cur, "integer representation too long (%s)", what);
}

witc_status witc_leb_read_s(witc_reader *r, unsigned bits, const char *what, int64_t *out)
{
    if (r->cur != r->end && !(*r->cur & 0xc0) && bits >= 7) { /* small non-negative */
        *out = *r->cur++;
        return WITC_OK;
    }
    const unsigned max_bytes = (bits + 6) / 7;
    uint64_t value = 0;
    unsigned shift = 0;
    for (unsigned i = 0; i < max_bytes; i++) {
        if (r->cur == r->end)
            return witc_reader_fail(r, r->cur, "%s (%s)", end_words(r), what);
        const uint8_t b = *r->cur++;
        shift = 7 * i;
        if (i + 1 == max_bytes) {
            const unsigned room = bits - shift; /* 1..7 payload bits, the top one is the sign */
            if (b & 0x80)
                return witc_reader_fail(r, r->cur - 1, "integer representation too long (%s)",
                                        what);
            const unsigned rest = (b & 0x7fu) >> (room - 1); /* sign bit and unused bits */
            if (rest != 0 && rest != (0x7fu >> (room - 1)))
                return witc_reader_fail(r, r->cur - 1, "integer too large (%s)", what);
        }
        value |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            shift += 7;
            if (shift < 64 && (b & 0x40))
                value |= ~(uint64_t)0 << shift; /* sign-extend */
            /* Two's complement reinterpretation without implementation-defined conversion. */
            *out = value <= (uint64_t)INT64_MAX ? (int64_t)value : -(int64_t)(~value) - 1;
            return WITC_OK;
        }
    }
    return witc_reader_fail(r, r->cur, "integer representation too long (%s)", what);
}

witc_status witc_reader_u32_slow(witc_reader *r, const char *what, uint32_t *out)
{
    uint64_t v = 0;
    WITC_TRY(witc_leb_read_u(r, 32, what, &v));
    *out = (uint32_t)v;
    return WITC_OK;
}

witc_status witc_reader_u64(witc_reader *r, const char *what, uint64_t *out)
{
    return witc_leb_read_u(r, 64, what, out);
}

witc_status witc_reader_s32(witc_reader *r, const char *what, int32_t *out)
{
    int64_t v = 0;
    WITC_TRY(witc_leb_read_s(r, 32, what, &v));
    *out = (int32_t)v;
    return WITC_OK;
}

witc_status witc_reader_s33(witc_reader *r, const char *what, int64_t *out)
{
    return witc_leb_read_s(r, 33, what, out);
}

witc_status witc_reader_s64(witc_reader *r, const char *what, int64_t *out)
{
    return witc_leb_read_s(r, 64, what, out);
}

witc_status witc_reader_f32(witc_reader *r, const char *what, uint32_t *out)
{
    const uint8_t *p = NULL;
    WITC_TRY(witc_reader_bytes(r, 4, what, &p));
    *out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return WITC_OK;
}

witc_status witc_reader_f64(witc_reader *r, const char *what, uint64_t *out)
{
    const uint8_t *p = NULL;
    WITC_TRY(witc_reader_bytes(r, 8, what, &p));
    uint64_t v = 0;
    for (unsigned i = 8; i-- > 0;)
        v = v << 8 | p[i];
    *out = v;
    return WITC_OK;
}

witc_status witc_reader_bytes(witc_reader *r, size_t len, const char *what, const uint8_t **out_ptr)
{
    if (len > witc_reader_left(r))
        return witc_reader_fail(r, r->cur, "%s (%s)", end_words(r), what);
    *out_ptr = r->cur;
    r->cur += len;
    return WITC_OK;
}

witc_status witc_reader_vec_bytes(witc_reader *r, const char *what, const uint8_t **out_ptr,
                                  uint32_t *out_len)
{
    const uint8_t *at = r->cur;
    uint32_t len = 0;
    WITC_TRY(witc_reader_u32(r, what, &len));
    if (len > witc_reader_left(r))
        return witc_reader_fail(r, at, "%s (%s)",
                                r->in_section ? end_words(r) : "length out of bounds", what);
    *out_ptr = r->cur;
    *out_len = len;
    r->cur += len;
    return WITC_OK;
}

witc_status witc_reader_name(witc_reader *r, const char *what, const uint8_t **out_ptr,
                             uint32_t *out_len)
{
    const uint8_t *p = NULL;
    uint32_t len = 0;
    WITC_TRY(witc_reader_vec_bytes(r, what, &p, &len));
    if (len > WITC_MAX_WASM_STRING_SIZE)
        return witc_reader_fail(r, p, "string size out of bounds (%s)", what);
    if (!witc_utf8_is_valid(p, len))
        return witc_reader_fail(r, p, "malformed UTF-8 encoding (%s)", what);
    *out_ptr = p;
    *out_len = len;
    return WITC_OK;
}

witc_status witc_reader_count(witc_reader *r, const char *what, uint32_t *out)
{
    const uint8_t *at = r->cur;
    uint32_t n = 0;
    WITC_TRY(witc_reader_u32(r, what, &n));
    if (n > witc_reader_left(r))
        return witc_reader_fail(r, at, "%s (%s)", end_words(r), what);
    *out = n;
    return WITC_OK;
}

witc_status witc_reader_sub(witc_reader *r, uint64_t size, const uint8_t *size_at, const char *what,
                            witc_reader *out_sub)
{
    if (size > witc_reader_left(r))
        return witc_reader_fail(r, size_at, "length out of bounds (%s)", what);
    *out_sub = *r;
    out_sub->in_section = true;
    out_sub->end = r->cur + size;
    r->cur += size;
    return WITC_OK;
}

witc_status witc_reader_finish(witc_reader *sub, const char *what)
{
    if (sub->cur != sub->end)
        return witc_reader_fail(sub, sub->cur, "section size mismatch (%s)", what);
    return WITC_OK;
}

bool witc_utf8_is_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t min, cp;
        if ((c & 0xe0) == 0xc0) {
            n = 2, min = 0x80, cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 3, min = 0x800, cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (n > len - i)
            return false;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n;
    }
    return true;
}

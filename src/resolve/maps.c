/* SPDX-License-Identifier: Apache-2.0 */
/* Insertion-ordered maps (wit-parser's IndexMap), package-name ordering and semver
 * precedence for the resolver. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "resolve/internal.h"

witc_status g_nomem(witc_ctx *ctx)
{
    witc_diag_error_plain(witc_ctx_diags(ctx), "out of memory while resolving WIT");
    return WITC_E_NOMEM;
}

/* ---- omap ---- */

uint32_t omap_find(const omap *m, witc_str key)
{
    uint32_t pos;
    if (!witc_hash_get(&m->index, key.ptr, key.len, &pos))
        return NONE_ID;
    return pos;
}

bool omap_get(const omap *m, witc_str key, uint32_t *out_value)
{
    uint32_t pos = omap_find(m, key);
    if (pos == NONE_ID)
        return false;
    *out_value = m->v.items[pos].value;
    return true;
}

witc_status omap_put(witc_ctx *ctx, omap *m, witc_str key, uint32_t value, bool *out_existed)
{
    uint32_t pos = omap_find(m, key);
    if (out_existed)
        *out_existed = pos != NONE_ID;
    if (pos != NONE_ID) {
        m->v.items[pos].value = value;
        return WITC_OK;
    }
    if (!m->index.ctx)
        witc_hash_init(&m->index, ctx);
    omap_entry e = {key, value};
    if (m->v.len >= UINT32_MAX - 1 || !WITC_VEC_PUSH(ctx, &m->v, e))
        return g_nomem(ctx);
    if (!witc_hash_put(&m->index, key.ptr ? key.ptr : "", key.len, (uint32_t)(m->v.len - 1)))
        return g_nomem(ctx);
    return WITC_OK;
}

void omap_free(witc_ctx *ctx, omap *m)
{
    WITC_VEC_FREE(ctx, &m->v);
    if (m->index.ctx)
        witc_hash_release(&m->index);
    memset(m, 0, sizeof *m);
}

/* ---- wmap ---- */

wkey wkey_of(const witc_world_item *item)
{
    wkey k = {0};
    k.is_name = item->has_name;
    k.name = item->name;
    k.iface = item->interface.i;
    return k;
}

/* Names are never empty and never contain NUL (the lexer rejects both), so an interface key
 * is a NUL byte followed by the id's four bytes. */
static void iface_key_bytes(uint32_t id, char out[5])
{
    out[0] = 0;
    out[1] = (char)(id & 0xff);
    out[2] = (char)((id >> 8) & 0xff);
    out[3] = (char)((id >> 16) & 0xff);
    out[4] = (char)((id >> 24) & 0xff);
}

uint32_t wmap_find(const wmap *m, wkey key)
{
    uint32_t pos;
    bool found;
    if (key.is_name) {
        found = witc_hash_get(&m->index, key.name.ptr ? key.name.ptr : "", key.name.len, &pos);
    } else {
        char b[5];
        iface_key_bytes(key.iface, b);
        found = witc_hash_get(&m->index, b, 5, &pos);
    }
    return found ? pos : NONE_ID;
}

static witc_status wmap_index_put(witc_ctx *ctx, witc_arena *keys, wmap *m, wkey key, uint32_t pos)
{
    if (!m->index.ctx)
        witc_hash_init(&m->index, ctx);
    bool ok;
    if (key.is_name) {
        ok = witc_hash_put(&m->index, key.name.ptr ? key.name.ptr : "", key.name.len, pos);
    } else {
        char *b = witc_arena_alloc(keys, 5);
        if (!b)
            return g_nomem(ctx);
        iface_key_bytes(key.iface, b);
        ok = witc_hash_put(&m->index, b, 5, pos);
    }
    return ok ? WITC_OK : g_nomem(ctx);
}

witc_status wmap_insert(witc_ctx *ctx, witc_arena *keys, wmap *m, const witc_world_item *item,
                        bool *out_existed)
{
    wkey key = wkey_of(item);
    uint32_t pos = wmap_find(m, key);
    *out_existed = pos != NONE_ID;
    if (pos != NONE_ID)
        return WITC_OK;
    if (m->v.len >= UINT32_MAX - 1 || !WITC_VEC_PUSH(ctx, &m->v, *item))
        return g_nomem(ctx);
    return wmap_index_put(ctx, keys, m, key, (uint32_t)(m->v.len - 1));
}

witc_status wmap_reindex(witc_ctx *ctx, witc_arena *keys, wmap *m)
{
    if (m->index.ctx)
        witc_hash_release(&m->index);
    witc_hash_init(&m->index, ctx);
    for (size_t i = 0; i < m->v.len; i++)
        WITC_TRY(wmap_index_put(ctx, keys, m, wkey_of(&m->v.items[i]), (uint32_t)i));
    return WITC_OK;
}

void wmap_free(witc_ctx *ctx, wmap *m)
{
    WITC_VEC_FREE(ctx, &m->v);
    if (m->index.ctx)
        witc_hash_release(&m->index);
    memset(m, 0, sizeof *m);
}

/* ---- semver ---- */

typedef struct semver_parts {
    uint64_t num[3];
    witc_str pre, build;
} semver_parts;

static uint64_t parse_num(const char **p, const char *end)
{
    uint64_t v = 0;
    while (*p < end && **p >= '0' && **p <= '9') {
        unsigned d = (unsigned)(**p - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
        (*p)++;
    }
    return v;
}

static semver_parts semver_split(witc_str s)
{
    semver_parts r = {{0, 0, 0}, {"", 0}, {"", 0}};
    const char *p = s.ptr ? s.ptr : "", *end = p + s.len;
    for (int i = 0; i < 3; i++) {
        r.num[i] = parse_num(&p, end);
        if (i < 2 && p < end && *p == '.')
            p++;
    }
    if (p < end && *p == '-') {
        const char *q = ++p;
        while (q < end && *q != '+')
            q++;
        r.pre = (witc_str){p, (size_t)(q - p)};
        p = q;
    }
    if (p < end && *p == '+') {
        p++;
        r.build = (witc_str){p, (size_t)(end - p)};
    }
    return r;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    size_t n = na < nb ? na : nb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb ? 1 : 0;
}

/* Dot-separated identifiers: numeric ones compare as numbers and sort before alphanumeric
 * ones; a shorter list that is a prefix sorts first (semver 2.0 §11; the semver crate uses
 * the same rule for build metadata, except that numbers compare by value then length). */
static int cmp_idents(witc_str a, witc_str b)
{
    size_t i = 0, j = 0; /* past the end (len + 1) once every identifier was compared */
    for (;;) {
        bool a_done = i > a.len, b_done = j > b.len;
        if (a_done || b_done)
            return a_done && b_done ? 0 : a_done ? -1 : 1;
        size_t ie = i, je = j;
        while (ie < a.len && a.ptr[ie] != '.')
            ie++;
        while (je < b.len && b.ptr[je] != '.')
            je++;
        bool an = all_digits(a.ptr + i, ie - i), bn = all_digits(b.ptr + j, je - j);
        int c;
        if (an && bn) {
            /* By value: leading zeros stripped, then length, then digits. */
            size_t ai = i, bj = j;
            while (ai + 1 < ie && a.ptr[ai] == '0')
                ai++;
            while (bj + 1 < je && b.ptr[bj] == '0')
                bj++;
            if (ie - ai != je - bj)
                c = ie - ai < je - bj ? -1 : 1;
            else
                c = cmp_bytes(a.ptr + ai, ie - ai, b.ptr + bj, je - bj);
        } else if (an != bn) {
            c = an ? -1 : 1;
        } else {
            c = cmp_bytes(a.ptr + i, ie - i, b.ptr + j, je - j);
        }
        if (c)
            return c;
        i = ie + 1;
        j = je + 1;
    }
}

int semver_cmp(witc_str a, witc_str b)
{
    semver_parts x = semver_split(a), y = semver_split(b);
    for (int i = 0; i < 3; i++)
        if (x.num[i] != y.num[i])
            return x.num[i] < y.num[i] ? -1 : 1;
    /* A version without a pre-release is greater than one with. */
    if (x.pre.len == 0 || y.pre.len == 0) {
        if (x.pre.len != y.pre.len)
            return x.pre.len == 0 ? 1 : -1;
    } else {
        int c = cmp_idents(x.pre, y.pre);
        if (c)
            return c;
    }
    if (x.build.len == 0 || y.build.len == 0)
        return x.build.len == y.build.len ? 0 : x.build.len == 0 ? -1 : 1;
    return cmp_idents(x.build, y.build);
}

int pkg_name_cmp(const pkg_name *a, const pkg_name *b)
{
    int c = cmp_bytes(a->namespace_.ptr, a->namespace_.len, b->namespace_.ptr, b->namespace_.len);
    if (c)
        return c;
    c = cmp_bytes(a->name.ptr, a->name.len, b->name.ptr, b->name.len);
    if (c)
        return c;
    if (a->has_version != b->has_version)
        return a->has_version ? 1 : -1;
    if (!a->has_version)
        return 0;
    return semver_cmp(a->version, b->version);
}

witc_status rerr(witc_ctx *ctx, witc_span span, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char small[512];
    char *msg = small;
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof small) {
        msg = witc_ctx_alloc(ctx, (size_t)n + 1);
        if (msg)
            vsnprintf(msg, (size_t)n + 1, fmt, ap2);
        else
            msg = small;
    }
    va_end(ap2);
    witc_diag_list *d = witc_ctx_diags(ctx);
    if (span.start == WITC_POS_NONE)
        witc_diag_error_plain(d, "%s", msg);
    else
        witc_diag_error(d, span, "%s", msg);
    if (msg != small)
        witc_ctx_dealloc(ctx, msg);
    return WITC_E_RESOLVE;
}

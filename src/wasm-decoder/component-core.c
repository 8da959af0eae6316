/* SPDX-License-Identifier: Apache-2.0 */
/* A summary of an embedded core module's imports and exports, for instantiation and canon
 * checks. The module was already validated by the core validator, so this reader only
 * guards its bounds and gives up (without a diagnostic) on anything surprising. */
#include <string.h>

#include "support/arena.h"
#include "validate/component-internal.h"

typedef struct cur {
    const uint8_t *p, *end;
    bool bad;
} cur;

static uint64_t uleb(cur *c)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (c->p == c->end) {
            c->bad = true;
            return 0;
        }
        const uint8_t b = *c->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    c->bad = true;
    return 0;
}

static int64_t sleb(cur *c)
{
    uint64_t v = 0;
    unsigned shift = 0;
    for (; shift < 70;) {
        if (c->p == c->end) {
            c->bad = true;
            return 0;
        }
        const uint8_t b = *c->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (shift < 64 && (b & 0x40))
                v |= ~(uint64_t)0 << shift;
            return (int64_t)v;
        }
    }
    c->bad = true;
    return 0;
}

static uint8_t byte(cur *c)
{
    if (c->p == c->end) {
        c->bad = true;
        return 0;
    }
    return *c->p++;
}

static void valtype(cur *c, witc_cm_core_valtype *t)
{
    t->code = byte(c);
    t->heap = 0;
    if (t->code == 0x63 || t->code == 0x64) {
        if (c->p != c->end && *c->p == 0x65)
            c->p++;
        t->heap = sleb(c);
    }
}

static void field(cur *c)
{
    if (c->p != c->end && (*c->p == 0x78 || *c->p == 0x77)) {
        c->p++;
    } else {
        witc_cm_core_valtype t;
        valtype(c, &t);
    }
    byte(c);
}

static bool subtype(cur *c, witc_arena *a, witc_cm_core_sub *s)
{
    uint8_t b = byte(c);
    s->final_ = true;
    if (b == 0x50 || b == 0x4f) {
        s->final_ = b == 0x4f;
        const uint64_t n = uleb(c);
        for (uint64_t i = 0; i < n && !c->bad; i++) {
            s->has_super = true;
            s->super = (uint32_t)uleb(c);
        }
        b = byte(c);
    }
    if (b == 0x65)
        b = byte(c);
    s->form = b;
    if (b == 0x60) {
        for (int k = 0; k < 2; k++) {
            const uint64_t n = uleb(c);
            if (n > (uint64_t)(c->end - c->p))
                return false;
            witc_cm_core_valtype *v = witc_arena_alloc_array(a, n ? n : 1, sizeof *v);
            if (!v)
                return false;
            for (uint64_t i = 0; i < n; i++)
                valtype(c, &v[i]);
            if (k == 0) {
                s->n_params = (uint32_t)n;
                s->params = v;
            } else {
                s->n_results = (uint32_t)n;
                s->results = v;
            }
        }
    } else if (b == 0x5f) {
        const uint64_t n = uleb(c);
        for (uint64_t i = 0; i < n && !c->bad; i++)
            field(c);
    } else if (b == 0x5e) {
        field(c);
    } else if (b == 0x5d) {
        sleb(c);
    } else {
        return false;
    }
    return !c->bad;
}

bool witc_cm_core_read_entity(uint8_t kind, const uint8_t **p, const uint8_t *end,
                              witc_cm_core_entity *e)
{
    cur c = {*p, end, false};
    memset(e, 0, sizeof *e);
    e->kind = kind;
    switch (kind) {
    case 0x00:
        e->type = (uint32_t)uleb(&c);
        break;
    case 0x01:
    case 0x02: {
        if (kind == 0x01)
            valtype(&c, &e->val);
        const uint8_t flags = byte(&c);
        e->has_max = flags & 1;
        e->shared = (flags & 2) != 0;
        e->is64 = (flags & 4) != 0;
        e->min = uleb(&c);
        if (e->has_max)
            e->max = uleb(&c);
        if (kind == 0x02 && (flags & 8)) {
            e->has_page = true;
            e->page_log2 = (uint32_t)uleb(&c);
        }
        break;
    }
    case 0x03: {
        valtype(&c, &e->val);
        const uint8_t m = byte(&c);
        e->mut_ = m & 1;
        e->shared = (m & 2) != 0;
        break;
    }
    case 0x04:
        byte(&c);
        e->type = (uint32_t)uleb(&c);
        break;
    default:
        return false;
    }
    *p = c.p;
    return !c.bad;
}

typedef WITC_VEC(witc_cm_core_entity) entity_vec;

/* Skips a constant expression up to its final `end`; only the forms constant expressions
 * may use need their immediates understood. */
static void skip_const_expr(cur *s)
{
    while (!s->bad) {
        const uint8_t op = byte(s);
        switch (op) {
        case 0x0b:
            return;
        case 0x41:
        case 0x42:
            sleb(s);
            break;
        case 0x43:
        case 0x44: {
            const size_t n = op == 0x43 ? 4 : 8;
            if (n > (size_t)(s->end - s->p))
                s->bad = true;
            else
                s->p += n;
            break;
        }
        case 0x23:
        case 0xd2:
            uleb(s);
            break;
        case 0xd0:
            sleb(s);
            break;
        case 0xfb: {
            const uint64_t sub = uleb(s);
            if (sub <= 1 || sub == 6 || sub == 7 || sub == 8) /* struct.new*, array.new* */
                uleb(s);
            if (sub == 8) /* array.new_fixed: type + count */
                uleb(s);
            break;
        }
        case 0xfd:
            uleb(s);
            if (16 > (size_t)(s->end - s->p))
                s->bad = true;
            else
                s->p += 16;
            break;
        default:
            break;
        }
    }
}

witc_status witc_cm_core_summarize(witc_arena *a, const uint8_t *bytes, size_t len,
                                   witc_cm_module_summary *out)
{
    memset(out, 0, sizeof *out);
    if (len < 8)
        return WITC_E_MALFORMED;
    cur c = {bytes + 8, bytes + len, false};
    /* first pass: find the sections */
    uint32_t n_imports = 0, n_exports = 0;
    struct sec_ref {
        const uint8_t *p;
        uint32_t size;
        uint8_t id;
    } secs[64];
    uint32_t n_secs = 0;
    while (c.p != c.end && !c.bad) {
        const uint8_t id = byte(&c);
        const uint64_t size = uleb(&c);
        if (c.bad || size > (uint64_t)(c.end - c.p))
            return WITC_E_MALFORMED;
        if (id != 0 && n_secs < 64)
            secs[n_secs++] = (struct sec_ref){c.p, (uint32_t)size, id};
        c.p += size;
    }
    /* types */
    WITC_VEC(witc_cm_core_sub) types = {0};
    entity_vec funcs = {0}, tables = {0}, mems = {0}, globals = {0}, tags = {0};
    witc_ctx *ctx = a->ctx;
    witc_status st = WITC_OK;
    for (uint32_t si = 0; si < n_secs && st == WITC_OK; si++) {
        const uint8_t sid = secs[si].id;
        if (!(sid <= 7 || sid == 13))
            continue; /* start, element, code, data, data count: nothing to summarize */
        cur s = {secs[si].p, secs[si].p + secs[si].size, false};
        const uint64_t n = uleb(&s);
        if (n > secs[si].size) {
            st = WITC_E_MALFORMED;
            break;
        }
        switch (secs[si].id) {
        case 1:
            for (uint64_t i = 0; i < n && !s.bad; i++) {
                uint64_t group = 1;
                if (s.p != s.end && *s.p == 0x4e) {
                    s.p++;
                    group = uleb(&s);
                }
                for (uint64_t k = 0; k < group && !s.bad; k++) {
                    witc_cm_core_sub sub;
                    memset(&sub, 0, sizeof sub);
                    if (!subtype(&s, a, &sub) || !WITC_VEC_PUSH(ctx, &types, sub)) {
                        s.bad = true;
                        break;
                    }
                }
            }
            break;
        case 2:
            out->imports = witc_arena_alloc_array(a, n ? n : 1, sizeof *out->imports);
            if (!out->imports) {
                st = WITC_E_NOMEM;
                break;
            }
            for (uint64_t i = 0; i < n && !s.bad; i++) {
                witc_cm_core_import *im = &out->imports[n_imports++];
                for (int k = 0; k < 2; k++) {
                    const uint64_t l = uleb(&s);
                    if (l > (uint64_t)(s.end - s.p)) {
                        s.bad = true;
                        break;
                    }
                    witc_cm_bytes *dst = k == 0 ? &im->module : &im->name;
                    dst->ptr = s.p;
                    dst->len = (uint32_t)l;
                    s.p += l;
                }
                const uint8_t kind = byte(&s);
                if (s.bad || !witc_cm_core_read_entity(kind, &s.p, s.end, &im->ent)) {
                    s.bad = true;
                    break;
                }
                entity_vec *v = kind == 0   ? &funcs
                                : kind == 1 ? &tables
                                : kind == 2 ? &mems
                                : kind == 3 ? &globals
                                            : &tags;
                if (!WITC_VEC_PUSH(ctx, v, im->ent))
                    s.bad = true;
            }
            break;
        case 3:
            for (uint64_t i = 0; i < n && !s.bad; i++) {
                witc_cm_core_entity e;
                memset(&e, 0, sizeof e);
                e.kind = 0;
                e.type = (uint32_t)uleb(&s);
                if (!WITC_VEC_PUSH(ctx, &funcs, e))
                    s.bad = true;
            }
            break;
        case 4:
        case 5:
        case 6:
        case 13:
            for (uint64_t i = 0; i < n && !s.bad; i++) {
                const uint8_t id = secs[si].id;
                const uint8_t kind = id == 4 ? 1 : id == 5 ? 2 : id == 6 ? 3 : 4;
                witc_cm_core_entity e;
                bool with_init = false;
                if (id == 4 && s.p + 1 < s.end && s.p[0] == 0x40 && s.p[1] == 0x00) {
                    s.p += 2; /* table with an initializer expression */
                    with_init = true;
                }
                if (!witc_cm_core_read_entity(kind, &s.p, s.end, &e)) {
                    s.bad = true;
                    break;
                }
                entity_vec *v = kind == 1   ? &tables
                                : kind == 2 ? &mems
                                : kind == 3 ? &globals
                                            : &tags;
                if (!WITC_VEC_PUSH(ctx, v, e))
                    s.bad = true;
                if (id == 6 || with_init)
                    skip_const_expr(&s);
            }
            break;
        case 7:
            out->exports = witc_arena_alloc_array(a, n ? n : 1, sizeof *out->exports);
            if (!out->exports) {
                st = WITC_E_NOMEM;
                break;
            }
            for (uint64_t i = 0; i < n && !s.bad; i++) {
                witc_cm_core_export *ex = &out->exports[n_exports];
                const uint64_t l = uleb(&s);
                if (l > (uint64_t)(s.end - s.p)) {
                    s.bad = true;
                    break;
                }
                ex->name.ptr = s.p;
                ex->name.len = (uint32_t)l;
                s.p += l;
                const uint8_t kind = byte(&s);
                const uint64_t idx = uleb(&s);
                entity_vec *v = kind == 0   ? &funcs
                                : kind == 1 ? &tables
                                : kind == 2 ? &mems
                                : kind == 3 ? &globals
                                            : &tags;
                if (kind > 4 || idx >= v->len) {
                    s.bad = true;
                    break;
                }
                ex->ent = v->items[idx];
                n_exports++;
            }
            break;
        default:
            break;
        }
        if (s.bad)
            st = WITC_E_MALFORMED;
    }
    if (st == WITC_OK) {
        out->n_types = (uint32_t)types.len;
        out->types = witc_arena_alloc_array(a, types.len ? types.len : 1, sizeof *out->types);
        if (!out->types)
            st = WITC_E_NOMEM;
        else if (types.len)
            memcpy(out->types, types.items, types.len * sizeof *types.items);
        out->n_imports = n_imports;
        out->n_exports = n_exports;
    }
    WITC_VEC_FREE(ctx, &types);
    WITC_VEC_FREE(ctx, &funcs);
    WITC_VEC_FREE(ctx, &tables);
    WITC_VEC_FREE(ctx, &mems);
    WITC_VEC_FREE(ctx, &globals);
    WITC_VEC_FREE(ctx, &tags);
    return st;
}

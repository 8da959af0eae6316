/* SPDX-License-Identifier: Apache-2.0 */
/* Canonical definitions of components: canon lift/lower and the resource, async, stream,
 * future, error-context and thread built-ins, checked against the canonical ABI (flattening,
 * at most 16 flat parameters and 1 flat result, options memory/realloc/post-return/string
 * encoding/async/callback) and the cm-gc ABI. */
#include <stdio.h>
#include <string.h>

#include "validate/component-check.h"
#include "validate/component-internal.h"
#include "witc/diag.h"

/* ---------------------------------------------------------------------------------------- */
/* the canonical ABI: flattening */

typedef struct flat {
    uint8_t t[MAX_LOWERED + 1]; /* core value type codes */
    uint32_t n, max;
    bool overflow;
} flat;

static void flat_push(flat *f, uint8_t t)
{
    if (f->n >= f->max) {
        f->overflow = true;
        return;
    }
    f->t[f->n++] = t;
}

static uint8_t join(uint8_t a, uint8_t b)
{
    if (a == b)
        return a;
    if ((a == 0x7f && b == 0x7d) || (a == 0x7d && b == 0x7f))
        return 0x7f;
    return 0x7e;
}

static void flatten(vstate *v, vt t, uint8_t ptr, flat *f, uint32_t depth);

static void flatten_variant(vstate *v, const ty *d, uint8_t ptr, flat *f, uint32_t depth)
{
    const uint32_t base = f->n;
    flat_push(f, 0x7f); /* discriminant */
    const uint32_t start = f->n;
    uint32_t width = 0;
    for (uint32_t i = 0; i < (d->code == WITC_CM_DT_VARIANT ? d->n : 2u); i++) {
        vt ct;
        bool has;
        if (d->code == WITC_CM_DT_VARIANT) {
            has = d->fields[i].has;
            ct = d->fields[i].t;
        } else if (d->code == WITC_CM_DT_OPTION) {
            has = i == 1;
            ct = d->a;
        } else {
            has = i == 0 ? d->has_a : d->has_b;
            ct = i == 0 ? d->a : d->b;
        }
        if (!has)
            continue;
        flat sub = {.n = 0, .max = MAX_LOWERED};
        flatten(v, ct, ptr, &sub, depth + 1);
        if (sub.overflow) {
            f->overflow = true;
            return;
        }
        for (uint32_t k = 0; k < sub.n; k++) {
            if (k < width) {
                f->t[start + k] = join(f->t[start + k], sub.t[k]);
            } else {
                flat_push(f, sub.t[k]);
                if (f->overflow)
                    return;
                width++;
            }
        }
    }
    (void)base;
}

static void flatten(vstate *v, vt t, uint8_t ptr, flat *f, uint32_t depth)
{
    if (f->overflow || depth > 200)
        return;
    if (t.prim) {
        switch (t.prim) {
        case 0x78:
        case 0x77:
            flat_push(f, 0x7e);
            return;
        case 0x76:
            flat_push(f, 0x7d);
            return;
        case 0x75:
            flat_push(f, 0x7c);
            return;
        case 0x73:
            flat_push(f, ptr);
            flat_push(f, ptr);
            return;
        default:
            flat_push(f, 0x7f);
            return;
        }
    }
    const ty *d = T(v, t.id);
    if (d->kind == K_RESOURCE) {
        flat_push(f, 0x7f);
        return;
    }
    switch (d->code) {
    case WITC_CM_DT_PRIM:
        flatten(v, d->a, ptr, f, depth + 1);
        return;
    case WITC_CM_DT_RECORD:
    case WITC_CM_DT_TUPLE:
        for (uint32_t i = 0; i < d->n && !f->overflow; i++)
            flatten(v, d->fields[i].t, ptr, f, depth + 1);
        return;
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_MAP:
        flat_push(f, ptr);
        flat_push(f, ptr);
        return;
    case WITC_CM_DT_FIXED_LIST:
        for (uint32_t i = 0; i < d->len && !f->overflow; i++)
            flatten(v, d->a, ptr, f, depth + 1);
        return;
    case WITC_CM_DT_FLAGS:
        if (d->n > 0)
            flat_push(f, 0x7f);
        return;
    case WITC_CM_DT_VARIANT:
    case WITC_CM_DT_OPTION:
    case WITC_CM_DT_RESULT:
        flatten_variant(v, d, ptr, f, depth);
        return;
    default: /* enum, own, borrow, stream, future */
        flat_push(f, 0x7f);
        return;
    }
}

static bool contains_ptr(vstate *v, vt t, uint32_t depth)
{
    if (depth > 200)
        return false;
    if (t.prim)
        return t.prim == 0x73;
    const ty *d = T(v, t.id);
    if (d->kind != K_DEF)
        return false;
    switch (d->code) {
    case WITC_CM_DT_PRIM:
        return contains_ptr(v, d->a, depth + 1);
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_MAP:
        return true;
    case WITC_CM_DT_FIXED_LIST:
    case WITC_CM_DT_OPTION:
        return contains_ptr(v, d->a, depth + 1);
    case WITC_CM_DT_RESULT:
        return (d->has_a && contains_ptr(v, d->a, depth + 1)) ||
               (d->has_b && contains_ptr(v, d->b, depth + 1));
    case WITC_CM_DT_RECORD:
    case WITC_CM_DT_TUPLE:
    case WITC_CM_DT_VARIANT:
        for (uint32_t i = 0; i < d->n; i++)
            if (d->fields[i].has && contains_ptr(v, d->fields[i].t, depth + 1))
                return true;
        return false;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* canonical definitions */

typedef struct opts {
    bool has_mem, has_realloc, has_post, is_async, has_callback, gc, has_core_type;
    uint8_t ptr; /* 0x7f or 0x7e */
    uint8_t enc; /* string encoding option: 0 utf8, 1 utf16, 2 latin1+utf16 */
    uint32_t realloc, post, callback;
    uint32_t core_type; /* store id of the `core-type` option's function type */
} opts;

static const char *opt_name(uint8_t k)
{
    /* a switch, not a pointer table: pointer tables are relocated data under -fPIC */
    switch (k) {
    case 0x00:
        return "utf8";
    case 0x01:
        return "utf16";
    case 0x02:
        return "latin1-utf16";
    case 0x03:
        return "memory";
    case 0x04:
        return "realloc";
    case 0x05:
        return "post-return";
    case 0x06:
        return "async";
    case 0x07:
        return "callback";
    case 0x08:
        return "core-type";
    case 0x09:
        return "gc";
    default:
        return "?";
    }
}

static witc_status check_opts(vstate *v, scope *s, const witc_cm_canon *c, opts *o)
{
    memset(o, 0, sizeof *o);
    o->ptr = 0x7f;
    int enc = -1;
    bool seen[10] = {false};
    for (uint32_t i = 0; i < c->n_opts; i++) {
        const witc_cm_canonopt *op = &c->opts[i];
        if (op->kind <= 2) {
            if (enc >= 0)
                return err(v, c->offset,
                           "canonical encoding option `%s` conflicts with option "
                           "`%s`",
                           opt_name((uint8_t)enc), opt_name(op->kind));
            enc = op->kind;
            o->enc = op->kind;
            continue;
        }
        if (seen[op->kind])
            return err(v, c->offset, "canonical option `%s` is specified more than once",
                       opt_name(op->kind));
        seen[op->kind] = true;
        switch (op->kind) {
        case 0x03:
            if (op->idx >= s->core_mems.len)
                return err(v, c->offset, "unknown memory %u: memory index out of bounds", op->idx);
            o->has_mem = true;
            if (s->core_mems.items[op->idx].shared)
                return err(v, c->offset, "mismatch in the shared flag for memories");
            if (s->core_mems.items[op->idx].is64) {
                if (!v->f.cm64)
                    return err(v, c->offset,
                               "64-bit memories require the component model "
                               "64-bit feature");
                o->ptr = 0x7e;
            }
            break;
        case 0x04:
            o->has_realloc = true;
            o->realloc = op->idx;
            break;
        case 0x05:
            o->has_post = true;
            o->post = op->idx;
            break;
        case 0x06:
            if (!v->f.async)
                return err(v, c->offset,
                           "canonical option `async` requires the component model "
                           "async feature");
            o->is_async = true;
            break;
        case 0x07:
            o->has_callback = true;
            o->callback = op->idx;
            break;
        case 0x08: {
            if (!v->f.gc)
                return err(v, c->offset,
                           "canonical option `core type` requires the component "
                           "model gc feature");
            uint32_t tid;
            WITC_TRY(core_type_at(v, s, op->idx, &tid));
            if (T(v, tid)->kind != K_CORE_FUNC)
                return err(v, c->offset,
                           "canonical option `core type` must reference a core "
                           "function type");
            o->has_core_type = true;
            o->core_type = tid;
            break;
        }
        default:
            if (!v->f.gc)
                return err(v, c->offset, "canonical option `gc` requires the `cm-gc` feature");
            o->gc = true;
            break;
        }
    }
    if (!o->gc && o->has_core_type)
        return err(v, c->offset, "cannot specify `core-type` without `gc`");
    if (o->has_callback && !o->is_async)
        return err(v, c->offset, "cannot specify callback without async");
    if (o->is_async && o->has_post)
        return err(v, c->offset, "cannot specify post-return function in async");
    if (o->has_realloc) {
        if (!o->has_mem)
            return err(v, c->offset,
                       "canonical option `realloc` requires `memory` to also be "
                       "specified");
        uint32_t fid;
        WITC_TRY(core_func_at(v, s, o->realloc, &fid));
        const witc_cm_core_sub *f = T(v, fid)->sub;
        bool ok = f && f->form == 0x60 && f->n_params == 4 && f->n_results == 1;
        for (uint32_t i = 0; ok && i < 4; i++)
            ok = f->params[i].code == o->ptr;
        if (ok)
            ok = f->results[0].code == o->ptr;
        if (!ok)
            return err(v, c->offset,
                       "canonical option `realloc` uses a core function with an "
                       "incorrect signature");
    }
    return WITC_OK;
}

static witc_status require_mem(vstate *v, const opts *o, uint64_t off)
{
    if (!o->has_mem)
        return err(v, off, "canonical option `memory` is required");
    return WITC_OK;
}

static witc_status require_realloc(vstate *v, const opts *o, uint64_t off)
{
    WITC_TRY(require_mem(v, o, off));
    if (!o->has_realloc)
        return err(v, off, "canonical option `realloc` is required");
    return WITC_OK;
}

static void sig_fmt(char *buf, size_t n, const uint8_t *t, uint32_t count)
{
    size_t len = 0;
    len += (size_t)snprintf(buf + len, n - len, "[");
    for (uint32_t i = 0; i < count && len < n; i++) {
        const char *name = t[i] == 0x7f   ? "I32"
                           : t[i] == 0x7e ? "I64"
                           : t[i] == 0x7d ? "F32"
                           : t[i] == 0x7c ? "F64"
                                          : "?";
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", name);
    }
    if (len < n)
        snprintf(buf + len, n - len, "]");
}

/* ---- the GC ABI (cm-gc): component values as core GC references ---- */

typedef struct gc_core {
    bool field; /* a struct field / array element (packed storage allowed) or an argument */
    witc_cm_core_valtype t;
} gc_core;

static bool gc_is_i32(gc_core c, uint8_t code)
{
    return c.t.code == code;
}

static bool gc_is_extern(gc_core c)
{
    return c.t.code == 0x6f || ((c.t.code == 0x63 || c.t.code == 0x64) && c.t.heap == -17);
}

/* The composite type a concrete reference points at, or NULL. */
static const witc_cm_core_sub *gc_concrete(vstate *v, const scope *s, gc_core c)
{
    if ((c.t.code != 0x63 && c.t.code != 0x64) || c.t.heap < 0 ||
        (uint64_t)c.t.heap >= s->core_types.len)
        return NULL;
    return T(v, s->core_types.items[c.t.heap])->sub;
}

static witc_status lower_gc_vt(vstate *v, const scope *s, vt t, gc_core c, const opts *o,
                               uint64_t off, uint32_t depth);

static witc_status lower_gc_product(vstate *v, const scope *s, const ty *d, gc_core c,
                                    const opts *o, uint64_t off, uint32_t depth, const char *kind)
{
    const witc_cm_core_sub *st = gc_concrete(v, s, c);
    if (!st || st->form != 0x5f)
        return err(v, off,
                   "expected to lower component `%s` type to core `(ref null? (struct "
                   "...))`, but found another type",
                   kind);
    if (st->n_fields != d->n)
        return err(v, off, "core `struct` has %u fields, but component `%s` has %u fields",
                   st->n_fields, kind, d->n);
    for (uint32_t i = 0; i < d->n; i++) {
        gc_core f = {true, st->fields[i]};
        WITC_TRY(lower_gc_vt(v, s, d->fields[i].t, f, o, off, depth + 1));
    }
    return WITC_OK;
}

static witc_status lower_gc_prim(vstate *v, const scope *s, uint8_t prim, gc_core c, const opts *o,
                                 uint64_t off)
{
    const char *name;
    switch (prim) {
    case 0x7f:
    case 0x7e:
    case 0x7d:
        name = prim == 0x7f ? "bool" : prim == 0x7e ? "s8" : "u8";
        if (c.field ? gc_is_i32(c, 0x78) : gc_is_i32(c, 0x7f))
            return WITC_OK;
        return err(v, off, "expected to lower component `%s` type to core `%s` type", name,
                   c.field ? "i8" : "i32");
    case 0x7c:
    case 0x7b:
        name = prim == 0x7c ? "s16" : "u16";
        if (c.field ? gc_is_i32(c, 0x77) : gc_is_i32(c, 0x7f))
            return WITC_OK;
        return err(v, off, "expected to lower component `%s` type to core `%s` type", name,
                   c.field ? "i16" : "i32");
    case 0x7a:
    case 0x79:
    case 0x74:
        if (gc_is_i32(c, 0x7f))
            return WITC_OK;
        return err(v, off, "expected to lower component `%s` type to core `i32` type",
                   prim == 0x7a   ? "s32"
                   : prim == 0x79 ? "u32"
                                  : "char");
    case 0x78:
    case 0x77:
        if (gc_is_i32(c, 0x7e))
            return WITC_OK;
        return err(v, off, "expected to lower component `%s` type to core `i64` type",
                   prim == 0x78 ? "s64" : "u64");
    case 0x76:
        if (gc_is_i32(c, 0x7d))
            return WITC_OK;
        return err(v, off, "expected to lower component `f32` type to core `f32` type");
    case 0x75:
        if (gc_is_i32(c, 0x7c))
            return WITC_OK;
        return err(v, off, "expected to lower component `f64` type to core `f64` type");
    case 0x73: {
        const witc_cm_core_sub *a = gc_concrete(v, s, c);
        const uint8_t want = o->enc == 1 ? 0x77 : 0x78;
        if (a && a->form == 0x5e && a->n_fields == 1 && a->fields[0].code == want)
            return WITC_OK;
        return err(v, off,
                   "expected to lower component `string` type to core `(ref null? "
                   "(array (mut? %s)))` type",
                   want == 0x77 ? "i16" : "i8");
    }
    default: /* error-context */
        if (gc_is_extern(c))
            return WITC_OK;
        return err(v, off,
                   "expected to lower component `error-context` type into core `(ref "
                   "null? extern)` type");
    }
}

static witc_status lower_gc_vt(vstate *v, const scope *s, vt t, gc_core c, const opts *o,
                               uint64_t off, uint32_t depth)
{
    if (depth > 200)
        return err(v, off, "type nesting too deep");
    if (t.prim)
        return lower_gc_prim(v, s, t.prim, c, o, off);
    const ty *d = T(v, t.id);
    switch (d->code) {
    case WITC_CM_DT_PRIM:
        return lower_gc_vt(v, s, d->a, c, o, off, depth + 1);
    case WITC_CM_DT_RECORD:
        return lower_gc_product(v, s, d, c, o, off, depth, "record");
    case WITC_CM_DT_TUPLE:
        return lower_gc_product(v, s, d, c, o, off, depth, "tuple");
    case WITC_CM_DT_VARIANT:
    case WITC_CM_DT_OPTION:
    case WITC_CM_DT_RESULT: {
        const witc_cm_core_sub *st = gc_concrete(v, s, c);
        if (st && st->form == 0x5f && st->n_fields == 0)
            return WITC_OK;
        return err(v, off,
                   "expected to lower component `%s` type to core `(ref null? "
                   "(struct))`",
                   d->code == WITC_CM_DT_VARIANT  ? "variant"
                   : d->code == WITC_CM_DT_OPTION ? "option"
                                                  : "result");
    }
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_FIXED_LIST: {
        const witc_cm_core_sub *a = gc_concrete(v, s, c);
        if (!a || a->form != 0x5e || a->n_fields != 1)
            return err(v, off,
                       "expected to lower component `list` type into `(ref null? (array "
                       "...))`");
        gc_core e = {true, a->fields[0]};
        return lower_gc_vt(v, s, d->a, e, o, off, depth + 1);
    }
    case WITC_CM_DT_MAP:
        return err(v, off, "GC lowering for component `map` type is not yet implemented");
    case WITC_CM_DT_FLAGS:
    case WITC_CM_DT_ENUM:
        if (gc_is_i32(c, 0x7f))
            return WITC_OK;
        return err(v, off, "expected to lower component `%s` type into core `i32` type",
                   d->code == WITC_CM_DT_FLAGS ? "flags" : "enum");
    default: /* own, borrow, stream, future */
        if (gc_is_extern(c))
            return WITC_OK;
        return err(v, off,
                   "expected to lower component handle type into core `(ref null? "
                   "extern)` type");
    }
}

/* wasmparser ComponentFuncType::lower_gc: the declared core type must match the component
 * function parameter by parameter. */
static witc_status lower_gc_func(vstate *v, const scope *s, const ty *f, const opts *o,
                                 uint64_t off)
{
    const witc_cm_core_sub *cf = T(v, o->core_type)->sub;
    if (cf->n_params != f->n)
        return err(v, off,
                   "declared `core-type` has %u parameters, but component function has "
                   "%u parameters",
                   cf->n_params, f->n);
    for (uint32_t i = 0; i < f->n; i++) {
        gc_core c = {false, cf->params[i]};
        WITC_TRY(lower_gc_vt(v, s, f->fields[i].t, c, o, off, 0));
    }
    if (cf->n_results != (f->has_a ? 1u : 0u))
        return err(v, off,
                   "declared `core-type` has %u results, but component function has %u "
                   "results",
                   cf->n_results, f->has_a ? 1u : 0u);
    if (f->has_a) {
        gc_core c = {false, cf->results[0]};
        WITC_TRY(lower_gc_vt(v, s, f->a, c, o, off, 0));
    }
    return WITC_OK;
}

/* The core signature of a lifted/lowered function (wasmparser ComponentFuncType::lower). */
static witc_status lower_sig(vstate *v, const ty *f, const opts *o, bool lift, uint64_t off,
                             flat *params, flat *results)
{
    memset(params, 0, sizeof *params);
    memset(results, 0, sizeof *results);
    params->max = (!lift && o->is_async) ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
    results->max = MAX_FLAT_RESULTS;
    for (uint32_t i = 0; i < f->n; i++) {
        if (!lift) {
            if (!o->has_mem && contains_ptr(v, f->fields[i].t, 0))
                WITC_TRY(require_mem(v, o, off));
        } else if (!o->has_realloc && contains_ptr(v, f->fields[i].t, 0)) {
            WITC_TRY(require_realloc(v, o, off));
        }
        flatten(v, f->fields[i].t, o->ptr, params, 0);
        if (params->overflow) {
            params->n = 0;
            params->overflow = false;
            params->t[params->n++] = o->ptr;
            WITC_TRY(require_mem(v, o, off));
            if (lift)
                WITC_TRY(require_realloc(v, o, off));
            break;
        }
    }
    if (f->has_a && !lift && !o->has_realloc && contains_ptr(v, f->a, 0))
        WITC_TRY(require_realloc(v, o, off));
    if (!o->is_async) {
        if (f->has_a) {
            flatten(v, f->a, o->ptr, results, 0);
            if (results->overflow) {
                results->n = 0;
                results->overflow = false;
                WITC_TRY(require_mem(v, o, off));
                if (!lift)
                    params->t[params->n++] = o->ptr;
                else
                    results->t[results->n++] = o->ptr;
            }
        }
    } else if (!lift) {
        if (f->has_a) {
            params->t[params->n++] = 0x7f;
            WITC_TRY(require_mem(v, o, off));
        }
        results->t[results->n++] = 0x7f;
    } else {
        if (f->has_a) {
            flat tmp = {.n = 0, .max = MAX_FLAT_PARAMS};
            flatten(v, f->a, o->ptr, &tmp, 0);
            if (tmp.overflow || contains_ptr(v, f->a, 0))
                WITC_TRY(require_mem(v, o, off));
        }
        if (o->has_callback)
            results->t[results->n++] = 0x7f;
    }
    return WITC_OK;
}

static bool sig_matches(const witc_cm_core_sub *sub, const flat *params, const flat *results)
{
    if (!sub || sub->form != 0x60 || sub->n_params != params->n || sub->n_results != results->n)
        return false;
    for (uint32_t i = 0; i < params->n; i++)
        if (sub->params[i].code != params->t[i])
            return false;
    for (uint32_t i = 0; i < results->n; i++)
        if (sub->results[i].code != results->t[i])
            return false;
    return true;
}

/* A core function type built from flattened types. */
static witc_status make_core_func(vstate *v, const uint8_t *p, uint32_t np, const uint8_t *r,
                                  uint32_t nr, uint32_t *out)
{
    witc_cm_core_sub *sub = WITC_ARENA_NEW(&v->arena, witc_cm_core_sub);
    if (!sub)
        return nomem(v);
    sub->form = 0x60;
    sub->final_ = true;
    sub->n_params = np;
    sub->n_results = nr;
    sub->params = arena_n(v, np, sizeof *sub->params);
    sub->results = arena_n(v, nr, sizeof *sub->results);
    if (!sub->params || !sub->results)
        return nomem(v);
    for (uint32_t i = 0; i < np; i++)
        sub->params[i].code = p[i];
    for (uint32_t i = 0; i < nr; i++)
        sub->results[i].code = r[i];
    return core_sub_type(v, sub, out);
}

static witc_status push_core_func(vstate *v, scope *s, const uint8_t *p, uint32_t np,
                                  const uint8_t *r, uint32_t nr)
{
    witc_cm_core_entity e;
    memset(&e, 0, sizeof e);
    e.kind = 0;
    WITC_TRY(make_core_func(v, p, np, r, nr, &e.type));
    PUSH(v, &s->core_funcs, e);
    return WITC_OK;
}

static witc_status check_stream_future(vstate *v, scope *s, const witc_cm_canon *c, bool stream,
                                       uint32_t *out_payload_id, bool *out_has_payload)
{
    uint32_t id;
    WITC_TRY(defined_type_at(v, s, c->type, &id));
    const ty *t = T(v, id);
    if (t->code != (stream ? WITC_CM_DT_STREAM : WITC_CM_DT_FUTURE))
        return err(v, c->offset, "`%s` is not a %s type", stream ? "stream" : "future",
                   stream ? "stream" : "future");
    *out_payload_id = id;
    *out_has_payload = t->has_a;
    return WITC_OK;
}

enum { GATE_MVP, GATE_ASYNC, GATE_ERROR_CONTEXT, GATE_THREADING };

static int canon_gate(uint8_t op)
{
    switch (op) {
#define WITC_CANON(NAME, code, shape, gate, text)                                                  \
    case code:                                                                                     \
        return GATE_##gate;
#include "wasm-format/component-canon.def"
#undef WITC_CANON
    default:
        return GATE_MVP;
    }
}

static const char *canon_name(uint8_t op)
{
    switch (op) {
#define WITC_CANON(NAME, code, shape, gate, text)                                                  \
    case code:                                                                                     \
        return text;
#include "wasm-format/component-canon.def"
#undef WITC_CANON
    default:
        return "canonical built-in";
    }
}

witc_status witc_cmv_check_canon(vstate *v, scope *s, const witc_cm_canon *c)
{
    v->off = c->offset;
    static const uint8_t I32 = 0x7f;
    const uint8_t i32x4[4] = {I32, I32, I32, I32};
    opts o;
    switch (canon_gate(c->op)) {
    case GATE_ASYNC:
        if (!v->f.async)
            return err(v, c->offset, "`%s` requires the component model async feature",
                       canon_name(c->op));
        break;
    case GATE_ERROR_CONTEXT:
        if (!v->f.error_context)
            return err(v, c->offset, "`%s` requires the component model error-context feature",
                       canon_name(c->op));
        break;
    case GATE_THREADING:
        if (!v->f.threading)
            return err(v, c->offset, "`%s` requires the component model threading feature",
                       canon_name(c->op));
        break;
    default:
        break;
    }
    switch (c->op) {
    case WITC_CANON_LIFT: {
        uint32_t cf, ft;
        WITC_TRY(core_func_at(v, s, c->func, &cf));
        WITC_TRY(func_type_at(v, s, c->type, &ft));
        WITC_TRY(check_opts(v, s, c, &o));
        if (o.has_post) {
            uint32_t pid;
            WITC_TRY(core_func_at(v, s, o.post, &pid));
            const witc_cm_core_sub *p = T(v, pid)->sub, *f = T(v, cf)->sub;
            bool ok = p && f && p->form == 0x60 && f->form == 0x60 && p->n_results == 0 &&
                      p->n_params == f->n_results;
            for (uint32_t i = 0; ok && i < p->n_params; i++)
                ok = core_vt_eq(&p->params[i], &f->results[i]);
            if (!ok)
                return err(v, c->offset,
                           "canonical option `post-return` uses a core function "
                           "with an incorrect signature");
        }
        if (o.is_async && !o.has_callback && !v->f.async_stackful)
            return err(v, c->offset, "requires the component model async stackful feature");
        if (o.has_callback) {
            uint32_t cb;
            WITC_TRY(core_func_at(v, s, o.callback, &cb));
            const witc_cm_core_sub *f = T(v, cb)->sub;
            bool ok = f && f->form == 0x60 && (f->n_params == 3 || f->n_params == 1) &&
                      f->n_results == 1 && f->results[0].code == I32;
            for (uint32_t i = 0; ok && i < f->n_params; i++)
                ok = f->params[i].code == I32;
            if (!ok)
                return err(v, c->offset,
                           "canonical option `callback` uses a core function with "
                           "an incorrect signature");
        }
        if (o.has_core_type)
            return err(v, c->offset,
                       "canonical option `core-type` is not allowed in `canon "
                       "lift`");
        const ty *f = T(v, ft);
        if (o.is_async && !f->async_)
            return err(v, c->offset,
                       "the `async` canonical option requires an async function "
                       "type");
        if (o.gc) {
            /* the lifted core function's own type is the declared core type */
            if (T(v, cf)->kind != K_CORE_FUNC)
                return err(v, c->offset, "core function %u is not a function", c->func);
            o.core_type = cf;
            o.has_core_type = true;
            WITC_TRY(lower_gc_func(v, s, f, &o, c->offset));
            PUSH(v, &s->funcs, ft);
            return WITC_OK;
        }
        flat p, r;
        WITC_TRY(lower_sig(v, f, &o, true, c->offset, &p, &r));
        const witc_cm_core_sub *sub = T(v, cf)->sub;
        if (!sig_matches(sub, &p, &r)) {
            char a[200], b[200];
            if (!sub || sub->form != 0x60)
                return err(v, c->offset, "core function %u is not a function", c->func);
            uint8_t tmp[64];
            uint32_t n = sub->n_params < 64 ? sub->n_params : 64;
            for (uint32_t i = 0; i < n; i++)
                tmp[i] = sub->params[i].code;
            sig_fmt(a, sizeof a, p.t, p.n);
            sig_fmt(b, sizeof b, tmp, n);
            if (strcmp(a, b) != 0 || sub->n_params != p.n)
                return err(v, c->offset,
                           "lowered parameter types `%s` do not match parameter "
                           "types `%s` of core function %u",
                           a, b, c->func);
            n = sub->n_results < 64 ? sub->n_results : 64;
            for (uint32_t i = 0; i < n; i++)
                tmp[i] = sub->results[i].code;
            sig_fmt(a, sizeof a, r.t, r.n);
            sig_fmt(b, sizeof b, tmp, n);
            return err(v, c->offset,
                       "lowered result types `%s` do not match result types `%s` "
                       "of core function %u",
                       a, b, c->func);
        }
        PUSH(v, &s->funcs, ft);
        return WITC_OK;
    }
    case WITC_CANON_LOWER: {
        uint32_t fid;
        WITC_TRY(func_at(v, s, c->func, &fid));
        WITC_TRY(check_opts(v, s, c, &o));
        if (o.has_post)
            return err(v, c->offset,
                       "canonical option `post-return` cannot be specified for "
                       "lowerings");
        if (o.has_callback)
            return err(v, c->offset,
                       "canonical option `callback` cannot be specified for "
                       "lowerings");
        if (o.gc && !o.has_core_type)
            return err(v, c->offset,
                       "cannot specify `gc` without also specifying a `core-type` "
                       "for lowerings");
        const ty *f = T(v, fid);
        if (o.is_async && !f->async_)
            return err(v, c->offset,
                       "the `async` canonical option requires an async function "
                       "type");
        if (o.gc) {
            WITC_TRY(lower_gc_func(v, s, f, &o, c->offset));
            witc_cm_core_entity e;
            memset(&e, 0, sizeof e);
            e.type = o.core_type;
            PUSH(v, &s->core_funcs, e);
            return WITC_OK;
        }
        flat p, r;
        WITC_TRY(lower_sig(v, f, &o, false, c->offset, &p, &r));
        return push_core_func(v, s, p.t, p.n, r.t, r.n);
    }
    case WITC_CANON_RESOURCE_NEW:
    case WITC_CANON_RESOURCE_REP: {
        uint32_t rid;
        WITC_TRY(resource_at(v, s, c->type, &rid));
        res_info ri;
        if (!res_is_local(s, T(v, rid)->res, &ri))
            return err(v, c->offset, "type index %u is not a local resource", c->type);
        const uint8_t rep = ri.rep.code;
        if (c->op == WITC_CANON_RESOURCE_NEW)
            return push_core_func(v, s, &rep, 1, &I32, 1);
        return push_core_func(v, s, &I32, 1, &rep, 1);
    }
    case WITC_CANON_RESOURCE_DROP: {
        uint32_t rid;
        WITC_TRY(resource_at(v, s, c->type, &rid));
        return push_core_func(v, s, &I32, 1, NULL, 0);
    }
    case WITC_CANON_TASK_RETURN: {
        WITC_TRY(check_opts(v, s, c, &o));
        if (o.is_async)
            return err(v, c->offset, "cannot specify `async` option on `task.return`");
        if (o.has_realloc)
            return err(v, c->offset, "cannot specify `realloc` option on `task.return`");
        if (o.has_post)
            return err(v, c->offset, "cannot specify `post-return` option on `task.return`");
        flat p = {.n = 0, .max = MAX_FLAT_PARAMS};
        if (c->has_result) {
            vt rt;
            WITC_TRY(check_valtype(v, s, c->result, &rt));
            if (vt_borrow(v, rt))
                return err(v, c->offset, "function result cannot contain a `borrow` type");
            if (contains_ptr(v, rt, 0))
                WITC_TRY(require_mem(v, &o, c->offset));
            flatten(v, rt, o.ptr, &p, 0);
            if (p.overflow) {
                p.n = 0;
                p.overflow = false;
                p.t[p.n++] = o.ptr;
                WITC_TRY(require_mem(v, &o, c->offset));
            }
        }
        return push_core_func(v, s, p.t, p.n, NULL, 0);
    }
    case WITC_CANON_TASK_CANCEL:
    case WITC_CANON_BACKPRESSURE_INC:
    case WITC_CANON_BACKPRESSURE_DEC:
        return push_core_func(v, s, NULL, 0, NULL, 0);
    case WITC_CANON_CONTEXT_GET:
    case WITC_CANON_CONTEXT_SET:
        if (c->core_ty.code != I32 && c->core_ty.code != 0x7e)
            return err(v, c->offset, "`%s` only supports `i32` and `i64`",
                       c->op == WITC_CANON_CONTEXT_GET ? "context.get" : "context.set");
        if (c->core_ty.code == 0x7e && !v->f.cm64)
            return err(v, c->offset, "64-bit `%s` requires the component model 64-bit feature",
                       c->op == WITC_CANON_CONTEXT_GET ? "context.get" : "context.set");
        if (s->context_type && s->context_type != c->core_ty.code)
            return err(v, c->offset, "`%s` type must match previous context type",
                       c->op == WITC_CANON_CONTEXT_GET ? "context.get" : "context.set");
        s->context_type = c->core_ty.code;
        if (c->slot > 1 || (c->slot > 0 && !v->f.threading))
            return err(v, c->offset, "invalid context slot %u", c->slot);
        if (c->op == WITC_CANON_CONTEXT_GET)
            return push_core_func(v, s, NULL, 0, &c->core_ty.code, 1);
        return push_core_func(v, s, &c->core_ty.code, 1, NULL, 0);
    case WITC_CANON_SUBTASK_CANCEL:
        if (c->flag && !v->f.async_builtins)
            return err(v, c->offset, "requires the component model async builtins feature");
        return push_core_func(v, s, &I32, 1, &I32, 1);
    case WITC_CANON_SUBTASK_DROP:
    case WITC_CANON_WAITABLE_SET_DROP:
        return push_core_func(v, s, &I32, 1, NULL, 0);
    case WITC_CANON_STREAM_NEW:
    case WITC_CANON_FUTURE_NEW: {
        uint32_t pid;
        bool has;
        WITC_TRY(check_stream_future(v, s, c, c->op == WITC_CANON_STREAM_NEW, &pid, &has));
        const uint8_t i64 = 0x7e;
        return push_core_func(v, s, NULL, 0, &i64, 1);
    }
    case WITC_CANON_STREAM_READ:
    case WITC_CANON_STREAM_WRITE:
    case WITC_CANON_FUTURE_READ:
    case WITC_CANON_FUTURE_WRITE: {
        const bool stream = c->op <= WITC_CANON_STREAM_WRITE;
        uint32_t pid;
        bool has;
        WITC_TRY(check_stream_future(v, s, c, stream, &pid, &has));
        WITC_TRY(check_opts(v, s, c, &o));
        if (!o.is_async && !v->f.more_async_builtins)
            return err(v, c->offset,
                       "synchronous `%s.%s` requires the component model more "
                       "async builtins feature",
                       stream ? "stream" : "future",
                       (c->op == WITC_CANON_STREAM_READ || c->op == WITC_CANON_FUTURE_READ)
                           ? "read"
                           : "write");
        if (o.has_post)
            return err(v, c->offset,
                       "canonical option `post-return` cannot be specified for "
                       "lowerings");
        if (o.has_callback)
            return err(v, c->offset, "cannot specify `callback` option on this built-in");
        if (has) {
            WITC_TRY(require_mem(v, &o, c->offset));
            const vt pt = T(v, pid)->a;
            const bool read = c->op == WITC_CANON_STREAM_READ || c->op == WITC_CANON_FUTURE_READ;
            if (read && contains_ptr(v, pt, 0))
                WITC_TRY(require_realloc(v, &o, c->offset));
        }
        if (stream)
            return push_core_func(v, s, i32x4, 3, &I32, 1);
        return push_core_func(v, s, i32x4, 2, &I32, 1);
    }
    case WITC_CANON_STREAM_CANCEL_READ:
    case WITC_CANON_STREAM_CANCEL_WRITE:
    case WITC_CANON_FUTURE_CANCEL_READ:
    case WITC_CANON_FUTURE_CANCEL_WRITE: {
        uint32_t pid;
        bool has;
        WITC_TRY(check_stream_future(v, s, c, c->op <= WITC_CANON_STREAM_CANCEL_WRITE, &pid, &has));
        if (c->flag && !v->f.async_builtins)
            return err(v, c->offset, "requires the component model async builtins feature");
        return push_core_func(v, s, &I32, 1, &I32, 1);
    }
    case WITC_CANON_STREAM_DROP_READABLE:
    case WITC_CANON_STREAM_DROP_WRITABLE:
    case WITC_CANON_FUTURE_DROP_READABLE:
    case WITC_CANON_FUTURE_DROP_WRITABLE: {
        uint32_t pid;
        bool has;
        WITC_TRY(
            check_stream_future(v, s, c, c->op <= WITC_CANON_STREAM_DROP_WRITABLE, &pid, &has));
        return push_core_func(v, s, &I32, 1, NULL, 0);
    }
    case WITC_CANON_ERROR_CONTEXT_NEW:
    case WITC_CANON_ERROR_CONTEXT_DEBUG_MESSAGE:
    case WITC_CANON_ERROR_CONTEXT_DROP:
        if (c->op == WITC_CANON_ERROR_CONTEXT_DROP)
            return push_core_func(v, s, &I32, 1, NULL, 0);
        WITC_TRY(check_opts(v, s, c, &o));
        if (o.has_post || o.is_async || o.has_callback)
            return err(v, c->offset, "cannot specify this option on an error-context built-in");
        WITC_TRY(require_mem(v, &o, c->offset));
        if (c->op == WITC_CANON_ERROR_CONTEXT_NEW)
            return push_core_func(v, s, i32x4, 2, &I32, 1);
        WITC_TRY(require_realloc(v, &o, c->offset));
        return push_core_func(v, s, i32x4, 2, NULL, 0);
    case WITC_CANON_WAITABLE_SET_NEW:
        return push_core_func(v, s, NULL, 0, &I32, 1);
    case WITC_CANON_WAITABLE_SET_WAIT:
    case WITC_CANON_WAITABLE_SET_POLL:
        if (c->slot >= s->core_mems.len)
            return err(v, c->offset, "unknown memory %u: memory index out of bounds", c->slot);
        return push_core_func(v, s, i32x4, 2, &I32, 1);
    case WITC_CANON_WAITABLE_JOIN:
        return push_core_func(v, s, i32x4, 2, NULL, 0);
    case WITC_CANON_THREAD_YIELD:
        return push_core_func(v, s, NULL, 0, &I32, 1);
    default:
        switch (c->op) {
        case WITC_CANON_THREAD_INDEX:
        case WITC_CANON_THREAD_AVAILABLE_PARALLELISM:
            return push_core_func(v, s, NULL, 0, &I32, 1);
        case WITC_CANON_THREAD_RESUME_LATER:
            return push_core_func(v, s, &I32, 1, NULL, 0);
        case WITC_CANON_THREAD_SUSPEND:
            return push_core_func(v, s, NULL, 0, &I32, 1);
        case WITC_CANON_THREAD_NEW_INDIRECT:
        case WITC_CANON_THREAD_SPAWN_INDIRECT:
        case WITC_CANON_THREAD_SPAWN_REF: {
            uint32_t tid;
            WITC_TRY(core_type_at(v, s, c->type, &tid));
            if (T(v, tid)->kind != K_CORE_FUNC)
                return err(v, c->offset, "core type index %u is not a function type", c->type);
            const witc_cm_core_sub *fsub = T(v, tid)->sub;
            if (fsub->n_params != 1 || fsub->params[0].code != I32)
                return err(v, c->offset,
                           "%s function must take a single `i32` argument "
                           "(currently)",
                           c->op == WITC_CANON_THREAD_NEW_INDIRECT ? "start" : "spawn");
            if (fsub->n_results != 0)
                return err(v, c->offset, "start function must not return any values");
            if (c->op == WITC_CANON_THREAD_NEW_INDIRECT && c->table < s->core_tables.len) {
                const witc_cm_core_entity *tb = &s->core_tables.items[c->table];
                if (!((tb->val.code == 0x70) || ((tb->val.code == 0x63) && tb->val.heap == -16)))
                    return err(v, c->offset, "table is not a table of `funcref`");
            }
            if (c->op != WITC_CANON_THREAD_SPAWN_REF && c->table >= s->core_tables.len)
                return err(v, c->offset, "unknown table %u: table index out of bounds", c->table);
            return push_core_func(v, s, i32x4, 2, &I32, 1);
        }
        default:
            return push_core_func(v, s, &I32, 1, &I32, 1);
        }
    }
}

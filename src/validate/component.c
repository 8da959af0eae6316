/* SPDX-License-Identifier: Apache-2.0 */
/* Component validation: the component-model type system over the component IR.
 *
 * One type store serves the whole top-level component: every type (defined value types,
 * function, component, instance, resource, core function, module and core instance types)
 * gets a u32 id, so outer aliases and nested components share ids. Resources carry an
 * identity number (`res`); resource types are equal when their identities are. Scopes
 * (components, component types, instance types) hold the index spaces. The validator stops
 * at the first error, as wasmparser does. */
#include "witc/component.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "support/arena.h"
#include "support/buf.h"
#include "support/hash.h"
#include "validate/component-check.h"
#include "validate/component-internal.h"
#include "validate/component-names.h"
#include "witc/diag.h"
#include "witc/wasm.h"

/* ---- u32 -> u32 maps (open addressing; see component-check.h) ---- */

static size_t u32map_slot(const u32map *m, uint32_t k)
{
    size_t i = ((size_t)k * 0x9e3779b1u) & (m->cap - 1);
    while (m->keys[i] != 0 && m->keys[i] != k + 1)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool u32map_get(const u32map *m, uint32_t k, uint32_t *out)
{
    if (m->cap == 0 || k == UINT32_MAX)
        return false;
    const size_t i = u32map_slot(m, k);
    if (m->keys[i] == 0)
        return false;
    if (out)
        *out = m->vals[i];
    return true;
}

static void u32map_free(witc_ctx *ctx, u32map *m)
{
    witc_ctx_dealloc(ctx, m->keys);
    witc_ctx_dealloc(ctx, m->vals);
    memset(m, 0, sizeof *m);
}

static bool u32map_put(witc_ctx *ctx, u32map *m, uint32_t k, uint32_t val)
{
    if (k == UINT32_MAX)
        return false;
    if ((m->count + 1) * 2 > m->cap) {
        u32map grown = {0};
        grown.cap = m->cap ? m->cap * 2 : 16;
        grown.keys = witc_ctx_alloc(ctx, grown.cap * sizeof *grown.keys);
        grown.vals = witc_ctx_alloc(ctx, grown.cap * sizeof *grown.vals);
        if (!grown.keys || !grown.vals) {
            u32map_free(ctx, &grown);
            return false;
        }
        memset(grown.keys, 0, grown.cap * sizeof *grown.keys);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                const size_t j = u32map_slot(&grown, m->keys[i] - 1);
                grown.keys[j] = m->keys[i];
                grown.vals[j] = m->vals[i];
                grown.count++;
            }
        u32map_free(ctx, m);
        *m = grown;
    }
    const size_t i = u32map_slot(m, k);
    if (m->keys[i] == 0)
        m->count++;
    m->keys[i] = k + 1;
    m->vals[i] = val;
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* errors */

witc_status witc_cmv_verror(vstate *v, uint64_t off, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (v->st == WITC_OK) {
        witc_diag_error_at(witc_ctx_diags(v->ctx), v->file, off, "%s", msg);
        v->st = WITC_E_INVALID;
    }
    return WITC_E_INVALID;
}

static bool bytes_eq(witc_cm_bytes a, witc_cm_bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static bool bytes_eq_c(witc_cm_bytes a, const char *s)
{
    const size_t n = strlen(s);
    return a.len == n && memcmp(a.ptr, s, n) == 0;
}

/* ---------------------------------------------------------------------------------------- */
/* the type store */

static witc_status new_resource(vstate *v, uint32_t *out)
{
    ty t;
    memset(&t, 0, sizeof t);
    t.kind = K_RESOURCE;
    t.res = v->next_res++;
    t.size = 1;
    return add_type(v, &t, out);
}

/* ---------------------------------------------------------------------------------------- */
/* scopes */

static void scope_init(vstate *v, scope *s, uint8_t kind, scope *parent)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->parent = parent;
    witc_hash_init(&s->import_keys, v->ctx);
    witc_hash_init(&s->export_keys, v->ctx);
}

static void scope_free(vstate *v, scope *s)
{
    witc_ctx *c = v->ctx;
    WITC_VEC_FREE(c, &s->core_types);
    WITC_VEC_FREE(c, &s->core_modules);
    WITC_VEC_FREE(c, &s->core_instances);
    WITC_VEC_FREE(c, &s->core_funcs);
    WITC_VEC_FREE(c, &s->core_tables);
    WITC_VEC_FREE(c, &s->core_mems);
    WITC_VEC_FREE(c, &s->core_globals);
    WITC_VEC_FREE(c, &s->core_tags);
    WITC_VEC_FREE(c, &s->types);
    WITC_VEC_FREE(c, &s->funcs);
    WITC_VEC_FREE(c, &s->components);
    WITC_VEC_FREE(c, &s->instances);
    WITC_VEC_FREE(c, &s->values);
    WITC_VEC_FREE(c, &s->imports);
    WITC_VEC_FREE(c, &s->exports);
    witc_hash_release(&s->import_keys);
    witc_hash_release(&s->export_keys);
    for (size_t i = 0; i < s->keys.len; i++)
        witc_ctx_dealloc(c, s->keys.items[i]);
    WITC_VEC_FREE(c, &s->keys);
    WITC_VEC_FREE(c, &s->local_res);
    WITC_VEC_FREE(c, &s->imported_res);
    WITC_VEC_FREE(c, &s->defined_res);
    u32map_free(c, &s->named_import);
    u32map_free(c, &s->named_export);
    WITC_VEC_FREE(c, &s->res_imports);
    WITC_VEC_FREE(c, &s->res_exports);
}

static bool u32_has(const u32_vec *s, uint32_t x)
{
    for (size_t i = s->len; i-- > 0;)
        if (s->items[i] == x)
            return true;
    return false;
}

/* ---------------------------------------------------------------------------------------- */
/* type equality and subtyping (with a resource mapping for instantiation) */

typedef struct rmap {
    u32_vec from, to; /* resource identities */
    u32_vec bindable; /* identities that may be bound on first comparison */
} rmap;

/* Records the innermost reason a subtype check failed (for the diagnostic). */
static bool mismatch(vstate *v, const char *why, witc_cm_bytes name)
{
    if (!v->why) {
        v->why = why;
        v->why_name = name;
    }
    return false;
}

static const witc_cm_bytes no_name = {NULL, 0, 0};

static bool res_match(vstate *v, rmap *m, uint32_t actual, uint32_t expected)
{
    if (m) {
        for (size_t i = 0; i < m->from.len; i++) {
            if (m->from.items[i] == expected)
                return m->to.items[i] == actual;
            if (m->from.items[i] == actual && m->to.items[i] == expected)
                return true; /* contravariant positions compare the other way round */
        }
        if (u32_has(&m->bindable, expected)) {
            if (!WITC_VEC_PUSH(v->ctx, &m->from, expected) ||
                !WITC_VEC_PUSH(v->ctx, &m->to, actual))
                return false;
            return true;
        }
    }
    return actual == expected;
}

static bool vt_eq(vstate *v, rmap *m, vt a, vt b, uint32_t depth);

/* Whether a K_DEF/K_FUNC type's `a`/`b` slots hold a value type. */
static bool def_uses_a(const ty *t)
{
    if (t->kind == K_FUNC)
        return t->has_a;
    switch (t->code) {
    case WITC_CM_DT_PRIM:
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_OPTION:
    case WITC_CM_DT_FIXED_LIST:
    case WITC_CM_DT_MAP:
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        return true;
    default:
        return t->has_a;
    }
}

static bool def_uses_b(const ty *t)
{
    return t->kind == K_DEF && (t->code == WITC_CM_DT_MAP || t->has_b);
}

static bool def_eq(vstate *v, rmap *m, uint32_t ia, uint32_t ib, uint32_t depth)
{
    if (ia == ib && !m)
        return true;
    if (depth > 200)
        return false;
    const ty *a = T(v, ia), *b = T(v, ib);
    if (a->kind != b->kind)
        return false;
    if (a->kind == K_RESOURCE)
        return res_match(v, m, a->res, b->res) ||
               mismatch(v, "resource types are not the same", no_name);
    if (a->kind != K_DEF)
        return ia == ib;
    if (a->code != b->code)
        return false;
    switch (a->code) {
    case WITC_CM_DT_PRIM:
        return a->a.prim == b->a.prim;
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        return def_eq(v, m, a->a.id, b->a.id, depth + 1);
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_OPTION:
        return vt_eq(v, m, a->a, b->a, depth + 1);
    case WITC_CM_DT_FIXED_LIST:
        return a->len == b->len && vt_eq(v, m, a->a, b->a, depth + 1);
    case WITC_CM_DT_MAP:
        return vt_eq(v, m, a->a, b->a, depth + 1) && vt_eq(v, m, a->b, b->b, depth + 1);
    case WITC_CM_DT_RESULT:
    case WITC_CM_DT_STREAM:
    case WITC_CM_DT_FUTURE:
        if (a->has_a != b->has_a || a->has_b != b->has_b)
            return false;
        if (a->has_a && !vt_eq(v, m, a->a, b->a, depth + 1))
            return false;
        if (a->has_b && !vt_eq(v, m, a->b, b->b, depth + 1))
            return false;
        return true;
    default:
        if (a->n != b->n)
            return false;
        for (uint32_t i = 0; i < a->n; i++) {
            if (a->code != WITC_CM_DT_TUPLE && !bytes_eq(a->fields[i].name, b->fields[i].name))
                return false;
            if (a->fields[i].has != b->fields[i].has)
                return false;
            if (a->fields[i].has && !vt_eq(v, m, a->fields[i].t, b->fields[i].t, depth + 1))
                return false;
        }
        return true;
    }
}

static bool vt_eq(vstate *v, rmap *m, vt a, vt b, uint32_t depth)
{
    /* a defined type that is just a primitive equals the primitive */
    if (!a.prim && T(v, a.id)->code == WITC_CM_DT_PRIM && T(v, a.id)->kind == K_DEF)
        a = T(v, a.id)->a;
    if (!b.prim && T(v, b.id)->code == WITC_CM_DT_PRIM && T(v, b.id)->kind == K_DEF)
        b = T(v, b.id)->a;
    if (a.prim || b.prim)
        return a.prim == b.prim;
    return def_eq(v, m, a.id, b.id, depth);
}

static bool core_func_eq(const witc_cm_core_sub *a, const witc_cm_core_sub *b)
{
    if (a->form != b->form || a->final_ != b->final_ || a->has_super != b->has_super)
        return false; /* GC: a non-final or sub type is a different type */
    if (a->form != 0x60)
        return true;
    if (a->n_params != b->n_params || a->n_results != b->n_results)
        return false;
    for (uint32_t i = 0; i < a->n_params; i++)
        if (!core_vt_eq(&a->params[i], &b->params[i]))
            return false;
    for (uint32_t i = 0; i < a->n_results; i++)
        if (!core_vt_eq(&a->results[i], &b->results[i]))
            return false;
    return true;
}

static const char *core_kind_name(uint8_t k)
{
    switch (k) {
    case 0:
        return "func";
    case 1:
        return "table";
    case 2:
        return "memory";
    case 3:
        return "global";
    default:
        return "tag";
    }
}

/* actual <: expected for core externs; NULL when ok, else a reason */
static const char *core_ent_sub(vstate *v, const witc_cm_core_entity *a,
                                const witc_cm_core_entity *b)
{
    if (a->kind != b->kind)
        return "expected a different kind of item";
    switch (a->kind) {
    case 0:
    case 4:
        if (!core_func_eq(T(v, a->type)->sub, T(v, b->type)->sub))
            return a->kind == 0 ? "function types do not match" : "tag types do not match";
        return NULL;
    case 1:
    case 2:
        if (a->kind == 1 && !core_vt_eq(&a->val, &b->val))
            return "table element types do not match";
        if (a->kind == 2 && a->shared != b->shared)
            return "mismatch in the shared flag for memories";
        if (a->is64 != b->is64)
            return a->kind == 2 ? "mismatch in index type used for memories"
                                : "mismatch in index type used for tables";
        if (a->kind == 2 && (a->has_page ? a->page_log2 : 16) != (b->has_page ? b->page_log2 : 16))
            return "mismatch in page size for memories";
        if (a->min < b->min || (b->has_max && (!a->has_max || a->max > b->max)))
            return a->kind == 2 ? "mismatch in memory limits" : "mismatch in table limits";
        return NULL;
    case 3:
        if (a->mut_ != b->mut_ || !core_vt_eq(&a->val, &b->val))
            return "global types do not match";
        return NULL;
    }
    return NULL;
}

static bool ent_sub(vstate *v, rmap *m, const ent *a, const ent *b, uint32_t depth);

enum { INDEX_MIN = 16 }; /* below this many exports a scan is cheaper than a hash */

/* The name of the i-th export (or import) of `t`. */
static witc_cm_bytes extern_name(const ty *t, bool imports, uint32_t i)
{
    if (imports)
        return t->imports[i].name;
    if (t->kind == K_CORE_INSTANCE || t->kind == K_MODULE)
        return t->cexports[i].name;
    return t->exports[i].name;
}

/* Position of export (or component import) `name` of type `id`, or -1. Big types get a
 * hash index on first use so lookups stay O(1). */
static int64_t extern_pos(vstate *v, uint32_t id, witc_cm_bytes name, bool imports)
{
    ty *t = T(v, id);
    const bool core = t->kind == K_CORE_INSTANCE || t->kind == K_MODULE;
    const uint32_t n = imports ? t->n_imports : core ? t->n_cexports : t->n_exports;
    witc_hash **slot = imports ? &t->imp_index : &t->index;
    if (n < INDEX_MIN || (!*slot && v->st != WITC_OK)) {
        for (uint32_t i = 0; i < n; i++)
            if (bytes_eq(extern_name(t, imports, i), name))
                return i;
        return -1;
    }
    if (!*slot) {
        witc_hash *h = witc_ctx_alloc(v->ctx, sizeof *h);
        if (!h || !WITC_VEC_PUSH(v->ctx, &v->indexes, h)) {
            witc_ctx_dealloc(v->ctx, h);
            nomem(v);
            return -1;
        }
        witc_hash_init(h, v->ctx);
        for (uint32_t i = n; i-- > 0;) { /* first occurrence wins */
            const witc_cm_bytes nm = extern_name(t, imports, i);
            if (!witc_hash_put(h, (const char *)nm.ptr, nm.len, i)) {
                nomem(v);
                return -1;
            }
        }
        *slot = h;
    }
    uint32_t pos;
    if (!witc_hash_get(*slot, (const char *)name.ptr, name.len, &pos))
        return -1;
    return pos;
}

static int64_t export_pos(vstate *v, uint32_t id, witc_cm_bytes name)
{
    return extern_pos(v, id, name, false);
}

static const named_ent *find_import(vstate *v, uint32_t id, witc_cm_bytes name)
{
    const int64_t p = extern_pos(v, id, name, true);
    return p < 0 ? NULL : &T(v, id)->imports[p];
}

static const named_ent *find_export(vstate *v, uint32_t id, witc_cm_bytes name)
{
    const int64_t p = export_pos(v, id, name);
    return p < 0 ? NULL : &T(v, id)->exports[p];
}

static const core_named *find_core_export(vstate *v, uint32_t id, witc_cm_bytes name)
{
    const int64_t p = export_pos(v, id, name);
    return p < 0 ? NULL : &T(v, id)->cexports[p];
}

static bool func_sub(vstate *v, rmap *m, uint32_t ia, uint32_t ib, uint32_t depth)
{
    const ty *a = T(v, ia), *b = T(v, ib);
    if (a->kind != K_FUNC || b->kind != K_FUNC)
        return false;
    if (a->async_ != b->async_ || a->n != b->n || a->has_a != b->has_a)
        return false;
    for (uint32_t i = 0; i < a->n; i++) {
        if (!bytes_eq(a->fields[i].name, b->fields[i].name))
            return false;
        if (!vt_eq(v, m, a->fields[i].t, b->fields[i].t, depth + 1))
            return false;
    }
    return !a->has_a || vt_eq(v, m, a->a, b->a, depth + 1);
}

static bool type_sub(vstate *v, rmap *m, uint32_t ia, uint32_t ib, uint32_t depth)
{
    if (depth > 100)
        return false;
    const ty *a = T(v, ia), *b = T(v, ib);
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case K_DEF:
    case K_RESOURCE:
        return def_eq(v, m, ia, ib, depth);
    case K_FUNC:
        return func_sub(v, m, ia, ib, depth);
    case K_INSTANCE:
        for (uint32_t i = 0; i < b->n_exports; i++) {
            const witc_cm_bytes nm = T(v, ib)->exports[i].name;
            const named_ent *x = find_export(v, ia, nm);
            if (!x)
                return mismatch(v, "missing expected export", nm);
            if (!ent_sub(v, m, &x->e, &T(v, ib)->exports[i].e, depth + 1))
                return mismatch(v, "type mismatch in instance export", nm);
        }
        return true;
    case K_COMPONENT: {
        /* a's imported resources are parameters: they bind to b's on comparison */
        rmap local;
        memset(&local, 0, sizeof local);
        rmap *mm = m ? m : &local;
        const size_t mark = mm->bindable.len;
        bool ok = true;
        for (uint32_t i = 0; i < a->n_imported_res && ok; i++)
            ok = WITC_VEC_PUSH(v->ctx, &mm->bindable, a->imported_res[i]);
        for (uint32_t i = 0; i < a->n_imports && ok; i++) {
            const witc_cm_bytes nm = a->imports[i].name;
            const named_ent *x = find_import(v, ib, nm);
            ok = x ? ent_sub(v, mm, &x->e, &T(v, ia)->imports[i].e, depth + 1)
                   : mismatch(v, "missing expected import", nm);
            if (!ok)
                mismatch(v, "type mismatch in import", nm);
            a = T(v, ia);
            b = T(v, ib);
        }
        for (uint32_t i = 0; i < b->n_exports && ok; i++) {
            const witc_cm_bytes nm = b->exports[i].name;
            const named_ent *x = find_export(v, ia, nm);
            ok = x ? ent_sub(v, mm, &x->e, &T(v, ib)->exports[i].e, depth + 1)
                   : mismatch(v, "missing expected export", nm);
            if (!ok)
                mismatch(v, "type mismatch in export", nm);
            a = T(v, ia);
            b = T(v, ib);
        }
        mm->bindable.len = mark;
        WITC_VEC_FREE(v->ctx, &local.from);
        WITC_VEC_FREE(v->ctx, &local.to);
        WITC_VEC_FREE(v->ctx, &local.bindable);
        return ok;
    }
    case K_MODULE:
        for (uint32_t i = 0; i < a->n_cimports; i++) {
            const core_named *x = NULL;
            for (uint32_t k = 0; k < b->n_cimports && !x; k++)
                if (bytes_eq(b->cimports[k].module, a->cimports[i].module) &&
                    bytes_eq(b->cimports[k].name, a->cimports[i].name))
                    x = &b->cimports[k];
            if (!x || core_ent_sub(v, &x->e, &a->cimports[i].e))
                return false;
        }
        for (uint32_t i = 0; i < b->n_cexports; i++) {
            const core_named *x = find_core_export(v, ia, T(v, ib)->cexports[i].name);
            if (!x)
                return mismatch(v, "missing expected export", T(v, ib)->cexports[i].name);
            const char *why = core_ent_sub(v, &x->e, &T(v, ib)->cexports[i].e);
            if (why)
                return mismatch(v, why, T(v, ib)->cexports[i].name);
        }
        return true;
    case K_CORE_FUNC:
        return core_func_eq(a->sub, b->sub);
    default:
        return ia == ib;
    }
}

static bool ent_sub(vstate *v, rmap *m, const ent *a, const ent *b, uint32_t depth)
{
    if (a->kind != b->kind)
        return mismatch(v, "expected a different kind of item", no_name);
    if (a->kind == WITC_CM_EXT_VALUE)
        return vt_eq(v, m, a->val, b->val, depth);
    return type_sub(v, m, a->id, b->id, depth);
}

static const char *ent_desc(uint8_t kind)
{
    switch (kind) {
    case WITC_CM_EXT_MODULE:
        return "module";
    case WITC_CM_EXT_FUNC:
        return "func";
    case WITC_CM_EXT_VALUE:
        return "value";
    case WITC_CM_EXT_TYPE:
        return "type";
    case WITC_CM_EXT_COMPONENT:
        return "component";
    default:
        return "instance";
    }
}

/* ---------------------------------------------------------------------------------------- */
/* substitution of resource identities (instantiation and instance imports) */

typedef struct subst {
    u32map ids;       /* store ids replaced outright (type imports) */
    u32_vec from, to; /* resource identities */
    u32map memo;      /* store ids already rewritten */
} subst;

static void subst_free(vstate *v, subst *s)
{
    u32map_free(v->ctx, &s->ids);
    WITC_VEC_FREE(v->ctx, &s->from);
    WITC_VEC_FREE(v->ctx, &s->to);
    u32map_free(v->ctx, &s->memo);
}

static witc_status subst_id(vstate *v, subst *s, uint32_t id, uint32_t depth, uint32_t *out);

static witc_status subst_vt(vstate *v, subst *s, vt *t, uint32_t depth, bool *changed)
{
    if (t->prim)
        return WITC_OK;
    uint32_t n;
    WITC_TRY(subst_id(v, s, t->id, depth + 1, &n));
    if (n != t->id) {
        t->id = n;
        *changed = true;
    }
    return WITC_OK;
}

static witc_status subst_ent(vstate *v, subst *s, ent *e, uint32_t depth, bool *changed)
{
    if (e->kind == WITC_CM_EXT_VALUE)
        return subst_vt(v, s, &e->val, depth, changed);
    if (e->kind == WITC_CM_EXT_MODULE)
        return WITC_OK;
    uint32_t n;
    WITC_TRY(subst_id(v, s, e->id, depth + 1, &n));
    if (n != e->id) {
        e->id = n;
        *changed = true;
    }
    return WITC_OK;
}

static witc_status subst_id(vstate *v, subst *s, uint32_t id, uint32_t depth, uint32_t *out)
{
    *out = id;
    if ((s->from.len == 0 && s->ids.count == 0) || depth > 300)
        return WITC_OK;
    if (u32map_get(&s->ids, id, out))
        return WITC_OK;
    if (u32map_get(&s->memo, id, out))
        return WITC_OK;
    ty t = *T(v, id);
    bool changed = false;
    switch (t.kind) {
    case K_RESOURCE:
        for (size_t i = 0; i < s->from.len; i++)
            if (s->from.items[i] == t.res) {
                t.res = s->to.items[i];
                changed = true;
                break;
            }
        break;
    case K_DEF:
    case K_FUNC:
        if (t.kind == K_DEF && (t.code == WITC_CM_DT_OWN || t.code == WITC_CM_DT_BORROW)) {
            WITC_TRY(subst_vt(v, s, &t.a, depth, &changed));
            break;
        }
        if (t.has_a ||
            (t.kind == K_DEF && (t.code == WITC_CM_DT_LIST || t.code == WITC_CM_DT_OPTION ||
                                 t.code == WITC_CM_DT_FIXED_LIST || t.code == WITC_CM_DT_MAP)))
            WITC_TRY(subst_vt(v, s, &t.a, depth, &changed));
        if (t.has_b || (t.kind == K_DEF && t.code == WITC_CM_DT_MAP))
            WITC_TRY(subst_vt(v, s, &t.b, depth, &changed));
        if (t.n) {
            field *f = arena_n(v, t.n, sizeof *f);
            if (!f)
                return nomem(v);
            memcpy(f, t.fields, t.n * sizeof *f);
            bool fc = false;
            for (uint32_t i = 0; i < t.n; i++)
                if (f[i].has)
                    WITC_TRY(subst_vt(v, s, &f[i].t, depth, &fc));
            if (fc) {
                t.fields = f;
                changed = true;
            }
        }
        break;
    case K_INSTANCE:
    case K_COMPONENT:
        for (int pass = 0; pass < 2; pass++) {
            named_ent *src = pass == 0 ? t.imports : t.exports;
            const uint32_t n = pass == 0 ? t.n_imports : t.n_exports;
            if (!n)
                continue;
            named_ent *dst = arena_n(v, n, sizeof *dst);
            if (!dst)
                return nomem(v);
            memcpy(dst, src, n * sizeof *dst);
            bool ec = false;
            for (uint32_t i = 0; i < n; i++)
                WITC_TRY(subst_ent(v, s, &dst[i].e, depth, &ec));
            if (ec) {
                changed = true;
                if (pass == 0)
                    t.imports = dst;
                else
                    t.exports = dst;
            }
        }
        break;
    default:
        break;
    }
    if (changed)
        WITC_TRY(add_type(v, &t, out));
    if (!u32map_put(v->ctx, &s->memo, id, *out))
        return nomem(v);
    return WITC_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* names */

static const named_ent *res_name_of(const named_vec *names, uint32_t id)
{
    for (size_t i = 0; i < names->len; i++)
        if (names->items[i].e.id == id)
            return &names->items[i];
    return NULL;
}

/* `[method]R.m` / `[constructor]R`: the resource must be named R in this context */
static witc_status check_res_name(vstate *v, const named_vec *names, uint32_t id, const char *r,
                                  size_t rl, uint64_t off)
{
    const named_ent *x = res_name_of(names, id);
    if (!x)
        return err(v, off, "resource used in function does not have a name in this context");
    if (x->name.len != rl || memcmp(x->name.ptr, r, rl) != 0)
        return err(v, off, "function does not match expected resource name `%.*s`",
                   (int)x->name.len, (const char *)x->name.ptr);
    return WITC_OK;
}

static witc_status check_name(vstate *v, scope *s, const witc_cm_nameattrs *na, bool import,
                              const ent *e, uint64_t off)
{
    const char *str = (const char *)na->name.ptr;
    const size_t n = na->name.len;
    const char *what = import ? "import" : "export";
    if (na->form == 2 && !v->f.implements && !v->f.canon_names)
        return err(v, off, "the `cm-implements` feature is not active");
    witc_cm_name_info info;
    const char *why = witc_cm_name_check(str, n, v->f.nested_names, &info);
    if (why)
        return err(v, off, "%s name `%.*s` is not a valid extern name: %s", what, (int)n, str, why);
    if (!import && (info.kind == WITC_CM_NAME_DEP || info.kind == WITC_CM_NAME_URL ||
                    info.kind == WITC_CM_NAME_HASH))
        return err(v, off, "name `%.*s` is not a valid export name", (int)n, str);
    const witc_cm_bytes *suffix = NULL;
    for (uint32_t i = 0; i < na->n_attrs; i++) {
        const witc_cm_attr *a = &na->attrs[i];
        if (a->kind == 0) {
            if (!v->f.implements)
                return err(v, off, "the `cm-implements` feature is not active");
            if (info.kind != WITC_CM_NAME_LABEL)
                return err(v, off, "name `%.*s` is not valid with `implements`", (int)n, str);
            if (e->kind != WITC_CM_EXT_INSTANCE)
                return err(v, off, "only instances can have an `implements`");
            witc_cm_name_info ii;
            const char *w =
                witc_cm_name_check((const char *)a->text.ptr, a->text.len, v->f.nested_names, &ii);
            if (w)
                return err(v, off, "`%.*s` is not a valid name: %s", (int)a->text.len,
                           (const char *)a->text.ptr, w);
            if (ii.kind != WITC_CM_NAME_INTERFACE)
                return err(v, off, "name `%.*s` must be an interface", (int)a->text.len,
                           (const char *)a->text.ptr);
        } else if (a->kind == 1) {
            if (!v->f.canon_names)
                return err(v, off, "the `cm-canon-names` feature is not active");
            if (e->kind != WITC_CM_EXT_INSTANCE)
                return err(v, off, "only instances can have an `versionsuffix`");
            suffix = &a->text;
        } else if (!v->f.implements) {
            return err(v, off, "the `cm-implements` feature is not active");
        }
    }
    const named_vec *rnames = import ? &s->res_imports : &s->res_exports;
    switch (info.kind) {
    case WITC_CM_NAME_INTERFACE:
        if (info.version) {
            char ver[512];
            const size_t sl = suffix ? suffix->len : 0;
            if (info.version_len + sl >= sizeof ver)
                return err(v, off, "invalid interface version: too long");
            memcpy(ver, info.version, info.version_len);
            if (sl)
                memcpy(ver + info.version_len, suffix->ptr, sl);
            if (!witc_cm_is_semver(ver, info.version_len + sl))
                return err(v, off, "invalid interface version: `%.*s` is not a valid semver",
                           (int)(info.version_len + sl), ver);
        }
        break;
    case WITC_CM_NAME_CONSTRUCTOR: {
        if (e->kind != WITC_CM_EXT_FUNC)
            return err(v, off, "%s name `%.*s` is not valid: item is not a func", what, (int)n,
                       str);
        const ty *f = T(v, e->id);
        if (f->async_)
            return err(v, off, "constructor function cannot be async");
        if (!f->has_a)
            return err(v, off, "function should return one value");
        uint32_t rid = UINT32_MAX;
        if (!f->a.prim) {
            const ty *d = T(v, f->a.id);
            if (d->kind == K_DEF && d->code == WITC_CM_DT_OWN)
                rid = d->a.id;
            else if (d->kind == K_DEF && d->code == WITC_CM_DT_RESULT && d->has_a && !d->a.prim &&
                     T(v, d->a.id)->kind == K_DEF && T(v, d->a.id)->code == WITC_CM_DT_OWN)
                rid = T(v, d->a.id)->a.id;
        }
        if (rid == UINT32_MAX)
            return err(v, off, "function should return `(own $T)` or `(result (own $T))`");
        WITC_TRY(check_res_name(v, rnames, rid, info.resource, info.resource_len, off));
        break;
    }
    case WITC_CM_NAME_METHOD: {
        if (e->kind != WITC_CM_EXT_FUNC)
            return err(v, off, "%s name `%.*s` is not valid: item is not a func", what, (int)n,
                       str);
        const ty *f = T(v, e->id);
        if (f->n == 0)
            return err(v, off, "function should have at least one argument");
        if (!bytes_eq_c(f->fields[0].name, "self"))
            return err(v, off, "function should have a first argument called `self`");
        const vt p = f->fields[0].t;
        const ty *d = p.prim ? NULL : T(v, p.id);
        if (!d || d->kind != K_DEF || d->code != WITC_CM_DT_BORROW)
            return err(v, off, "function should take a first argument of `(borrow $T)`");
        WITC_TRY(check_res_name(v, rnames, d->a.id, info.resource, info.resource_len, off));
        break;
    }
    case WITC_CM_NAME_STATIC: {
        if (e->kind != WITC_CM_EXT_FUNC)
            return err(v, off, "%s name `%.*s` is not valid: item is not a func", what, (int)n,
                       str);
        bool known = false;
        for (size_t i = 0; i < rnames->len && !known; i++)
            known = rnames->items[i].name.len == info.resource_len &&
                    memcmp(rnames->items[i].name.ptr, info.resource, info.resource_len) == 0;
        if (!known)
            return err(v, off, "static resource name is not known in this context");
        break;
    }
    default:
        break;
    }
    /* strong uniqueness */
    char stackbuf[256];
    char *key = n + 1 <= sizeof stackbuf ? stackbuf : witc_ctx_alloc(v->ctx, n + 1);
    if (!key)
        return nomem(v);
    const size_t kl = witc_cm_name_key(str, n, key);
    witc_hash *h = import ? &s->import_keys : &s->export_keys;
    uint32_t prev;
    witc_status st = WITC_OK;
    if (witc_hash_get(h, key, kl, &prev)) {
        st = err(v, off, "%s name `%.*s` conflicts with previous name", what, (int)n, str);
    } else {
        char *owned = witc_ctx_alloc(v->ctx, kl ? kl : 1);
        if (!owned || !WITC_VEC_PUSH(v->ctx, &s->keys, owned)) {
            witc_ctx_dealloc(v->ctx, owned);
            st = nomem(v);
        } else {
            memcpy(owned, key, kl);
            if (!witc_hash_put(h, owned, kl, 1))
                st = nomem(v);
        }
    }
    if (key != stackbuf)
        witc_ctx_dealloc(v->ctx, key);
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* named-type rules for imports and exports */

static bool set_has(const u32map *s, uint32_t id)
{
    return u32map_get(s, id, NULL);
}

static bool named_vt(vstate *v, vt t, const u32map *set, uint32_t depth);

static bool named_def_id(vstate *v, uint32_t id, const u32map *set, uint32_t depth)
{
    const ty *d = T(v, id);
    if (depth > 200)
        return true;
    if (d->kind == K_RESOURCE)
        return true;
    if (d->kind != K_DEF)
        return true;
    switch (d->code) {
    case WITC_CM_DT_PRIM:
        return true;
    case WITC_CM_DT_FLAGS:
    case WITC_CM_DT_ENUM:
    case WITC_CM_DT_RECORD:
    case WITC_CM_DT_VARIANT:
        return set_has(set, id);
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        return set_has(set, d->a.id);
    default:
        if ((d->code == WITC_CM_DT_LIST || d->code == WITC_CM_DT_OPTION ||
             d->code == WITC_CM_DT_FIXED_LIST || d->code == WITC_CM_DT_MAP || d->has_a) &&
            !named_vt(v, d->a, set, depth + 1))
            return false;
        if ((d->code == WITC_CM_DT_MAP || d->has_b) && !named_vt(v, d->b, set, depth + 1))
            return false;
        for (uint32_t i = 0; i < d->n; i++)
            if (d->fields[i].has && !named_vt(v, d->fields[i].t, set, depth + 1))
                return false;
        return true;
    }
}

static bool named_vt(vstate *v, vt t, const u32map *set, uint32_t depth)
{
    return t.prim || named_def_id(v, t.id, set, depth);
}

/* the "first layer" of a defined type: members must be named */
static bool named_members(vstate *v, uint32_t id, const u32map *set)
{
    const ty *d = T(v, id);
    if (d->kind == K_FUNC) {
        for (uint32_t i = 0; i < d->n; i++)
            if (!named_vt(v, d->fields[i].t, set, 0))
                return false;
        return !d->has_a || named_vt(v, d->a, set, 0);
    }
    if (d->kind == K_INSTANCE) {
        for (uint32_t i = 0; i < d->n_exports; i++) {
            const ent *e = &d->exports[i].e;
            if ((e->kind == WITC_CM_EXT_FUNC || e->kind == WITC_CM_EXT_TYPE ||
                 e->kind == WITC_CM_EXT_INSTANCE) &&
                !named_members(v, e->id, set))
                return false;
        }
        return true;
    }
    if (d->kind != K_DEF)
        return true;
    switch (d->code) {
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        return set_has(set, d->a.id);
    default:
        if ((d->code == WITC_CM_DT_LIST || d->code == WITC_CM_DT_OPTION ||
             d->code == WITC_CM_DT_FIXED_LIST || d->code == WITC_CM_DT_MAP || d->has_a) &&
            !named_vt(v, d->a, set, 0))
            return false;
        if ((d->code == WITC_CM_DT_MAP || d->has_b) && !named_vt(v, d->b, set, 0))
            return false;
        for (uint32_t i = 0; i < d->n; i++)
            if (d->fields[i].has && !named_vt(v, d->fields[i].t, set, 0))
                return false;
        return true;
    }
}

static witc_status register_named(vstate *v, scope *s, const ent *e, bool import, bool *ok)
{
    *ok = true;
    if (s->kind == S_INSTANCE_TYPE)
        return WITC_OK;
    u32map *set = import ? &s->named_import : &s->named_export;
    switch (e->kind) {
    case WITC_CM_EXT_TYPE:
        if (!named_members(v, e->id, set)) {
            *ok = false;
            return WITC_OK;
        }
        if (import && !u32map_put(v->ctx, &s->named_import, e->id, 1))
            return nomem(v);
        if (!u32map_put(v->ctx, &s->named_export, e->id, 1))
            return nomem(v);
        /* a resource is named by its identity: record every store id sharing it */
        return WITC_OK;
    case WITC_CM_EXT_INSTANCE: {
        const ty *it = T(v, e->id);
        for (uint32_t i = 0; i < it->n_exports && *ok; i++)
            WITC_TRY(register_named(v, s, &it->exports[i].e, import, ok));
        return WITC_OK;
    }
    case WITC_CM_EXT_FUNC:
        *ok = named_members(v, e->id, set);
        return WITC_OK;
    case WITC_CM_EXT_VALUE:
        *ok = named_vt(v, e->val, set, 0);
        return WITC_OK;
    default:
        return WITC_OK;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* adding entities to index spaces */

static witc_status check_max(vstate *v, size_t len, const char *what)
{
    if (len > MAX_ITEMS)
        return err(v, v->off, "%s count exceeds limit of %u", what, (unsigned)MAX_ITEMS);
    return WITC_OK;
}

static witc_status check_instances(vstate *v, const scope *s)
{
    const uint32_t max = witc_ctx_limits(v->ctx)->component_instances;
    if (s->instances.len + s->core_instances.len > max)
        return err(v, v->off, "instances count exceeds limit of %u", max);
    return WITC_OK;
}

static witc_status push_entity(vstate *v, scope *s, const ent *e)
{
    switch (e->kind) {
    case WITC_CM_EXT_MODULE:
        PUSH(v, &s->core_modules, e->id);
        return check_max(v, s->core_modules.len, "modules");
    case WITC_CM_EXT_FUNC:
        PUSH(v, &s->funcs, e->id);
        return WITC_OK;
    case WITC_CM_EXT_VALUE: {
        value_slot slot = {e->val, false};
        PUSH(v, &s->values, slot);
        return check_max(v, s->values.len, "values");
    }
    case WITC_CM_EXT_TYPE:
        PUSH(v, &s->types, e->id);
        return WITC_OK;
    case WITC_CM_EXT_COMPONENT:
        PUSH(v, &s->components, e->id);
        return check_max(v, s->components.len, "components");
    default:
        PUSH(v, &s->instances, e->id);
        return check_instances(v, s);
    }
}

/* A type import/export makes a new store id for the same type (a named alias). */
static witc_status unique_copy(vstate *v, uint32_t id, uint32_t *out)
{
    ty t = *T(v, id);
    return add_type(v, &t, out);
}

/* Freshens resources an instance type defines, for each import of it; the new identities
 * are appended to `fresh`. */
static witc_status freshen(vstate *v, uint32_t id, uint32_t *out, u32_vec *fresh)
{
    const ty *t = T(v, id);
    *out = id;
    if (t->n_defined == 0)
        return WITC_OK;
    subst sb;
    memset(&sb, 0, sizeof sb);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < t->n_defined && st == WITC_OK; i++) {
        if (!WITC_VEC_PUSH(v->ctx, &sb.from, T(v, id)->defined[i]) ||
            !WITC_VEC_PUSH(v->ctx, &sb.to, v->next_res) ||
            !WITC_VEC_PUSH(v->ctx, fresh, v->next_res))
            st = nomem(v);
        v->next_res++;
    }
    if (st == WITC_OK)
        st = subst_id(v, &sb, id, 0, out);
    if (st == WITC_OK && *out != id) {
        /* the new type defines nothing more: its resources are now concrete */
        T(v, *out)->n_defined = 0;
    }
    subst_free(v, &sb);
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* extern types */

static witc_status check_externtype(vstate *v, scope *s, const witc_cm_externtype *x, ent *out)
{
    memset(out, 0, sizeof *out);
    out->kind = x->kind;
    v->off = x->offset;
    switch (x->kind) {
    case WITC_CM_EXT_MODULE: {
        uint32_t id;
        WITC_TRY(core_type_at(v, s, x->idx, &id));
        if (T(v, id)->kind != K_MODULE)
            return err(v, x->offset, "core type index %u is not a module type", x->idx);
        out->id = id;
        return WITC_OK;
    }
    case WITC_CM_EXT_FUNC:
        return func_type_at(v, s, x->idx, &out->id);
    case WITC_CM_EXT_VALUE:
        if (!v->f.values)
            return err(v, x->offset, "support for component model `value`s is not enabled");
        return check_valtype(v, s, x->val, &out->val);
    case WITC_CM_EXT_TYPE:
        if (x->bound == 1)
            return new_resource(v, &out->id);
        {
            uint32_t id;
            WITC_TRY(type_at(v, s, x->idx, &id));
            return unique_copy(v, id, &out->id);
        }
    case WITC_CM_EXT_COMPONENT:
        WITC_TRY(type_at(v, s, x->idx, &out->id));
        if (T(v, out->id)->kind != K_COMPONENT)
            return err(v, x->offset, "type index %u is not a component type", x->idx);
        return WITC_OK;
    default:
        WITC_TRY(type_at(v, s, x->idx, &out->id));
        if (T(v, out->id)->kind != K_INSTANCE)
            return err(v, x->offset, "type index %u is not an instance type", x->idx);
        return WITC_OK;
    }
}

static witc_status add_import(vstate *v, scope *s, const witc_cm_nameattrs *name,
                              const witc_cm_externtype *x, uint64_t off)
{
    ent e;
    WITC_TRY(check_externtype(v, s, x, &e));
    v->off = off;
    if (e.kind == WITC_CM_EXT_INSTANCE)
        WITC_TRY(freshen(v, e.id, &e.id, &s->imported_res));
    WITC_TRY(check_name(v, s, name, true, &e, off));
    if (e.kind == WITC_CM_EXT_TYPE && T(v, e.id)->kind == K_RESOURCE) {
        if (x->bound == 1)
            PUSH(v, &s->imported_res, T(v, e.id)->res);
        named_ent r = {name->name, e};
        PUSH(v, &s->res_imports, r);
    }
    bool ok;
    WITC_TRY(register_named(v, s, &e, true, &ok));
    if (!ok)
        return err(v, off, "%s not valid to be used as import", ent_desc(e.kind));
    if (e.kind == WITC_CM_EXT_TYPE && T(v, e.id)->kind == K_RESOURCE) {
        /* all ids of the same resource identity count as named */
        if (!u32map_put(v->ctx, &s->named_import, e.id, 1))
            return nomem(v);
    }
    named_ent ne = {name->name, e};
    PUSH(v, &s->imports, ne);
    return push_entity(v, s, &e);
}

static witc_status add_export(vstate *v, scope *s, const witc_cm_nameattrs *name, ent e,
                              uint64_t off, bool fresh_type)
{
    v->off = off;
    if (e.kind == WITC_CM_EXT_TYPE && fresh_type)
        WITC_TRY(unique_copy(v, e.id, &e.id));
    WITC_TRY(check_name(v, s, name, false, &e, off));
    if (e.kind == WITC_CM_EXT_TYPE && T(v, e.id)->kind == K_RESOURCE) {
        named_ent r = {name->name, e};
        PUSH(v, &s->res_exports, r);
        if (!u32map_put(v->ctx, &s->named_export, e.id, 1))
            return nomem(v);
    }
    bool ok;
    WITC_TRY(register_named(v, s, &e, false, &ok));
    if (!ok)
        return err(v, off, "%s not valid to be used as export", ent_desc(e.kind));
    named_ent ne = {name->name, e};
    PUSH(v, &s->exports, ne);
    return WITC_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* type definitions */

/* Labels must be kebab-case and unique ignoring case; a hash of lowercased copies keeps
 * this linear. */
static witc_status check_labels(vstate *v, const witc_cm_labeled *fs, uint32_t n, const char *what)
{
    witc_hash h;
    witc_hash_init(&h, v->ctx);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < n && st == WITC_OK; i++) {
        const witc_cm_bytes l = fs[i].label;
        if (!witc_cm_is_kebab((const char *)l.ptr, l.len)) {
            st = err(v, v->off, "%s name `%.*s` is not in kebab case", what, (int)l.len,
                     (const char *)l.ptr);
            break;
        }
        char *low = witc_arena_alloc(&v->arena, l.len ? l.len : 1);
        if (!low) {
            st = nomem(v);
            break;
        }
        for (uint32_t c = 0; c < l.len; c++) {
            const char ch = (char)l.ptr[c];
            low[c] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        }
        uint32_t prev;
        if (witc_hash_get(&h, low, l.len, &prev))
            st = err(v, v->off, "%s name `%.*s` conflicts with previous %s name `%.*s`", what,
                     (int)l.len, (const char *)l.ptr, what, (int)fs[prev].label.len,
                     (const char *)fs[prev].label.ptr);
        else if (!witc_hash_put(&h, low, l.len, i))
            st = nomem(v);
    }
    witc_hash_release(&h);
    return st;
}

static witc_status add_size(vstate *v, ty *t, uint32_t sz)
{
    t->size += sz;
    if (t->size > MAX_TYPE_SIZE)
        return err(v, v->off, "effective type size exceeds the limit of %u", MAX_TYPE_SIZE);
    return WITC_OK;
}

static witc_status check_defined(vstate *v, scope *s, const witc_cm_type *in, ty *t)
{
    t->kind = K_DEF;
    t->code = in->kind;
    t->size = 1;
    switch (in->kind) {
    case WITC_CM_DT_PRIM:
        return check_valtype(v, s, in->a, &t->a);
    case WITC_CM_DT_RECORD:
    case WITC_CM_DT_VARIANT:
    case WITC_CM_DT_TUPLE:
    case WITC_CM_DT_FLAGS:
    case WITC_CM_DT_ENUM: {
        if (in->n_fields == 0) {
            switch (in->kind) {
            case WITC_CM_DT_RECORD:
                return err(v, v->off, "record type must have at least one field");
            case WITC_CM_DT_VARIANT:
                return err(v, v->off, "variant type must have at least one case");
            case WITC_CM_DT_TUPLE:
                return err(v, v->off, "tuple type must have at least one type");
            case WITC_CM_DT_FLAGS:
                return err(v, v->off, "flags must have at least one entry");
            default:
                return err(v, v->off, "enum type must have at least one variant");
            }
        }
        if (in->kind == WITC_CM_DT_FLAGS && in->n_fields > MAX_FLAGS)
            return err(v, v->off, "cannot have more than %u flags", MAX_FLAGS);
        if (in->kind != WITC_CM_DT_TUPLE)
            WITC_TRY(check_labels(v, in->fields, in->n_fields,
                                  in->kind == WITC_CM_DT_RECORD    ? "record field"
                                  : in->kind == WITC_CM_DT_VARIANT ? "variant case"
                                  : in->kind == WITC_CM_DT_FLAGS   ? "flag"
                                                                   : "enum tag"));
        t->n = in->n_fields;
        t->fields = arena_n(v, t->n, sizeof *t->fields);
        if (!t->fields)
            return nomem(v);
        for (uint32_t i = 0; i < t->n; i++) {
            t->fields[i].name = in->fields[i].label;
            t->fields[i].has = in->fields[i].has_type;
            if (in->fields[i].has_type) {
                WITC_TRY(check_valtype(v, s, in->fields[i].type, &t->fields[i].t));
                WITC_TRY(add_size(v, t, vt_size(v, t->fields[i].t)));
                t->has_borrow |= vt_borrow(v, t->fields[i].t);
            }
        }
        return WITC_OK;
    }
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_OPTION:
    case WITC_CM_DT_FIXED_LIST:
        if (in->kind == WITC_CM_DT_FIXED_LIST) {
            if (!v->f.fixed_length_lists)
                return err(v, v->off,
                           "Fixed size lists require the component model fixed "
                           "size list feature");
            if (in->len == 0)
                return err(v, v->off, "Fixed size lists must have more than zero elements");
            if (in->len > (1u << 30))
                return err(v, v->off, "fixed-length list element count exceeds limit of %u",
                           1u << 30);
            t->len = in->len;
        }
        WITC_TRY(check_valtype(v, s, in->a, &t->a));
        t->has_borrow = vt_borrow(v, t->a);
        return add_size(v, t, vt_size(v, t->a));
    case WITC_CM_DT_MAP:
        if (!v->f.map)
            return err(v, v->off, "Maps require the component model map feature");
        WITC_TRY(check_valtype(v, s, in->a, &t->a));
        WITC_TRY(check_valtype(v, s, in->b, &t->b));
        t->has_borrow = vt_borrow(v, t->a) || vt_borrow(v, t->b);
        WITC_TRY(add_size(v, t, vt_size(v, t->a)));
        return add_size(v, t, vt_size(v, t->b));
    case WITC_CM_DT_RESULT:
        t->has_a = in->has_a;
        t->has_b = in->has_b;
        if (in->has_a) {
            WITC_TRY(check_valtype(v, s, in->a, &t->a));
            t->has_borrow |= vt_borrow(v, t->a);
            WITC_TRY(add_size(v, t, vt_size(v, t->a)));
        }
        if (in->has_b) {
            WITC_TRY(check_valtype(v, s, in->b, &t->b));
            t->has_borrow |= vt_borrow(v, t->b);
            WITC_TRY(add_size(v, t, vt_size(v, t->b)));
        }
        return WITC_OK;
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        t->a.prim = 0;
        WITC_TRY(resource_at(v, s, in->a.idx, &t->a.id));
        t->has_borrow = in->kind == WITC_CM_DT_BORROW;
        return WITC_OK;
    case WITC_CM_DT_STREAM:
    case WITC_CM_DT_FUTURE:
        if (!v->f.async)
            return err(v, v->off, "`%s` requires the component model async feature",
                       in->kind == WITC_CM_DT_STREAM ? "stream" : "future");
        t->has_a = in->has_a;
        if (in->has_a) {
            WITC_TRY(check_valtype(v, s, in->a, &t->a));
            if (vt_borrow(v, t->a))
                return err(v, v->off, "borrow type not allowed in stream or future payload");
            vt pay = t->a;
            if (!pay.prim && T(v, pay.id)->kind == K_DEF && T(v, pay.id)->code == WITC_CM_DT_PRIM)
                pay = T(v, pay.id)->a;
            if (in->kind == WITC_CM_DT_STREAM && pay.prim == 0x74)
                return err(v, v->off,
                           "`stream<char>` is not valid at this time, use "
                           "`stream<u8>` with a defined by encoding instead for now");
            WITC_TRY(add_size(v, t, vt_size(v, t->a)));
        }
        return WITC_OK;
    default:
        return err(v, v->off, "unknown defined type");
    }
}

static witc_status check_func_type(vstate *v, scope *s, const witc_cm_type *in, ty *t)
{
    t->kind = K_FUNC;
    t->async_ = in->kind == WITC_CM_DT_ASYNC_FUNC;
    t->size = 1;
    if (t->async_ && !v->f.async)
        return err(v, v->off,
                   "async component functions require the component model async "
                   "feature");
    for (uint32_t i = 0; i < in->n_fields; i++) {
        const witc_cm_bytes l = in->fields[i].label;
        if (!witc_cm_is_kebab((const char *)l.ptr, l.len))
            return err(v, v->off, "function parameter name `%.*s` is not in kebab case", (int)l.len,
                       (const char *)l.ptr);
    }
    WITC_TRY(check_labels(v, in->fields, in->n_fields, "function parameter"));
    t->n = in->n_fields;
    t->fields = arena_n(v, t->n, sizeof *t->fields);
    if (!t->fields)
        return nomem(v);
    for (uint32_t i = 0; i < t->n; i++) {
        t->fields[i].name = in->fields[i].label;
        t->fields[i].has = true;
        WITC_TRY(check_valtype(v, s, in->fields[i].type, &t->fields[i].t));
        WITC_TRY(add_size(v, t, vt_size(v, t->fields[i].t)));
    }
    t->has_a = in->has_a;
    if (in->has_a) {
        WITC_TRY(check_valtype(v, s, in->a, &t->a));
        if (vt_borrow(v, t->a))
            return err(v, v->off, "function result cannot contain a `borrow` type");
        WITC_TRY(add_size(v, t, vt_size(v, t->a)));
    }
    return WITC_OK;
}

static witc_status check_type(vstate *v, scope *s, const witc_cm_type *in, uint32_t *out);

static uint32_t ent_size(vstate *v, const ent *e)
{
    if (e->kind == WITC_CM_EXT_VALUE)
        return vt_size(v, e->val);
    if (e->kind == WITC_CM_EXT_MODULE)
        return 1;
    return T(v, e->id)->size;
}

/* 1 + the sizes of every import and export (wasmparser's TypeInfo) */
static witc_status size_of_externs(vstate *v, ty *t)
{
    t->size = 1;
    for (uint32_t i = 0; i < t->n_imports; i++)
        WITC_TRY(add_size(v, t, ent_size(v, &t->imports[i].e)));
    for (uint32_t i = 0; i < t->n_exports; i++)
        WITC_TRY(add_size(v, t, ent_size(v, &t->exports[i].e)));
    return WITC_OK;
}
static witc_status check_core_type(vstate *v, scope *s, const witc_cm_core_type *in);
static witc_status check_alias(vstate *v, scope *s, const witc_cm_alias *a);

/* component or instance type */
static witc_status check_compound_type(vstate *v, scope *parent, const witc_cm_type *in, ty *t)
{
    const bool component = in->kind == WITC_CM_DT_COMPONENT;
    if (v->depth + 1 > witc_ctx_limits(v->ctx)->component_type_depth)
        return err(v, v->off, "type nesting is too deep");
    v->depth++;
    scope s;
    scope_init(v, &s, component ? S_COMPONENT_TYPE : S_INSTANCE_TYPE, parent);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < in->n_decls && st == WITC_OK; i++) {
        const witc_cm_decl *d = &in->decls[i];
        v->off = d->offset;
        switch (d->kind) {
        case WITC_CM_DECL_CORE_TYPE:
            st = check_core_type(v, &s, d->core_type);
            break;
        case WITC_CM_DECL_TYPE: {
            if (d->type->kind == WITC_CM_DT_RESOURCE) {
                st = err(v, d->offset,
                         "resources can only be defined within a concrete "
                         "component");
                break;
            }
            uint32_t id;
            st = check_type(v, &s, d->type, &id);
            if (st == WITC_OK && !WITC_VEC_PUSH(v->ctx, &s.types, id))
                st = nomem(v);
            break;
        }
        case WITC_CM_DECL_ALIAS:
            if (d->alias.target == 2 && d->alias.sort != WITC_CM_SORT_TYPE &&
                d->alias.sort != WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_TYPE) {
                st = err(v, d->offset,
                         "only outer aliases of types are allowed in type "
                         "declarations");
                break;
            }
            if (d->alias.target != 2 && d->alias.sort != WITC_CM_SORT_TYPE &&
                d->alias.sort != WITC_CM_SORT_INSTANCE) {
                st = err(v, d->offset,
                         "only type and instance export aliases are allowed in "
                         "type declarations");
                break;
            }
            st = check_alias(v, &s, &d->alias);
            break;
        case WITC_CM_DECL_IMPORT:
            st = add_import(v, &s, &d->name, &d->ext, d->offset);
            break;
        case WITC_CM_DECL_EXPORT: {
            ent e;
            st = check_externtype(v, &s, &d->ext, &e);
            if (st != WITC_OK)
                break;
            if (e.kind == WITC_CM_EXT_TYPE && d->ext.bound == 1)
                st = WITC_VEC_PUSH(v->ctx, &s.defined_res, T(v, e.id)->res) ? WITC_OK : nomem(v);
            if (st == WITC_OK && e.kind == WITC_CM_EXT_INSTANCE)
                st = freshen(v, e.id, &e.id, &s.defined_res);
            if (st == WITC_OK)
                st = add_export(v, &s, &d->name, e, d->offset, false);
            if (st == WITC_OK && component)
                st = push_entity(v, &s, &e);
            else if (st == WITC_OK)
                st = push_entity(v, &s, &e);
            break;
        }
        }
    }
    if (st == WITC_OK) {
        t->kind = component ? K_COMPONENT : K_INSTANCE;
        t->size = 1;
        t->n_imports = (uint32_t)s.imports.len;
        t->n_exports = (uint32_t)s.exports.len;
        t->imports = arena_n(v, s.imports.len, sizeof *t->imports);
        t->exports = arena_n(v, s.exports.len, sizeof *t->exports);
        t->n_defined = (uint32_t)s.defined_res.len;
        t->defined = arena_n(v, s.defined_res.len, sizeof *t->defined);
        t->n_imported_res = (uint32_t)s.imported_res.len;
        t->imported_res = arena_n(v, s.imported_res.len, sizeof *t->imported_res);
        if (!t->imports || !t->exports || !t->defined || !t->imported_res) {
            st = nomem(v);
        } else {
            if (s.imports.len)
                memcpy(t->imports, s.imports.items, s.imports.len * sizeof *t->imports);
            if (s.exports.len)
                memcpy(t->exports, s.exports.items, s.exports.len * sizeof *t->exports);
            if (s.defined_res.len)
                memcpy(t->defined, s.defined_res.items, s.defined_res.len * sizeof *t->defined);
            if (s.imported_res.len)
                memcpy(t->imported_res, s.imported_res.items,
                       s.imported_res.len * sizeof *t->imported_res);
            st = size_of_externs(v, t);
        }
    }
    scope_free(v, &s);
    v->depth--;
    return st;
}

static witc_status check_type(vstate *v, scope *s, const witc_cm_type *in, uint32_t *out)
{
    ty t;
    memset(&t, 0, sizeof t);
    v->off = in->offset;
    switch (in->kind) {
    case WITC_CM_DT_FUNC:
    case WITC_CM_DT_ASYNC_FUNC:
        WITC_TRY(check_func_type(v, s, in, &t));
        break;
    case WITC_CM_DT_COMPONENT:
    case WITC_CM_DT_INSTANCE:
        WITC_TRY(check_compound_type(v, s, in, &t));
        break;
    case WITC_CM_DT_RESOURCE: {
        if (s->kind != S_COMPONENT)
            return err(v, in->offset,
                       "resources can only be defined within a concrete "
                       "component");
        if (in->rep.code != 0x7f && !(in->rep.code == 0x7e && v->f.cm64))
            return err(v, in->offset, "resources can only be represented by `i32`");
        res_info ri = {0};
        ri.has_rep = true;
        ri.rep = in->rep;
        if (in->has_dtor) {
            uint32_t fid;
            WITC_TRY(core_func_at(v, s, in->dtor, &fid));
            const witc_cm_core_sub *sub = T(v, fid)->sub;
            if (!sub || sub->form != 0x60 || sub->n_params != 1 || sub->n_results != 0 ||
                sub->params[0].code != in->rep.code)
                return err(v, in->offset, "wrong signature for a destructor");
            ri.has_dtor = true;
        }
        WITC_TRY(new_resource(v, out));
        ri.res = T(v, *out)->res;
        PUSH(v, &s->local_res, ri);
        return WITC_OK;
    }
    default:
        WITC_TRY(check_defined(v, s, in, &t));
        break;
    }
    return add_type(v, &t, out);
}

/* ---------------------------------------------------------------------------------------- */
/* core types */

static witc_status check_core_valtype(vstate *v, const witc_cm_core_valtype *t,
                                      const u32_vec *space, uint32_t n_types)
{
    if (t->code == 0x7b && !v->core_features->simd)
        return err(v, v->off, "SIMD support is not enabled");
    if ((t->code == 0x70 || t->code == 0x6f || t->code == 0x63 || t->code == 0x64) &&
        !v->core_features->reference_types)
        return err(v, v->off, "reference types support is not enabled");
    if ((t->code == 0x63 || t->code == 0x64) && t->heap >= 0) {
        if ((uint64_t)t->heap >= n_types)
            return err(v, v->off, "unknown type %lld: type index out of bounds",
                       (long long)t->heap);
        if ((uint64_t)t->heap < space->len && T(v, space->items[t->heap])->kind == K_MODULE)
            return err(v, v->off, "type index %lld is a module type", (long long)t->heap);
    }
    return WITC_OK;
}

static witc_status check_rec_group(vstate *v, u32_vec *space, const witc_cm_core_type *in)
{
    const uint32_t base = (uint32_t)space->len;
    if (in->n_subs != 1 || in->subs[0].form != 0x60 || in->subs[0].has_super ||
        !in->subs[0].final_) {
        if (!v->f.core_gc)
            return err(v, in->offset,
                       "gc proposal must be enabled to use rec groups, non-final "
                       "types, or non-function types");
    }
    for (uint32_t i = 0; i < in->n_subs; i++) {
        const witc_cm_core_sub *sub = &in->subs[i];
        const uint32_t n_types = base + in->n_subs;
        for (uint32_t k = 0; k < sub->n_params; k++)
            WITC_TRY(check_core_valtype(v, &sub->params[k], space, n_types));
        for (uint32_t k = 0; k < sub->n_results; k++)
            WITC_TRY(check_core_valtype(v, &sub->results[k], space, n_types));
        if (sub->has_super) {
            if (sub->super >= base + i)
                return err(v, in->offset, "unknown type %u: type index out of bounds", sub->super);
            const ty *sup = T(v, space->items[sub->super]);
            if (sup->kind == K_MODULE)
                return err(v, in->offset, "type index %u is a module type", sub->super);
            if (sup->sub && sup->sub->final_)
                return err(v, in->offset, "sub type cannot have a final super type");
            if (sup->sub && sup->sub->form != sub->form)
                return err(v, in->offset, "sub type must match super type");
        }
        uint32_t id;
        WITC_TRY(core_sub_type(v, sub, &id));
        PUSH(v, space, id);
    }
    return WITC_OK;
}

static witc_status core_extern_ent(vstate *v, const u32_vec *types, const witc_cm_core_extern *x,
                                   witc_cm_core_entity *out)
{
    const uint8_t *p = x->raw.ptr;
    if (!witc_cm_core_read_entity(x->kind, &p, x->raw.ptr + x->raw.len, out))
        return err(v, v->off, "malformed core extern type");
    if (x->kind == 0 || x->kind == 4) {
        if (x->idx >= types->len)
            return err(v, v->off, "unknown type %u: type index out of bounds", x->idx);
        out->type = types->items[x->idx];
        if (T(v, out->type)->kind != K_CORE_FUNC)
            return err(v, v->off, "type index %u is not a function type", x->idx);
        if (x->kind == 4) {
            if (T(v, out->type)->sub->n_results != 0)
                return err(v, v->off, "invalid exception type: non-empty tag result type");
        }
    }
    if (x->kind == 1 || x->kind == 2) {
        if (out->has_max && out->max < out->min)
            return err(v, v->off, "size minimum must not be greater than maximum");
    }
    if (x->kind == 2) {
        const uint32_t page_log2 = out->has_page ? out->page_log2 : 16;
        if (out->has_page && page_log2 != 0 && page_log2 != 16)
            return err(v, v->off, "invalid custom page size");
        if (out->has_page && !v->core_features->custom_page_sizes)
            return err(v, v->off,
                       "custom page sizes proposal must be enabled to customize "
                       "the page size");
        const uint64_t max_pages = out->is64
                                       ? (page_log2 == 0 ? UINT64_MAX : 1ull << (64 - page_log2))
                                       : 1ull << (32 - page_log2);
        if (out->min > max_pages || (out->has_max && out->max > max_pages))
            return err(v, v->off, "memory size must be at most %llu pages",
                       (unsigned long long)max_pages);
        if (out->shared && !out->has_max)
            return err(v, v->off, "shared memory must have maximum size");
        if (out->is64 && !v->core_features->memory64)
            return err(v, v->off, "memory64 must be enabled for 64-bit memories");
        if (out->shared && !v->core_features->threads)
            return err(v, v->off, "threads must be enabled for shared memories");
    }
    if (x->kind == 1 && !out->is64 && (out->min > UINT32_MAX || out->max > UINT32_MAX))
        return err(v, v->off, "table size must be at most %u", UINT32_MAX);
    if (x->kind == 1 || x->kind == 3)
        WITC_TRY(check_core_valtype(v, &out->val, types, (uint32_t)types->len));
    return WITC_OK;
}

static witc_status check_core_type(vstate *v, scope *s, const witc_cm_core_type *in)
{
    v->off = in->offset;
    if (!in->is_module)
        return check_rec_group(v, &s->core_types, in);
    /* module type: its own type space */
    u32_vec types = {0};
    WITC_VEC(core_named) imports = {0}, exports = {0};
    witc_hash seen_imports, seen_exports;
    witc_hash_init(&seen_imports, v->ctx);
    witc_hash_init(&seen_exports, v->ctx);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < in->n_decls && st == WITC_OK; i++) {
        const witc_cm_module_decl *d = &in->decls[i];
        v->off = d->offset;
        switch (d->kind) {
        case WITC_CM_MD_TYPE:
            st = check_rec_group(v, &types, d->type);
            break;
        case WITC_CM_MD_ALIAS: {
            /* count 0 is the module type itself, 1 the enclosing scope, ... */
            scope *o = s;
            for (uint32_t k = 1; k < d->outer_count && o; k++)
                o = o->parent;
            if (d->outer_count == 0) {
                if (d->outer_idx >= types.len) {
                    st = err(v, d->offset, "unknown type %u: type index out of bounds",
                             d->outer_idx);
                    break;
                }
                st = WITC_VEC_PUSH(v->ctx, &types, types.items[d->outer_idx]) ? WITC_OK : nomem(v);
                break;
            }
            if (!o) {
                st = err(v, d->offset, "invalid outer alias count of %u", d->outer_count);
                break;
            }
            if (d->outer_idx >= o->core_types.len) {
                st = err(v, d->offset, "unknown core type %u: type index out of bounds",
                         d->outer_idx);
                break;
            }
            const uint32_t id = o->core_types.items[d->outer_idx];
            if (T(v, id)->kind == K_MODULE) {
                st = err(v, d->offset, "type index %u is a module type", d->outer_idx);
                break;
            }
            st = WITC_VEC_PUSH(v->ctx, &types, id) ? WITC_OK : nomem(v);
            break;
        }
        case WITC_CM_MD_IMPORT:
        case WITC_CM_MD_EXPORT: {
            core_named cn;
            memset(&cn, 0, sizeof cn);
            cn.module = d->module;
            cn.name = d->name;
            st = core_extern_ent(v, &types, &d->ext, &cn.e);
            if (st != WITC_OK)
                break;
            /* key: module NUL name (imports) or NUL name (exports, whose module is empty) */
            const bool imp = d->kind == WITC_CM_MD_IMPORT;
            const size_t kl = (imp ? cn.module.len : 0) + 1 + (size_t)cn.name.len;
            char *key = witc_arena_alloc(&v->arena, kl);
            if (!key) {
                st = nomem(v);
                break;
            }
            if (imp && cn.module.len)
                memcpy(key, cn.module.ptr, cn.module.len);
            key[imp ? cn.module.len : 0] = '\0';
            if (cn.name.len)
                memcpy(key + kl - cn.name.len, cn.name.ptr, cn.name.len);
            uint32_t prev;
            witc_hash *seen = imp ? &seen_imports : &seen_exports;
            if (witc_hash_get(seen, key, kl, &prev)) {
                st = imp ? err(v, d->offset, "duplicate import name `%.*s:%.*s`",
                               (int)cn.module.len, (const char *)cn.module.ptr, (int)cn.name.len,
                               (const char *)cn.name.ptr)
                         : err(v, d->offset, "duplicate export name `%.*s`", (int)cn.name.len,
                               (const char *)cn.name.ptr);
                break;
            }
            if (!witc_hash_put(seen, key, kl, 0) ||
                !WITC_VEC_PUSH(v->ctx, imp ? &imports : &exports, cn))
                st = nomem(v);
            break;
        }
        }
    }
    if (st == WITC_OK) {
        ty t;
        memset(&t, 0, sizeof t);
        t.kind = K_MODULE;
        t.size = 1;
        t.n_cimports = (uint32_t)imports.len;
        t.n_cexports = (uint32_t)exports.len;
        t.cimports = arena_n(v, imports.len, sizeof *t.cimports);
        t.cexports = arena_n(v, exports.len, sizeof *t.cexports);
        if (!t.cimports || !t.cexports) {
            st = nomem(v);
        } else {
            if (imports.len)
                memcpy(t.cimports, imports.items, imports.len * sizeof *t.cimports);
            if (exports.len)
                memcpy(t.cexports, exports.items, exports.len * sizeof *t.cexports);
            uint32_t id;
            st = add_type(v, &t, &id);
            if (st == WITC_OK && !WITC_VEC_PUSH(v->ctx, &s->core_types, id))
                st = nomem(v);
        }
    }
    witc_hash_release(&seen_imports);
    witc_hash_release(&seen_exports);
    WITC_VEC_FREE(v->ctx, &types);
    WITC_VEC_FREE(v->ctx, &imports);
    WITC_VEC_FREE(v->ctx, &exports);
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* aliases */

static witc_status push_core_entity(vstate *v, scope *s, const witc_cm_core_entity *e)
{
    core_ent_vec *vec = e->kind == 0   ? &s->core_funcs
                        : e->kind == 1 ? &s->core_tables
                        : e->kind == 2 ? &s->core_mems
                        : e->kind == 3 ? &s->core_globals
                                       : &s->core_tags;
    PUSH(v, vec, *e);
    return WITC_OK;
}

/* Does type `id` mention a resource it does not introduce itself? (outer aliases may not
 * carry resources across a component boundary) */
static bool has_free_res(vstate *v, uint32_t id, u32_vec *bound, uint32_t depth)
{
    if (depth > 100)
        return false;
    const ty *t = T(v, id);
    switch (t->kind) {
    case K_RESOURCE:
        return !u32_has(bound, t->res);
    case K_DEF:
    case K_FUNC:
        if (t->kind == K_DEF && (t->code == WITC_CM_DT_OWN || t->code == WITC_CM_DT_BORROW))
            return has_free_res(v, t->a.id, bound, depth + 1);
        if (def_uses_a(t) && !t->a.prim && has_free_res(v, t->a.id, bound, depth + 1))
            return true;
        if (def_uses_b(t) && !t->b.prim && has_free_res(v, t->b.id, bound, depth + 1))
            return true;
        for (uint32_t i = 0; i < t->n; i++)
            if (t->fields[i].has && !t->fields[i].t.prim &&
                has_free_res(v, t->fields[i].t.id, bound, depth + 1))
                return true;
        return false;
    case K_COMPONENT:
    case K_INSTANCE: {
        const size_t mark = bound->len;
        bool bad = false;
        for (uint32_t i = 0; i < t->n_defined; i++)
            if (!WITC_VEC_PUSH(v->ctx, bound, t->defined[i]))
                return true;
        for (uint32_t i = 0; i < t->n_imported_res; i++)
            if (!WITC_VEC_PUSH(v->ctx, bound, t->imported_res[i]))
                return true;
        for (uint32_t i = 0; i < t->n_imports && !bad; i++)
            if (t->imports[i].e.kind != WITC_CM_EXT_VALUE &&
                t->imports[i].e.kind != WITC_CM_EXT_MODULE)
                bad = has_free_res(v, t->imports[i].e.id, bound, depth + 1);
        for (uint32_t i = 0; i < t->n_exports && !bad; i++)
            if (t->exports[i].e.kind != WITC_CM_EXT_VALUE &&
                t->exports[i].e.kind != WITC_CM_EXT_MODULE)
                bad = has_free_res(v, t->exports[i].e.id, bound, depth + 1);
        bound->len = mark;
        return bad;
    }
    default:
        return false;
    }
}

static witc_status check_alias(vstate *v, scope *s, const witc_cm_alias *a)
{
    v->off = a->offset;
    if (a->target == 0) {
        if (a->instance >= s->instances.len)
            return err(v, a->offset, "unknown instance %u: instance index out of bounds",
                       a->instance);
        const named_ent *x = find_export(v, s->instances.items[a->instance], a->name);
        if (!x)
            return err(v, a->offset, "instance %u has no export named `%.*s`", a->instance,
                       (int)a->name.len, (const char *)a->name.ptr);
        const uint32_t want =
            a->sort == WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_MODULE ? WITC_CM_EXT_MODULE : a->sort;
        if (x->e.kind != want)
            return err(v, a->offset, "export `%.*s` for instance %u is not a %s", (int)a->name.len,
                       (const char *)a->name.ptr, a->instance,
                       want <= WITC_CM_EXT_INSTANCE ? ent_desc((uint8_t)want) : "core item");
        return push_entity(v, s, &x->e);
    }
    if (a->target == 1) {
        if (a->sort < WITC_CM_SORT_CORE_BASE || a->sort > WITC_CM_SORT_CORE_BASE + 4)
            return err(v, a->offset, "invalid core export alias sort");
        if (a->instance >= s->core_instances.len)
            return err(v, a->offset, "unknown core instance %u: instance index out of bounds",
                       a->instance);
        const core_named *x = find_core_export(v, s->core_instances.items[a->instance], a->name);
        if (x) {
            const uint8_t want = (uint8_t)(a->sort - WITC_CM_SORT_CORE_BASE);
            if (x->e.kind != want)
                return err(v, a->offset, "export `%.*s` for core instance %u is not a %s",
                           (int)a->name.len, (const char *)a->name.ptr, a->instance,
                           core_kind_name(want));
            const witc_cm_core_entity e = x->e;
            return push_core_entity(v, s, &e);
        }
        return err(v, a->offset, "core instance %u has no export named `%.*s`", a->instance,
                   (int)a->name.len, (const char *)a->name.ptr);
    }
    /* outer */
    scope *o = s;
    for (uint32_t k = 0; k < a->instance && o; k++)
        o = o->parent;
    if (!o)
        return err(v, a->offset, "invalid outer alias count of %u", a->instance);
    switch (a->sort) {
    case WITC_CM_SORT_TYPE: {
        if (a->idx >= o->types.len)
            return err(v, a->offset, "unknown type %u: type index out of bounds", a->idx);
        const uint32_t id = o->types.items[a->idx];
        /* crossing a component boundary with a resource-carrying type is not allowed */
        if (a->instance > 0) {
            bool crosses = false;
            for (scope *c = s; c != o; c = c->parent)
                if (c->kind == S_COMPONENT)
                    crosses = true;
            if (crosses) {
                u32_vec bound = {0};
                const bool bad = has_free_res(v, id, &bound, 0);
                WITC_VEC_FREE(v->ctx, &bound);
                if (bad)
                    return err(v, a->offset,
                               "refers to resources not defined in the current "
                               "component");
            }
        }
        PUSH(v, &s->types, id);
        return WITC_OK;
    }
    case WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_TYPE:
        if (a->idx >= o->core_types.len)
            return err(v, a->offset, "unknown core type %u: type index out of bounds", a->idx);
        PUSH(v, &s->core_types, o->core_types.items[a->idx]);
        return WITC_OK;
    case WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_MODULE:
        if (a->idx >= o->core_modules.len)
            return err(v, a->offset, "unknown module %u: module index out of bounds", a->idx);
        PUSH(v, &s->core_modules, o->core_modules.items[a->idx]);
        return WITC_OK;
    case WITC_CM_SORT_COMPONENT:
        if (a->idx >= o->components.len)
            return err(v, a->offset, "unknown component %u: component index out of bounds", a->idx);
        PUSH(v, &s->components, o->components.items[a->idx]);
        return WITC_OK;
    default:
        return err(v, a->offset, "outer aliases of this sort are not allowed");
    }
}

/* ---------------------------------------------------------------------------------------- */
/* core modules and instances */

static witc_status embed_module(vstate *v, scope *s, const witc_cm_section *sec)
{
    const witc_cm_bytes *m = &sec->payload;
    const witc_status core =
        witc_wasm_validate_core(v->ctx, v->core_features, m->ptr, m->len, v->file, m->offset);
    if (core != WITC_OK) {
        v->st = core;
        return core;
    }
    witc_cm_module_summary sum;
    witc_status st = witc_cm_core_summarize(&v->arena, m->ptr, m->len, &sum);
    if (st == WITC_E_NOMEM)
        return nomem(v);
    if (st != WITC_OK)
        return err(v, m->offset, "malformed core module");
    /* func and tag types: store ids for the module's own types */
    uint32_t *ids = arena_n(v, sum.n_types, sizeof *ids);
    if (!ids)
        return nomem(v);
    for (uint32_t i = 0; i < sum.n_types; i++)
        WITC_TRY(core_sub_type(v, &sum.types[i], &ids[i]));
    ty t;
    memset(&t, 0, sizeof t);
    t.kind = K_MODULE;
    t.size = 1;
    t.n_cimports = sum.n_imports;
    t.n_cexports = sum.n_exports;
    t.cimports = arena_n(v, sum.n_imports, sizeof *t.cimports);
    t.cexports = arena_n(v, sum.n_exports, sizeof *t.cexports);
    if (!t.cimports || !t.cexports)
        return nomem(v);
    /* imports must be unique in components (wasmparser imports_for_module_type) */
    witc_hash seen;
    witc_hash_init(&seen, v->ctx);
    witc_status dup = WITC_OK;
    for (uint32_t i = 0; i < sum.n_imports && dup == WITC_OK; i++) {
        const witc_cm_core_import *im = &sum.imports[i];
        const size_t kl = (size_t)im->module.len + 1 + im->name.len;
        char *key = witc_arena_alloc(&v->arena, kl);
        uint32_t prev;
        if (!key) {
            dup = nomem(v);
            break;
        }
        memcpy(key, im->module.ptr, im->module.len);
        key[im->module.len] = '\0';
        memcpy(key + im->module.len + 1, im->name.ptr, im->name.len);
        if (witc_hash_get(&seen, key, kl, &prev))
            dup = err(v, m->offset,
                      "module has a duplicate import name `%.*s:%.*s` that is not "
                      "allowed in components",
                      (int)im->module.len, (const char *)im->module.ptr, (int)im->name.len,
                      (const char *)im->name.ptr);
        else if (!witc_hash_put(&seen, key, kl, i))
            dup = nomem(v);
    }
    witc_hash_release(&seen);
    WITC_TRY(dup);
    for (uint32_t i = 0; i < sum.n_imports; i++) {
        t.cimports[i].module = sum.imports[i].module;
        t.cimports[i].name = sum.imports[i].name;
        t.cimports[i].e = sum.imports[i].ent;
        if ((t.cimports[i].e.kind == 0 || t.cimports[i].e.kind == 4)) {
            if (t.cimports[i].e.type >= sum.n_types)
                return err(v, m->offset, "malformed core module");
            t.cimports[i].e.type = ids[t.cimports[i].e.type];
        }
    }
    for (uint32_t i = 0; i < sum.n_exports; i++) {
        t.cexports[i].name = sum.exports[i].name;
        t.cexports[i].e = sum.exports[i].ent;
        if ((t.cexports[i].e.kind == 0 || t.cexports[i].e.kind == 4)) {
            if (t.cexports[i].e.type >= sum.n_types)
                return err(v, m->offset, "malformed core module");
            t.cexports[i].e.type = ids[t.cexports[i].e.type];
        }
    }
    uint32_t id;
    WITC_TRY(add_type(v, &t, &id));
    PUSH(v, &s->core_modules, id);
    return check_max(v, s->core_modules.len, "modules");
}

/* Records args[i].name in `h` (name -> i); false when the name was already there. */
static bool index_arg(vstate *v, witc_hash *h, const witc_cm_inst_arg *args, uint32_t i)
{
    uint32_t prev;
    const witc_cm_bytes nm = args[i].name;
    if (witc_hash_get(h, (const char *)nm.ptr, nm.len, &prev))
        return false;
    if (!witc_hash_put(h, (const char *)nm.ptr, nm.len, i))
        nomem(v);
    return true;
}

static int64_t arg_pos(const witc_hash *h, witc_cm_bytes name)
{
    uint32_t pos;
    return witc_hash_get(h, (const char *)name.ptr, name.len, &pos) ? (int64_t)pos : -1;
}

static witc_status check_core_instance_with(vstate *v, scope *s, const witc_cm_instance *in,
                                            witc_hash *h)
{
    v->off = in->offset;
    ty t;
    memset(&t, 0, sizeof t);
    t.kind = K_CORE_INSTANCE;
    t.size = 1;
    if (in->kind == 0) {
        if (in->target >= s->core_modules.len)
            return err(v, in->offset, "unknown module %u: module index out of bounds", in->target);
        const ty *m = T(v, s->core_modules.items[in->target]);
        for (uint32_t i = 0; i < in->n_args; i++) {
            if (!index_arg(v, h, in->args, i))
                return err(v, in->offset, "duplicate module instantiation argument named `%.*s`",
                           (int)in->args[i].name.len, (const char *)in->args[i].name.ptr);
            WITC_TRY(v->st);
            if (in->args[i].item.idx >= s->core_instances.len)
                return err(v, in->offset,
                           "unknown core instance %u: instance index out of "
                           "bounds",
                           in->args[i].item.idx);
        }
        for (uint32_t i = 0; i < m->n_cimports; i++) {
            const core_named *im = &m->cimports[i];
            const int64_t ap = arg_pos(h, im->module);
            const witc_cm_inst_arg *arg = ap < 0 ? NULL : &in->args[ap];
            if (!arg)
                return err(v, in->offset, "missing module instantiation argument named `%.*s`",
                           (int)im->module.len, (const char *)im->module.ptr);
            const core_named *ex =
                find_core_export(v, s->core_instances.items[arg->item.idx], im->name);
            if (!ex)
                return err(v, in->offset,
                           "module instantiation argument `%.*s` does not export "
                           "an item named `%.*s`",
                           (int)im->module.len, (const char *)im->module.ptr, (int)im->name.len,
                           (const char *)im->name.ptr);
            const char *why = core_ent_sub(v, &ex->e, &im->e);
            if (why)
                return err(v, in->offset,
                           "type mismatch for export `%.*s` of module "
                           "instantiation argument `%.*s`: %s",
                           (int)im->name.len, (const char *)im->name.ptr, (int)im->module.len,
                           (const char *)im->module.ptr, why);
        }
        t.n_cexports = m->n_cexports;
        t.cexports = m->cexports;
    } else {
        t.n_cexports = in->n_args;
        t.cexports = arena_n(v, in->n_args, sizeof *t.cexports);
        if (!t.cexports)
            return nomem(v);
        for (uint32_t i = 0; i < in->n_args; i++) {
            const witc_cm_inst_arg *a = &in->args[i];
            if (!index_arg(v, h, in->args, i))
                return err(v, in->offset, "export name `%.*s` already defined", (int)a->name.len,
                           (const char *)a->name.ptr);
            WITC_TRY(v->st);
            const uint32_t cs = a->item.sort - WITC_CM_SORT_CORE_BASE;
            const core_ent_vec *vec = cs == 0   ? &s->core_funcs
                                      : cs == 1 ? &s->core_tables
                                      : cs == 2 ? &s->core_mems
                                      : cs == 3 ? &s->core_globals
                                      : cs == 4 ? &s->core_tags
                                                : NULL;
            if (!vec)
                return err(v, in->offset, "only core items may be exported from core instances");
            if (a->item.idx >= vec->len)
                return err(v, in->offset, "unknown %s %u: %s index out of bounds",
                           core_kind_name((uint8_t)cs), a->item.idx, core_kind_name((uint8_t)cs));
            t.cexports[i].name = a->name;
            t.cexports[i].e = vec->items[a->item.idx];
        }
    }
    uint32_t id;
    WITC_TRY(add_type(v, &t, &id));
    PUSH(v, &s->core_instances, id);
    return check_instances(v, s);
}

/* ---------------------------------------------------------------------------------------- */
/* component instances */

static witc_status sortidx_ent(vstate *v, scope *s, witc_cm_sortidx it, ent *e)
{
    memset(e, 0, sizeof *e);
    switch (it.sort) {
    case WITC_CM_SORT_FUNC:
        e->kind = WITC_CM_EXT_FUNC;
        return func_at(v, s, it.idx, &e->id);
    case WITC_CM_SORT_VALUE:
        if (!v->f.values)
            return err(v, v->off, "support for component model `value`s is not enabled");
        e->kind = WITC_CM_EXT_VALUE;
        if (it.idx >= s->values.len)
            return err(v, v->off, "unknown value %u: value index out of bounds", it.idx);
        if (s->values.items[it.idx].used)
            return err(v, v->off, "cannot be used more than once");
        s->values.items[it.idx].used = true;
        e->val = s->values.items[it.idx].t;
        return WITC_OK;
    case WITC_CM_SORT_TYPE:
        e->kind = WITC_CM_EXT_TYPE;
        return type_at(v, s, it.idx, &e->id);
    case WITC_CM_SORT_COMPONENT:
        e->kind = WITC_CM_EXT_COMPONENT;
        if (it.idx >= s->components.len)
            return err(v, v->off, "unknown component %u: component index out of bounds", it.idx);
        e->id = s->components.items[it.idx];
        return WITC_OK;
    case WITC_CM_SORT_INSTANCE:
        e->kind = WITC_CM_EXT_INSTANCE;
        if (it.idx >= s->instances.len)
            return err(v, v->off, "unknown instance %u: instance index out of bounds", it.idx);
        e->id = s->instances.items[it.idx];
        return WITC_OK;
    case WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_MODULE:
        e->kind = WITC_CM_EXT_MODULE;
        if (it.idx >= s->core_modules.len)
            return err(v, v->off, "unknown module %u: module index out of bounds", it.idx);
        e->id = s->core_modules.items[it.idx];
        return WITC_OK;
    default:
        return err(v, v->off,
                   "only module, component and component-level items can be used "
                   "here");
    }
}

/* Types exported by an imported instance stand for the argument instance's types. */
static witc_status map_instance_ids(vstate *v, subst *sb, uint32_t expected, uint32_t actual,
                                    uint32_t depth)
{
    if (depth > 100 || expected == actual)
        return WITC_OK;
    const ty *e = T(v, expected);
    for (uint32_t i = 0; i < e->n_exports; i++) {
        const ent *x = &e->exports[i].e;
        if (x->kind != WITC_CM_EXT_TYPE && x->kind != WITC_CM_EXT_INSTANCE)
            continue;
        const named_ent *y = find_export(v, actual, e->exports[i].name);
        if (!y || y->e.kind != x->kind)
            continue;
        if (x->kind == WITC_CM_EXT_TYPE) {
            if (!u32map_put(v->ctx, &sb->ids, x->id, y->e.id))
                return nomem(v);
        } else {
            WITC_TRY(map_instance_ids(v, sb, x->id, y->e.id, depth + 1));
        }
        e = T(v, expected);
    }
    return WITC_OK;
}

static witc_status check_instance(vstate *v, scope *s, const witc_cm_instance *in)
{
    v->off = in->offset;
    ty t;
    memset(&t, 0, sizeof t);
    t.kind = K_INSTANCE;
    t.size = 1;
    if (in->kind == 0) {
        if (in->target >= s->components.len)
            return err(v, in->offset, "unknown component %u: component index out of bounds",
                       in->target);
        const uint32_t cid = s->components.items[in->target];
        ent *args = arena_n(v, in->n_args, sizeof *args);
        if (!args)
            return nomem(v);
        witc_hash h;
        witc_hash_init(&h, v->ctx);
        witc_status ast = WITC_OK;
        for (uint32_t i = 0; i < in->n_args && ast == WITC_OK; i++) {
            if (!index_arg(v, &h, in->args, i))
                ast = err(v, in->offset,
                          "instantiation argument `%.*s` conflicts with previous "
                          "argument",
                          (int)in->args[i].name.len, (const char *)in->args[i].name.ptr);
            else if (v->st != WITC_OK)
                ast = v->st;
            else
                ast = sortidx_ent(v, s, in->args[i].item, &args[i]);
        }
        if (ast != WITC_OK) {
            witc_hash_release(&h);
            return ast;
        }
        rmap m;
        memset(&m, 0, sizeof m);
        subst sb;
        memset(&sb, 0, sizeof sb);
        const ty *ct = T(v, cid);
        witc_status st = WITC_OK;
        for (uint32_t i = 0; i < ct->n_imported_res && st == WITC_OK; i++)
            if (!WITC_VEC_PUSH(v->ctx, &m.bindable, T(v, cid)->imported_res[i]))
                st = nomem(v);
        for (uint32_t i = 0; i < ct->n_imports && st == WITC_OK; i++) {
            ct = T(v, cid);
            const named_ent *im = &ct->imports[i];
            const int64_t ap = arg_pos(&h, im->name);
            const ent *arg = ap < 0 ? NULL : &args[ap];
            if (!arg) {
                st = err(v, in->offset, "missing import named `%.*s`", (int)im->name.len,
                         (const char *)im->name.ptr);
                break;
            }
            v->why = NULL;
            if (!ent_sub(v, &m, arg, &im->e, 0)) {
                st = err(v, in->offset,
                         "type mismatch for import `%.*s` (expected %s, found %s)%s%s%s%.*s%s",
                         (int)im->name.len, (const char *)im->name.ptr, ent_desc(im->e.kind),
                         ent_desc(arg->kind), v->why ? ": " : "", v->why ? v->why : "",
                         v->why_name.len ? " `" : "", (int)v->why_name.len,
                         v->why_name.len ? (const char *)v->why_name.ptr : "",
                         v->why_name.len ? "`" : "");
                break;
            }
            if (im->e.kind == WITC_CM_EXT_TYPE && !u32map_put(v->ctx, &sb.ids, im->e.id, arg->id))
                st = nomem(v);
            if (im->e.kind == WITC_CM_EXT_INSTANCE)
                st = map_instance_ids(v, &sb, im->e.id, arg->id, 0);
        }
        /* the instance's exports, with imports and resources substituted */
        for (size_t i = 0; i < m.from.len && st == WITC_OK; i++)
            if (!WITC_VEC_PUSH(v->ctx, &sb.from, m.from.items[i]) ||
                !WITC_VEC_PUSH(v->ctx, &sb.to, m.to.items[i]))
                st = nomem(v);
        ct = T(v, cid);
        for (uint32_t i = 0; i < ct->n_defined && st == WITC_OK; i++)
            if (!WITC_VEC_PUSH(v->ctx, &sb.from, T(v, cid)->defined[i]) ||
                !WITC_VEC_PUSH(v->ctx, &sb.to, v->next_res++))
                st = nomem(v);
        if (st == WITC_OK) {
            ct = T(v, cid);
            t.n_exports = ct->n_exports;
            t.exports = arena_n(v, ct->n_exports, sizeof *t.exports);
            if (!t.exports)
                st = nomem(v);
            else if (ct->n_exports)
                memcpy(t.exports, ct->exports, ct->n_exports * sizeof *t.exports);
            bool changed = false;
            for (uint32_t i = 0; i < t.n_exports && st == WITC_OK; i++)
                st = subst_ent(v, &sb, &t.exports[i].e, 0, &changed);
        }
        subst_free(v, &sb);
        WITC_VEC_FREE(v->ctx, &m.from);
        WITC_VEC_FREE(v->ctx, &m.to);
        WITC_VEC_FREE(v->ctx, &m.bindable);
        witc_hash_release(&h);
        WITC_TRY(st);
    } else {
        t.n_exports = in->n_args;
        t.exports = arena_n(v, in->n_args, sizeof *t.exports);
        if (!t.exports)
            return nomem(v);
        scope tmp; /* name uniqueness for the bag of exports */
        scope_init(v, &tmp, S_INSTANCE_TYPE, NULL);
        witc_status st = WITC_OK;
        for (uint32_t i = 0; i < in->n_args && st == WITC_OK; i++) {
            ent e;
            st = sortidx_ent(v, s, in->args[i].item, &e);
            if (st != WITC_OK)
                break;
            st = check_name(v, &tmp, &in->args[i].nameattrs, false, &e, in->offset);
            t.exports[i].name = in->args[i].name;
            t.exports[i].e = e;
        }
        scope_free(v, &tmp);
        WITC_TRY(st);
    }
    WITC_TRY(size_of_externs(v, &t));
    uint32_t id;
    WITC_TRY(add_type(v, &t, &id));
    PUSH(v, &s->instances, id);
    return check_instances(v, s);
}

/* ---------------------------------------------------------------------------------------- */
/* start, exports and the component itself */

static witc_status check_start(vstate *v, scope *s, const witc_cm_start *st)
{
    v->off = st->offset;
    if (!v->f.values)
        return err(v, st->offset, "support for component model `value`s is not enabled");
    if (s->has_start)
        return err(v, st->offset, "component cannot have more than one start function");
    s->has_start = true;
    uint32_t fid;
    WITC_TRY(func_at(v, s, st->func, &fid));
    const ty *f = T(v, fid);
    if (f->n != st->n_args)
        return err(v, st->offset,
                   "component start function requires %u arguments but was "
                   "given %u",
                   f->n, st->n_args);
    for (uint32_t i = 0; i < st->n_args; i++) {
        if (st->args[i] >= s->values.len)
            return err(v, st->offset, "unknown value %u: value index out of bounds", st->args[i]);
        value_slot *vs = &s->values.items[st->args[i]];
        if (vs->used)
            return err(v, st->offset, "cannot be used more than once");
        vs->used = true;
        if (!vt_eq(v, NULL, vs->t, f->fields[i].t, 0))
            return err(v, st->offset, "type mismatch for component start function argument %u", i);
    }
    if (st->n_results != (f->has_a ? 1u : 0u))
        return err(v, st->offset,
                   "component start function has a result count of %u but the "
                   "function type has a result count of %u",
                   st->n_results, f->has_a ? 1u : 0u);
    for (uint32_t i = 0; i < st->n_results; i++) {
        value_slot slot = {f->a, false};
        PUSH(v, &s->values, slot);
    }
    return WITC_OK;
}

static witc_status check_export(vstate *v, scope *s, const witc_cm_export *x)
{
    v->off = x->offset;
    ent e;
    WITC_TRY(sortidx_ent(v, s, x->item, &e));
    if (x->has_ascription) {
        ent asc;
        WITC_TRY(check_externtype(v, s, &x->ext, &asc));
        v->off = x->offset;
        if (asc.kind == WITC_CM_EXT_TYPE && x->ext.bound == 1)
            return err(v, x->offset, "type mismatch in export: a resource bound cannot ascribe");
        if (!ent_sub(v, NULL, &e, &asc, 0))
            return err(v, x->offset, "type mismatch in export `%.*s`", (int)x->name.name.len,
                       (const char *)x->name.name.ptr);
        if (asc.kind != WITC_CM_EXT_TYPE)
            e = asc;
    }
    WITC_TRY(add_export(v, s, &x->name, e, x->offset, true));
    /* the export adds an index to its sort's space */
    ent pushed = e;
    if (pushed.kind == WITC_CM_EXT_TYPE)
        pushed.id = s->exports.items[s->exports.len - 1].e.id;
    if (pushed.kind == WITC_CM_EXT_VALUE)
        return WITC_OK;
    return push_entity(v, s, &pushed);
}

static witc_status check_component(vstate *v, scope *parent, const witc_component *c,
                                   uint32_t *out_type);

static witc_status check_core_instance(vstate *v, scope *s, const witc_cm_instance *in)
{
    witc_hash h;
    witc_hash_init(&h, v->ctx);
    const witc_status st = check_core_instance_with(v, s, in, &h);
    witc_hash_release(&h);
    return st;
}

static witc_status check_section(vstate *v, scope *s, const witc_cm_section *sec)
{
    v->off = sec->offset;
    switch (sec->id) {
    case WITC_CSEC_CUSTOM:
        return WITC_OK;
    case WITC_CSEC_CORE_MODULE:
        return embed_module(v, s, sec);
    case WITC_CSEC_CORE_INSTANCE:
        for (uint32_t i = 0; i < sec->n; i++)
            WITC_TRY(check_core_instance(v, s, &sec->u.instances[i]));
        return WITC_OK;
    case WITC_CSEC_CORE_TYPE:
        for (uint32_t i = 0; i < sec->n; i++)
            WITC_TRY(check_core_type(v, s, &sec->u.core_types[i]));
        return WITC_OK;
    case WITC_CSEC_COMPONENT: {
        uint32_t id;
        WITC_TRY(check_component(v, s, sec->u.component, &id));
        PUSH(v, &s->components, id);
        return check_max(v, s->components.len, "components");
    }
    case WITC_CSEC_INSTANCE:
        for (uint32_t i = 0; i < sec->n; i++)
            WITC_TRY(check_instance(v, s, &sec->u.instances[i]));
        return WITC_OK;
    case WITC_CSEC_ALIAS:
        for (uint32_t i = 0; i < sec->n; i++) {
            const witc_cm_alias *a = &sec->u.aliases[i];
            if (a->target == 2 && a->sort != WITC_CM_SORT_TYPE &&
                a->sort != WITC_CM_SORT_COMPONENT &&
                a->sort != WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_TYPE &&
                a->sort != WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_MODULE)
                return err(v, a->offset,
                           "only outer aliases of types, modules and components "
                           "are allowed");
            WITC_TRY(check_alias(v, s, a));
        }
        return WITC_OK;
    case WITC_CSEC_TYPE:
        for (uint32_t i = 0; i < sec->n; i++) {
            uint32_t id;
            WITC_TRY(check_type(v, s, sec->u.types[i], &id));
            PUSH(v, &s->types, id);
        }
        return WITC_OK;
    case WITC_CSEC_CANON:
        for (uint32_t i = 0; i < sec->n; i++)
            WITC_TRY(witc_cmv_check_canon(v, s, &sec->u.canons[i]));
        return WITC_OK;
    case WITC_CSEC_START:
        return check_start(v, s, &sec->start);
    case WITC_CSEC_IMPORT:
        for (uint32_t i = 0; i < sec->n; i++) {
            const witc_cm_import *im = &sec->u.imports[i];
            WITC_TRY(add_import(v, s, &im->name, &im->ext, im->offset));
        }
        return WITC_OK;
    case WITC_CSEC_EXPORT:
        for (uint32_t i = 0; i < sec->n; i++)
            WITC_TRY(check_export(v, s, &sec->u.exports[i]));
        return WITC_OK;
    default:
        return err(v, sec->offset, "unknown section");
    }
}

static witc_status check_component(vstate *v, scope *parent, const witc_component *c,
                                   uint32_t *out_type)
{
    scope s;
    scope_init(v, &s, S_COMPONENT, parent);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < c->n_sections && st == WITC_OK; i++)
        st = check_section(v, &s, &c->sections[i]);
    if (st == WITC_OK) {
        for (size_t i = 0; i < s.values.len; i++)
            if (!s.values.items[i].used) {
                st = err(v, c->offset,
                         "value index %zu was not used as part of an "
                         "instantiation, start function, or export",
                         i);
                break;
            }
    }
    if (st == WITC_OK && out_type) {
        ty t;
        memset(&t, 0, sizeof t);
        t.kind = K_COMPONENT;
        t.size = 1;
        t.n_imports = (uint32_t)s.imports.len;
        t.n_exports = (uint32_t)s.exports.len;
        t.imports = arena_n(v, s.imports.len, sizeof *t.imports);
        t.exports = arena_n(v, s.exports.len, sizeof *t.exports);
        t.n_imported_res = (uint32_t)s.imported_res.len;
        t.imported_res = arena_n(v, s.imported_res.len, sizeof *t.imported_res);
        /* resources defined here and exported are fresh per instantiation */
        u32_vec defined = {0};
        for (size_t i = 0; i < s.exports.len && st == WITC_OK; i++) {
            const ent *e = &s.exports.items[i].e;
            if (e->kind == WITC_CM_EXT_TYPE && T(v, e->id)->kind == K_RESOURCE &&
                res_is_local(&s, T(v, e->id)->res, NULL) && !u32_has(&defined, T(v, e->id)->res) &&
                !WITC_VEC_PUSH(v->ctx, &defined, T(v, e->id)->res))
                st = nomem(v);
        }
        t.n_defined = (uint32_t)defined.len;
        t.defined = arena_n(v, defined.len, sizeof *t.defined);
        if (!t.imports || !t.exports || !t.imported_res || !t.defined) {
            st = nomem(v);
        } else if (st == WITC_OK) {
            if (s.imports.len)
                memcpy(t.imports, s.imports.items, s.imports.len * sizeof *t.imports);
            if (s.exports.len)
                memcpy(t.exports, s.exports.items, s.exports.len * sizeof *t.exports);
            if (s.imported_res.len)
                memcpy(t.imported_res, s.imported_res.items,
                       s.imported_res.len * sizeof *t.imported_res);
            if (defined.len)
                memcpy(t.defined, defined.items, defined.len * sizeof *t.defined);
            st = size_of_externs(v, &t);
            if (st == WITC_OK)
                st = add_type(v, &t, out_type);
        }
        WITC_VEC_FREE(v->ctx, &defined);
    }
    scope_free(v, &s);
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* entry point */

static void features_from(const witc_wasm_features *w, cm_features *f)
{
    memset(f, 0, sizeof *f);
    f->async = w->cm_async;
    f->async_builtins = w->cm_more_async_builtins;
    f->async_stackful = w->cm_async_stackful;
    f->more_async_builtins = w->cm_more_async_builtins;
    f->threading = w->cm_threading;
    f->error_context = w->cm_error_context;
    f->fixed_length_lists = w->cm_fixed_length_lists;
    f->map = w->cm_map;
    f->implements = w->cm_implements;
    f->values = w->cm_values;
    f->nested_names = w->cm_nested_names;
    f->gc = w->cm_gc;
    f->cm64 = w->cm64;
    f->canon_names = w->cm_canon_names;
    f->shared_everything_threads = w->shared_everything_threads;
    f->core_gc = w->gc;
}

witc_status witc_component_validate(witc_ctx *ctx, const witc_wasm_features *features,
                                    const uint8_t *bytes, size_t len, const char *file)
{
    vstate v;
    memset(&v, 0, sizeof v);
    v.ctx = ctx;
    v.file = file;
    v.core_features = features;
    witc_wasm_features defaults;
    if (!features) {
        witc_wasm_features_default(&defaults);
        features = &defaults;
    }
    v.core_features = features;
    features_from(features, &v.f);
    if (!features->component_model) {
        witc_diag_error_at(witc_ctx_diags(ctx), file, 4,
                           "unknown binary version and encoding combination: 0xd and 0x1, note: "
                           "encoded as a component but the WebAssembly component model feature "
                           "is not enabled");
        return WITC_E_INVALID;
    }
    witc_arena_init(&v.arena, ctx);
    witc_component *c = NULL;
    witc_status st = witc_cm_decode(ctx, &v.arena, bytes, len, file, 0, 0, &c);
    if (st == WITC_OK) {
        uint32_t id;
        st = check_component(&v, NULL, c, &id);
    }
    for (size_t i = 0; i < v.indexes.len; i++) {
        witc_hash_release(v.indexes.items[i]);
        witc_ctx_dealloc(ctx, v.indexes.items[i]);
    }
    WITC_VEC_FREE(ctx, &v.indexes);
    WITC_VEC_FREE(ctx, &v.store);
    witc_arena_release(&v.arena);
    return st;
}

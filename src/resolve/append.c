/* SPDX-License-Identifier: Apache-2.0 */
/* Phase 2 of resolving (wit-parser resolve/mod.rs `Remap::append`, resolve/clone.rs): an
 * unresolved package is copied into the graph. Foreign placeholders are bound to packages
 * already in the graph; items whose `@unstable` feature is off are dropped (and any use of
 * them is an error); references to resources become `own<T>` handles; worlds get their
 * `include`s merged and are elaborated so every interface they need is imported.
 *
 * wit-parser walks interface dependencies recursively; here every walk uses an explicit stack
 * and every "has this type a borrow" question is memoized over the (backwards-pointing) type
 * arena, so long `use` chains cost linear time and no native stack. */
#include <string.h>

#include "resolve/internal.h"

/* ---- a small u32 -> u32 hash map (cloner maps, sets) ---- */

typedef struct u32map {
    uint32_t *keys; /* NONE_ID = empty */
    uint32_t *vals;
    uint32_t cap, count;
} u32map;

static bool u32map_get(const u32map *m, uint32_t key, uint32_t *out)
{
    if (!m->cap)
        return false;
    uint32_t i = (key * 2654435761u) & (m->cap - 1);
    for (;;) {
        if (m->keys[i] == NONE_ID)
            return false;
        if (m->keys[i] == key) {
            if (out)
                *out = m->vals[i];
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
}

static bool u32map_put(witc_ctx *ctx, u32map *m, uint32_t key, uint32_t val)
{
    if ((m->count + 1) * 2 > m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 16;
        uint32_t *keys = witc_ctx_alloc(ctx, (size_t)cap * sizeof *keys);
        uint32_t *vals = witc_ctx_alloc(ctx, (size_t)cap * sizeof *vals);
        if (!keys || !vals || cap == 0) {
            witc_ctx_dealloc(ctx, keys);
            witc_ctx_dealloc(ctx, vals);
            return false;
        }
        memset(keys, 0xff, (size_t)cap * sizeof *keys);
        for (uint32_t i = 0; i < m->cap; i++) {
            if (m->keys[i] == NONE_ID)
                continue;
            uint32_t j = (m->keys[i] * 2654435761u) & (cap - 1);
            while (keys[j] != NONE_ID)
                j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        witc_ctx_dealloc(ctx, m->keys);
        witc_ctx_dealloc(ctx, m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    uint32_t i = (key * 2654435761u) & (m->cap - 1);
    while (m->keys[i] != NONE_ID && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (m->keys[i] == NONE_ID)
        m->count++;
    m->keys[i] = key;
    m->vals[i] = val;
    return true;
}

static void u32map_free(witc_ctx *ctx, u32map *m)
{
    witc_ctx_dealloc(ctx, m->keys);
    witc_ctx_dealloc(ctx, m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- state of one append ---- */

typedef struct remap {
    witc_ctx *ctx;
    witc_graph *g;
    upkg *p;
    uint32_t pkg;
    uint32_t *types, *ifaces, *worlds; /* local -> global, NONE_ID when gated out */
    u32map own_handles;                /* referenced resource -> its `own<T>` */
    uint32_t *required;                /* per interface: stamp of the elaboration using it */
    uint32_t required_cap, stamp;
} remap;

static witc_status nomem(remap *m)
{
    return g_nomem(m->ctx);
}

static bool stab_is_unknown(const witc_stability *s)
{
    return s->kind == WITC_STABILITY_UNKNOWN;
}

static const pkg_name *pkg_name_of(remap *m, uint32_t pkg)
{
    return &m->g->pkg_names.items[pkg];
}

/* include_stability */
static witc_status include_stability(remap *m, const witc_stability *s, witc_span span, bool *out)
{
    *out = true;
    switch (s->kind) {
    case WITC_STABILITY_UNKNOWN:
        return WITC_OK;
    case WITC_STABILITY_STABLE: {
        const pkg_name *pn = pkg_name_of(m, m->pkg);
        if (!pn->has_version)
            return rerr(m->ctx, span,
                        "package [%.*s] contains a feature gate with a version specifier, so it "
                        "must have a version",
                        (int)pn->full.len, pn->full.ptr);
        if (semver_cmp(s->since, pn->version) > 0)
            return rerr(m->ctx, span,
                        "feature gate cannot reference unreleased version %.*s of package "
                        "[%.*s] (current version %.*s)",
                        (int)s->since.len, s->since.ptr, (int)pn->full.len, pn->full.ptr,
                        (int)pn->version.len, pn->version.ptr);
        return WITC_OK;
    }
    case WITC_STABILITY_UNSTABLE: {
        const witc_wit_options *o = m->g->opts;
        *out = false;
        if (!o)
            return WITC_OK;
        if (o->all_features) {
            *out = true;
            return WITC_OK;
        }
        for (size_t i = 0; i < o->n_features; i++)
            if (witc_str_eq(o->features[i], s->feature))
                *out = true;
        return WITC_OK;
    }
    }
    return WITC_OK;
}

static witc_status apply_map(remap *m, const uint32_t *map, uint32_t id, const char *desc,
                             const char *suffix, witc_span span, uint32_t *out)
{
    if (map[id] == NONE_ID)
        return rerr(m->ctx, span,
                    "found a reference to a %s which is excluded due to its feature not being "
                    "activated%s",
                    desc, suffix);
    *out = map[id];
    return WITC_OK;
}

static witc_status map_type(remap *m, uint32_t id, witc_span span, uint32_t *out)
{
    return apply_map(m, m->types, id, "type", "", span, out);
}

static witc_status map_iface(remap *m, uint32_t id, witc_span span, uint32_t *out)
{
    return apply_map(m, m->ifaces, id, "interface", "", span, out);
}

static witc_status map_world(remap *m, uint32_t id, witc_span span, uint32_t *out)
{
    return apply_map(m, m->worlds, id, "world", "", span, out);
}

/* ---- types ---- */

static witc_status own_handle(remap *m, uint32_t resource, uint32_t *out)
{
    if (u32map_get(&m->own_handles, resource, out))
        return WITC_OK;
    witc_typedef t;
    memset(&t, 0, sizeof t);
    t.kind = WITC_TYPEDEF_OWN;
    t.resource.i = resource;
    t.target.id.i = NONE_ID;
    t.owner = (witc_type_owner){WITC_OWNER_NONE, NONE_ID};
    t.span = SPAN_NONE;
    WITC_TRY(g_add_type(m->g, &t, out));
    if (!u32map_put(m->ctx, &m->own_handles, resource, *out))
        return nomem(m);
    return WITC_OK;
}

/* update_ty: map the id; a reference to a resource becomes `own<resource>`. */
static witc_status update_ty(remap *m, witc_type_ref *ref, witc_span span)
{
    if (ref->prim != WITC_PRIM_ID)
        return WITC_OK;
    WITC_TRY(map_type(m, ref->id.i, span, &ref->id.i));
    uint32_t root = m->g->type_root.items[ref->id.i];
    if (m->g->types.items[root].kind == WITC_TYPEDEF_RESOURCE)
        WITC_TRY(own_handle(m, ref->id.i, &ref->id.i));
    return WITC_OK;
}

static witc_status update_typedef(remap *m, witc_typedef *t, witc_span span)
{
    switch (t->kind) {
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        return map_type(m, t->resource.i, span, &t->resource.i);
    case WITC_TYPEDEF_RECORD:
        for (uint32_t i = 0; i < t->n_fields; i++)
            WITC_TRY(update_ty(m, &t->fields[i].type, t->fields[i].span));
        return WITC_OK;
    case WITC_TYPEDEF_TUPLE:
        for (uint32_t i = 0; i < t->n_types; i++)
            WITC_TRY(update_ty(m, &t->types[i], span));
        return WITC_OK;
    case WITC_TYPEDEF_VARIANT:
        for (uint32_t i = 0; i < t->n_fields; i++)
            if (t->fields[i].has_type)
                WITC_TRY(update_ty(m, &t->fields[i].type, span));
        return WITC_OK;
    case WITC_TYPEDEF_OPTION:
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FIXED_LIST:
        return update_ty(m, &t->elem, span);
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        return t->has_elem ? update_ty(m, &t->elem, span) : WITC_OK;
    case WITC_TYPEDEF_MAP:
        WITC_TRY(update_ty(m, &t->key, span));
        return update_ty(m, &t->elem, span);
    case WITC_TYPEDEF_RESULT:
        if (t->has_ok)
            WITC_TRY(update_ty(m, &t->ok, span));
        if (t->has_err)
            WITC_TRY(update_ty(m, &t->err, span));
        return WITC_OK;
    case WITC_TYPEDEF_ALIAS:
        /* `type a = r` keeps naming the resource itself (no `own` here). */
        if (t->target.prim == WITC_PRIM_ID)
            return map_type(m, t->target.id.i, span, &t->target.id.i);
        return WITC_OK;
    default:
        return WITC_OK;
    }
}

/* type_has_borrow, memoized per type; types only point to lower ids, so filling the memo in
 * id order needs no recursion. */
static witc_status has_borrow(remap *m, witc_type_ref ref, bool *out)
{
    *out = false;
    if (ref.prim != WITC_PRIM_ID)
        return WITC_OK;
    witc_graph *g = m->g;
    while (g->types.len > g->has_borrow.len) {
        size_t i = g->has_borrow.len;
        const witc_typedef *t = &g->types.items[i];
        const uint8_t *hb = g->has_borrow.items;
#define HB(r) ((r).prim == WITC_PRIM_ID && (r).id.i < i && hb[(r).id.i] == 2)
        bool yes = false;
        switch (t->kind) {
        case WITC_TYPEDEF_ALIAS:
            yes = HB(t->target);
            break;
        case WITC_TYPEDEF_VARIANT:
        case WITC_TYPEDEF_RECORD:
            for (uint32_t k = 0; k < t->n_fields && !yes; k++)
                yes = t->fields[k].has_type && HB(t->fields[k].type);
            break;
        case WITC_TYPEDEF_BORROW:
            yes = true;
            break;
        case WITC_TYPEDEF_TUPLE:
            for (uint32_t k = 0; k < t->n_types && !yes; k++)
                yes = HB(t->types[k]);
            break;
        case WITC_TYPEDEF_LIST:
        case WITC_TYPEDEF_FIXED_LIST:
        case WITC_TYPEDEF_OPTION:
            yes = HB(t->elem);
            break;
        case WITC_TYPEDEF_FUTURE:
        case WITC_TYPEDEF_STREAM:
            yes = t->has_elem && HB(t->elem);
            break;
        case WITC_TYPEDEF_MAP:
            yes = HB(t->key) || HB(t->elem);
            break;
        case WITC_TYPEDEF_RESULT:
            yes = (t->has_ok && HB(t->ok)) || (t->has_err && HB(t->err));
            break;
        default:
            break;
        }
#undef HB
        uint8_t v = yes ? 2 : 1;
        if (!WITC_VEC_PUSH(m->ctx, &g->has_borrow, v))
            return nomem(m);
    }
    *out = ref.id.i < g->has_borrow.len && g->has_borrow.items[ref.id.i] == 2;
    return WITC_OK;
}

static witc_status update_function(remap *m, witc_function *f, witc_span span)
{
    if (f->kind != WITC_FUNC_FREESTANDING)
        WITC_TRY(map_type(m, f->resource.i, span, &f->resource.i));
    for (uint32_t i = 0; i < f->n_params; i++)
        WITC_TRY(update_ty(m, &f->params[i].type, span));
    if (f->has_result) {
        WITC_TRY(update_ty(m, &f->result, span));
        bool hb;
        WITC_TRY(has_borrow(m, f->result, &hb));
        if (hb)
            return rerr(m->ctx, span,
                        "function `%.*s` returns a type which contains a `borrow<T>` which is "
                        "not supported",
                        (int)f->name.len, f->name.ptr);
    }
    return WITC_OK;
}

/* ---- foreign dependencies ---- */

static witc_status package_not_found(remap *m, const pkg_name *requested, witc_span span)
{
    witc_buf b;
    witc_buf_init(&b, m->ctx);
    witc_buf_printf(&b, "package '%.*s' not found", (int)requested->full.len, requested->full.ptr);
    if (m->g->pkg_index.v.len > 0) {
        witc_buf_printf(&b, ". known packages:");
        for (size_t i = 0; i < m->g->pkg_index.v.len; i++) {
            witc_str k = m->g->pkg_index.v.items[i].key;
            witc_buf_printf(&b, "\n    %.*s", (int)k.len, k.ptr);
        }
    }
    const char *msg = witc_buf_cstr(&b);
    witc_status st = msg ? rerr(m->ctx, span, "%s", msg) : nomem(m);
    witc_buf_release(&b);
    return st;
}

static witc_status process_foreign(remap *m)
{
    upkg *p = m->p;
    witc_graph *g = m->g;
    /* Local placeholder id -> its (package, item), for interfaces and for worlds. */
    witc_status st = WITC_OK;
    const foreign_item **src[2] = {
        witc_ctx_alloc(m->ctx, (p->ifaces.len + 1) * sizeof(const foreign_item *)),
        witc_ctx_alloc(m->ctx, (p->worlds.len + 1) * sizeof(const foreign_item *))};
    const foreign_pkg **src_pkg[2] = {
        witc_ctx_alloc(m->ctx, (p->ifaces.len + 1) * sizeof(const foreign_pkg *)),
        witc_ctx_alloc(m->ctx, (p->worlds.len + 1) * sizeof(const foreign_pkg *))};
    if (!src[0] || !src[1] || !src_pkg[0] || !src_pkg[1]) {
        st = nomem(m);
        goto done;
    }
    memset(src[0], 0, (p->ifaces.len + 1) * sizeof(const foreign_item *));
    memset(src[1], 0, (p->worlds.len + 1) * sizeof(const foreign_item *));
    for (size_t fi = 0; fi < p->foreign.len; fi++) {
        const foreign_pkg *fp = &p->foreign.items[fi];
        for (size_t k = 0; k < fp->items.len; k++) {
            const foreign_item *x = &fp->items.items[k];
            int which = x->item.kind == ITEM_IFACE ? 0 : 1;
            src[which][x->item.id] = x;
            src_pkg[which][x->item.id] = fp;
        }
    }
    /* Interfaces first (all of them, in local order), then worlds, as wit-parser. */
    for (int pass = 0; pass < 2 && st == WITC_OK; pass++) {
        size_t n_local = pass == 0 ? p->ifaces.len : p->worlds.len;
        for (size_t local = 0; local < n_local; local++) {
            const foreign_pkg *fp = src_pkg[pass][local];
            const foreign_item *fit = src[pass][local];
            if (!fit)
                break;
            uint32_t pkgid;
            if (!omap_get(&g->pkg_index, fp->name.full, &pkgid)) {
                st = package_not_found(m, &fp->name, fp->span);
                break;
            }
            witc_span item_span =
                pass == 0 ? p->ifaces.items[local].i.span : p->worlds.items[local].w.span;
            bool enabled = false;
            for (size_t s = 0; s < fit->stabs.len && !enabled && st == WITC_OK; s++)
                st = include_stability(m, &fit->stabs.items[s], item_span, &enabled);
            if (st)
                break;
            uint32_t *map = pass == 0 ? m->ifaces : m->worlds;
            if (!enabled) {
                map[local] = NONE_ID;
                continue;
            }
            const g_pkg *gp = &g->b_pkgs.items[pkgid];
            uint32_t id;
            if (!omap_get(pass == 0 ? &gp->ifaces : &gp->worlds, fit->name, &id)) {
                const pkg_name *pn = &g->pkg_names.items[pkgid];
                st = rerr(m->ctx, item_span, "%s '%.*s' not found in package '%.*s'",
                          pass == 0 ? "interface" : "world", (int)fit->name.len, fit->name.ptr,
                          (int)pn->full.len, pn->full.ptr);
                break;
            }
            map[local] = id;
        }
    }
done:
    for (int i = 0; i < 2; i++) {
        witc_ctx_dealloc(m->ctx, src[i]);
        witc_ctx_dealloc(m->ctx, src_pkg[i]);
    }
    WITC_TRY(st);

    /* Placeholder types for names used from foreign interfaces. */
    for (size_t local = 0; local < p->types.len; local++) {
        const witc_typedef *t = &p->types.items[local];
        if (t->kind != WITC_TYPEDEF_UNKNOWN)
            break;
        bool inc;
        WITC_TRY(include_stability(m, &t->stability, t->span, &inc));
        if (!inc) {
            m->types[local] = NONE_ID;
            continue;
        }
        uint32_t iface = 0;
        WITC_TRY(map_iface(m, t->owner.id, SPAN_NONE, &iface));
        uint32_t id;
        if (!omap_get(&g->b_ifaces.items[iface].types, t->name, &id))
            return rerr(m->ctx, p->unknown_spans.items[local],
                        "type `%.*s` not defined in interface", (int)t->name.len, t->name.ptr);
        m->types[local] = id;
    }

    for (size_t i = 0; i < p->required_res.len; i++) {
        uint32_t local = p->required_res.items[i];
        if (m->types[local] == NONE_ID)
            continue;
        uint32_t root = g->type_root.items[m->types[local]];
        if (g->types.items[root].kind != WITC_TYPEDEF_RESOURCE)
            return rerr(m->ctx, p->required_res_span.items[i],
                        "type used in a handle must be a resource");
    }
    return WITC_OK;
}

/* ---- interfaces and worlds ---- */

static witc_status add_interface(remap *m, const witc_interface *iface, g_iface *b, uint32_t *out)
{
    witc_graph *g = m->g;
    if (g->ifaces.len >= 0x7ffffff0u || !WITC_VEC_PUSH(m->ctx, &g->ifaces, *iface) ||
        !WITC_VEC_PUSH(m->ctx, &g->b_ifaces, *b))
        return nomem(m);
    *out = (uint32_t)g->ifaces.len - 1;
    return WITC_OK;
}

static witc_status update_interface(remap *m, u_iface *ui, g_iface *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ui->types.v.len; i++) {
        uint32_t local = ui->types.v.items[i].value;
        if (m->types[local] == NONE_ID)
            continue;
        WITC_TRY(omap_put(m->ctx, &out->types, ui->types.v.items[i].key, m->types[local], NULL));
    }
    for (size_t i = 0; i < ui->funcs.len; i++) {
        witc_function *f = &ui->funcs.items[i];
        bool inc;
        WITC_TRY(include_stability(m, &f->stability, f->span, &inc));
        if (!inc)
            continue;
        WITC_TRY(update_function(m, f, f->span));
        if (!WITC_VEC_PUSH(m->ctx, &out->funcs, *f))
            return nomem(m);
    }
    return WITC_OK;
}

static witc_status update_world_items(remap *m, wmap *from, wmap *to)
{
    for (size_t i = 0; i < from->v.len; i++) {
        witc_world_item item = from->v.items[i];
        witc_span span = item.span;
        if (item.kind == WITC_WORLD_ITEM_TYPE)
            WITC_TRY(map_type(m, item.type.i, span, &item.type.i));
        const witc_stability *s = item.kind == WITC_WORLD_ITEM_INTERFACE ? &item.stability
                                  : item.kind == WITC_WORLD_ITEM_FUNCTION
                                      ? &item.func.stability
                                      : &m->g->types.items[item.type.i].stability;
        bool inc;
        WITC_TRY(include_stability(m, s, span, &inc));
        if (!inc)
            continue;
        if (item.kind == WITC_WORLD_ITEM_INTERFACE)
            WITC_TRY(map_iface(m, item.interface.i, span, &item.interface.i));
        else if (item.kind == WITC_WORLD_ITEM_FUNCTION)
            WITC_TRY(update_function(m, &item.func, span));
        bool existed;
        WITC_TRY(wmap_insert(m->ctx, &m->g->arena, to, &item, &existed));
    }
    return WITC_OK;
}

/* ---- the cloner (resolve/clone.rs), for `include` ---- */

typedef struct cloner {
    remap *m;
    u32map *types;  /* old type -> clone */
    u32map *ifaces; /* old interface -> clone */
    witc_type_owner prev_owner, new_owner;
} cloner;

static bool owner_eq(witc_type_owner a, witc_type_owner b)
{
    return a.kind == b.kind && (a.kind == WITC_OWNER_NONE || a.id == b.id);
}

static witc_status clone_type_id(cloner *c, uint32_t *id, uint32_t depth);

static witc_status clone_ty(cloner *c, witc_type_ref *r, uint32_t depth)
{
    if (r->prim != WITC_PRIM_ID)
        return WITC_OK;
    return clone_type_id(c, &r->id.i, depth);
}

static witc_status clone_type_def(cloner *c, witc_typedef *t, uint32_t depth)
{
    witc_graph *g = c->m->g;
    if (t->owner.kind != WITC_OWNER_NONE)
        t->owner = c->new_owner;
    switch (t->kind) {
    case WITC_TYPEDEF_ALIAS:
        if (t->target.prim == WITC_PRIM_ID) {
            uint32_t target = t->target.id.i;
            if (owner_eq(g->types.items[target].owner, c->prev_owner))
                return clone_type_id(c, &t->target.id.i, depth);
            uint32_t mapped;
            if (u32map_get(c->types, target, &mapped))
                t->target.id.i = mapped;
        }
        return WITC_OK;
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        return clone_type_id(c, &t->resource.i, depth);
    case WITC_TYPEDEF_OPTION:
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FIXED_LIST:
        return clone_ty(c, &t->elem, depth);
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        return t->has_elem ? clone_ty(c, &t->elem, depth) : WITC_OK;
    case WITC_TYPEDEF_MAP:
        WITC_TRY(clone_ty(c, &t->key, depth));
        return clone_ty(c, &t->elem, depth);
    case WITC_TYPEDEF_TUPLE: {
        if (t->n_types) {
            witc_type_ref *types = WITC_ARENA_NEW_ARRAY(&g->arena, witc_type_ref, t->n_types);
            if (!types)
                return nomem(c->m);
            memcpy(types, t->types, t->n_types * sizeof *types);
            t->types = types;
        }
        for (uint32_t i = 0; i < t->n_types; i++)
            WITC_TRY(clone_ty(c, &t->types[i], depth));
        return WITC_OK;
    }
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_VARIANT: {
        if (t->n_fields) {
            witc_field *fields = WITC_ARENA_NEW_ARRAY(&g->arena, witc_field, t->n_fields);
            if (!fields)
                return nomem(c->m);
            memcpy(fields, t->fields, t->n_fields * sizeof *fields);
            t->fields = fields;
        }
        for (uint32_t i = 0; i < t->n_fields; i++)
            if (t->fields[i].has_type)
                WITC_TRY(clone_ty(c, &t->fields[i].type, depth));
        return WITC_OK;
    }
    case WITC_TYPEDEF_RESULT:
        if (t->has_ok)
            WITC_TRY(clone_ty(c, &t->ok, depth));
        if (t->has_err)
            WITC_TRY(clone_ty(c, &t->err, depth));
        return WITC_OK;
    default:
        return WITC_OK;
    }
}

static witc_status clone_type_id(cloner *c, uint32_t *id, uint32_t depth)
{
    uint32_t mapped;
    if (u32map_get(c->types, *id, &mapped)) {
        *id = mapped;
        return WITC_OK;
    }
    if (depth > 4 * witc_ctx_limits(c->m->ctx)->wit_type_depth + 64) {
        witc_diag_error(witc_ctx_diags(c->m->ctx), c->m->g->types.items[*id].span,
                        "type nesting too deep");
        return WITC_E_LIMIT;
    }
    witc_typedef t = c->m->g->types.items[*id];
    WITC_TRY(clone_type_def(c, &t, depth + 1));
    uint32_t new_id;
    WITC_TRY(g_add_type(c->m->g, &t, &new_id));
    if (!u32map_put(c->m->ctx, c->types, *id, new_id))
        return nomem(c->m);
    *id = new_id;
    return WITC_OK;
}

static witc_status clone_function(cloner *c, witc_function *f)
{
    if (f->kind != WITC_FUNC_FREESTANDING)
        WITC_TRY(clone_type_id(c, &f->resource.i, 0));
    if (f->n_params) {
        witc_param *params = WITC_ARENA_NEW_ARRAY(&c->m->g->arena, witc_param, f->n_params);
        if (!params)
            return nomem(c->m);
        memcpy(params, f->params, f->n_params * sizeof *params);
        f->params = params;
    }
    for (uint32_t i = 0; i < f->n_params; i++)
        WITC_TRY(clone_ty(c, &f->params[i].type, 0));
    if (f->has_result)
        WITC_TRY(clone_ty(c, &f->result, 0));
    return WITC_OK;
}

static witc_status clone_interface(cloner *c, uint32_t *id)
{
    remap *m = c->m;
    witc_graph *g = m->g;
    uint32_t old = *id;
    uint32_t next = (uint32_t)g->ifaces.len;
    cloner inner = {
        m, c->types, c->ifaces, {WITC_OWNER_INTERFACE, old}, {WITC_OWNER_INTERFACE, next}};
    witc_interface iface = g->ifaces.items[old];
    g_iface b;
    memset(&b, 0, sizeof b);
    witc_status st = WITC_OK;
    const g_iface *ob = &g->b_ifaces.items[old];
    for (size_t i = 0; i < ob->types.v.len && st == WITC_OK; i++) {
        uint32_t t = g->b_ifaces.items[old].types.v.items[i].value;
        witc_str key = g->b_ifaces.items[old].types.v.items[i].key;
        if ((st = clone_type_id(&inner, &t, 0)) == WITC_OK)
            st = omap_put(m->ctx, &b.types, key, t, NULL);
    }
    for (size_t i = 0; i < g->b_ifaces.items[old].funcs.len && st == WITC_OK; i++) {
        witc_function f = g->b_ifaces.items[old].funcs.items[i];
        if ((st = clone_function(&inner, &f)) == WITC_OK && !WITC_VEC_PUSH(m->ctx, &b.funcs, f))
            st = nomem(m);
    }
    if (st == WITC_OK) {
        iface.package.i = m->pkg;
        iface.has_clone_of = true;
        iface.clone_of.i = old;
        st = add_interface(m, &iface, &b, id);
    }
    if (st != WITC_OK) {
        omap_free(m->ctx, &b.types);
        WITC_VEC_FREE(m->ctx, &b.funcs);
        return st;
    }
    if (!u32map_put(m->ctx, c->ifaces, old, *id))
        return nomem(m);
    return WITC_OK;
}

static witc_status clone_world_item(cloner *c, witc_world_item *item)
{
    switch (item->kind) {
    case WITC_WORLD_ITEM_TYPE:
        return clone_type_id(c, &item->type.i, 0);
    case WITC_WORLD_ITEM_FUNCTION:
        return clone_function(c, &item->func);
    case WITC_WORLD_ITEM_INTERFACE:
        if (c->m->g->ifaces.items[item->interface.i].has_name)
            return WITC_OK;
        return clone_interface(c, &item->interface.i);
    }
    return WITC_OK;
}

/* ---- include ---- */

/* wit-parser `rename`: `name` itself, or the resource part of `[kind]res.rest`/`[kind]res`. */
static witc_str rename_base(witc_str original, bool *is_whole)
{
    *is_whole = true;
    const char *close = original.len ? memchr(original.ptr, ']', original.len) : NULL;
    if (!close)
        return original;
    *is_whole = false;
    const char *rest = close + 1;
    size_t rest_len = original.len - (size_t)(rest - original.ptr);
    const char *dot = rest_len ? memchr(rest, '.', rest_len) : NULL;
    return (witc_str){rest, dot ? (size_t)(dot - rest) : rest_len};
}

/* The renamed key, or `original` when no `with` name applies; *out_match is whether one did. */
static witc_status apply_rename(remap *m, const omap *with, const world_include *inc,
                                witc_str original, witc_str *out, bool *out_match)
{
    *out = original;
    *out_match = false;
    uint32_t a = NONE_ID, b = NONE_ID;
    (void)omap_get(with, original, &a);
    bool whole;
    witc_str base = rename_base(original, &whole);
    if (!whole)
        (void)omap_get(with, base, &b);
    uint32_t pick = a < b ? a : b;
    if (pick == NONE_ID)
        return WITC_OK;
    *out_match = true;
    witc_str as = inc->names[pick].as.name;
    if (pick == a) {
        *out = g_str(m->g, as);
        return WITC_OK;
    }
    /* "[kind]as" + whatever followed the resource name. */
    size_t kind_len = (size_t)(base.ptr - original.ptr);
    size_t tail_len = original.len - kind_len - base.len;
    char *s = witc_arena_alloc(&m->g->arena, kind_len + as.len + tail_len + 1);
    if (!s)
        return nomem(m);
    memcpy(s, original.ptr, kind_len);
    memcpy(s + kind_len, as.ptr, as.len);
    memcpy(s + kind_len + as.len, base.ptr + base.len, tail_len);
    *out = (witc_str){s, kind_len + as.len + tail_len};
    return WITC_OK;
}

static witc_status stability_mismatch(remap *m, const witc_stability *from,
                                      const witc_stability *into, witc_span span)
{
    char buf[2][256];
    const witc_stability *s[2] = {from, into};
    for (int i = 0; i < 2; i++) {
        const witc_stability *x = s[i];
        char dep[96] = "None";
        if (x->has_deprecated)
            snprintf(dep, sizeof dep, "Some(%.*s)", (int)x->deprecated.len, x->deprecated.ptr);
        if (x->kind == WITC_STABILITY_STABLE)
            snprintf(buf[i], sizeof buf[i], "Stable { since: %.*s, deprecated: %s }",
                     (int)x->since.len, x->since.ptr, dep);
        else if (x->kind == WITC_STABILITY_UNSTABLE)
            snprintf(buf[i], sizeof buf[i], "Unstable { feature: \"%.*s\", deprecated: %s }",
                     (int)x->feature.len, x->feature.ptr, dep);
        else
            snprintf(buf[i], sizeof buf[i], "Unknown");
    }
    return rerr(m->ctx, span, "mismatch in stability from '%s' to '%s'", buf[0], buf[1]);
}

static bool stab_eq(const witc_stability *a, const witc_stability *b)
{
    if (a->kind != b->kind || a->has_deprecated != b->has_deprecated)
        return false;
    if (a->has_deprecated && !witc_str_eq(a->deprecated, b->deprecated))
        return false;
    if (a->kind == WITC_STABILITY_STABLE)
        return witc_str_eq(a->since, b->since);
    if (a->kind == WITC_STABILITY_UNSTABLE)
        return witc_str_eq(a->feature, b->feature);
    return true;
}

static witc_status merge_include_stability(remap *m, const witc_stability *from,
                                           witc_stability *into, bool external, witc_span span)
{
    if (external && from->kind == WITC_STABILITY_STABLE) {
        memset(into, 0, sizeof *into);
        return WITC_OK;
    }
    if (stab_eq(from, into) || stab_is_unknown(from))
        return WITC_OK;
    if (stab_is_unknown(into)) {
        *into = *from;
        return WITC_OK;
    }
    return stability_mismatch(m, from, into, span);
}

static witc_status include_items(remap *m, cloner *c, const omap *with, const world_include *inc,
                                 const witc_world_item *items, size_t n, uint32_t world,
                                 bool imports, bool external, witc_span span)
{
    witc_graph *g = m->g;
    const char *desc = imports ? "import" : "export";
    for (size_t i = 0; i < n; i++) {
        const witc_world_item *src = &items[i];
        wmap *dst = imports ? &g->b_worlds.items[world].imports : &g->b_worlds.items[world].exports;
        if (src->has_name) {
            witc_str name;
            bool matched;
            WITC_TRY(apply_rename(m, with, inc, src->name, &name, &matched));
            witc_world_item item = *src;
            WITC_TRY(clone_world_item(c, &item));
            item.name = name;
            if (item.kind == WITC_WORLD_ITEM_FUNCTION)
                item.func.name = name;
            else if (item.kind == WITC_WORLD_ITEM_TYPE)
                g->types.items[item.type.i].name = name;
            dst = imports ? &g->b_worlds.items[world].imports : &g->b_worlds.items[world].exports;
            bool existed;
            WITC_TRY(wmap_insert(m->ctx, &g->arena, dst, &item, &existed));
            if (existed)
                return rerr(m->ctx, span, "%s of `%.*s` shadows previously %sed items", desc,
                            (int)name.len, name.ptr, desc);
        } else {
            bool existed;
            WITC_TRY(wmap_insert(m->ctx, &g->arena, dst, src, &existed));
            uint32_t pos = wmap_find(dst, wkey_of(src));
            WITC_TRY(merge_include_stability(m, &src->stability, &dst->v.items[pos].stability,
                                             external, src->span));
        }
    }
    return WITC_OK;
}

static witc_status resolve_include(remap *m, uint32_t world, const world_include *inc)
{
    witc_graph *g = m->g;
    witc_ctx *ctx = m->ctx;
    uint32_t from = 0;
    WITC_TRY(map_world(m, inc->world, inc->span, &from));
    bool external = g->worlds.items[world].package.i != g->worlds.items[from].package.i;

    /* Snapshot the included world's items: the target world grows while they are copied. */
    const wmap *fi = &g->b_worlds.items[from].imports, *fe = &g->b_worlds.items[from].exports;
    size_t ni = fi->v.len, ne = fe->v.len;
    witc_world_item *snap = witc_ctx_alloc(ctx, (ni + ne + 1) * sizeof *snap);
    if (!snap)
        return nomem(m);
    if (ni)
        memcpy(snap, fi->v.items, ni * sizeof *snap);
    if (ne)
        memcpy(snap + ni, fe->v.items, ne * sizeof *snap);

    witc_status st = WITC_OK;
    omap with = {0};    /* `with` name -> first position */
    omap matched = {0}; /* `with` names some item matches */
    u32map types = {0}, ifaces = {0};
    for (uint32_t i = 0; i < inc->n_names && st == WITC_OK; i++)
        if (omap_find(&with, inc->names[i].name.name) == NONE_ID)
            st = omap_put(ctx, &with, inc->names[i].name.name, i, NULL);
    for (size_t i = 0; i < ni + ne && st == WITC_OK; i++) {
        if (!snap[i].has_name)
            continue;
        if (omap_find(&with, snap[i].name) != NONE_ID)
            st = omap_put(ctx, &matched, snap[i].name, 1, NULL);
        bool whole;
        witc_str base = rename_base(snap[i].name, &whole);
        if (st == WITC_OK && !whole && omap_find(&with, base) != NONE_ID)
            st = omap_put(ctx, &matched, base, 1, NULL);
    }
    for (uint32_t i = 0; i < inc->n_names && st == WITC_OK; i++) {
        witc_str n = inc->names[i].name.name;
        if (omap_find(&matched, n) == NONE_ID)
            st = rerr(ctx, inc->span,
                      "no import or export kebab-name `%.*s`. Note that an ID does not support "
                      "renaming",
                      (int)n.len, n.ptr);
    }
    if (st == WITC_OK) {
        cloner c = {m, &types, &ifaces, {WITC_OWNER_WORLD, from}, {WITC_OWNER_WORLD, world}};
        st = include_items(m, &c, &with, inc, snap, ni, world, true, external, inc->span);
        if (st == WITC_OK)
            st = include_items(m, &c, &with, inc, snap + ni, ne, world, false, external, inc->span);
    }
    witc_ctx_dealloc(ctx, snap);
    omap_free(ctx, &with);
    omap_free(ctx, &matched);
    u32map_free(ctx, &types);
    u32map_free(ctx, &ifaces);
    return st;
}

static witc_status check_case_insensitive(remap *m, uint32_t world)
{
    witc_graph *g = m->g;
    witc_arena scratch;
    witc_arena_init(&scratch, m->ctx);
    witc_status st = WITC_OK;
    for (int pass = 0; pass < 2 && st == WITC_OK; pass++) {
        const wmap *items =
            pass == 0 ? &g->b_worlds.items[world].imports : &g->b_worlds.items[world].exports;
        const char *desc = pass == 0 ? "import" : "export";
        omap seen = {0};
        for (size_t i = 0; i < items->v.len && st == WITC_OK; i++) {
            const witc_world_item *it = &items->v.items[i];
            if (!it->has_name)
                continue;
            witc_str lower = it->name;
            bool upper = false;
            for (size_t k = 0; k < lower.len; k++)
                upper |= lower.ptr[k] >= 'A' && lower.ptr[k] <= 'Z';
            if (upper) {
                char *s = witc_arena_strndup(&scratch, it->name.ptr, it->name.len);
                if (!s) {
                    st = nomem(m);
                    break;
                }
                for (size_t k = 0; k < lower.len; k++)
                    if (s[k] >= 'A' && s[k] <= 'Z')
                        s[k] = (char)(s[k] - 'A' + 'a');
                lower = (witc_str){s, it->name.len};
            }
            uint32_t prev;
            if (omap_get(&seen, lower, &prev)) {
                witc_str pn = items->v.items[prev].name;
                if (!witc_str_eq(pn, it->name)) {
                    const witc_str wn = g->worlds.items[world].name;
                    st = rerr(m->ctx, SPAN_NONE,
                              "%s `%.*s` in world `%.*s` conflicts with %s `%.*s` (kebab-case "
                              "identifiers are case-insensitive)",
                              desc, (int)it->name.len, it->name.ptr, (int)wn.len, wn.ptr, desc,
                              (int)pn.len, pn.ptr);
                    break;
                }
            }
            st = omap_put(m->ctx, &seen, lower, (uint32_t)i, NULL);
        }
        omap_free(m->ctx, &seen);
    }
    witc_arena_release(&scratch);
    return st;
}

/* ---- elaboration ---- */

/* type_interface_dep: the interface a `use`d type comes from. */
static uint32_t type_iface_dep(const witc_graph *g, uint32_t id)
{
    const witc_typedef *t = &g->types.items[id];
    if (t->kind != WITC_TYPEDEF_ALIAS || t->target.prim != WITC_PRIM_ID)
        return NONE_ID;
    const witc_typedef *other = &g->types.items[t->target.id.i];
    if (owner_eq(t->owner, other->owner) || other->owner.kind != WITC_OWNER_INTERFACE)
        return NONE_ID;
    return other->owner.id;
}

/* The next direct dependency of interface `iface` from types position *cursor on. */
static uint32_t next_dep(const witc_graph *g, uint32_t iface, uint32_t *cursor)
{
    const omap *types = &g->b_ifaces.items[iface].types;
    while (*cursor < types->v.len) {
        uint32_t dep = type_iface_dep(g, types->v.items[(*cursor)++].value);
        if (dep != NONE_ID)
            return dep;
    }
    return NONE_ID;
}

static int sort_key(const witc_graph *g, const witc_world_item *it)
{
    switch (it->kind) {
    case WITC_WORLD_ITEM_INTERFACE:
        return 0;
    case WITC_WORLD_ITEM_TYPE: {
        const witc_typedef *t = &g->types.items[it->type.i];
        if (t->kind == WITC_TYPEDEF_ALIAS && t->target.prim == WITC_PRIM_ID &&
            !owner_eq(g->types.items[t->target.id.i].owner, t->owner))
            return 1;
        return 2;
    }
    case WITC_WORLD_ITEM_FUNCTION:
        return it->func.kind == WITC_FUNC_FREESTANDING ? 3 : 4;
    }
    return 4;
}

/* A stable sort of world items by sort_key (five classes: a counting sort). */
static witc_status sort_items(remap *m, witc_world_item *items, size_t n)
{
    if (n < 2)
        return WITC_OK;
    witc_world_item *tmp = witc_ctx_alloc(m->ctx, n * sizeof *tmp);
    if (!tmp)
        return nomem(m);
    size_t k = 0;
    for (int cls = 0; cls < 5; cls++)
        for (size_t i = 0; i < n; i++)
            if (sort_key(m->g, &items[i]) == cls)
                tmp[k++] = items[i];
    memcpy(items, tmp, n * sizeof *tmp);
    witc_ctx_dealloc(m->ctx, tmp);
    return WITC_OK;
}

typedef struct elab_frame {
    witc_world_item item; /* key and value to insert once the dependencies are in */
    uint32_t cursor;      /* next type of item.interface to look at */
    bool add_export;
    bool entered;
} elab_frame;

typedef WITC_VEC(elab_frame) elab_stack;

static witc_world_item dep_item(uint32_t dep, const witc_stability *stab, bool has_ext,
                                witc_str ext)
{
    witc_world_item it;
    memset(&it, 0, sizeof it);
    it.kind = WITC_WORLD_ITEM_INTERFACE;
    it.interface.i = dep;
    it.stability = *stab;
    it.has_external_id = has_ext;
    it.external_id = ext;
    it.type.i = NONE_ID;
    it.func.resource.i = NONE_ID;
    it.span = SPAN_NONE;
    return it;
}

/* elaborate_world_import: `item` after every interface it needs (keyed by id). */
static witc_status elaborate_import(remap *m, elab_stack *stack, wmap *imports,
                                    const witc_world_item *item)
{
    witc_graph *g = m->g;
    if (wmap_find(imports, wkey_of(item)) != NONE_ID)
        return WITC_OK;
    stack->len = 0;
    elab_frame top = {*item, 0, false, true};
    top.item.span = SPAN_NONE;
    if (!WITC_VEC_PUSH(m->ctx, stack, top))
        return nomem(m);
    while (stack->len > 0) {
        elab_frame *f = &stack->items[stack->len - 1];
        uint32_t dep = next_dep(g, f->item.interface.i, &f->cursor);
        if (dep != NONE_ID) {
            wkey k = {false, {NULL, 0}, dep};
            if (wmap_find(imports, k) != NONE_ID)
                continue;
            /* Dependencies inherit the stability, not the docs or external id. */
            elab_frame child = {dep_item(dep, &f->item.stability, false, (witc_str){NULL, 0}), 0,
                                false, true};
            if (!WITC_VEC_PUSH(m->ctx, stack, child))
                return nomem(m);
            continue;
        }
        bool existed;
        witc_world_item done = f->item;
        stack->len--;
        WITC_TRY(wmap_insert(m->ctx, &g->arena, imports, &done, &existed));
    }
    return WITC_OK;
}

static bool required_has(remap *m, uint32_t id)
{
    return id < m->required_cap && m->required[id] == m->stamp;
}

static witc_status required_add(remap *m, uint32_t id)
{
    if (id >= m->required_cap) {
        uint32_t cap = (uint32_t)m->g->ifaces.len + 16;
        if (cap <= id)
            cap = id + 16;
        uint32_t *r = witc_ctx_realloc(m->ctx, m->required, (size_t)cap * sizeof *r);
        if (!r)
            return nomem(m);
        memset(r + m->required_cap, 0, (size_t)(cap - m->required_cap) * sizeof *r);
        m->required = r;
        m->required_cap = cap;
    }
    m->required[id] = m->stamp;
    return WITC_OK;
}

/* add_world_export, with an explicit stack; *out_ok is its boolean result. */
static witc_status add_world_export(remap *m, elab_stack *stack, wmap *imports, wmap *exports,
                                    const wmap *export_ifaces, const witc_world_item *item,
                                    bool *out_ok)
{
    witc_graph *g = m->g;
    stack->len = 0;
    elab_frame first = {*item, 0, true, false};
    if (!WITC_VEC_PUSH(m->ctx, stack, first))
        return nomem(m);
    bool ret = true;
    while (stack->len > 0) {
        elab_frame *f = &stack->items[stack->len - 1];
        if (!f->entered) {
            f->entered = true;
            if (wmap_find(exports, wkey_of(&f->item)) != NONE_ID) {
                ret = f->add_export;
                stack->len--;
                continue;
            }
            if (!f->add_export && required_has(m, f->item.interface.i)) {
                ret = true;
                stack->len--;
                continue;
            }
        } else if (!ret) {
            stack->len--; /* `all` stops at the first failing dependency */
            continue;
        }
        uint32_t dep = next_dep(g, f->item.interface.i, &f->cursor);
        if (dep != NONE_ID) {
            witc_world_item child_item =
                dep_item(dep, &f->item.stability, f->item.has_external_id, f->item.external_id);
            bool add = f->add_export && wmap_find(export_ifaces, wkey_of(&child_item)) != NONE_ID;
            elab_frame child = {child_item, 0, add, false};
            if (!WITC_VEC_PUSH(m->ctx, stack, child))
                return nomem(m);
            continue;
        }
        witc_world_item done = f->item;
        bool add_export = f->add_export;
        stack->len--;
        bool existed;
        if (add_export) {
            if (required_has(m, done.interface.i)) {
                ret = false;
                continue;
            }
            WITC_TRY(wmap_insert(m->ctx, &g->arena, exports, &done, &existed));
        } else {
            WITC_TRY(required_add(m, done.interface.i));
            WITC_TRY(wmap_insert(m->ctx, &g->arena, imports, &done, &existed));
        }
        ret = true;
    }
    *out_ok = ret;
    return WITC_OK;
}

static witc_status elaborate_world(remap *m, uint32_t world, witc_span span)
{
    witc_graph *g = m->g;
    witc_ctx *ctx = m->ctx;
    wmap new_imports = {0}, new_exports = {0}, export_ifaces = {0};
    elab_stack stack = {0};
    witc_status st = WITC_OK;
    g_world *w = &g->b_worlds.items[world];
    size_t n = w->imports.v.len;
    witc_world_item *sorted = witc_ctx_alloc(ctx, (n + 1) * sizeof *sorted);
    if (!sorted)
        return nomem(m);
    if (n)
        memcpy(sorted, w->imports.v.items, n * sizeof *sorted);
    if ((st = sort_items(m, sorted, n)))
        goto done;
    for (size_t i = 0; i < n && st == WITC_OK; i++) {
        const witc_world_item *it = &sorted[i];
        bool existed;
        switch (it->kind) {
        case WITC_WORLD_ITEM_INTERFACE:
            st = elaborate_import(m, &stack, &new_imports, it);
            break;
        case WITC_WORLD_ITEM_FUNCTION:
            st = wmap_insert(ctx, &g->arena, &new_imports, it, &existed);
            break;
        case WITC_WORLD_ITEM_TYPE: {
            uint32_t dep = type_iface_dep(g, it->type.i);
            if (dep != NONE_ID) {
                witc_world_item d = dep_item(dep, &g->types.items[it->type.i].stability, false,
                                             (witc_str){NULL, 0});
                st = elaborate_import(m, &stack, &new_imports, &d);
            }
            if (st == WITC_OK)
                st = wmap_insert(ctx, &g->arena, &new_imports, it, &existed);
            break;
        }
        }
    }
    w = &g->b_worlds.items[world];
    for (size_t i = 0; i < w->exports.v.len && st == WITC_OK; i++) {
        const witc_world_item *it = &w->exports.v.items[i];
        bool existed;
        if (it->kind == WITC_WORLD_ITEM_INTERFACE)
            st = wmap_insert(ctx, &g->arena, &export_ifaces, it, &existed);
        else
            st = wmap_insert(ctx, &g->arena, &new_exports, it, &existed);
    }
    if (st)
        goto done;
    m->stamp++;
    for (size_t i = 0; i < export_ifaces.v.len && st == WITC_OK; i++) {
        const witc_world_item *it = &export_ifaces.v.items[i];
        bool ok = false;
        if ((st = add_world_export(m, &stack, &new_imports, &new_exports, &export_ifaces, it, &ok)))
            break;
        if (!ok) {
            if (it->has_name) {
                st = rerr(ctx, span,
                          "interface `%.*s` transitively depends on an interface in "
                          "incompatible ways",
                          (int)it->name.len, it->name.ptr);
            } else {
                const witc_interface *iface = &g->ifaces.items[it->interface.i];
                const pkg_name *pn = &g->pkg_names.items[iface->package.i];
                st = rerr(ctx, span,
                          "interface `%.*s:%.*s/%.*s%s%.*s` transitively depends on an "
                          "interface in incompatible ways",
                          (int)pn->namespace_.len, pn->namespace_.ptr, (int)pn->name.len,
                          pn->name.ptr, (int)iface->name.len, iface->name.ptr,
                          pn->has_version ? "@" : "", (int)pn->version.len,
                          pn->has_version ? pn->version.ptr : "");
            }
        }
    }
    if (st)
        goto done;
    if ((st = sort_items(m, new_imports.v.items, new_imports.v.len)) ||
        (st = wmap_reindex(ctx, &g->arena, &new_imports)))
        goto done;
    w = &g->b_worlds.items[world];
    wmap_free(ctx, &w->imports);
    wmap_free(ctx, &w->exports);
    w->imports = new_imports;
    w->exports = new_exports;
    memset(&new_imports, 0, sizeof new_imports);
    memset(&new_exports, 0, sizeof new_exports);
done:
    witc_ctx_dealloc(ctx, sorted);
    wmap_free(ctx, &new_imports);
    wmap_free(ctx, &new_exports);
    wmap_free(ctx, &export_ifaces);
    WITC_VEC_FREE(ctx, &stack);
    return st;
}

/* ---- append ---- */

static witc_status append(remap *m)
{
    witc_graph *g = m->g;
    witc_ctx *ctx = m->ctx;
    upkg *p = m->p;

    /* The package itself. */
    witc_package pkg;
    memset(&pkg, 0, sizeof pkg);
    pkg.namespace_ = p->name.namespace_;
    pkg.name = p->name.name;
    pkg.has_version = p->name.has_version;
    pkg.version = p->name.version;
    pkg.full_name = p->name.full;
    pkg.docs = p->docs;
    g_pkg bp;
    memset(&bp, 0, sizeof bp);
    if (!WITC_VEC_PUSH(ctx, &g->pkgs, pkg) || !WITC_VEC_PUSH(ctx, &g->b_pkgs, bp) ||
        !WITC_VEC_PUSH(ctx, &g->pkg_names, p->name))
        return nomem(m);
    m->pkg = (uint32_t)g->pkgs.len - 1;
    WITC_TRY(omap_put(ctx, &g->pkg_index, p->name.full, m->pkg, NULL));

    WITC_TRY(process_foreign(m));
    size_t foreign_types = 0, foreign_ifaces = 0, foreign_worlds = 0;
    while (foreign_types < p->types.len &&
           p->types.items[foreign_types].kind == WITC_TYPEDEF_UNKNOWN)
        foreign_types++;
    while (foreign_ifaces < p->ifaces.len && p->ifaces.items[foreign_ifaces].foreign)
        foreign_ifaces++;
    for (size_t fi = 0; fi < p->foreign.len; fi++)
        for (size_t k = 0; k < p->foreign.items[fi].items.len; k++)
            if (p->foreign.items[fi].items.items[k].item.kind == ITEM_WORLD)
                foreign_worlds++;

    for (size_t local = foreign_types; local < p->types.len; local++) {
        witc_typedef *t = &p->types.items[local];
        bool inc;
        WITC_TRY(include_stability(m, &t->stability, t->span, &inc));
        if (!inc) {
            m->types[local] = NONE_ID;
            continue;
        }
        WITC_TRY(update_typedef(m, t, t->span));
        uint32_t id;
        WITC_TRY(g_add_type(g, t, &id));
        if (!t->has_name && t->owner.kind == WITC_OWNER_NONE && t->kind == WITC_TYPEDEF_OWN) {
            uint32_t prev;
            if (u32map_get(&m->own_handles, t->resource.i, &prev))
                id = prev;
            else if (!u32map_put(ctx, &m->own_handles, t->resource.i, id))
                return nomem(m);
        }
        m->types[local] = id;
    }

    for (size_t local = foreign_ifaces; local < p->ifaces.len; local++) {
        u_iface *ui = &p->ifaces.items[local];
        bool inc;
        WITC_TRY(include_stability(m, &ui->i.stability, ui->i.span, &inc));
        if (!inc) {
            m->ifaces[local] = NONE_ID;
            continue;
        }
        ui->i.package.i = m->pkg;
        g_iface b;
        witc_status st = update_interface(m, ui, &b);
        if (st == WITC_OK)
            st = add_interface(m, &ui->i, &b, &m->ifaces[local]);
        if (st != WITC_OK) {
            omap_free(ctx, &b.types);
            WITC_VEC_FREE(ctx, &b.funcs);
            return st;
        }
    }

    for (size_t local = foreign_types; local < p->types.len; local++) {
        uint32_t id = m->types[local];
        if (id == NONE_ID)
            continue;
        witc_typedef *t = &g->types.items[id];
        if (t->owner.kind == WITC_OWNER_INTERFACE)
            WITC_TRY(apply_map(m, m->ifaces, t->owner.id, "interface",
                               "; this type is not gated by a feature but its interface is",
                               t->span, &g->types.items[id].owner.id));
    }

    for (size_t local = foreign_worlds; local < p->worlds.len; local++) {
        u_world *uw = &p->worlds.items[local];
        bool inc;
        WITC_TRY(include_stability(m, &uw->w.stability, uw->w.span, &inc));
        if (!inc) {
            m->worlds[local] = NONE_ID;
            continue;
        }
        g_world bw;
        memset(&bw, 0, sizeof bw);
        witc_status st = update_world_items(m, &uw->imports, &bw.imports);
        if (st == WITC_OK)
            st = update_world_items(m, &uw->exports, &bw.exports);
        witc_world w = uw->w;
        w.package.i = NONE_ID;
        if (st == WITC_OK && (g->worlds.len >= 0x7ffffff0u || !WITC_VEC_PUSH(ctx, &g->worlds, w) ||
                              !WITC_VEC_PUSH(ctx, &g->b_worlds, bw)))
            st = nomem(m);
        if (st != WITC_OK) {
            wmap_free(ctx, &bw.imports);
            wmap_free(ctx, &bw.exports);
            return st;
        }
        m->worlds[local] = (uint32_t)g->worlds.len - 1;
    }

    for (size_t local = foreign_types; local < p->types.len; local++) {
        uint32_t id = m->types[local];
        if (id == NONE_ID)
            continue;
        witc_typedef *t = &g->types.items[id];
        if (t->owner.kind == WITC_OWNER_WORLD)
            WITC_TRY(apply_map(m, m->worlds, t->owner.id, "world",
                               "; this type is not gated by a feature but its world is", t->span,
                               &g->types.items[id].owner.id));
    }

    for (size_t local = foreign_worlds; local < p->worlds.len; local++) {
        uint32_t id = m->worlds[local];
        if (id == NONE_ID)
            continue;
        const u_world *uw = &p->worlds.items[local];
        for (size_t k = 0; k < uw->includes.len; k++) {
            const world_include *inc = &uw->includes.items[k];
            bool on;
            WITC_TRY(include_stability(m, &inc->stability, inc->span, &on));
            if (on)
                WITC_TRY(resolve_include(m, id, inc));
        }
        WITC_TRY(check_case_insensitive(m, id));
        WITC_TRY(elaborate_world(m, id, g->worlds.items[id].span));
    }

    for (size_t local = foreign_ifaces; local < p->ifaces.len; local++) {
        uint32_t id = m->ifaces[local];
        if (id == NONE_ID)
            continue;
        g->ifaces.items[id].package.i = m->pkg;
        if (g->ifaces.items[id].has_name)
            WITC_TRY(
                omap_put(ctx, &g->b_pkgs.items[m->pkg].ifaces, g->ifaces.items[id].name, id, NULL));
    }
    for (size_t local = foreign_worlds; local < p->worlds.len; local++) {
        uint32_t id = m->worlds[local];
        if (id == NONE_ID)
            continue;
        g->worlds.items[id].package.i = m->pkg;
        WITC_TRY(
            omap_put(ctx, &g->b_pkgs.items[m->pkg].worlds, g->worlds.items[id].name, id, NULL));
    }
    return WITC_OK;
}

witc_status witc_resolve_append(witc_ctx *ctx, witc_graph *g, upkg *p, uint32_t *out_pkg)
{
    remap m;
    memset(&m, 0, sizeof m);
    m.ctx = ctx;
    m.g = g;
    m.p = p;
    m.types = witc_ctx_alloc(ctx, (p->types.len + 1) * sizeof *m.types);
    m.ifaces = witc_ctx_alloc(ctx, (p->ifaces.len + 1) * sizeof *m.ifaces);
    m.worlds = witc_ctx_alloc(ctx, (p->worlds.len + 1) * sizeof *m.worlds);
    witc_status st;
    if (!m.types || !m.ifaces || !m.worlds) {
        st = nomem(&m);
    } else {
        memset(m.types, 0xff, (p->types.len + 1) * sizeof *m.types);
        memset(m.ifaces, 0xff, (p->ifaces.len + 1) * sizeof *m.ifaces);
        memset(m.worlds, 0xff, (p->worlds.len + 1) * sizeof *m.worlds);
        st = append(&m);
    }
    if (st == WITC_OK)
        *out_pkg = m.pkg;
    witc_ctx_dealloc(ctx, m.types);
    witc_ctx_dealloc(ctx, m.ifaces);
    witc_ctx_dealloc(ctx, m.worlds);
    witc_ctx_dealloc(ctx, m.required);
    u32map_free(ctx, &m.own_handles);
    return st;
}

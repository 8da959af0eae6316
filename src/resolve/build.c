/* SPDX-License-Identifier: Apache-2.0 */
/* Building a graph item by item (include/witc/wit.h, "Building a graph directly"), for
 * decoders that read packages from binaries. Everything given is copied into the graph's
 * arena, and every id is checked, so a graph built from untrusted bytes keeps the invariants
 * the readers rely on (ids in range, types pointing only backwards). */
#include <string.h>

#include "resolve/internal.h"

static witc_status usage(witc_graph *g, const char *what)
{
    witc_diag_error_plain(witc_ctx_diags(g->ctx), "cannot add to WIT graph: %s", what);
    return WITC_E_USAGE;
}

static witc_docs copy_docs(witc_graph *g, const witc_docs *d)
{
    witc_docs out = {0};
    if (d && d->present) {
        out.present = true;
        out.text = g_str(g, d->text);
    }
    return out;
}

static witc_stability copy_stability(witc_graph *g, const witc_stability *s)
{
    witc_stability out = *s;
    out.since = g_str(g, s->since);
    out.feature = g_str(g, s->feature);
    out.deprecated = g_str(g, s->deprecated);
    return out;
}

static bool ref_ok(const witc_graph *g, witc_type_ref r, size_t limit)
{
    if (r.prim == WITC_PRIM_ID)
        return r.id.i < limit && r.id.i < g->types.len;
    return (unsigned)r.prim < (unsigned)WITC_PRIM_ID;
}

static witc_status copy_function(witc_graph *g, const witc_function *f, witc_function *out)
{
    *out = *f;
    if ((unsigned)f->kind > WITC_FUNC_CONSTRUCTOR)
        return usage(g, "bad function kind");
    if (f->kind != WITC_FUNC_FREESTANDING && f->resource.i >= g->types.len)
        return usage(g, "a resource function names no type");
    out->name = g_str(g, f->name);
    out->docs = copy_docs(g, &f->docs);
    out->stability = copy_stability(g, &f->stability);
    out->external_id = g_str(g, f->external_id);
    if (f->has_result && !ref_ok(g, f->result, g->types.len))
        return usage(g, "a function result is out of range");
    out->params = NULL;
    if (f->n_params) {
        if (!f->params)
            return usage(g, "missing parameters");
        out->params = WITC_ARENA_NEW_ARRAY(&g->arena, witc_param, f->n_params);
        if (!out->params)
            return g_nomem(g->ctx);
        for (uint32_t i = 0; i < f->n_params; i++) {
            if (!ref_ok(g, f->params[i].type, g->types.len))
                return usage(g, "a parameter type is out of range");
            out->params[i] = f->params[i];
            out->params[i].name = g_str(g, f->params[i].name);
        }
    }
    return WITC_OK;
}

witc_graph *witc_graph_new(witc_ctx *ctx)
{
    return g_new(ctx);
}

witc_status witc_graph_add_package(witc_graph *g, witc_str namespace_, witc_str name,
                                   const witc_str *version, const witc_docs *docs,
                                   witc_package_id *out_id)
{
    pkg_name pn;
    memset(&pn, 0, sizeof pn);
    pn.namespace_ = g_str(g, namespace_);
    pn.name = g_str(g, name);
    pn.has_version = version != NULL;
    if (version)
        pn.version = g_str(g, *version);
    const char *full = version ? witc_arena_printf(&g->arena, "%.*s:%.*s@%.*s", (int)namespace_.len,
                                                   namespace_.ptr, (int)name.len, name.ptr,
                                                   (int)version->len, version->ptr)
                               : witc_arena_printf(&g->arena, "%.*s:%.*s", (int)namespace_.len,
                                                   namespace_.ptr, (int)name.len, name.ptr);
    if (!full)
        return g_nomem(g->ctx);
    pn.full = (witc_str){full, strlen(full)};
    if (omap_find(&g->pkg_index, pn.full) != NONE_ID)
        return usage(g, "a package of that name is already in the graph");
    witc_package p;
    memset(&p, 0, sizeof p);
    p.namespace_ = pn.namespace_;
    p.name = pn.name;
    p.has_version = pn.has_version;
    p.version = pn.version;
    p.full_name = pn.full;
    p.docs = copy_docs(g, docs);
    g_pkg b;
    memset(&b, 0, sizeof b);
    if (g->pkgs.len >= 0x7ffffff0u || !WITC_VEC_PUSH(g->ctx, &g->pkgs, p) ||
        !WITC_VEC_PUSH(g->ctx, &g->b_pkgs, b) || !WITC_VEC_PUSH(g->ctx, &g->pkg_names, pn))
        return g_nomem(g->ctx);
    uint32_t id = (uint32_t)g->pkgs.len - 1;
    WITC_TRY(omap_put(g->ctx, &g->pkg_index, pn.full, id, NULL));
    g->published = false;
    *out_id = (witc_package_id){id};
    return WITC_OK;
}

witc_status witc_graph_add_type(witc_graph *g, const witc_typedef *t, witc_type_id *out_id)
{
    size_t n = g->types.len;
    witc_typedef c = *t;
    if ((unsigned)t->kind > WITC_TYPEDEF_UNKNOWN)
        return usage(g, "bad type kind");
    if (t->owner.kind == WITC_OWNER_INTERFACE ? t->owner.id > g->ifaces.len
        : t->owner.kind == WITC_OWNER_WORLD   ? t->owner.id > g->worlds.len
                                              : t->owner.kind != WITC_OWNER_NONE)
        return usage(g, "a type owner is out of range");
    c.name = g_str(g, t->name);
    c.docs = copy_docs(g, &t->docs);
    c.stability = copy_stability(g, &t->stability);
    c.external_id = g_str(g, t->external_id);
    bool ok = true;
    switch (t->kind) {
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        ok = t->resource.i < n;
        break;
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_VARIANT:
    case WITC_TYPEDEF_ENUM:
    case WITC_TYPEDEF_FLAGS:
        c.fields = NULL;
        if (t->n_fields) {
            if (!t->fields)
                return usage(g, "missing fields");
            c.fields = WITC_ARENA_NEW_ARRAY(&g->arena, witc_field, t->n_fields);
            if (!c.fields)
                return g_nomem(g->ctx);
            for (uint32_t i = 0; i < t->n_fields && ok; i++) {
                c.fields[i] = t->fields[i];
                c.fields[i].name = g_str(g, t->fields[i].name);
                c.fields[i].docs = copy_docs(g, &t->fields[i].docs);
                ok = !t->fields[i].has_type || ref_ok(g, t->fields[i].type, n);
            }
        }
        break;
    case WITC_TYPEDEF_TUPLE:
        c.types = NULL;
        if (t->n_types) {
            if (!t->types)
                return usage(g, "missing tuple types");
            c.types = WITC_ARENA_NEW_ARRAY(&g->arena, witc_type_ref, t->n_types);
            if (!c.types)
                return g_nomem(g->ctx);
            for (uint32_t i = 0; i < t->n_types && ok; i++) {
                c.types[i] = t->types[i];
                ok = ref_ok(g, t->types[i], n);
            }
        }
        break;
    case WITC_TYPEDEF_OPTION:
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FIXED_LIST:
        ok = ref_ok(g, t->elem, n);
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        ok = !t->has_elem || ref_ok(g, t->elem, n);
        break;
    case WITC_TYPEDEF_MAP:
        ok = ref_ok(g, t->key, n) && ref_ok(g, t->elem, n);
        break;
    case WITC_TYPEDEF_RESULT:
        ok = (!t->has_ok || ref_ok(g, t->ok, n)) && (!t->has_err || ref_ok(g, t->err, n));
        break;
    case WITC_TYPEDEF_ALIAS:
        ok = ref_ok(g, t->target, n);
        break;
    default:
        break;
    }
    if (!ok)
        return usage(g, "a type refers to a type that is not defined before it");
    uint32_t id;
    WITC_TRY(g_add_type(g, &c, &id));
    g->published = false;
    *out_id = (witc_type_id){id};
    return WITC_OK;
}

witc_status witc_graph_add_interface(witc_graph *g, const witc_interface *iface,
                                     witc_interface_id *out_id)
{
    witc_ctx *ctx = g->ctx;
    if (iface->package.i != WITC_ID_NONE && iface->package.i >= g->pkgs.len)
        return usage(g, "an interface's package is out of range");
    if (iface->has_clone_of && iface->clone_of.i >= g->ifaces.len)
        return usage(g, "an interface's clone_of is out of range");
    if ((iface->n_types && !iface->types) || (iface->n_funcs && !iface->funcs))
        return usage(g, "missing interface types or functions");
    witc_interface c = *iface;
    c.name = g_str(g, iface->name);
    c.docs = copy_docs(g, &iface->docs);
    c.stability = copy_stability(g, &iface->stability);
    c.types = NULL;
    c.funcs = NULL;
    c.n_types = c.n_funcs = 0;
    g_iface b;
    memset(&b, 0, sizeof b);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < iface->n_types && st == WITC_OK; i++) {
        uint32_t t = iface->types[i].i;
        if (t >= g->types.len || !g->types.items[t].has_name) {
            st = usage(g, "an interface type is out of range or unnamed");
            break;
        }
        bool existed;
        st = omap_put(ctx, &b.types, g->types.items[t].name, t, &existed);
        if (st == WITC_OK && existed)
            st = usage(g, "an interface holds two types of the same name");
    }
    for (uint32_t i = 0; i < iface->n_funcs && st == WITC_OK; i++) {
        witc_function f;
        st = copy_function(g, &iface->funcs[i], &f);
        if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &b.funcs, f))
            st = g_nomem(ctx);
    }
    uint32_t id = (uint32_t)g->ifaces.len;
    if (st == WITC_OK && c.has_name && c.package.i != WITC_ID_NONE) {
        omap *m = &g->b_pkgs.items[c.package.i].ifaces;
        if (omap_find(m, c.name) != NONE_ID)
            st = usage(g, "the package already has an interface of that name");
        else
            st = omap_put(ctx, m, c.name, id, NULL);
    }
    if (st == WITC_OK && (g->ifaces.len >= 0x7ffffff0u || !WITC_VEC_PUSH(ctx, &g->ifaces, c) ||
                          !WITC_VEC_PUSH(ctx, &g->b_ifaces, b)))
        st = g_nomem(ctx);
    if (st != WITC_OK) {
        omap_free(ctx, &b.types);
        WITC_VEC_FREE(ctx, &b.funcs);
        return st;
    }
    g->published = false;
    *out_id = (witc_interface_id){id};
    return WITC_OK;
}

static witc_status copy_items(witc_graph *g, const witc_world_item *items, uint32_t n, wmap *out)
{
    if (n && !items)
        return usage(g, "missing world items");
    for (uint32_t i = 0; i < n; i++) {
        witc_world_item it = items[i];
        it.name = g_str(g, items[i].name);
        it.docs = copy_docs(g, &items[i].docs);
        it.stability = copy_stability(g, &items[i].stability);
        it.external_id = g_str(g, items[i].external_id);
        switch (it.kind) {
        case WITC_WORLD_ITEM_INTERFACE:
            if (it.interface.i >= g->ifaces.len)
                return usage(g, "a world item's interface is out of range");
            break;
        case WITC_WORLD_ITEM_TYPE:
            if (it.type.i >= g->types.len)
                return usage(g, "a world item's type is out of range");
            break;
        case WITC_WORLD_ITEM_FUNCTION:
            WITC_TRY(copy_function(g, &items[i].func, &it.func));
            break;
        default:
            return usage(g, "bad world item kind");
        }
        if (!it.has_name && it.kind != WITC_WORLD_ITEM_INTERFACE)
            return usage(g, "only interfaces may be keyed by id");
        bool existed;
        WITC_TRY(wmap_insert(g->ctx, &g->arena, out, &it, &existed));
        if (existed)
            return usage(g, "a world has two items with the same key");
    }
    return WITC_OK;
}

witc_status witc_graph_add_world(witc_graph *g, const witc_world *w, witc_world_id *out_id)
{
    witc_ctx *ctx = g->ctx;
    if (w->package.i != WITC_ID_NONE && w->package.i >= g->pkgs.len)
        return usage(g, "a world's package is out of range");
    witc_world c = *w;
    c.name = g_str(g, w->name);
    c.docs = copy_docs(g, &w->docs);
    c.stability = copy_stability(g, &w->stability);
    c.imports = c.exports = NULL;
    c.n_imports = c.n_exports = 0;
    g_world b;
    memset(&b, 0, sizeof b);
    witc_status st = copy_items(g, w->imports, w->n_imports, &b.imports);
    if (st == WITC_OK)
        st = copy_items(g, w->exports, w->n_exports, &b.exports);
    uint32_t id = (uint32_t)g->worlds.len;
    if (st == WITC_OK && c.package.i != WITC_ID_NONE) {
        omap *m = &g->b_pkgs.items[c.package.i].worlds;
        if (omap_find(m, c.name) != NONE_ID)
            st = usage(g, "the package already has a world of that name");
        else
            st = omap_put(ctx, m, c.name, id, NULL);
    }
    if (st == WITC_OK && (g->worlds.len >= 0x7ffffff0u || !WITC_VEC_PUSH(ctx, &g->worlds, c) ||
                          !WITC_VEC_PUSH(ctx, &g->b_worlds, b)))
        st = g_nomem(ctx);
    if (st != WITC_OK) {
        wmap_free(ctx, &b.imports);
        wmap_free(ctx, &b.exports);
        return st;
    }
    g->published = false;
    *out_id = (witc_world_id){id};
    return WITC_OK;
}

witc_status witc_graph_finish(witc_graph *g)
{
    return g_publish(g);
}

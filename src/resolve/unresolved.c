/* SPDX-License-Identifier: Apache-2.0 */
/* Phase 1 of resolving (wit-parser ast/resolve.rs): the ASTs of one package become an
 * unresolved package with package-local arenas, in exactly wit-parser's allocation order:
 *  1. placeholders for every foreign interface/world named by a `pkg:name/item` path;
 *  2. this package's interfaces and worlds, sorted topologically by their `use`s;
 *  3. placeholder (Unknown) types for every name `use`d from a foreign interface;
 *  4. each interface's types (uses first, then definitions in dependency order), anonymous
 *     types interned as met, then its functions; then each world the same way.
 * The first error stops resolving, at the same span as wit-parser's. */
#include <string.h>

#include "resolve/internal.h"

/* TypeOrItem plus the span that defined it (wit-parser's `type_lookup` values). */
typedef struct lookup_ent {
    bool is_type;
    uint32_t type;    /* is_type: local type id */
    const char *item; /* !is_type: "function" */
    witc_span span;
} lookup_ent;

typedef struct lookup {
    omap index; /* name -> position in v */
    WITC_VEC(lookup_ent) v;
} lookup;

typedef struct ures {
    witc_ctx *ctx;
    witc_graph *g;
    upkg *p;
    witc_ast_package_file *const *files;
    uint32_t n_files;
    omap *file_items;              /* per file: name -> packed ast_item_ref */
    omap package_items;            /* name -> packed ast_item_ref */
    WITC_VEC(lookup) iface_lookup; /* per local interface */
    lookup type_lookup;            /* the scope being resolved */
    WITC_VEC(uint32_t) type_root;  /* per local type: aliases followed */
    witc_hash anon;                /* interning key -> local type id */
    witc_arena scratch;            /* interning keys, temporary names */
    uint32_t cur_file;
    uint32_t max_depth;
    uint32_t *seen[2]; /* per local interface: stamp of the world importing/exporting it */
    uint32_t seen_cap, seen_stamp;
} ures;

#define PACK(kind, id) (((uint32_t)(kind) << 31) | (id))
#define REF_KIND(v) ((item_kind)((v) >> 31))
#define REF_ID(v) ((v)&0x7fffffffu)

/* ---- lookups ---- */

static const lookup_ent *lookup_get(const lookup *l, witc_str name)
{
    uint32_t pos;
    if (!omap_get(&l->index, name, &pos))
        return NULL;
    return &l->v.items[pos];
}

static void lookup_free(witc_ctx *ctx, lookup *l)
{
    omap_free(ctx, &l->index);
    WITC_VEC_FREE(ctx, &l->v);
}

/* define_interface_name: "name `x` is defined more than once". */
static witc_status define_name(ures *r, const witc_ast_id *name, lookup_ent ent)
{
    lookup *l = &r->type_lookup;
    if (omap_find(&l->index, name->name) != NONE_ID)
        return rerr(r->ctx, name->span, "name `%.*s` is defined more than once",
                    (int)name->name.len, name->name.ptr);
    ent.span = name->span;
    if (!WITC_VEC_PUSH(r->ctx, &l->v, ent))
        return g_nomem(r->ctx);
    return omap_put(r->ctx, &l->index, name->name, (uint32_t)(l->v.len - 1), NULL);
}

/* ---- attributes and docs ---- */

static witc_docs docs_of(ures *r, const witc_ast_docs *d)
{
    witc_docs out = {0};
    if (d->present) {
        out.present = true;
        out.text = g_str(r->g, d->text);
    }
    return out;
}

static witc_status stability_of(ures *r, const witc_ast_attrs *attrs, witc_stability *out)
{
    const witc_ast_attr *since = NULL, *deprecated = NULL, *unstable = NULL;
    for (uint32_t i = 0; i < attrs->count; i++) {
        const witc_ast_attr *a = &attrs->items[i];
        switch (a->kind) {
        case WITC_ATTR_SINCE:
            if (since)
                return rerr(r->ctx, a->span, "cannot specify @since twice");
            since = a;
            break;
        case WITC_ATTR_DEPRECATED:
            if (deprecated)
                return rerr(r->ctx, a->span, "cannot specify @deprecated twice");
            deprecated = a;
            break;
        case WITC_ATTR_UNSTABLE:
            if (unstable)
                return rerr(r->ctx, a->span, "cannot specify @unstable twice");
            unstable = a;
            break;
        case WITC_ATTR_EXTERNAL_ID:
            break;
        }
    }
    memset(out, 0, sizeof *out);
    if (since && unstable)
        return rerr(r->ctx, since->span, "cannot specify both @since and @unstable");
    if (deprecated) {
        out->has_deprecated = true;
        out->deprecated = g_str(r->g, deprecated->version.text);
    }
    if (since) {
        out->kind = WITC_STABILITY_STABLE;
        out->since = g_str(r->g, since->version.text);
    } else if (unstable) {
        out->kind = WITC_STABILITY_UNSTABLE;
        out->feature = g_str(r->g, unstable->feature.name);
    } else if (deprecated) {
        return rerr(r->ctx, deprecated->span,
                    "cannot specify both @deprecated without @since or @unstable");
    }
    return WITC_OK;
}

static witc_status external_id_of(ures *r, const witc_ast_attrs *attrs, bool *out_has,
                                  witc_str *out_id)
{
    *out_has = false;
    for (uint32_t i = 0; i < attrs->count; i++) {
        const witc_ast_attr *a = &attrs->items[i];
        if (a->kind != WITC_ATTR_EXTERNAL_ID)
            continue;
        if (*out_has)
            return rerr(r->ctx, a->span, "cannot specify @external-id twice");
        *out_has = true;
        *out_id = g_str(r->g, a->string);
    }
    return WITC_OK;
}

/* ---- allocation ---- */

static witc_status alloc_type(ures *r, const witc_typedef *t, uint32_t *out_id)
{
    upkg *p = r->p;
    if (p->types.len >= 0x7ffffff0u)
        return g_nomem(r->ctx);
    uint32_t id = (uint32_t)p->types.len;
    uint32_t root = id;
    if (t->kind == WITC_TYPEDEF_ALIAS && t->target.prim == WITC_PRIM_ID && t->target.id.i < id)
        root = r->type_root.items[t->target.id.i];
    if (!WITC_VEC_PUSH(r->ctx, &p->types, *t) || !WITC_VEC_PUSH(r->ctx, &r->type_root, root))
        return g_nomem(r->ctx);
    *out_id = id;
    return WITC_OK;
}

static witc_status alloc_interface(ures *r, witc_span span, uint32_t *out_id)
{
    u_iface i;
    memset(&i, 0, sizeof i);
    i.i.span = span;
    i.i.package.i = NONE_ID;
    lookup l;
    memset(&l, 0, sizeof l);
    if (r->p->ifaces.len >= 0x7ffffff0u || !WITC_VEC_PUSH(r->ctx, &r->p->ifaces, i) ||
        !WITC_VEC_PUSH(r->ctx, &r->iface_lookup, l))
        return g_nomem(r->ctx);
    *out_id = (uint32_t)r->p->ifaces.len - 1;
    return WITC_OK;
}

static witc_status alloc_world(ures *r, witc_span span, uint32_t *out_id)
{
    u_world w;
    memset(&w, 0, sizeof w);
    w.w.span = span;
    w.w.name = (witc_str){"", 0};
    w.w.package.i = NONE_ID;
    if (r->p->worlds.len >= 0x7ffffff0u || !WITC_VEC_PUSH(r->ctx, &r->p->worlds, w))
        return g_nomem(r->ctx);
    *out_id = (uint32_t)r->p->worlds.len - 1;
    return WITC_OK;
}

/* ---- paths ---- */

typedef enum { WOI_INTERFACE, WOI_WORLD, WOI_UNKNOWN } world_or_iface;

typedef witc_status (*path_fn)(ures *r, void *arg, const witc_ast_id *owner,
                               const witc_ast_attrs *attrs, const witc_ast_use_path *path,
                               const witc_ast_use *use, world_or_iface woi);

/* DeclList::for_each_path: every use-path of a file, in wit-parser's order (in a world: uses
 * and includes, then imports, then exports). */
static witc_status for_each_path(ures *r, const witc_ast_package_file *file, path_fn f, void *arg)
{
    for (uint32_t d = 0; d < file->n_decls; d++) {
        const witc_ast_decl *decl = &file->decls[d];
        switch (decl->kind) {
        case WITC_AST_DECL_WORLD: {
            const witc_ast_world *w = &decl->world;
            for (uint32_t i = 0; i < w->n_items; i++) {
                const witc_ast_world_item *it = &w->items[i];
                if (it->kind == WITC_AST_WORLD_USE)
                    WITC_TRY(
                        f(r, arg, NULL, &it->use.attrs, &it->use.from, &it->use, WOI_INTERFACE));
                else if (it->kind == WITC_AST_WORLD_INCLUDE)
                    WITC_TRY(f(r, arg, &w->name, &it->include.attrs, &it->include.from, NULL,
                               WOI_WORLD));
            }
            for (int pass = 0; pass < 2; pass++) {
                witc_ast_world_item_kind want =
                    pass == 0 ? WITC_AST_WORLD_IMPORT : WITC_AST_WORLD_EXPORT;
                for (uint32_t i = 0; i < w->n_items; i++) {
                    const witc_ast_world_item *it = &w->items[i];
                    if (it->kind != want)
                        continue;
                    const witc_ast_extern *ext = &it->ext;
                    if (ext->kind == WITC_AST_EXTERN_INTERFACE) {
                        for (uint32_t k = 0; k < ext->n_items; k++) {
                            const witc_ast_iface_item *ii = &ext->items[k];
                            if (ii->kind == WITC_AST_ITEM_USE)
                                WITC_TRY(f(r, arg, NULL, &ii->use.attrs, &ii->use.from, &ii->use,
                                           WOI_INTERFACE));
                        }
                    } else if (ext->kind == WITC_AST_EXTERN_PATH ||
                               ext->kind == WITC_AST_EXTERN_NAMED_PATH) {
                        WITC_TRY(f(r, arg, NULL, &it->attrs, &ext->path, NULL, WOI_INTERFACE));
                    }
                }
            }
            break;
        }
        case WITC_AST_DECL_INTERFACE: {
            const witc_ast_interface *iface = &decl->interface;
            for (uint32_t i = 0; i < iface->n_items; i++) {
                const witc_ast_iface_item *ii = &iface->items[i];
                if (ii->kind == WITC_AST_ITEM_USE)
                    WITC_TRY(f(r, arg, &iface->name, &ii->use.attrs, &ii->use.from, &ii->use,
                               WOI_INTERFACE));
            }
            break;
        }
        case WITC_AST_DECL_USE:
            WITC_TRY(f(r, arg, NULL, &decl->use.attrs, &decl->use.item, NULL, WOI_UNKNOWN));
            break;
        case WITC_AST_DECL_PACKAGE:
            break;
        }
    }
    return WITC_OK;
}

static witc_status make_pkg_name(ures *r, const witc_ast_package_name *n, pkg_name *out)
{
    memset(out, 0, sizeof *out);
    out->namespace_ = g_str(r->g, n->namespace_.name);
    out->name = g_str(r->g, n->name.name);
    out->has_version = n->has_version;
    if (n->has_version)
        out->version = g_str(r->g, n->version.text);
    const char *full =
        n->has_version ? witc_arena_printf(&r->g->arena, "%.*s:%.*s@%.*s", (int)out->namespace_.len,
                                           out->namespace_.ptr, (int)out->name.len, out->name.ptr,
                                           (int)out->version.len, out->version.ptr)
                       : witc_arena_printf(&r->g->arena, "%.*s:%.*s", (int)out->namespace_.len,
                                           out->namespace_.ptr, (int)out->name.len, out->name.ptr);
    if (!full || (out->namespace_.len && !out->namespace_.ptr))
        return g_nomem(r->ctx);
    out->full = (witc_str){full, strlen(full)};
    return WITC_OK;
}

/* populate_foreign_deps */
static witc_status foreign_dep_visit(ures *r, void *arg, const witc_ast_id *owner,
                                     const witc_ast_attrs *attrs, const witc_ast_use_path *path,
                                     const witc_ast_use *use, world_or_iface woi)
{
    (void)arg;
    (void)owner;
    (void)use;
    if (!path->is_package)
        return WITC_OK;
    witc_stability stab;
    WITC_TRY(stability_of(r, attrs, &stab));
    upkg *p = r->p;
    pkg_name name;
    WITC_TRY(make_pkg_name(r, &path->package, &name));
    uint32_t fpos;
    if (!omap_get(&p->foreign_index, name.full, &fpos)) {
        foreign_pkg fp;
        memset(&fp, 0, sizeof fp);
        fp.name = name;
        fp.span = path->package.span;
        if (!WITC_VEC_PUSH(r->ctx, &p->foreign, fp))
            return g_nomem(r->ctx);
        fpos = (uint32_t)p->foreign.len - 1;
        WITC_TRY(omap_put(r->ctx, &p->foreign_index, p->foreign.items[fpos].name.full, fpos, NULL));
    }
    foreign_pkg *fp = &p->foreign.items[fpos];
    uint32_t ipos;
    if (!omap_get(&fp->item_index, path->name.name, &ipos)) {
        foreign_item fi;
        memset(&fi, 0, sizeof fi);
        fi.name = g_str(r->g, path->name.name);
        if (woi == WOI_WORLD) {
            fi.item.kind = ITEM_WORLD;
            WITC_TRY(alloc_world(r, path->name.span, &fi.item.id));
        } else {
            fi.item.kind = ITEM_IFACE;
            WITC_TRY(alloc_interface(r, path->name.span, &fi.item.id));
            r->p->ifaces.items[fi.item.id].foreign = true;
        }
        fp = &p->foreign.items[fpos];
        if (!WITC_VEC_PUSH(r->ctx, &fp->items, fi))
            return g_nomem(r->ctx);
        ipos = (uint32_t)fp->items.len - 1;
        WITC_TRY(omap_put(r->ctx, &fp->item_index, fp->items.items[ipos].name, ipos, NULL));
    }
    foreign_item *fi = &fp->items.items[ipos];
    if (!WITC_VEC_PUSH(r->ctx, &fi->stabs, stab))
        return g_nomem(r->ctx);
    return WITC_OK;
}

static bool find_foreign(const upkg *p, const witc_ast_use_path *path, const pkg_name *name,
                         ast_item_ref *out)
{
    uint32_t fpos, ipos;
    if (!omap_get(&p->foreign_index, name->full, &fpos))
        return false;
    const foreign_pkg *fp = &p->foreign.items[fpos];
    if (!omap_get(&fp->item_index, path->name.name, &ipos))
        return false;
    *out = fp->items.items[ipos].item;
    return true;
}

/* resolve_ast_item_path */
static witc_status resolve_path(ures *r, const witc_ast_use_path *path, ast_item_ref *out_item,
                                witc_str *out_name, witc_span *out_span)
{
    if (path->is_package) {
        pkg_name name;
        WITC_TRY(make_pkg_name(r, &path->package, &name));
        if (!find_foreign(r->p, path, &name, out_item))
            return rerr(r->ctx, path->name.span, "internal error: foreign dependency missing");
        *out_name = path->name.name;
        *out_span = path->name.span;
        return WITC_OK;
    }
    uint32_t v;
    if (!omap_get(&r->file_items[r->cur_file], path->name.name, &v) &&
        !omap_get(&r->package_items, path->name.name, &v))
        return rerr(r->ctx, path->name.span, "interface or world `%.*s` does not exist",
                    (int)path->name.name.len, path->name.name.ptr);
    out_item->kind = REF_KIND(v);
    out_item->id = REF_ID(v);
    *out_name = path->name.name;
    *out_span = path->name.span;
    return WITC_OK;
}

static witc_status extract_iface(ures *r, ast_item_ref item, witc_str name, witc_span span,
                                 uint32_t *out)
{
    if (item.kind != ITEM_IFACE)
        return rerr(r->ctx, span, "name `%.*s` is defined as a world, not an interface",
                    (int)name.len, name.ptr);
    *out = item.id;
    return WITC_OK;
}

static witc_status extract_world(ures *r, ast_item_ref item, witc_str name, witc_span span,
                                 uint32_t *out)
{
    if (item.kind != ITEM_WORLD)
        return rerr(r->ctx, span, "name `%.*s` is defined as an interface, not a world",
                    (int)name.len, name.ptr);
    *out = item.id;
    return WITC_OK;
}

/* ---- populate_ast_items ---- */

typedef struct edge_rec {
    uint32_t node;
    topo_edge edge;
} edge_rec;

typedef struct deps_ctx {
    omap *file_ns; /* name -> position in ns_src */
    WITC_VEC(struct ns_src {
        bool local;
        witc_ast_id id;
    })
    ns_src;
    omap *order;     /* item name -> node */
    omap *pkg_spans; /* package item names */
    WITC_VEC(edge_rec) edges;
} deps_ctx;

static witc_status item_dep_visit(ures *r, void *arg, const witc_ast_id *owner,
                                  const witc_ast_attrs *attrs, const witc_ast_use_path *path,
                                  const witc_ast_use *use, world_or_iface woi)
{
    (void)attrs;
    (void)use;
    (void)woi;
    deps_ctx *dc = arg;
    if (!owner || path->is_package)
        return WITC_OK;
    const witc_ast_id *used = &path->name;
    uint32_t node;
    if (!omap_get(dc->order, owner->name, &node))
        return WITC_OK;
    uint32_t pos;
    edge_rec e;
    e.node = node;
    if (omap_get(dc->file_ns, used->name, &pos)) {
        if (!dc->ns_src.items[pos].local)
            return WITC_OK;
        e.edge.name = dc->ns_src.items[pos].id.name;
        e.edge.span = dc->ns_src.items[pos].id.span;
    } else if (omap_find(dc->pkg_spans, used->name) != NONE_ID) {
        e.edge.name = used->name;
        e.edge.span = used->span;
    } else {
        return rerr(r->ctx, used->span, "interface or world `%.*s` does not exist",
                    (int)used->name.len, used->name.ptr);
    }
    if (!WITC_VEC_PUSH(r->ctx, &dc->edges, e))
        return g_nomem(r->ctx);
    return WITC_OK;
}

/* Builds CSR edge arrays from records grouped by node (any order; kept stable per node). */
static witc_status build_csr(witc_ctx *ctx, uint32_t n, const edge_rec *recs, size_t n_recs,
                             uint32_t **out_start, topo_edge **out_edges)
{
    uint32_t *start = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *start);
    topo_edge *edges = witc_ctx_alloc(ctx, (n_recs + 1) * sizeof *edges);
    uint32_t *fill = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *fill);
    if (!start || !edges || !fill) {
        witc_ctx_dealloc(ctx, start);
        witc_ctx_dealloc(ctx, edges);
        witc_ctx_dealloc(ctx, fill);
        return g_nomem(ctx);
    }
    memset(start, 0, ((size_t)n + 1) * sizeof *start);
    for (size_t i = 0; i < n_recs; i++)
        start[recs[i].node + 1]++;
    for (uint32_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    memcpy(fill, start, ((size_t)n + 1) * sizeof *fill);
    for (size_t i = 0; i < n_recs; i++)
        edges[fill[recs[i].node]++] = recs[i].edge;
    witc_ctx_dealloc(ctx, fill);
    *out_start = start;
    *out_edges = edges;
    return WITC_OK;
}

static witc_status populate_ast_items(ures *r, uint32_t **out_iface_order, uint32_t *out_n_ifaces,
                                      uint32_t **out_world_order, uint32_t *out_n_worlds,
                                      const witc_ast_decl ***out_iface_ast,
                                      const witc_ast_decl ***out_world_ast,
                                      uint32_t **out_iface_file, uint32_t **out_world_file)
{
    witc_status st = WITC_OK;
    witc_ctx *ctx = r->ctx;
    omap pkg_spans = {0};                        /* name -> index into names */
    omap order = {0};                            /* name -> node */
    WITC_VEC(const witc_ast_decl *) names = {0}; /* node -> decl */
    WITC_VEC(witc_span) spans = {0};
    WITC_VEC(uint32_t) file_of = {0};
    deps_ctx dc;
    memset(&dc, 0, sizeof dc);
    uint32_t *start = NULL, *topo = NULL;
    topo_edge *edges = NULL;
    omap ids = {0}; /* name -> packed ref */

    for (uint32_t f = 0; f < r->n_files; f++) {
        const witc_ast_package_file *file = r->files[f];
        for (uint32_t d = 0; d < file->n_decls; d++) {
            const witc_ast_decl *decl = &file->decls[d];
            const witc_ast_id *name;
            if (decl->kind == WITC_AST_DECL_INTERFACE)
                name = &decl->interface.name;
            else if (decl->kind == WITC_AST_DECL_WORLD)
                name = &decl->world.name;
            else
                continue;
            if (omap_find(&pkg_spans, name->name) != NONE_ID) {
                st = rerr(ctx, name->span, "duplicate item named `%.*s`", (int)name->name.len,
                          name->name.ptr);
                goto done;
            }
            if (!WITC_VEC_PUSH(ctx, &names, decl) || !WITC_VEC_PUSH(ctx, &spans, name->span) ||
                !WITC_VEC_PUSH(ctx, &file_of, f)) {
                st = g_nomem(ctx);
                goto done;
            }
            if ((st = omap_put(ctx, &pkg_spans, name->name, (uint32_t)names.len - 1, NULL)) ||
                (st = omap_put(ctx, &order, name->name, (uint32_t)names.len - 1, NULL)))
                goto done;
        }
    }

    dc.order = &order;
    dc.pkg_spans = &pkg_spans;
    for (uint32_t f = 0; f < r->n_files; f++) {
        const witc_ast_package_file *file = r->files[f];
        omap file_ns = {0};
        dc.file_ns = &file_ns;
        dc.ns_src.len = 0;
        for (uint32_t d = 0; d < file->n_decls && st == WITC_OK; d++) {
            const witc_ast_decl *decl = &file->decls[d];
            const witc_ast_id *name;
            struct ns_src src;
            if (decl->kind == WITC_AST_DECL_USE) {
                const witc_ast_toplevel_use *u = &decl->use;
                name = u->has_as ? &u->as : &u->item.name;
                src.local = !u->item.is_package;
                src.id = u->item.name;
            } else if (decl->kind == WITC_AST_DECL_INTERFACE) {
                name = &decl->interface.name;
                src.local = true;
                src.id = *name;
            } else if (decl->kind == WITC_AST_DECL_WORLD) {
                name = &decl->world.name;
                src.local = true;
                src.id = *name;
            } else {
                continue;
            }
            if (omap_find(&file_ns, name->name) != NONE_ID) {
                st = rerr(ctx, name->span, "duplicate name `%.*s` in this file",
                          (int)name->name.len, name->name.ptr);
                break;
            }
            if (!WITC_VEC_PUSH(ctx, &dc.ns_src, src)) {
                st = g_nomem(ctx);
                break;
            }
            st = omap_put(ctx, &file_ns, name->name, (uint32_t)dc.ns_src.len - 1, NULL);
        }
        if (st == WITC_OK)
            st = for_each_path(r, file, item_dep_visit, &dc);
        omap_free(ctx, &file_ns);
        if (st)
            goto done;
    }

    uint32_t n = (uint32_t)names.len;
    if ((st = build_csr(ctx, n, dc.edges.items, dc.edges.len, &start, &edges)))
        goto done;
    topo = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *topo);
    if (!topo) {
        st = g_nomem(ctx);
        goto done;
    }
    if ((st = witc_toposort(ctx, "interface or world", &order, n, start, edges, topo)))
        goto done;

    uint32_t *iface_order = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *iface_order);
    uint32_t *world_order = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *world_order);
    const witc_ast_decl **iface_ast = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *iface_ast);
    const witc_ast_decl **world_ast = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *world_ast);
    *out_iface_order = iface_order;
    *out_world_order = world_order;
    *out_iface_ast = iface_ast;
    *out_world_ast = world_ast;
    uint32_t *iface_file = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *iface_file);
    uint32_t *world_file = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *world_file);
    *out_iface_file = iface_file;
    *out_world_file = world_file;
    if (!iface_order || !world_order || !iface_ast || !world_ast || !iface_file || !world_file) {
        st = g_nomem(ctx);
        goto done;
    }
    uint32_t ni = 0, nw = 0;
    for (uint32_t k = 0; k < n; k++) {
        const witc_ast_decl *decl = names.items[topo[k]];
        uint32_t id;
        if (decl->kind == WITC_AST_DECL_INTERFACE) {
            if ((st = alloc_interface(r, spans.items[topo[k]], &id)))
                goto done;
            r->p->ifaces.items[id].i.has_name = true;
            r->p->ifaces.items[id].i.name = g_str(r->g, decl->interface.name.name);
            iface_order[ni] = id;
            iface_file[ni] = file_of.items[topo[k]];
            iface_ast[ni++] = decl;
            st = omap_put(ctx, &ids, decl->interface.name.name, PACK(ITEM_IFACE, id), NULL);
        } else {
            if ((st = alloc_world(r, spans.items[topo[k]], &id)))
                goto done;
            r->p->worlds.items[id].w.name = g_str(r->g, decl->world.name.name);
            world_order[nw] = id;
            world_file[nw] = file_of.items[topo[k]];
            world_ast[nw++] = decl;
            st = omap_put(ctx, &ids, decl->world.name.name, PACK(ITEM_WORLD, id), NULL);
        }
        if (st)
            goto done;
    }
    *out_n_ifaces = ni;
    *out_n_worlds = nw;

    for (uint32_t f = 0; f < r->n_files; f++) {
        const witc_ast_package_file *file = r->files[f];
        for (uint32_t d = 0; d < file->n_decls; d++) {
            const witc_ast_decl *decl = &file->decls[d];
            const witc_ast_id *name;
            uint32_t ref;
            if (decl->kind == WITC_AST_DECL_USE) {
                const witc_ast_toplevel_use *u = &decl->use;
                if (u->attrs.count > 0) {
                    st = rerr(ctx, u->span, "attributes not allowed on top-level use");
                    goto done;
                }
                name = u->has_as ? &u->as : &u->item.name;
                if (u->item.is_package) {
                    pkg_name pn;
                    ast_item_ref item;
                    if ((st = make_pkg_name(r, &u->item.package, &pn)))
                        goto done;
                    if (!find_foreign(r->p, &u->item, &pn, &item)) {
                        st = rerr(ctx, u->item.name.span, "internal error: foreign use missing");
                        goto done;
                    }
                    ref = PACK(item.kind, item.id);
                } else if (!omap_get(&ids, u->item.name.name, &ref)) {
                    st = rerr(ctx, u->item.name.span, "interface or world `%.*s` does not exist",
                              (int)u->item.name.name.len, u->item.name.name.ptr);
                    goto done;
                }
            } else if (decl->kind == WITC_AST_DECL_INTERFACE) {
                name = &decl->interface.name;
                (void)omap_get(&ids, name->name, &ref);
            } else if (decl->kind == WITC_AST_DECL_WORLD) {
                name = &decl->world.name;
                (void)omap_get(&ids, name->name, &ref);
            } else {
                continue;
            }
            if ((st = omap_put(ctx, &r->file_items[f], name->name, ref, NULL)))
                goto done;
            if (decl->kind != WITC_AST_DECL_USE &&
                (st = omap_put(ctx, &r->package_items, name->name, ref, NULL)))
                goto done;
        }
    }
done:
    omap_free(ctx, &pkg_spans);
    omap_free(ctx, &order);
    omap_free(ctx, &ids);
    WITC_VEC_FREE(ctx, &names);
    WITC_VEC_FREE(ctx, &spans);
    WITC_VEC_FREE(ctx, &file_of);
    WITC_VEC_FREE(ctx, &dc.ns_src);
    WITC_VEC_FREE(ctx, &dc.edges);
    witc_ctx_dealloc(ctx, start);
    witc_ctx_dealloc(ctx, edges);
    witc_ctx_dealloc(ctx, topo);
    return st;
}

/* ---- populate_foreign_types ---- */

static witc_status foreign_type_visit(ures *r, void *arg, const witc_ast_id *owner,
                                      const witc_ast_attrs *attrs, const witc_ast_use_path *path,
                                      const witc_ast_use *use, world_or_iface woi)
{
    (void)arg;
    (void)owner;
    (void)woi;
    if (!use)
        return WITC_OK;
    witc_stability stab;
    bool has_ext;
    witc_str ext = {0};
    WITC_TRY(stability_of(r, attrs, &stab));
    WITC_TRY(external_id_of(r, attrs, &has_ext, &ext));
    ast_item_ref item;
    witc_str name;
    witc_span span;
    WITC_TRY(resolve_path(r, path, &item, &name, &span));
    uint32_t iface = 0;
    WITC_TRY(extract_iface(r, item, name, span, &iface));
    if (!r->p->ifaces.items[iface].foreign)
        return WITC_OK;
    for (uint32_t i = 0; i < use->n_names; i++) {
        const witc_ast_id *n = &use->names[i].name;
        lookup *l = &r->iface_lookup.items[iface];
        if (omap_find(&l->index, n->name) != NONE_ID)
            continue;
        witc_typedef t;
        memset(&t, 0, sizeof t);
        t.kind = WITC_TYPEDEF_UNKNOWN;
        t.stability = stab;
        t.has_name = true;
        t.name = g_str(r->g, n->name);
        t.owner = (witc_type_owner){WITC_OWNER_INTERFACE, iface};
        t.span = n->span;
        t.has_external_id = has_ext;
        t.external_id = ext;
        uint32_t id;
        WITC_TRY(alloc_type(r, &t, &id));
        if (!WITC_VEC_PUSH(r->ctx, &r->p->unknown_spans, n->span))
            return g_nomem(r->ctx);
        lookup_ent ent = {true, id, NULL, n->span};
        l = &r->iface_lookup.items[iface];
        if (!WITC_VEC_PUSH(r->ctx, &l->v, ent))
            return g_nomem(r->ctx);
        WITC_TRY(omap_put(r->ctx, &l->index, n->name, (uint32_t)l->v.len - 1, NULL));
        WITC_TRY(omap_put(r->ctx, &r->p->ifaces.items[iface].types, r->p->types.items[id].name, id,
                          NULL));
    }
    return WITC_OK;
}

/* ---- types ---- */

static witc_status resolve_type(ures *r, const witc_ast_type *ty, const witc_stability *stab,
                                uint32_t depth, witc_type_ref *out);

static witc_status too_deep(ures *r, witc_span span)
{
    witc_diag_error(witc_ctx_diags(r->ctx), span, "type nesting too deep");
    return WITC_E_LIMIT;
}

static witc_status resolve_type_name(ures *r, const witc_ast_id *name, uint32_t *out)
{
    const lookup_ent *e = lookup_get(&r->type_lookup, name->name);
    if (!e)
        return rerr(r->ctx, name->span, "name `%.*s` does not exist", (int)name->name.len,
                    name->name.ptr);
    if (!e->is_type)
        return rerr(r->ctx, name->span, "cannot use %s `%.*s` as a type", e->item,
                    (int)name->name.len, name->name.ptr);
    *out = e->type;
    return WITC_OK;
}

static witc_status validate_resource(ures *r, const witc_ast_id *name, uint32_t *out)
{
    uint32_t id;
    WITC_TRY(resolve_type_name(r, name, &id));
    uint32_t root = r->type_root.items[id];
    const witc_typedef *t = &r->p->types.items[root];
    if (t->kind == WITC_TYPEDEF_UNKNOWN) {
        if (!WITC_VEC_PUSH(r->ctx, &r->p->required_res, root) ||
            !WITC_VEC_PUSH(r->ctx, &r->p->required_res_span, name->span))
            return g_nomem(r->ctx);
    } else if (t->kind != WITC_TYPEDEF_RESOURCE) {
        return rerr(r->ctx, name->span, "type `%.*s` used in a handle must be a resource",
                    (int)name->name.len, name->name.ptr);
    }
    *out = id;
    return WITC_OK;
}

static const witc_stability *stab_in_ref(ures *r, witc_type_ref t)
{
    if (t.prim != WITC_PRIM_ID)
        return NULL;
    const witc_stability *s = &r->p->types.items[t.id.i].stability;
    return s->kind != WITC_STABILITY_UNKNOWN ? s : NULL;
}

/* find_stability: an anonymous type inherits the first known stability of what it holds. */
static witc_stability find_stability(ures *r, const witc_typedef *t, const witc_stability *stab)
{
    if (stab->kind != WITC_STABILITY_UNKNOWN)
        return *stab;
    const witc_stability *found = NULL;
    switch (t->kind) {
    case WITC_TYPEDEF_ALIAS:
        found = stab_in_ref(r, t->target);
        break;
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        found = stab_in_ref(r, (witc_type_ref){WITC_PRIM_ID, t->resource});
        break;
    case WITC_TYPEDEF_TUPLE:
        for (uint32_t i = 0; i < t->n_types && !found; i++)
            found = stab_in_ref(r, t->types[i]);
        break;
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FIXED_LIST:
    case WITC_TYPEDEF_OPTION:
        found = stab_in_ref(r, t->elem);
        break;
    case WITC_TYPEDEF_MAP:
        found = stab_in_ref(r, t->key);
        if (!found)
            found = stab_in_ref(r, t->elem);
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        if (t->has_elem)
            found = stab_in_ref(r, t->elem);
        break;
    case WITC_TYPEDEF_RESULT:
        if (t->has_ok)
            found = stab_in_ref(r, t->ok);
        if (!found && t->has_err)
            found = stab_in_ref(r, t->err);
        break;
    default:
        break;
    }
    if (found)
        return *found;
    witc_stability none;
    memset(&none, 0, sizeof none);
    return none;
}

static void key_ref(witc_buf *b, witc_type_ref t)
{
    witc_buf_byte(b, (uint8_t)t.prim);
    witc_buf_uleb(b, t.prim == WITC_PRIM_ID ? t.id.i : 0);
}

static void key_str(witc_buf *b, witc_str s)
{
    witc_buf_uleb(b, s.len);
    witc_buf_append(b, s.ptr, s.len);
}

/* anon_type_def: aliases and `own<T>` are the type they name; the rest are interned by
 * structure (names of fields and cases included, docs and stability not). */
static witc_status anon_type(ures *r, witc_typedef *t, witc_type_ref *out)
{
    if (t->kind == WITC_TYPEDEF_ALIAS) {
        *out = t->target;
        return WITC_OK;
    }
    if (t->kind == WITC_TYPEDEF_OWN) {
        *out = (witc_type_ref){WITC_PRIM_ID, t->resource};
        return WITC_OK;
    }
    witc_buf b;
    witc_buf_init(&b, r->ctx);
    witc_buf_byte(&b, (uint8_t)t->kind);
    switch (t->kind) {
    case WITC_TYPEDEF_VARIANT:
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_FLAGS:
    case WITC_TYPEDEF_ENUM:
        witc_buf_uleb(&b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            key_str(&b, t->fields[i].name);
            witc_buf_byte(&b, t->fields[i].has_type);
            if (t->fields[i].has_type)
                key_ref(&b, t->fields[i].type);
        }
        break;
    case WITC_TYPEDEF_BORROW:
        witc_buf_uleb(&b, t->resource.i);
        break;
    case WITC_TYPEDEF_TUPLE:
        witc_buf_uleb(&b, t->n_types);
        for (uint32_t i = 0; i < t->n_types; i++)
            key_ref(&b, t->types[i]);
        break;
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_OPTION:
        key_ref(&b, t->elem);
        break;
    case WITC_TYPEDEF_FIXED_LIST:
        key_ref(&b, t->elem);
        witc_buf_uleb(&b, t->size);
        break;
    case WITC_TYPEDEF_MAP:
        key_ref(&b, t->key);
        key_ref(&b, t->elem);
        break;
    case WITC_TYPEDEF_RESULT:
        witc_buf_byte(&b, t->has_ok);
        if (t->has_ok)
            key_ref(&b, t->ok);
        witc_buf_byte(&b, t->has_err);
        if (t->has_err)
            key_ref(&b, t->err);
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        witc_buf_byte(&b, t->has_elem);
        if (t->has_elem)
            key_ref(&b, t->elem);
        break;
    default:
        break;
    }
    if (b.failed) {
        witc_buf_release(&b);
        return g_nomem(r->ctx);
    }
    uint32_t id;
    if (witc_hash_get(&r->anon, (const char *)b.data, b.len, &id)) {
        witc_buf_release(&b);
        *out = (witc_type_ref){WITC_PRIM_ID, {id}};
        return WITC_OK;
    }
    char *key = witc_arena_alloc(&r->scratch, b.len + 1);
    if (!key) {
        witc_buf_release(&b);
        return g_nomem(r->ctx);
    }
    memcpy(key, b.data, b.len);
    size_t key_len = b.len;
    witc_buf_release(&b);
    WITC_TRY(alloc_type(r, t, &id));
    if (!witc_hash_put(&r->anon, key, key_len, id))
        return g_nomem(r->ctx);
    *out = (witc_type_ref){WITC_PRIM_ID, {id}};
    return WITC_OK;
}

static witc_status resolve_opt_type(ures *r, const witc_ast_type *ty, const witc_stability *stab,
                                    uint32_t depth, bool *out_has, witc_type_ref *out)
{
    *out_has = ty != NULL;
    if (!ty) {
        *out = (witc_type_ref){WITC_PRIM_ID, {NONE_ID}};
        return WITC_OK;
    }
    return resolve_type(r, ty, stab, depth, out);
}

static const witc_prim prim_of_ast[] = {
    [WITC_AST_BOOL] = WITC_PRIM_BOOL,     [WITC_AST_U8] = WITC_PRIM_U8,
    [WITC_AST_U16] = WITC_PRIM_U16,       [WITC_AST_U32] = WITC_PRIM_U32,
    [WITC_AST_U64] = WITC_PRIM_U64,       [WITC_AST_S8] = WITC_PRIM_S8,
    [WITC_AST_S16] = WITC_PRIM_S16,       [WITC_AST_S32] = WITC_PRIM_S32,
    [WITC_AST_S64] = WITC_PRIM_S64,       [WITC_AST_F32] = WITC_PRIM_F32,
    [WITC_AST_F64] = WITC_PRIM_F64,       [WITC_AST_CHAR] = WITC_PRIM_CHAR,
    [WITC_AST_STRING] = WITC_PRIM_STRING, [WITC_AST_ERROR_CONTEXT] = WITC_PRIM_ERROR_CONTEXT,
};

static witc_status resolve_fields(ures *r, const witc_ast_type *ty, const witc_stability *stab,
                                  uint32_t depth, bool typed, witc_typedef *out)
{
    out->n_fields = ty->n_fields;
    if (ty->n_fields == 0)
        return WITC_OK;
    out->fields = WITC_ARENA_NEW_ARRAY(&r->g->arena, witc_field, ty->n_fields);
    if (!out->fields)
        return g_nomem(r->ctx);
    for (uint32_t i = 0; i < ty->n_fields; i++) {
        const witc_ast_field *f = &ty->fields[i];
        witc_field *o = &out->fields[i];
        o->docs = docs_of(r, &f->docs);
        o->name = g_str(r->g, f->name.name);
        o->span = f->name.span;
        if (typed)
            WITC_TRY(resolve_opt_type(r, f->type, stab, depth, &o->has_type, &o->type));
    }
    return WITC_OK;
}

/* resolve_type_def: the kind of a type from its AST. */
static witc_status resolve_type_def(ures *r, const witc_ast_type *ty, const witc_stability *stab,
                                    uint32_t depth, witc_typedef *out)
{
    if (depth > r->max_depth)
        return too_deep(r, ty->span);
    depth++;
    memset(out, 0, sizeof *out);
    out->target.id.i = NONE_ID;
    out->resource.i = NONE_ID;
    switch (ty->kind) {
    case WITC_AST_BOOL:
    case WITC_AST_U8:
    case WITC_AST_U16:
    case WITC_AST_U32:
    case WITC_AST_U64:
    case WITC_AST_S8:
    case WITC_AST_S16:
    case WITC_AST_S32:
    case WITC_AST_S64:
    case WITC_AST_F32:
    case WITC_AST_F64:
    case WITC_AST_CHAR:
    case WITC_AST_STRING:
    case WITC_AST_ERROR_CONTEXT:
        out->kind = WITC_TYPEDEF_ALIAS;
        out->target = (witc_type_ref){prim_of_ast[ty->kind], {NONE_ID}};
        return WITC_OK;
    case WITC_AST_NAME: {
        uint32_t id;
        WITC_TRY(resolve_type_name(r, &ty->name, &id));
        out->kind = WITC_TYPEDEF_ALIAS;
        out->target = (witc_type_ref){WITC_PRIM_ID, {id}};
        return WITC_OK;
    }
    case WITC_AST_LIST:
        out->kind = WITC_TYPEDEF_LIST;
        out->has_elem = true;
        return resolve_type(r, ty->elem, stab, depth, &out->elem);
    case WITC_AST_MAP: {
        out->kind = WITC_TYPEDEF_MAP;
        out->has_elem = true;
        WITC_TRY(resolve_type(r, ty->key, stab, depth, &out->key));
        WITC_TRY(resolve_type(r, ty->elem, stab, depth, &out->elem));
        switch (out->key.prim) {
        case WITC_PRIM_BOOL:
        case WITC_PRIM_U8:
        case WITC_PRIM_U16:
        case WITC_PRIM_U32:
        case WITC_PRIM_U64:
        case WITC_PRIM_S8:
        case WITC_PRIM_S16:
        case WITC_PRIM_S32:
        case WITC_PRIM_S64:
        case WITC_PRIM_CHAR:
        case WITC_PRIM_STRING:
            return WITC_OK;
        default:
            return rerr(r->ctx, ty->span,
                        "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, "
                        "s16, s32, s64, char, or string");
        }
    }
    case WITC_AST_FIXED_LIST:
        out->kind = WITC_TYPEDEF_FIXED_LIST;
        out->has_elem = true;
        out->size = ty->size;
        return resolve_type(r, ty->elem, stab, depth, &out->elem);
    case WITC_AST_OWN:
    case WITC_AST_BORROW:
        out->kind = ty->kind == WITC_AST_OWN ? WITC_TYPEDEF_OWN : WITC_TYPEDEF_BORROW;
        return validate_resource(r, &ty->name, &out->resource.i);
    case WITC_AST_RESOURCE: {
        omap names = {0};
        witc_status st = WITC_OK;
        uint32_t ctors = 0;
        for (uint32_t i = 0; i < ty->n_funcs && st == WITC_OK; i++) {
            const witc_ast_named_func *f = &ty->funcs[i];
            if (f->kind == WITC_AST_FUNC_CONSTRUCTOR) {
                if (++ctors > 1)
                    st = rerr(r->ctx, f->name.span, "duplicate constructors");
            } else if (omap_find(&names, f->name.name) != NONE_ID) {
                st = rerr(r->ctx, f->name.span, "duplicate function name `%.*s`",
                          (int)f->name.name.len, f->name.name.ptr);
            } else {
                st = omap_put(r->ctx, &names, f->name.name, i, NULL);
            }
        }
        omap_free(r->ctx, &names);
        out->kind = WITC_TYPEDEF_RESOURCE;
        return st;
    }
    case WITC_AST_RECORD:
        out->kind = WITC_TYPEDEF_RECORD;
        return resolve_fields(r, ty, stab, depth, true, out);
    case WITC_AST_FLAGS:
        out->kind = WITC_TYPEDEF_FLAGS;
        return resolve_fields(r, ty, stab, depth, false, out);
    case WITC_AST_TUPLE:
        out->kind = WITC_TYPEDEF_TUPLE;
        out->n_types = ty->n_types;
        if (ty->n_types) {
            out->types = WITC_ARENA_NEW_ARRAY(&r->g->arena, witc_type_ref, ty->n_types);
            if (!out->types)
                return g_nomem(r->ctx);
        }
        for (uint32_t i = 0; i < ty->n_types; i++)
            WITC_TRY(resolve_type(r, ty->types[i], stab, depth, &out->types[i]));
        return WITC_OK;
    case WITC_AST_VARIANT:
        if (ty->n_fields == 0)
            return rerr(r->ctx, ty->span, "empty variant");
        out->kind = WITC_TYPEDEF_VARIANT;
        return resolve_fields(r, ty, stab, depth, true, out);
    case WITC_AST_ENUM:
        if (ty->n_fields == 0)
            return rerr(r->ctx, ty->span, "empty enum");
        out->kind = WITC_TYPEDEF_ENUM;
        return resolve_fields(r, ty, stab, depth, false, out);
    case WITC_AST_OPTION:
        out->kind = WITC_TYPEDEF_OPTION;
        out->has_elem = true;
        return resolve_type(r, ty->elem, stab, depth, &out->elem);
    case WITC_AST_RESULT:
        out->kind = WITC_TYPEDEF_RESULT;
        WITC_TRY(resolve_opt_type(r, ty->ok, stab, depth, &out->has_ok, &out->ok));
        return resolve_opt_type(r, ty->err, stab, depth, &out->has_err, &out->err);
    case WITC_AST_FUTURE:
    case WITC_AST_STREAM:
        out->kind = ty->kind == WITC_AST_FUTURE ? WITC_TYPEDEF_FUTURE : WITC_TYPEDEF_STREAM;
        return resolve_opt_type(r, ty->elem, stab, depth, &out->has_elem, &out->elem);
    }
    return rerr(r->ctx, ty->span, "internal error: unknown type kind");
}

static witc_status resolve_type(ures *r, const witc_ast_type *ty, const witc_stability *stab,
                                uint32_t depth, witc_type_ref *out)
{
    witc_typedef t;
    WITC_TRY(resolve_type_def(r, ty, stab, depth, &t));
    t.stability = find_stability(r, &t, stab);
    t.owner = (witc_type_owner){WITC_OWNER_NONE, NONE_ID};
    t.span = ty->span;
    return anon_type(r, &t, out);
}

/* Names a type definition depends on (collect_deps), in source order. */
static witc_status collect_deps(ures *r, const witc_ast_type *ty, uint32_t node, uint32_t depth,
                                void *edges_vec)
{
    WITC_VEC(edge_rec) *edges = edges_vec;
    if (!ty)
        return WITC_OK;
    if (depth > r->max_depth)
        return too_deep(r, ty->span);
    depth++;
    switch (ty->kind) {
    case WITC_AST_NAME:
    case WITC_AST_OWN:
    case WITC_AST_BORROW: {
        edge_rec e = {node, {ty->name.name, ty->name.span}};
        if (!WITC_VEC_PUSH(r->ctx, edges, e))
            return g_nomem(r->ctx);
        return WITC_OK;
    }
    case WITC_AST_RECORD:
    case WITC_AST_VARIANT:
        for (uint32_t i = 0; i < ty->n_fields; i++)
            WITC_TRY(collect_deps(r, ty->fields[i].type, node, depth, edges));
        return WITC_OK;
    case WITC_AST_TUPLE:
        for (uint32_t i = 0; i < ty->n_types; i++)
            WITC_TRY(collect_deps(r, ty->types[i], node, depth, edges));
        return WITC_OK;
    case WITC_AST_OPTION:
    case WITC_AST_LIST:
    case WITC_AST_FIXED_LIST:
    case WITC_AST_FUTURE:
    case WITC_AST_STREAM:
        return collect_deps(r, ty->elem, node, depth, edges);
    case WITC_AST_MAP:
        WITC_TRY(collect_deps(r, ty->key, node, depth, edges));
        return collect_deps(r, ty->elem, node, depth, edges);
    case WITC_AST_RESULT:
        WITC_TRY(collect_deps(r, ty->ok, node, depth, edges));
        return collect_deps(r, ty->err, node, depth, edges);
    default:
        return WITC_OK;
    }
}

/* ---- use ---- */

static witc_status resolve_use(ures *r, witc_type_owner owner, const witc_ast_use *u)
{
    ast_item_ref item;
    witc_str name;
    witc_span span;
    WITC_TRY(resolve_path(r, &u->from, &item, &name, &span));
    uint32_t from = 0;
    WITC_TRY(extract_iface(r, item, name, span, &from));
    witc_stability stab;
    WITC_TRY(stability_of(r, &u->attrs, &stab));
    bool has_ext;
    witc_str ext = {0};
    WITC_TRY(external_id_of(r, &u->attrs, &has_ext, &ext));
    for (uint32_t i = 0; i < u->n_names; i++) {
        const witc_ast_use_name *un = &u->names[i];
        const lookup_ent *e = lookup_get(&r->iface_lookup.items[from], un->name.name);
        if (!e)
            return rerr(r->ctx, un->name.span, "name `%.*s` does not exist", (int)un->name.name.len,
                        un->name.name.ptr);
        if (!e->is_type)
            return rerr(r->ctx, un->name.span, "cannot import %s `%.*s`", e->item,
                        (int)un->name.name.len, un->name.name.ptr);
        const witc_ast_id *local = un->has_as ? &un->as : &un->name;
        witc_typedef t;
        memset(&t, 0, sizeof t);
        t.kind = WITC_TYPEDEF_ALIAS;
        t.target = (witc_type_ref){WITC_PRIM_ID, {e->type}};
        t.resource.i = NONE_ID;
        t.stability = stab;
        t.has_name = true;
        t.name = g_str(r->g, local->name);
        t.owner = owner;
        t.span = un->name.span;
        t.has_external_id = has_ext;
        t.external_id = ext;
        uint32_t id;
        WITC_TRY(alloc_type(r, &t, &id));
        lookup_ent ent = {true, id, NULL, local->span};
        WITC_TRY(define_name(r, local, ent));
    }
    return WITC_OK;
}

/* An interface or world item that holds types: a `use` or a type definition. */
typedef struct type_item {
    const witc_ast_use *use;
    const witc_ast_typedef *def;
} type_item;

/* resolve_types: uses first, then definitions in dependency order. */
static witc_status resolve_types(ures *r, witc_type_owner owner, const type_item *items,
                                 uint32_t n_items)
{
    witc_ctx *ctx = r->ctx;
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < n_items; i++)
        if (items[i].use)
            WITC_TRY(resolve_use(r, owner, items[i].use));

    omap index = {0}; /* name -> node */
    WITC_VEC(const witc_ast_typedef *) defs = {0};
    WITC_VEC(uint32_t) edge_lo = {0};
    WITC_VEC(uint32_t) edge_hi = {0};
    WITC_VEC(edge_rec) recs = {0};
    WITC_VEC(edge_rec) live = {0};
    uint32_t *start = NULL, *order = NULL;
    topo_edge *edges = NULL;
    for (uint32_t i = 0; i < n_items && st == WITC_OK; i++) {
        if (items[i].def) {
            const witc_ast_typedef *def = items[i].def;
            if (omap_find(&index, def->name.name) != NONE_ID) {
                st = rerr(ctx, def->name.span, "name `%.*s` is defined more than once",
                          (int)def->name.name.len, def->name.name.ptr);
                break;
            }
            uint32_t node = (uint32_t)defs.len;
            uint32_t lo = (uint32_t)recs.len;
            if ((st = collect_deps(r, def->type, node, 0, &recs)))
                break;
            uint32_t hi = (uint32_t)recs.len;
            if (!WITC_VEC_PUSH(ctx, &defs, def) || !WITC_VEC_PUSH(ctx, &edge_lo, lo) ||
                !WITC_VEC_PUSH(ctx, &edge_hi, hi)) {
                st = g_nomem(ctx);
                break;
            }
            st = omap_put(ctx, &index, def->name.name, node, NULL);
        } else {
            const witc_ast_use *u = items[i].use;
            for (uint32_t k = 0; k < u->n_names && st == WITC_OK; k++) {
                const witc_ast_id *name = u->names[k].has_as ? &u->names[k].as : &u->names[k].name;
                uint32_t node;
                if (omap_get(&index, name->name, &node)) {
                    /* IndexMap::insert keeps the position and replaces the value. */
                    defs.items[node] = NULL;
                    edge_hi.items[node] = edge_lo.items[node];
                    continue;
                }
                node = (uint32_t)defs.len;
                const witc_ast_typedef *none = NULL;
                if (!WITC_VEC_PUSH(ctx, &defs, none) ||
                    !WITC_VEC_PUSH(ctx, &edge_lo, (uint32_t)recs.len) ||
                    !WITC_VEC_PUSH(ctx, &edge_hi, (uint32_t)recs.len)) {
                    st = g_nomem(ctx);
                    break;
                }
                st = omap_put(ctx, &index, name->name, node, NULL);
            }
        }
    }
    if (st)
        goto done;
    uint32_t n = (uint32_t)defs.len;
    for (uint32_t node = 0; node < n; node++)
        for (uint32_t e = edge_lo.items[node]; e < edge_hi.items[node]; e++)
            if (!WITC_VEC_PUSH(ctx, &live, recs.items[e])) {
                st = g_nomem(ctx);
                goto done;
            }
    if ((st = build_csr(ctx, n, live.items, live.len, &start, &edges)))
        goto done;
    order = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *order);
    if (!order) {
        st = g_nomem(ctx);
        goto done;
    }
    if ((st = witc_toposort(ctx, "type", &index, n, start, edges, order)))
        goto done;
    for (uint32_t k = 0; k < n; k++) {
        const witc_ast_typedef *def = defs.items[order[k]];
        if (!def)
            continue;
        witc_docs docs = docs_of(r, &def->docs);
        witc_stability stab;
        bool has_ext;
        witc_str ext = {0};
        if ((st = stability_of(r, &def->attrs, &stab)) ||
            (st = external_id_of(r, &def->attrs, &has_ext, &ext)))
            goto done;
        witc_typedef t;
        if ((st = resolve_type_def(r, def->type, &stab, 0, &t)))
            goto done;
        t.docs = docs;
        t.stability = stab;
        t.has_name = true;
        t.name = g_str(r->g, def->name.name);
        t.owner = owner;
        t.span = def->name.span;
        t.has_external_id = has_ext;
        t.external_id = ext;
        uint32_t id;
        if ((st = alloc_type(r, &t, &id)))
            goto done;
        lookup_ent ent = {true, id, NULL, def->name.span};
        if ((st = define_name(r, &def->name, ent)))
            goto done;
    }
done:
    omap_free(ctx, &index);
    WITC_VEC_FREE(ctx, &defs);
    WITC_VEC_FREE(ctx, &edge_lo);
    WITC_VEC_FREE(ctx, &edge_hi);
    WITC_VEC_FREE(ctx, &recs);
    WITC_VEC_FREE(ctx, &live);
    witc_ctx_dealloc(ctx, start);
    witc_ctx_dealloc(ctx, edges);
    witc_ctx_dealloc(ctx, order);
    return st;
}

/* ---- functions ---- */

static witc_status resolve_params(ures *r, const witc_ast_func *func, const witc_function *f,
                                  witc_param **out, uint32_t *out_n)
{
    uint32_t extra = f->kind == WITC_FUNC_METHOD ? 1 : 0;
    uint32_t n = func->n_params + extra;
    witc_param *params = NULL;
    if (n) {
        params = WITC_ARENA_NEW_ARRAY(&r->g->arena, witc_param, n);
        if (!params)
            return g_nomem(r->ctx);
    }
    omap seen = {0};
    witc_status st = WITC_OK;
    uint32_t k = 0;
    if (extra) {
        witc_typedef t;
        memset(&t, 0, sizeof t);
        t.kind = WITC_TYPEDEF_BORROW;
        t.resource = f->resource;
        t.target.id.i = NONE_ID;
        witc_stability unknown;
        memset(&unknown, 0, sizeof unknown);
        t.stability = find_stability(r, &t, &unknown);
        t.owner = (witc_type_owner){WITC_OWNER_NONE, NONE_ID};
        t.span = func->span;
        params[0].name = (witc_str){"self", 4};
        params[0].span = func->span;
        if ((st = anon_type(r, &t, &params[0].type)) ||
            (st = omap_put(r->ctx, &seen, params[0].name, 0, NULL)))
            goto done;
        k = 1;
    }
    for (uint32_t i = 0; i < func->n_params; i++, k++) {
        const witc_ast_param *p = &func->params[i];
        if (omap_find(&seen, p->name.name) != NONE_ID) {
            st = rerr(r->ctx, p->name.span, "param `%.*s` is defined more than once",
                      (int)p->name.name.len, p->name.name.ptr);
            goto done;
        }
        if ((st = omap_put(r->ctx, &seen, p->name.name, k, NULL)))
            goto done;
        params[k].name = g_str(r->g, p->name.name);
        params[k].span = p->name.span;
        witc_stability unknown;
        memset(&unknown, 0, sizeof unknown);
        if ((st = resolve_type(r, p->type, &unknown, 0, &params[k].type)))
            goto done;
    }
    *out = params;
    *out_n = n;
done:
    omap_free(r->ctx, &seen);
    return st;
}

static witc_status resolve_result(ures *r, const witc_ast_func *func, witc_function *f)
{
    witc_stability unknown;
    memset(&unknown, 0, sizeof unknown);
    if (f->kind != WITC_FUNC_CONSTRUCTOR) {
        f->has_result = func->result != NULL;
        if (func->result)
            return resolve_type(r, func->result, &unknown, 0, &f->result);
        return WITC_OK;
    }
    f->has_result = true;
    if (!func->result) {
        f->result = (witc_type_ref){WITC_PRIM_ID, f->resource};
        return WITC_OK;
    }
    const witc_ast_type *ast = func->result;
    WITC_TRY(resolve_type(r, ast, &unknown, 0, &f->result));
    const witc_typedef *res = NULL;
    if (f->result.prim == WITC_PRIM_ID &&
        r->p->types.items[f->result.id.i].kind == WITC_TYPEDEF_RESULT)
        res = &r->p->types.items[f->result.id.i];
    if (!res)
        return rerr(r->ctx, ast->span,
                    "if a constructor return type is declared it must be a `result`");
    if (res->has_ok && res->ok.prim == WITC_PRIM_ID && res->ok.id.i == f->resource.i)
        return WITC_OK;
    witc_span ok_span = ast->kind == WITC_AST_RESULT && ast->ok ? ast->ok->span : ast->span;
    return rerr(r->ctx, ok_span, "the `ok` type must be the resource being constructed");
}

static witc_status resolve_function(ures *r, const witc_ast_docs *docs, const witc_ast_attrs *attrs,
                                    witc_str name, witc_span name_span, const witc_ast_func *func,
                                    witc_function *f)
{
    f->docs = docs_of(r, docs);
    WITC_TRY(stability_of(r, attrs, &f->stability));
    WITC_TRY(external_id_of(r, attrs, &f->has_external_id, &f->external_id));
    f->name = name;
    f->span = name_span;
    f->is_async = func->is_async;
    WITC_TRY(resolve_params(r, func, f, &f->params, &f->n_params));
    return resolve_result(r, func, f);
}

static witc_status resolve_resource_func(ures *r, const witc_ast_named_func *nf,
                                         const witc_ast_id *resource, witc_function *f)
{
    memset(f, 0, sizeof *f);
    const lookup_ent *e = lookup_get(&r->type_lookup, resource->name);
    if (!e || !e->is_type)
        return rerr(r->ctx, resource->span, "internal error: resource lookup failed");
    f->resource.i = e->type;
    const char *name;
    switch (nf->kind) {
    case WITC_AST_FUNC_METHOD:
        f->kind = WITC_FUNC_METHOD;
        name = witc_arena_printf(&r->g->arena, "[method]%.*s.%.*s", (int)resource->name.len,
                                 resource->name.ptr, (int)nf->name.name.len, nf->name.name.ptr);
        break;
    case WITC_AST_FUNC_STATIC:
        f->kind = WITC_FUNC_STATIC;
        name = witc_arena_printf(&r->g->arena, "[static]%.*s.%.*s", (int)resource->name.len,
                                 resource->name.ptr, (int)nf->name.name.len, nf->name.name.ptr);
        break;
    default:
        f->kind = WITC_FUNC_CONSTRUCTOR;
        name = witc_arena_printf(&r->g->arena, "[constructor]%.*s", (int)resource->name.len,
                                 resource->name.ptr);
        break;
    }
    if (!name)
        return g_nomem(r->ctx);
    return resolve_function(r, &nf->docs, &nf->attrs, (witc_str){name, strlen(name)}, nf->name.span,
                            &nf->func, f);
}

static witc_status push_func(ures *r, uint32_t iface, const witc_function *f)
{
    if (!WITC_VEC_PUSH(r->ctx, &r->p->ifaces.items[iface].funcs, *f))
        return g_nomem(r->ctx);
    return WITC_OK;
}

/* ---- interfaces ---- */

static witc_status resolve_interface(ures *r, uint32_t id, const witc_ast_iface_item *items,
                                     uint32_t n_items, const witc_ast_docs *docs,
                                     const witc_ast_attrs *attrs)
{
    witc_ctx *ctx = r->ctx;
    r->p->ifaces.items[id].i.docs = docs_of(r, docs);
    WITC_TRY(stability_of(r, attrs, &r->p->ifaces.items[id].i.stability));

    type_item *titems = witc_ctx_alloc(ctx, ((size_t)n_items + 1) * sizeof *titems);
    if (!titems)
        return g_nomem(ctx);
    uint32_t nt = 0;
    for (uint32_t i = 0; i < n_items; i++) {
        if (items[i].kind == WITC_AST_ITEM_USE)
            titems[nt++] = (type_item){&items[i].use, NULL};
        else if (items[i].kind == WITC_AST_ITEM_TYPEDEF)
            titems[nt++] = (type_item){NULL, &items[i].typedef_};
    }
    witc_type_owner owner = {WITC_OWNER_INTERFACE, id};
    witc_status st = resolve_types(r, owner, titems, nt);
    witc_ctx_dealloc(ctx, titems);
    WITC_TRY(st);

    for (size_t i = 0; i < r->type_lookup.v.len; i++) {
        const lookup_ent *e = &r->type_lookup.v.items[i];
        WITC_TRY(omap_put(ctx, &r->p->ifaces.items[id].types, r->p->types.items[e->type].name,
                          e->type, NULL));
    }

    for (uint32_t i = 0; i < n_items; i++) {
        const witc_ast_iface_item *it = &items[i];
        if (it->kind == WITC_AST_ITEM_FUNC) {
            const witc_ast_named_func *nf = &it->func;
            lookup_ent ent = {false, NONE_ID, "function", nf->name.span};
            WITC_TRY(define_name(r, &nf->name, ent));
            witc_function f;
            memset(&f, 0, sizeof f);
            f.kind = WITC_FUNC_FREESTANDING;
            f.resource.i = NONE_ID;
            WITC_TRY(resolve_function(r, &nf->docs, &nf->attrs, g_str(r->g, nf->name.name),
                                      nf->name.span, &nf->func, &f));
            WITC_TRY(push_func(r, id, &f));
        } else if (it->kind == WITC_AST_ITEM_TYPEDEF &&
                   it->typedef_.type->kind == WITC_AST_RESOURCE) {
            const witc_ast_type *res = it->typedef_.type;
            for (uint32_t k = 0; k < res->n_funcs; k++) {
                witc_function f;
                WITC_TRY(resolve_resource_func(r, &res->funcs[k], &it->typedef_.name, &f));
                WITC_TRY(push_func(r, id, &f));
            }
        }
    }
    lookup_free(ctx, &r->iface_lookup.items[id]);
    r->iface_lookup.items[id] = r->type_lookup;
    memset(&r->type_lookup, 0, sizeof r->type_lookup);
    return WITC_OK;
}

/* ---- worlds ---- */

static witc_status resolve_include(ures *r, uint32_t world, const witc_ast_include *inc)
{
    world_include wi;
    memset(&wi, 0, sizeof wi);
    WITC_TRY(stability_of(r, &inc->attrs, &wi.stability));
    ast_item_ref item;
    witc_str name;
    WITC_TRY(resolve_path(r, &inc->from, &item, &name, &wi.span));
    WITC_TRY(extract_world(r, item, name, wi.span, &wi.world));
    wi.names = inc->names;
    wi.n_names = inc->n_names;
    if (!WITC_VEC_PUSH(r->ctx, &r->p->worlds.items[world].includes, wi))
        return g_nomem(r->ctx);
    return WITC_OK;
}

static witc_status resolve_world_item(ures *r, const witc_ast_world_item *it, witc_world_item *out)
{
    const witc_ast_extern *ext = &it->ext;
    memset(out, 0, sizeof *out);
    out->interface.i = NONE_ID;
    out->type.i = NONE_ID;
    out->func.resource.i = NONE_ID;
    switch (ext->kind) {
    case WITC_AST_EXTERN_INTERFACE: {
        lookup saved = r->type_lookup;
        memset(&r->type_lookup, 0, sizeof r->type_lookup);
        uint32_t id;
        witc_status st = alloc_interface(r, ext->name.span, &id);
        if (st == WITC_OK)
            st = resolve_interface(r, id, ext->items, ext->n_items, &it->docs, &it->attrs);
        lookup_free(r->ctx, &r->type_lookup);
        r->type_lookup = saved;
        WITC_TRY(st);
        out->kind = WITC_WORLD_ITEM_INTERFACE;
        out->interface.i = id;
        out->stability = r->p->ifaces.items[id].i.stability;
        WITC_TRY(external_id_of(r, &it->attrs, &out->has_external_id, &out->external_id));
        out->span = ext->name.span;
        return WITC_OK;
    }
    case WITC_AST_EXTERN_PATH:
    case WITC_AST_EXTERN_NAMED_PATH: {
        WITC_TRY(stability_of(r, &it->attrs, &out->stability));
        WITC_TRY(external_id_of(r, &it->attrs, &out->has_external_id, &out->external_id));
        out->docs = docs_of(r, &it->docs);
        ast_item_ref item;
        witc_str name;
        witc_span span;
        WITC_TRY(resolve_path(r, &ext->path, &item, &name, &span));
        WITC_TRY(extract_iface(r, item, name, span, &out->interface.i));
        out->kind = WITC_WORLD_ITEM_INTERFACE;
        out->span = ext->kind == WITC_AST_EXTERN_PATH ? span : ext->name.span;
        return WITC_OK;
    }
    case WITC_AST_EXTERN_FUNC:
        out->kind = WITC_WORLD_ITEM_FUNCTION;
        out->func.kind = WITC_FUNC_FREESTANDING;
        WITC_TRY(resolve_function(r, &it->docs, &it->attrs, g_str(r->g, ext->name.name),
                                  ext->name.span, &ext->func, &out->func));
        out->span = ext->name.span;
        return WITC_OK;
    }
    return rerr(r->ctx, ext->span, "internal error: unknown extern kind");
}

static witc_span extern_span(const witc_ast_extern *ext)
{
    if (ext->kind == WITC_AST_EXTERN_PATH)
        return ext->path.name.span;
    return ext->name.span;
}

static const char *item_desc(witc_world_item_kind k)
{
    return k == WITC_WORLD_ITEM_INTERFACE  ? "interface"
           : k == WITC_WORLD_ITEM_FUNCTION ? "func"
                                           : "type";
}

static witc_status resolve_world(ures *r, uint32_t id, const witc_ast_world *w)
{
    witc_ctx *ctx = r->ctx;
    witc_status st = WITC_OK;
    r->p->worlds.items[id].w.docs = docs_of(r, &w->docs);
    WITC_TRY(stability_of(r, &w->attrs, &r->p->worlds.items[id].w.stability));

    type_item *titems = witc_ctx_alloc(ctx, ((size_t)w->n_items + 1) * sizeof *titems);
    if (!titems)
        return g_nomem(ctx);
    uint32_t nt = 0;
    for (uint32_t i = 0; i < w->n_items; i++) {
        if (w->items[i].kind == WITC_AST_WORLD_USE)
            titems[nt++] = (type_item){&w->items[i].use, NULL};
        else if (w->items[i].kind == WITC_AST_WORLD_TYPE)
            titems[nt++] = (type_item){NULL, &w->items[i].typedef_};
    }
    witc_type_owner owner = {WITC_OWNER_WORLD, id};
    st = resolve_types(r, owner, titems, nt);
    witc_ctx_dealloc(ctx, titems);
    WITC_TRY(st);

    for (uint32_t i = 0; i < w->n_items; i++)
        if (w->items[i].kind == WITC_AST_WORLD_INCLUDE)
            WITC_TRY(resolve_include(r, id, &w->items[i].include));

    for (size_t i = 0; i < r->type_lookup.v.len; i++) {
        const lookup_ent *e = &r->type_lookup.v.items[i];
        witc_world_item item;
        memset(&item, 0, sizeof item);
        item.kind = WITC_WORLD_ITEM_TYPE;
        item.has_name = true;
        item.name = r->p->types.items[e->type].name;
        item.type.i = e->type;
        item.interface.i = NONE_ID;
        item.func.resource.i = NONE_ID;
        item.span = e->span;
        bool existed;
        WITC_TRY(wmap_insert(ctx, &r->g->arena, &r->p->worlds.items[id].imports, &item, &existed));
        if (existed)
            return rerr(ctx, e->span, "import `%.*s` conflicts with prior import of same name",
                        (int)item.name.len, item.name.ptr);
    }

    /* Which interfaces this world imported/exported by path: stamps per local interface. */
    r->seen_stamp++;
    for (uint32_t i = 0; i < w->n_items && st == WITC_OK; i++) {
        const witc_ast_world_item *it = &w->items[i];
        bool is_import = it->kind == WITC_AST_WORLD_IMPORT;
        if (it->kind == WITC_AST_WORLD_TYPE && it->typedef_.type->kind == WITC_AST_RESOURCE) {
            const witc_ast_type *res = it->typedef_.type;
            for (uint32_t k = 0; k < res->n_funcs && st == WITC_OK; k++) {
                witc_world_item item;
                memset(&item, 0, sizeof item);
                item.kind = WITC_WORLD_ITEM_FUNCTION;
                item.interface.i = NONE_ID;
                item.type.i = NONE_ID;
                if ((st = resolve_resource_func(r, &res->funcs[k], &it->typedef_.name, &item.func)))
                    break;
                item.has_name = true;
                item.name = item.func.name;
                item.span = item.func.span;
                bool existed;
                st = wmap_insert(ctx, &r->g->arena, &r->p->worlds.items[id].imports, &item,
                                 &existed);
            }
            continue;
        }
        if (!is_import && it->kind != WITC_AST_WORLD_EXPORT)
            continue;
        const char *desc = is_import ? "import" : "export";
        witc_world_item item;
        if ((st = resolve_world_item(r, it, &item)))
            break;
        const witc_ast_extern *ext = &it->ext;
        switch (ext->kind) {
        case WITC_AST_EXTERN_INTERFACE:
        case WITC_AST_EXTERN_NAMED_PATH:
            item.has_name = true;
            item.name = g_str(r->g, ext->name.name);
            break;
        case WITC_AST_EXTERN_FUNC:
            item.has_name = true;
            item.name = item.func.name;
            break;
        case WITC_AST_EXTERN_PATH: {
            ast_item_ref ref;
            witc_str name;
            witc_span span;
            uint32_t iface = 0;
            if ((st = resolve_path(r, &ext->path, &ref, &name, &span)) ||
                (st = extract_iface(r, ref, name, span, &iface)))
                break;
            item.has_name = false;
            item.interface.i = iface;
            if (iface >= r->seen_cap) {
                uint32_t cap = (uint32_t)r->p->ifaces.len + 16;
                for (int k = 0; k < 2; k++) {
                    uint32_t *n = witc_ctx_realloc(ctx, r->seen[k], (size_t)cap * sizeof *n);
                    if (!n) {
                        st = g_nomem(ctx);
                        break;
                    }
                    memset(n + r->seen_cap, 0, (size_t)(cap - r->seen_cap) * sizeof *n);
                    r->seen[k] = n;
                }
                if (st)
                    break;
                r->seen_cap = cap;
            }
            uint32_t *seen = r->seen[is_import ? 0 : 1];
            if (seen[iface] == r->seen_stamp) {
                st = rerr(ctx, extern_span(ext), "interface cannot be %sed more than once", desc);
                break;
            }
            seen[iface] = r->seen_stamp;
            break;
        }
        }
        if (st)
            break;
        u_world *uw = &r->p->worlds.items[id];
        wmap *dst = is_import ? &uw->imports : &uw->exports;
        bool existed;
        if ((st = wmap_insert(ctx, &r->g->arena, dst, &item, &existed)))
            break;
        if (existed) {
            const witc_world_item *prev = &dst->v.items[wmap_find(dst, wkey_of(&item))];
            st = rerr(ctx, extern_span(ext), "%s `%.*s` conflicts with prior %s of same name", desc,
                      (int)item.name.len, item.name.ptr, item_desc(prev->kind));
        }
    }
    lookup_free(ctx, &r->type_lookup);
    return st;
}

/* ---- the package ---- */

static witc_status check_package_headers(ures *r, bool nested)
{
    upkg *p = r->p;
    bool has_docs = false;
    for (uint32_t f = 0; f < r->n_files; f++) {
        const witc_ast_package_file *file = r->files[f];
        if (file->has_package) {
            pkg_name cur;
            WITC_TRY(make_pkg_name(r, &file->package, &cur));
            if (p->has_name && !witc_str_eq(cur.full, p->name.full))
                return rerr(r->ctx, file->package.span,
                            "package identifier `%.*s` does not match previous package name of "
                            "`%.*s`",
                            (int)cur.full.len, cur.full.ptr, (int)p->name.full.len,
                            p->name.full.ptr);
            p->has_name = true;
            p->name = cur;
            p->name_span = file->package.span;
            if (file->package.docs.present) {
                if (has_docs)
                    return rerr(r->ctx, file->package.docs.span,
                                "found doc comments on multiple 'package' items");
                has_docs = true;
                p->docs = docs_of(r, &file->package.docs);
            }
        }
        if (nested) {
            for (uint32_t d = 0; d < file->n_decls; d++)
                if (file->decls[d].kind == WITC_AST_DECL_PACKAGE)
                    return rerr(r->ctx, file->decls[d].package->package.span,
                                "nested packages must be placed at the top-level");
        }
    }
    if (!p->has_name)
        return rerr(r->ctx, SPAN_NONE,
                    "no `package` header was found in any WIT file for this package");
    return WITC_OK;
}

witc_status witc_resolve_header_step(witc_ctx *ctx, witc_graph *g, pkg_header_state *state,
                                     const witc_ast_package_file *file)
{
    if (!file->has_package)
        return WITC_OK;
    ures r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.g = g;
    pkg_name cur;
    WITC_TRY(make_pkg_name(&r, &file->package, &cur));
    if (state->has_name && !witc_str_eq(cur.full, state->full))
        return rerr(ctx, file->package.span,
                    "package identifier `%.*s` does not match previous package name of `%.*s`",
                    (int)cur.full.len, cur.full.ptr, (int)state->full.len, state->full.ptr);
    state->has_name = true;
    state->full = cur.full;
    if (file->package.docs.present) {
        if (state->has_docs)
            return rerr(ctx, file->package.docs.span,
                        "found doc comments on multiple 'package' items");
        state->has_docs = true;
    }
    return WITC_OK;
}

witc_status witc_resolve_unresolved(witc_ctx *ctx, witc_graph *g,
                                    witc_ast_package_file *const *files, uint32_t n_files,
                                    bool nested, upkg *out)
{
    ures r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.g = g;
    r.p = out;
    r.files = files;
    r.n_files = n_files;
    r.max_depth = 4 * witc_ctx_limits(ctx)->wit_type_depth + 16;
    witc_hash_init(&r.anon, ctx);
    witc_arena_init(&r.scratch, ctx);
    uint32_t *iface_order = NULL, *world_order = NULL, *iface_file = NULL, *world_file = NULL;
    const witc_ast_decl **iface_ast = NULL, **world_ast = NULL;
    uint32_t n_ifaces = 0, n_worlds = 0;
    witc_status st;

    r.file_items = witc_ctx_alloc(ctx, ((size_t)n_files + 1) * sizeof *r.file_items);
    if (!r.file_items) {
        st = g_nomem(ctx);
        goto done;
    }
    memset(r.file_items, 0, ((size_t)n_files + 1) * sizeof *r.file_items);

    if ((st = check_package_headers(&r, nested)))
        goto done;
    for (uint32_t f = 0; f < n_files; f++)
        if ((st = for_each_path(&r, files[f], foreign_dep_visit, NULL)))
            goto done;
    if ((st = populate_ast_items(&r, &iface_order, &n_ifaces, &world_order, &n_worlds, &iface_ast,
                                 &world_ast, &iface_file, &world_file)))
        goto done;
    for (uint32_t f = 0; f < n_files; f++) {
        r.cur_file = f;
        if ((st = for_each_path(&r, files[f], foreign_type_visit, NULL)))
            goto done;
    }
    /* The file of each item, for lookups through that file's `use`s. */
    for (uint32_t k = 0; k < n_ifaces; k++) {
        const witc_ast_interface *iface = &iface_ast[k]->interface;
        r.cur_file = iface_file[k];
        if ((st = resolve_interface(&r, iface_order[k], iface->items, iface->n_items, &iface->docs,
                                    &iface->attrs)))
            goto done;
    }
    for (uint32_t k = 0; k < n_worlds; k++) {
        r.cur_file = world_file[k];
        if ((st = resolve_world(&r, world_order[k], &world_ast[k]->world)))
            goto done;
    }
done:
    for (uint32_t f = 0; r.file_items && f < n_files; f++)
        omap_free(ctx, &r.file_items[f]);
    witc_ctx_dealloc(ctx, r.file_items);
    omap_free(ctx, &r.package_items);
    for (size_t i = 0; i < r.iface_lookup.len; i++)
        lookup_free(ctx, &r.iface_lookup.items[i]);
    WITC_VEC_FREE(ctx, &r.iface_lookup);
    lookup_free(ctx, &r.type_lookup);
    WITC_VEC_FREE(ctx, &r.type_root);
    witc_hash_release(&r.anon);
    witc_arena_release(&r.scratch);
    witc_ctx_dealloc(ctx, r.seen[0]);
    witc_ctx_dealloc(ctx, r.seen[1]);
    witc_ctx_dealloc(ctx, iface_order);
    witc_ctx_dealloc(ctx, world_order);
    witc_ctx_dealloc(ctx, iface_ast);
    witc_ctx_dealloc(ctx, world_ast);
    witc_ctx_dealloc(ctx, iface_file);
    witc_ctx_dealloc(ctx, world_file);
    return st;
}

void upkg_free(witc_ctx *ctx, upkg *p)
{
    WITC_VEC_FREE(ctx, &p->types);
    for (size_t i = 0; i < p->ifaces.len; i++) {
        omap_free(ctx, &p->ifaces.items[i].types);
        WITC_VEC_FREE(ctx, &p->ifaces.items[i].funcs);
    }
    WITC_VEC_FREE(ctx, &p->ifaces);
    for (size_t i = 0; i < p->worlds.len; i++) {
        wmap_free(ctx, &p->worlds.items[i].imports);
        wmap_free(ctx, &p->worlds.items[i].exports);
        WITC_VEC_FREE(ctx, &p->worlds.items[i].includes);
    }
    WITC_VEC_FREE(ctx, &p->worlds);
    for (size_t i = 0; i < p->foreign.len; i++) {
        for (size_t k = 0; k < p->foreign.items[i].items.len; k++)
            WITC_VEC_FREE(ctx, &p->foreign.items[i].items.items[k].stabs);
        WITC_VEC_FREE(ctx, &p->foreign.items[i].items);
        omap_free(ctx, &p->foreign.items[i].item_index);
    }
    WITC_VEC_FREE(ctx, &p->foreign);
    omap_free(ctx, &p->foreign_index);
    WITC_VEC_FREE(ctx, &p->unknown_spans);
    WITC_VEC_FREE(ctx, &p->required_res);
    WITC_VEC_FREE(ctx, &p->required_res_span);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The package graph (include/witc/wit.h): storage, bounds-checked accessors, and the step that
 * turns the build maps into the public arrays. */
#include <string.h>

#include "resolve/internal.h"

/* Character arrays, not pointers: a pointer table would need relocations (writable data). */
static const char prim_names[][16] = {
    [WITC_PRIM_BOOL] = "bool",     [WITC_PRIM_U8] = "u8",
    [WITC_PRIM_U16] = "u16",       [WITC_PRIM_U32] = "u32",
    [WITC_PRIM_U64] = "u64",       [WITC_PRIM_S8] = "s8",
    [WITC_PRIM_S16] = "s16",       [WITC_PRIM_S32] = "s32",
    [WITC_PRIM_S64] = "s64",       [WITC_PRIM_F32] = "f32",
    [WITC_PRIM_F64] = "f64",       [WITC_PRIM_CHAR] = "char",
    [WITC_PRIM_STRING] = "string", [WITC_PRIM_ERROR_CONTEXT] = "error-context",
};
_Static_assert(sizeof prim_names / sizeof prim_names[0] == WITC_PRIM_ID, "one name per primitive");

const char *witc_prim_name(witc_prim prim)
{
    if ((unsigned)prim >= (unsigned)WITC_PRIM_ID)
        return NULL;
    return prim_names[prim];
}

witc_graph *g_new(witc_ctx *ctx)
{
    witc_graph *g = witc_ctx_alloc(ctx, sizeof *g);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    g->ctx = ctx;
    witc_arena_init(&g->arena, ctx);
    return g;
}

witc_str g_str(witc_graph *g, witc_str s)
{
    if (s.len == 0)
        return (witc_str){"", 0};
    char *copy = witc_arena_strndup(&g->arena, s.ptr, s.len);
    if (!copy)
        return (witc_str){NULL, 0};
    return (witc_str){copy, s.len};
}

witc_status g_add_type(witc_graph *g, const witc_typedef *t, uint32_t *out_id)
{
    if (g->types.len >= UINT32_MAX - 1)
        return g_nomem(g->ctx);
    uint32_t id = (uint32_t)g->types.len;
    uint32_t root = id;
    /* Types only point backwards, so the target's root is known already. */
    if (t->kind == WITC_TYPEDEF_ALIAS && t->target.prim == WITC_PRIM_ID && t->target.id.i < id)
        root = g->type_root.items[t->target.id.i];
    if (!WITC_VEC_PUSH(g->ctx, &g->types, *t) || !WITC_VEC_PUSH(g->ctx, &g->type_root, root))
        return g_nomem(g->ctx);
    *out_id = id;
    return WITC_OK;
}

uint32_t witc_graph_type_count(const witc_graph *g)
{
    return g ? (uint32_t)g->types.len : 0;
}

uint32_t witc_graph_interface_count(const witc_graph *g)
{
    return g ? (uint32_t)g->ifaces.len : 0;
}

uint32_t witc_graph_world_count(const witc_graph *g)
{
    return g ? (uint32_t)g->worlds.len : 0;
}

uint32_t witc_graph_package_count(const witc_graph *g)
{
    return g ? (uint32_t)g->pkgs.len : 0;
}

const witc_typedef *witc_graph_type(const witc_graph *g, witc_type_id id)
{
    if (!g || id.i >= g->types.len)
        return NULL;
    return &g->types.items[id.i];
}

const witc_interface *witc_graph_interface(const witc_graph *g, witc_interface_id id)
{
    if (!g || id.i >= g->ifaces.len)
        return NULL;
    return &g->ifaces.items[id.i];
}

const witc_world *witc_graph_world(const witc_graph *g, witc_world_id id)
{
    if (!g || id.i >= g->worlds.len)
        return NULL;
    return &g->worlds.items[id.i];
}

const witc_package *witc_graph_package(const witc_graph *g, witc_package_id id)
{
    if (!g || id.i >= g->pkgs.len)
        return NULL;
    return &g->pkgs.items[id.i];
}

bool witc_graph_find_package(const witc_graph *g, witc_str name, witc_package_id *out_id)
{
    if (!g)
        return false;
    uint32_t id;
    if (!omap_get(&g->pkg_index, name, &id))
        return false;
    *out_id = (witc_package_id){id};
    return true;
}

bool witc_graph_find_interface(const witc_graph *g, witc_package_id pkg, witc_str name,
                               witc_interface_id *out_id)
{
    uint32_t id;
    if (!g || pkg.i >= g->b_pkgs.len || !omap_get(&g->b_pkgs.items[pkg.i].ifaces, name, &id))
        return false;
    *out_id = (witc_interface_id){id};
    return true;
}

bool witc_graph_find_world(const witc_graph *g, witc_package_id pkg, witc_str name,
                           witc_world_id *out_id)
{
    uint32_t id;
    if (!g || pkg.i >= g->b_pkgs.len || !omap_get(&g->b_pkgs.items[pkg.i].worlds, name, &id))
        return false;
    *out_id = (witc_world_id){id};
    return true;
}

witc_type_id witc_graph_dealias(const witc_graph *g, witc_type_id id)
{
    if (!g || id.i >= g->type_root.len)
        return id;
    return (witc_type_id){g->type_root.items[id.i]};
}

/* Copies a vector into the arena (NULL when empty). */
static void *arena_copy(witc_graph *g, const void *items, size_t n, size_t size, bool *ok)
{
    if (n == 0)
        return NULL;
    void *p = witc_arena_alloc_array(&g->arena, n, size);
    if (!p) {
        *ok = false;
        return NULL;
    }
    memcpy(p, items, n * size);
    return p;
}

witc_status g_publish(witc_graph *g)
{
    bool ok = true;
    for (size_t i = 0; i < g->ifaces.len; i++) {
        witc_interface *iface = &g->ifaces.items[i];
        g_iface *b = &g->b_ifaces.items[i];
        iface->n_types = (uint32_t)b->types.v.len;
        iface->types = witc_arena_alloc_array(&g->arena, b->types.v.len + 1, sizeof *iface->types);
        if (!iface->types)
            return g_nomem(g->ctx);
        for (size_t k = 0; k < b->types.v.len; k++)
            iface->types[k] = (witc_type_id){b->types.v.items[k].value};
        iface->n_funcs = (uint32_t)b->funcs.len;
        iface->funcs = arena_copy(g, b->funcs.items, b->funcs.len, sizeof *b->funcs.items, &ok);
    }
    for (size_t i = 0; i < g->worlds.len; i++) {
        witc_world *w = &g->worlds.items[i];
        g_world *b = &g->b_worlds.items[i];
        w->n_imports = (uint32_t)b->imports.v.len;
        w->imports =
            arena_copy(g, b->imports.v.items, b->imports.v.len, sizeof *b->imports.v.items, &ok);
        w->n_exports = (uint32_t)b->exports.v.len;
        w->exports =
            arena_copy(g, b->exports.v.items, b->exports.v.len, sizeof *b->exports.v.items, &ok);
    }
    for (size_t i = 0; i < g->pkgs.len; i++) {
        witc_package *p = &g->pkgs.items[i];
        g_pkg *b = &g->b_pkgs.items[i];
        p->n_interfaces = (uint32_t)b->ifaces.v.len;
        p->interfaces =
            witc_arena_alloc_array(&g->arena, b->ifaces.v.len + 1, sizeof *p->interfaces);
        p->n_worlds = (uint32_t)b->worlds.v.len;
        p->worlds = witc_arena_alloc_array(&g->arena, b->worlds.v.len + 1, sizeof *p->worlds);
        if (!p->interfaces || !p->worlds)
            return g_nomem(g->ctx);
        for (size_t k = 0; k < b->ifaces.v.len; k++)
            p->interfaces[k] = (witc_interface_id){b->ifaces.v.items[k].value};
        for (size_t k = 0; k < b->worlds.v.len; k++)
            p->worlds[k] = (witc_world_id){b->worlds.v.items[k].value};
    }
    if (!ok)
        return g_nomem(g->ctx);
    g->published = true;
    return WITC_OK;
}

void witc_graph_free(witc_graph *g)
{
    if (!g)
        return;
    witc_ctx *ctx = g->ctx;
    for (size_t i = 0; i < g->b_ifaces.len; i++) {
        omap_free(ctx, &g->b_ifaces.items[i].types);
        WITC_VEC_FREE(ctx, &g->b_ifaces.items[i].funcs);
    }
    for (size_t i = 0; i < g->b_worlds.len; i++) {
        wmap_free(ctx, &g->b_worlds.items[i].imports);
        wmap_free(ctx, &g->b_worlds.items[i].exports);
    }
    for (size_t i = 0; i < g->b_pkgs.len; i++) {
        omap_free(ctx, &g->b_pkgs.items[i].ifaces);
        omap_free(ctx, &g->b_pkgs.items[i].worlds);
    }
    WITC_VEC_FREE(ctx, &g->types);
    WITC_VEC_FREE(ctx, &g->type_root);
    WITC_VEC_FREE(ctx, &g->has_borrow);
    WITC_VEC_FREE(ctx, &g->ifaces);
    WITC_VEC_FREE(ctx, &g->b_ifaces);
    WITC_VEC_FREE(ctx, &g->worlds);
    WITC_VEC_FREE(ctx, &g->b_worlds);
    WITC_VEC_FREE(ctx, &g->pkgs);
    WITC_VEC_FREE(ctx, &g->b_pkgs);
    WITC_VEC_FREE(ctx, &g->pkg_names);
    omap_free(ctx, &g->pkg_index);
    witc_arena_release(&g->arena);
    witc_ctx_dealloc(ctx, g);
}

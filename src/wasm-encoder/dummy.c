/* SPDX-License-Identifier: Apache-2.0 */
/* The placeholder core module of `wasm-tools component embed --dummy-names legacy`
 * (wit-component dummy.rs), built directly as bytes: the world's imports and exports under
 * the legacy core names (wit-parser lib.rs `wasm_import_name`/`wasm_export_name`), canonical
 * ABI signatures from abi.c, and bodies that are `unreachable` (or empty where there is no
 * result: post-return, destructors, `_initialize`).
 *
 * Names, in dummy.rs order:
 *  - imports: per imported interface, module = world key (`ns:pkg/iface@ver`, or the plain
 *    name of an inline interface), field = the function's name, then `[resource-drop]r` for
 *    each resource it defines; world-level functions and resources use module `$root`;
 *  - per exported interface, module `[export]<key>` with `[resource-drop]r`,
 *    `[resource-new]r` and `[resource-rep]r`;
 *  - exports: `f` or `<key>#f`, each followed by `cabi_post_<that name>`, then
 *    `<key>#[dtor]r` per exported resource; `memory`, `cabi_realloc`, `_initialize`. */
#include <string.h>

#include "support/buf.h"
#include "witc/embed.h"

typedef struct dummy_func {
    uint32_t type;
    uint8_t body; /* 1: `unreachable end`; 0: `end` */
} dummy_func;

typedef struct dummy_builder {
    witc_ctx *ctx;
    const witc_graph *graph;
    witc_buf types, imports, funcs, exports, code, scratch;
    uint32_t n_types, n_imports, n_funcs, n_exports;
} dummy_builder;

static void put_name(witc_buf *b, const char *s, size_t len)
{
    witc_buf_uleb(b, len);
    witc_buf_append(b, s, len);
}

static uint32_t add_type(dummy_builder *db, const witc_abi_type *params, unsigned n_params,
                         const witc_abi_type *results, unsigned n_results)
{
    witc_buf_byte(&db->types, 0x60);
    witc_buf_uleb(&db->types, n_params);
    for (unsigned i = 0; i < n_params; i++)
        witc_buf_byte(&db->types, (uint8_t)params[i]);
    witc_buf_uleb(&db->types, n_results);
    for (unsigned i = 0; i < n_results; i++)
        witc_buf_byte(&db->types, (uint8_t)results[i]);
    return db->n_types++;
}

/* The world key as core module text: an item's own name, else `ns:pkg/iface[@ver]`. */
static void key_text(dummy_builder *db, witc_buf *b, const witc_world_item *item)
{
    if (item->has_name) {
        witc_buf_append(b, item->name.ptr, item->name.len);
        return;
    }
    const witc_interface *iface = witc_graph_interface(db->graph, item->interface);
    const witc_package *pkg = iface ? witc_graph_package(db->graph, iface->package) : NULL;
    if (!iface || !pkg)
        return;
    witc_buf_printf(b, "%.*s:%.*s/%.*s", (int)pkg->namespace_.len, pkg->namespace_.ptr,
                    (int)pkg->name.len, pkg->name.ptr, (int)iface->name.len, iface->name.ptr);
    if (pkg->has_version)
        witc_buf_printf(b, "@%.*s", (int)pkg->version.len, pkg->version.ptr);
}

static void add_import(dummy_builder *db, const char *module, size_t module_len, const char *field,
                       size_t field_len, uint32_t type)
{
    put_name(&db->imports, module, module_len);
    put_name(&db->imports, field, field_len);
    witc_buf_byte(&db->imports, 0x00); /* func */
    witc_buf_uleb(&db->imports, type);
    db->n_imports++;
}

static void add_export_func(dummy_builder *db, const char *name, size_t len, uint32_t type,
                            uint8_t body)
{
    witc_buf_uleb(&db->funcs, type);
    put_name(&db->exports, name, len);
    witc_buf_byte(&db->exports, 0x00); /* func */
    witc_buf_uleb(&db->exports, db->n_imports + db->n_funcs);
    db->n_exports++;
    db->n_funcs++;
    static const uint8_t unreachable_body[] = {3, 0, 0x00, 0x0b}; /* size, no locals, op, end */
    static const uint8_t empty_body[] = {2, 0, 0x0b};
    if (body)
        witc_buf_append(&db->code, unreachable_body, sizeof unreachable_body);
    else
        witc_buf_append(&db->code, empty_body, sizeof empty_body);
}

static witc_status import_func(dummy_builder *db, const char *module, size_t module_len,
                               const witc_function *f)
{
    witc_abi_sig sig;
    WITC_TRY(witc_abi_signature(db->graph, f, WITC_ABI_IMPORT, &sig));
    uint32_t type = add_type(db, sig.params, sig.n_params, sig.results, sig.n_results);
    add_import(db, module, module_len, f->name.ptr, f->name.len, type);
    return WITC_OK;
}

static const witc_abi_type one_i32[1] = {WITC_ABI_I32};

/* `[resource-drop]r` etc. for module `module`; `prefix` picks the intrinsic. */
static void import_intrinsic(dummy_builder *db, const char *module, size_t module_len,
                             const char *prefix, witc_str resource, bool returns)
{
    db->scratch.len = 0;
    witc_buf_printf(&db->scratch, "%s%.*s", prefix, (int)resource.len, resource.ptr);
    uint32_t type = add_type(db, one_i32, 1, one_i32, returns ? 1 : 0);
    add_import(db, module, module_len, (const char *)db->scratch.data, db->scratch.len, type);
}

static witc_status export_func(dummy_builder *db, const char *key, size_t key_len,
                               const witc_function *f)
{
    witc_abi_sig sig;
    WITC_TRY(witc_abi_signature(db->graph, f, WITC_ABI_EXPORT, &sig));
    witc_buf name;
    witc_buf_init(&name, db->ctx);
    if (key)
        witc_buf_printf(&name, "%.*s#", (int)key_len, key);
    witc_buf_append(&name, f->name.ptr, f->name.len);
    uint32_t type = add_type(db, sig.params, sig.n_params, sig.results, sig.n_results);
    add_export_func(db, (const char *)witc_buf_cstr(&name), name.len, type, 1);
    /* post-return takes the lifted results */
    db->scratch.len = 0;
    witc_buf_printf(&db->scratch, "cabi_post_%.*s", (int)name.len, (const char *)name.data);
    uint32_t post = add_type(db, sig.results, sig.n_results, NULL, 0);
    add_export_func(db, (const char *)db->scratch.data, db->scratch.len, post, 0);
    witc_status st = name.failed ? WITC_E_NOMEM : WITC_OK;
    witc_buf_release(&name);
    return st;
}

static bool is_resource(const witc_graph *g, witc_type_id id)
{
    const witc_typedef *t = witc_graph_type(g, id);
    return t && t->kind == WITC_TYPEDEF_RESOURCE;
}

static witc_status build(dummy_builder *db, const witc_world *w)
{
    witc_buf key;
    witc_buf_init(&key, db->ctx);
    witc_status st = WITC_OK;
    static const char root[] = "$root";

    for (uint32_t i = 0; i < w->n_imports && st == WITC_OK; i++) {
        const witc_world_item *item = &w->imports[i];
        if (item->kind == WITC_WORLD_ITEM_FUNCTION) {
            st = import_func(db, root, sizeof root - 1, &item->func);
        } else if (item->kind == WITC_WORLD_ITEM_TYPE) {
            if (is_resource(db->graph, item->type))
                import_intrinsic(db, root, sizeof root - 1, "[resource-drop]",
                                 witc_graph_type(db->graph, item->type)->name, false);
        } else {
            const witc_interface *iface = witc_graph_interface(db->graph, item->interface);
            if (!iface)
                continue;
            key.len = 0;
            key_text(db, &key, item);
            const char *k = witc_buf_cstr(&key);
            for (uint32_t f = 0; f < iface->n_funcs && st == WITC_OK; f++)
                st = import_func(db, k, key.len, &iface->funcs[f]);
            for (uint32_t t = 0; t < iface->n_types; t++)
                if (is_resource(db->graph, iface->types[t]))
                    import_intrinsic(db, k, key.len, "[resource-drop]",
                                     witc_graph_type(db->graph, iface->types[t])->name, false);
        }
    }
    for (uint32_t i = 0; i < w->n_exports && st == WITC_OK; i++) {
        const witc_world_item *item = &w->exports[i];
        if (item->kind != WITC_WORLD_ITEM_INTERFACE)
            continue;
        const witc_interface *iface = witc_graph_interface(db->graph, item->interface);
        if (!iface)
            continue;
        key.len = 0;
        witc_buf_puts(&key, "[export]");
        key_text(db, &key, item);
        const char *k = witc_buf_cstr(&key);
        for (uint32_t t = 0; t < iface->n_types; t++) {
            if (!is_resource(db->graph, iface->types[t]))
                continue;
            witc_str r = witc_graph_type(db->graph, iface->types[t])->name;
            import_intrinsic(db, k, key.len, "[resource-drop]", r, false);
            import_intrinsic(db, k, key.len, "[resource-new]", r, true);
            import_intrinsic(db, k, key.len, "[resource-rep]", r, true);
        }
    }
    for (uint32_t i = 0; i < w->n_exports && st == WITC_OK; i++) {
        const witc_world_item *item = &w->exports[i];
        if (item->kind == WITC_WORLD_ITEM_FUNCTION) {
            st = export_func(db, NULL, 0, &item->func);
        } else if (item->kind == WITC_WORLD_ITEM_INTERFACE) {
            const witc_interface *iface = witc_graph_interface(db->graph, item->interface);
            if (!iface)
                continue;
            key.len = 0;
            key_text(db, &key, item);
            const char *k = witc_buf_cstr(&key);
            for (uint32_t f = 0; f < iface->n_funcs && st == WITC_OK; f++)
                st = export_func(db, k, key.len, &iface->funcs[f]);
            for (uint32_t t = 0; t < iface->n_types && st == WITC_OK; t++) {
                if (!is_resource(db->graph, iface->types[t]))
                    continue;
                witc_str r = witc_graph_type(db->graph, iface->types[t])->name;
                db->scratch.len = 0;
                witc_buf_printf(&db->scratch, "%.*s#[dtor]%.*s", (int)key.len, k, (int)r.len,
                                r.ptr);
                uint32_t type = add_type(db, one_i32, 1, NULL, 0);
                add_export_func(db, (const char *)db->scratch.data, db->scratch.len, type, 0);
            }
        }
    }
    if (key.failed)
        st = WITC_E_NOMEM;
    witc_buf_release(&key);
    return st;
}

static void put_section(witc_buf *out, uint8_t id, uint32_t count, const witc_buf *body)
{
    uint8_t head[5];
    size_t n = 0;
    uint64_t v = count;
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        head[n++] = v ? (uint8_t)(b | 0x80) : b;
    } while (v);
    witc_buf_byte(out, id);
    witc_buf_uleb(out, n + body->len);
    witc_buf_append(out, head, n);
    witc_buf_append(out, body->data, body->len);
}

witc_status witc_embed_dummy_module(witc_ctx *ctx, const witc_graph *graph, witc_world_id world,
                                    uint8_t **out_bytes, size_t *out_len)
{
    const witc_world *w = witc_graph_world(graph, world);
    if (!w)
        return WITC_E_USAGE;
    dummy_builder db;
    memset(&db, 0, sizeof db);
    db.ctx = ctx;
    db.graph = graph;
    witc_buf *bufs[] = {&db.types, &db.imports, &db.funcs, &db.exports, &db.code, &db.scratch};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        witc_buf_init(bufs[i], ctx);

    witc_status st = build(&db, w);
    if (st == WITC_OK) {
        static const witc_abi_type realloc_params[4] = {WITC_ABI_I32, WITC_ABI_I32, WITC_ABI_I32,
                                                        WITC_ABI_I32};
        uint32_t realloc_type = add_type(&db, realloc_params, 4, one_i32, 1);
        uint32_t init_type = add_type(&db, NULL, 0, NULL, 0);
        /* memory 0 (exported before the functions, as dummy.rs's text lists it) */
        put_name(&db.exports, "memory", 6);
        witc_buf_byte(&db.exports, 0x02);
        witc_buf_uleb(&db.exports, 0);
        db.n_exports++;
        add_export_func(&db, "cabi_realloc", 12, realloc_type, 1);
        add_export_func(&db, "_initialize", 11, init_type, 0);
    }
    witc_buf out;
    witc_buf_init(&out, ctx);
    if (st == WITC_OK) {
        static const uint8_t preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        witc_buf memory;
        witc_buf_init(&memory, ctx);
        witc_buf_byte(&memory, 0x00); /* limits: min only */
        witc_buf_byte(&memory, 0x00); /* min 0 */
        witc_buf_append(&out, preamble, sizeof preamble);
        put_section(&out, 1, db.n_types, &db.types);
        if (db.n_imports)
            put_section(&out, 2, db.n_imports, &db.imports);
        put_section(&out, 3, db.n_funcs, &db.funcs);
        put_section(&out, 5, 1, &memory);
        put_section(&out, 7, db.n_exports, &db.exports);
        put_section(&out, 10, db.n_funcs, &db.code);
        if (memory.failed)
            st = WITC_E_NOMEM;
        witc_buf_release(&memory);
    }
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) {
        if (bufs[i]->failed)
            st = WITC_E_NOMEM;
        witc_buf_release(bufs[i]);
    }
    if (st == WITC_OK && out.failed)
        st = WITC_E_NOMEM;
    if (st == WITC_OK) {
        *out_len = out.len;
        *out_bytes = out.data; /* the buffer's block comes from the context's allocator */
        return WITC_OK;
    }
    witc_buf_release(&out);
    if (st != WITC_E_NOMEM)
        witc_diag_error_plain(witc_ctx_diags(ctx),
                              "cannot compute the canonical ABI signatures of world `%.*s`",
                              (int)w->name.len, w->name.ptr);
    return st;
}

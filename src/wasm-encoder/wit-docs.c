/* SPDX-License-Identifier: Apache-2.0 */
/* The `package-docs` custom section of a WIT package binary: docs and stability, which the
 * component binary format cannot carry, as JSON (wit-parser metadata.rs, format version 1).
 * serde's rules are followed exactly: keys in struct order, empty maps and `None`s skipped,
 * entries whose metadata is empty dropped, compact output, serde_json string escaping. */
#include "wasm-encoder/wit-internal.h"

#include <string.h>

#include "witc/diag.h"

typedef struct jobj {
    witc_buf *b;
    bool first;
} jobj;

static void jstr(witc_buf *b, witc_str s)
{
    static const char hex[] = "0123456789abcdef";
    witc_buf_putc(b, '"');
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        switch (c) {
        case '"':
            witc_buf_puts(b, "\\\"");
            break;
        case '\\':
            witc_buf_puts(b, "\\\\");
            break;
        case '\n':
            witc_buf_puts(b, "\\n");
            break;
        case '\r':
            witc_buf_puts(b, "\\r");
            break;
        case '\t':
            witc_buf_puts(b, "\\t");
            break;
        case '\b':
            witc_buf_puts(b, "\\b");
            break;
        case '\f':
            witc_buf_puts(b, "\\f");
            break;
        default:
            if (c < 0x20) {
                witc_buf_puts(b, "\\u00");
                witc_buf_putc(b, hex[c >> 4]);
                witc_buf_putc(b, hex[c & 15]);
            } else {
                witc_buf_putc(b, (char)c);
            }
        }
    }
    witc_buf_putc(b, '"');
}

static void obj_begin(jobj *o, witc_buf *b)
{
    o->b = b;
    o->first = true;
    witc_buf_putc(b, '{');
}

/* Writes `"key":`; returns a mark for obj_undo. */
static size_t obj_key(jobj *o, witc_str key)
{
    size_t mark = o->b->len;
    if (!o->first)
        witc_buf_putc(o->b, ',');
    jstr(o->b, key);
    witc_buf_putc(o->b, ':');
    return mark;
}

/* Keeps (wrote == true) or drops the entry started at `mark`. */
static void obj_settle(jobj *o, size_t mark, bool wrote)
{
    if (wrote) {
        o->first = false;
    } else if (!o->b->failed) {
        o->b->len = mark;
    }
}

/* Ends the object; false when it has no entries (the caller drops it). */
static bool obj_end(jobj *o)
{
    witc_buf_putc(o->b, '}');
    return !o->first;
}

static void docs_entry(jobj *o, witc_docs d)
{
    if (!d.present)
        return;
    obj_key(o, WITC_STR_LIT("docs"));
    jstr(o->b, d.text);
    o->first = false;
}

static bool stability_value(witc_buf *b, const witc_stability *s)
{
    if (s->kind == WITC_STABILITY_UNKNOWN)
        return false;
    jobj o, in;
    obj_begin(&o, b);
    obj_key(&o,
            s->kind == WITC_STABILITY_STABLE ? WITC_STR_LIT("stable") : WITC_STR_LIT("unstable"));
    obj_begin(&in, b);
    obj_key(&in,
            s->kind == WITC_STABILITY_STABLE ? WITC_STR_LIT("since") : WITC_STR_LIT("feature"));
    jstr(b, s->kind == WITC_STABILITY_STABLE ? s->since : s->feature);
    in.first = false;
    if (s->has_deprecated) {
        obj_key(&in, WITC_STR_LIT("deprecated"));
        jstr(b, s->deprecated);
    }
    obj_end(&in);
    o.first = false;
    obj_end(&o);
    return true;
}

static void stability_entry(jobj *o, const witc_stability *s)
{
    if (s->kind == WITC_STABILITY_UNKNOWN)
        return;
    size_t m = obj_key(o, WITC_STR_LIT("stability"));
    obj_settle(o, m, stability_value(o->b, s));
}

static bool func_meta(witc_buf *b, const witc_function *f)
{
    jobj o;
    obj_begin(&o, b);
    docs_entry(&o, f->docs);
    stability_entry(&o, &f->stability);
    return obj_end(&o);
}

static bool type_meta(witc_buf *b, const witc_graph *g, witc_type_id id)
{
    const witc_typedef *t = witc_graph_type(g, id);
    jobj o, items;
    obj_begin(&o, b);
    if (!t)
        return obj_end(&o);
    docs_entry(&o, t->docs);
    stability_entry(&o, &t->stability);
    if (t->kind == WITC_TYPEDEF_RECORD || t->kind == WITC_TYPEDEF_FLAGS ||
        t->kind == WITC_TYPEDEF_VARIANT || t->kind == WITC_TYPEDEF_ENUM) {
        size_t m = obj_key(&o, WITC_STR_LIT("items"));
        obj_begin(&items, b);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            if (!t->fields[i].docs.present)
                continue;
            obj_key(&items, t->fields[i].name);
            jstr(b, t->fields[i].docs.text);
            items.first = false;
        }
        obj_settle(&o, m, obj_end(&items));
    }
    return obj_end(&o);
}

static bool iface_meta(witc_buf *b, const witc_graph *g, witc_interface_id id)
{
    const witc_interface *iface = witc_graph_interface(g, id);
    jobj o, map;
    obj_begin(&o, b);
    if (!iface)
        return obj_end(&o);
    docs_entry(&o, iface->docs);
    stability_entry(&o, &iface->stability);
    size_t m = obj_key(&o, WITC_STR_LIT("funcs"));
    obj_begin(&map, b);
    for (uint32_t i = 0; i < iface->n_funcs; i++) {
        size_t k = obj_key(&map, iface->funcs[i].name);
        obj_settle(&map, k, func_meta(b, &iface->funcs[i]));
    }
    obj_settle(&o, m, obj_end(&map));
    m = obj_key(&o, WITC_STR_LIT("types"));
    obj_begin(&map, b);
    for (uint32_t i = 0; i < iface->n_types; i++) {
        const witc_typedef *t = witc_graph_type(g, iface->types[i]);
        if (!t)
            continue;
        size_t k = obj_key(&map, t->name);
        obj_settle(&map, k, type_meta(b, g, iface->types[i]));
    }
    obj_settle(&o, m, obj_end(&map));
    return obj_end(&o);
}

/* The world-key text of an item: its name, or `ns:pkg/iface@ver`. */
static void item_key(witc_buf *tmp, const witc_graph *g, const witc_world_item *it)
{
    tmp->len = 0;
    if (it->has_name) {
        witc_buf_append(tmp, it->name.ptr, it->name.len);
        return;
    }
    const witc_interface *iface = witc_graph_interface(g, it->interface);
    const witc_package *p = iface ? witc_graph_package(g, iface->package) : NULL;
    if (!p)
        return;
    witc_buf_append(tmp, p->namespace_.ptr, p->namespace_.len);
    witc_buf_putc(tmp, ':');
    witc_buf_append(tmp, p->name.ptr, p->name.len);
    witc_buf_putc(tmp, '/');
    witc_buf_append(tmp, iface->name.ptr, iface->name.len);
    if (p->has_version) {
        witc_buf_putc(tmp, '@');
        witc_buf_append(tmp, p->version.ptr, p->version.len);
    }
}

/* Which world maps an item goes to (WorldMetadata::extract). */
enum wmap_kind {
    WM_IFACES,        /* "interfaces": anonymous interface imports */
    WM_TYPES,         /* "types" */
    WM_FUNCS,         /* "funcs": function imports */
    WM_IFACE_EXPORTS, /* anonymous interface exports */
    WM_FUNC_EXPORTS,
    WM_IMPORT_STAB, /* by-reference interface imports: stability */
    WM_EXPORT_STAB,
    WM_IMPORT_DOCS,
    WM_EXPORT_DOCS
};

static bool by_reference(const witc_graph *g, const witc_world_item *it)
{
    if (it->kind != WITC_WORLD_ITEM_INTERFACE)
        return false;
    if (!it->has_name)
        return true;
    const witc_interface *iface = witc_graph_interface(g, it->interface);
    return iface && iface->has_name;
}

static bool world_entry(witc_buf *b, witc_buf *tmp, const witc_graph *g, const witc_world_item *it,
                        enum wmap_kind k)
{
    switch (k) {
    case WM_IFACES:
    case WM_IFACE_EXPORTS:
        if (it->kind != WITC_WORLD_ITEM_INTERFACE || by_reference(g, it))
            return false;
        return iface_meta(b, g, it->interface);
    case WM_TYPES:
        return it->kind == WITC_WORLD_ITEM_TYPE && it->has_name && type_meta(b, g, it->type);
    case WM_FUNCS:
    case WM_FUNC_EXPORTS:
        return it->kind == WITC_WORLD_ITEM_FUNCTION && it->has_name && func_meta(b, &it->func);
    case WM_IMPORT_STAB:
    case WM_EXPORT_STAB:
        return by_reference(g, it) && stability_value(b, &it->stability);
    case WM_IMPORT_DOCS:
    case WM_EXPORT_DOCS:
        if (!by_reference(g, it) || !it->docs.present)
            return false;
        jstr(b, it->docs.text);
        return true;
    }
    (void)tmp;
    return false;
}

static bool world_meta(witc_buf *b, witc_buf *tmp, const witc_graph *g, witc_world_id id)
{
    static const struct {
        const char *key;
        enum wmap_kind kind;
        bool exports;
    } maps[] = {
        {"interfaces", WM_IFACES, false},
        {"types", WM_TYPES, false},
        {"funcs", WM_FUNCS, false},
        {"interface_exports", WM_IFACE_EXPORTS, true},
        {"func_exports", WM_FUNC_EXPORTS, true},
        {"interface_import_stability", WM_IMPORT_STAB, false},
        {"interface_export_stability", WM_EXPORT_STAB, true},
        {"interface_import_docs", WM_IMPORT_DOCS, false},
        {"interface_export_docs", WM_EXPORT_DOCS, true},
    };
    const witc_world *w = witc_graph_world(g, id);
    jobj o, map;
    obj_begin(&o, b);
    if (!w)
        return obj_end(&o);
    docs_entry(&o, w->docs);
    stability_entry(&o, &w->stability);
    for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
        const witc_world_item *items = maps[m].exports ? w->exports : w->imports;
        uint32_t n = maps[m].exports ? w->n_exports : w->n_imports;
        size_t mark = obj_key(&o, witc_str_from(maps[m].key));
        obj_begin(&map, b);
        for (uint32_t i = 0; i < n; i++) {
            item_key(tmp, g, &items[i]);
            size_t k = obj_key(&map, (witc_str){(const char *)tmp->data, tmp->len});
            obj_settle(&map, k, world_entry(b, tmp, g, &items[i], maps[m].kind));
        }
        obj_settle(&o, mark, obj_end(&map));
    }
    return obj_end(&o);
}

witc_status witc_wit_package_docs(witc_ctx *ctx, const witc_graph *g, witc_package_id pkg,
                                  witc_buf *out)
{
    const witc_package *p = witc_graph_package(g, pkg);
    if (!p)
        return WITC_E_USAGE;
    witc_buf tmp;
    witc_buf_init(&tmp, ctx);
    jobj o, map;
    witc_buf_byte(out, 0x01);
    obj_begin(&o, out);
    docs_entry(&o, p->docs);
    size_t m = obj_key(&o, WITC_STR_LIT("worlds"));
    obj_begin(&map, out);
    for (uint32_t i = 0; i < p->n_worlds; i++) {
        const witc_world *w = witc_graph_world(g, p->worlds[i]);
        if (!w)
            continue;
        size_t k = obj_key(&map, w->name);
        obj_settle(&map, k, world_meta(out, &tmp, g, p->worlds[i]));
    }
    obj_settle(&o, m, obj_end(&map));
    m = obj_key(&o, WITC_STR_LIT("interfaces"));
    obj_begin(&map, out);
    for (uint32_t i = 0; i < p->n_interfaces; i++) {
        const witc_interface *iface = witc_graph_interface(g, p->interfaces[i]);
        if (!iface)
            continue;
        size_t k = obj_key(&map, iface->name);
        obj_settle(&map, k, iface_meta(out, g, p->interfaces[i]));
    }
    obj_settle(&o, m, obj_end(&map));
    obj_end(&o);
    bool failed = tmp.failed || out->failed;
    witc_buf_release(&tmp);
    if (failed) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "out of memory");
        return WITC_E_NOMEM;
    }
    return WITC_OK;
}

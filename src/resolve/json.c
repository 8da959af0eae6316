/* SPDX-License-Identifier: Apache-2.0 */
/* The graph as wasm-tools' JSON (wit-parser's serde derive plus serde_.rs): objects keep the
 * Rust field order, optional fields are left out rather than null, ids are arena indices.
 * Pretty-printed like serde_json's PrettyFormatter (two spaces, `"key": value`, empty
 * containers as `{}` / `[]`), so the text is byte-identical to the upstream `.wit.json`
 * files (which have no final newline; witc_graph_to_json adds one). */
#include <inttypes.h>
#include <string.h>

#include "resolve/internal.h"

typedef struct jw {
    witc_buf b;
    uint32_t depth;
    bool first; /* no member written yet in the innermost container */
} jw;

static void newline(jw *w)
{
    /* One append for the newline and the indent: this runs once per JSON line. */
    static const char spaces[] = "\n                                                ";
    const size_t chunk = sizeof spaces - 2; /* indent bytes per append, an even count */
    size_t indent = 2 * (size_t)w->depth;
    size_t n = indent < chunk ? indent : chunk;
    witc_buf_append(&w->b, spaces, n + 1);
    for (indent -= n; indent; indent -= n) {
        n = indent < chunk ? indent : chunk;
        witc_buf_append(&w->b, spaces + 1, n);
    }
}

static void jstr(jw *w, witc_str s)
{
    static const char hex[] = "0123456789abcdef";
    witc_buf_putc(&w->b, '"');
    size_t run = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* the common case: copied later as part of the run */
        const char *esc = NULL;
        char u[6];
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        default:
            if (c < 0x20) {
                u[0] = '\\';
                u[1] = 'u';
                u[2] = '0';
                u[3] = '0';
                u[4] = hex[c >> 4];
                u[5] = hex[c & 15];
            }
            break;
        }
        if (!esc && c >= 0x20)
            continue;
        witc_buf_append(&w->b, s.ptr + run, i - run);
        if (esc)
            witc_buf_puts(&w->b, esc);
        else
            witc_buf_append(&w->b, u, 6);
        run = i + 1;
    }
    witc_buf_append(&w->b, s.ptr + run, s.len - run);
    witc_buf_putc(&w->b, '"');
}

static void jcstr(jw *w, const char *s)
{
    jstr(w, (witc_str){s, strlen(s)});
}

static void open_(jw *w, char c)
{
    witc_buf_putc(&w->b, c);
    w->depth++;
    w->first = true;
}

static void close_(jw *w, char c)
{
    w->depth--;
    if (!w->first)
        newline(w);
    witc_buf_putc(&w->b, c);
    w->first = false;
}

/* Starts an array element or object member. */
static void item(jw *w)
{
    if (!w->first)
        witc_buf_putc(&w->b, ',');
    newline(w);
    w->first = false;
}

static void key(jw *w, const char *k)
{
    item(w);
    jcstr(w, k);
    witc_buf_append(&w->b, ": ", 2);
}

static void key_str(jw *w, witc_str k)
{
    item(w);
    jstr(w, k);
    witc_buf_append(&w->b, ": ", 2);
}

static void jnum(jw *w, uint64_t v)
{
    /* By hand rather than printf: ids are written once per reference. */
    char digits[20];
    size_t start = sizeof digits;
    do {
        digits[--start] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    witc_buf_append(&w->b, digits + start, sizeof digits - start);
}

static void jnull(jw *w)
{
    witc_buf_puts(&w->b, "null");
}

static void type_ref(jw *w, witc_type_ref t)
{
    if (t.prim == WITC_PRIM_ID)
        jnum(w, t.id.i);
    else
        jcstr(w, witc_prim_name(t.prim));
}

static void opt_type_ref(jw *w, bool has, witc_type_ref t)
{
    if (has)
        type_ref(w, t);
    else
        jnull(w);
}

static void docs(jw *w, const witc_docs *d)
{
    if (!d->present)
        return;
    key(w, "docs");
    open_(w, '{');
    key(w, "contents");
    jstr(w, d->text);
    close_(w, '}');
}

static void stability(jw *w, const witc_stability *s)
{
    if (s->kind == WITC_STABILITY_UNKNOWN)
        return;
    key(w, "stability");
    open_(w, '{');
    if (s->kind == WITC_STABILITY_STABLE) {
        key(w, "stable");
        open_(w, '{');
        key(w, "since");
        jstr(w, s->since);
    } else {
        key(w, "unstable");
        open_(w, '{');
        key(w, "feature");
        jstr(w, s->feature);
    }
    if (s->has_deprecated) {
        key(w, "deprecated");
        jstr(w, s->deprecated);
    }
    close_(w, '}');
    close_(w, '}');
}

static void external_id(jw *w, bool has, witc_str id)
{
    if (!has)
        return;
    key(w, "external_id");
    jstr(w, id);
}

static void function(jw *w, const witc_function *f)
{
    open_(w, '{');
    key(w, "name");
    jstr(w, f->name);
    key(w, "kind");
    static const char kinds[4][2][20] = {
        [WITC_FUNC_FREESTANDING] = {"freestanding", "async-freestanding"},
        [WITC_FUNC_METHOD] = {"method", "async-method"},
        [WITC_FUNC_STATIC] = {"static", "async-static"},
        [WITC_FUNC_CONSTRUCTOR] = {"constructor", "constructor"},
    };
    const char *kind = kinds[f->kind & 3][f->is_async ? 1 : 0];
    if (f->kind == WITC_FUNC_FREESTANDING) {
        jcstr(w, kind);
    } else {
        open_(w, '{');
        key(w, kind);
        jnum(w, f->resource.i);
        close_(w, '}');
    }
    key(w, "params");
    open_(w, '[');
    for (uint32_t i = 0; i < f->n_params; i++) {
        item(w);
        open_(w, '{');
        if (f->params[i].name.len) {
            key(w, "name");
            jstr(w, f->params[i].name);
        }
        key(w, "type");
        type_ref(w, f->params[i].type);
        close_(w, '}');
    }
    close_(w, ']');
    if (f->has_result) {
        key(w, "result");
        type_ref(w, f->result);
    }
    docs(w, &f->docs);
    stability(w, &f->stability);
    external_id(w, f->has_external_id, f->external_id);
    close_(w, '}');
}

static void world_items(jw *w, const witc_world_item *items, uint32_t n)
{
    open_(w, '{');
    for (uint32_t i = 0; i < n; i++) {
        const witc_world_item *it = &items[i];
        if (it->has_name) {
            key_str(w, it->name);
        } else {
            char k[32];
            snprintf(k, sizeof k, "interface-%" PRIu32, it->interface.i);
            key(w, k);
        }
        open_(w, '{');
        switch (it->kind) {
        case WITC_WORLD_ITEM_INTERFACE:
            key(w, "interface");
            open_(w, '{');
            key(w, "id");
            jnum(w, it->interface.i);
            stability(w, &it->stability);
            external_id(w, it->has_external_id, it->external_id);
            docs(w, &it->docs);
            close_(w, '}');
            break;
        case WITC_WORLD_ITEM_FUNCTION:
            key(w, "function");
            function(w, &it->func);
            break;
        case WITC_WORLD_ITEM_TYPE:
            key(w, "type");
            jnum(w, it->type.i);
            break;
        }
        close_(w, '}');
    }
    close_(w, '}');
}

static void opt_id(jw *w, uint32_t id)
{
    if (id == NONE_ID)
        jnull(w);
    else
        jnum(w, id);
}

static void fields(jw *w, const char *outer, const char *inner, const witc_typedef *t, int typed)
{
    open_(w, '{');
    key(w, outer);
    open_(w, '{');
    key(w, inner);
    open_(w, '[');
    for (uint32_t i = 0; i < t->n_fields; i++) {
        const witc_field *f = &t->fields[i];
        item(w);
        open_(w, '{');
        key(w, "name");
        jstr(w, f->name);
        if (typed == 1) {
            key(w, "type");
            type_ref(w, f->type);
        } else if (typed == 2) {
            key(w, "type");
            opt_type_ref(w, f->has_type, f->type);
        }
        docs(w, &f->docs);
        close_(w, '}');
    }
    close_(w, ']');
    close_(w, '}');
    close_(w, '}');
}

static void typedef_kind(jw *w, const witc_typedef *t)
{
    switch (t->kind) {
    case WITC_TYPEDEF_RECORD:
        fields(w, "record", "fields", t, 1);
        return;
    case WITC_TYPEDEF_RESOURCE:
        jcstr(w, "resource");
        return;
    case WITC_TYPEDEF_UNKNOWN:
        jcstr(w, "unknown");
        return;
    case WITC_TYPEDEF_FLAGS:
        fields(w, "flags", "flags", t, 0);
        return;
    case WITC_TYPEDEF_VARIANT:
        fields(w, "variant", "cases", t, 2);
        return;
    case WITC_TYPEDEF_ENUM:
        fields(w, "enum", "cases", t, 0);
        return;
    default:
        break;
    }
    open_(w, '{');
    switch (t->kind) {
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        key(w, "handle");
        open_(w, '{');
        key(w, t->kind == WITC_TYPEDEF_OWN ? "own" : "borrow");
        jnum(w, t->resource.i);
        close_(w, '}');
        break;
    case WITC_TYPEDEF_TUPLE:
        key(w, "tuple");
        open_(w, '{');
        key(w, "types");
        open_(w, '[');
        for (uint32_t i = 0; i < t->n_types; i++) {
            item(w);
            type_ref(w, t->types[i]);
        }
        close_(w, ']');
        close_(w, '}');
        break;
    case WITC_TYPEDEF_OPTION:
        key(w, "option");
        type_ref(w, t->elem);
        break;
    case WITC_TYPEDEF_RESULT:
        key(w, "result");
        open_(w, '{');
        key(w, "ok");
        opt_type_ref(w, t->has_ok, t->ok);
        key(w, "err");
        opt_type_ref(w, t->has_err, t->err);
        close_(w, '}');
        break;
    case WITC_TYPEDEF_LIST:
        key(w, "list");
        type_ref(w, t->elem);
        break;
    case WITC_TYPEDEF_MAP:
        key(w, "map");
        open_(w, '[');
        item(w);
        type_ref(w, t->key);
        item(w);
        type_ref(w, t->elem);
        close_(w, ']');
        break;
    case WITC_TYPEDEF_FIXED_LIST:
        key(w, "fixed-length-list");
        open_(w, '[');
        item(w);
        type_ref(w, t->elem);
        item(w);
        jnum(w, t->size);
        close_(w, ']');
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        key(w, t->kind == WITC_TYPEDEF_FUTURE ? "future" : "stream");
        opt_type_ref(w, t->has_elem, t->elem);
        break;
    case WITC_TYPEDEF_ALIAS:
    default:
        key(w, "type");
        type_ref(w, t->target);
        break;
    }
    close_(w, '}');
}

static void write_graph(jw *w, const witc_graph *g)
{
    open_(w, '{');
    key(w, "worlds");
    open_(w, '[');
    for (size_t i = 0; i < g->worlds.len; i++) {
        const witc_world *wd = &g->worlds.items[i];
        item(w);
        open_(w, '{');
        key(w, "name");
        jstr(w, wd->name);
        key(w, "imports");
        world_items(w, wd->imports, wd->n_imports);
        key(w, "exports");
        world_items(w, wd->exports, wd->n_exports);
        key(w, "package");
        opt_id(w, wd->package.i);
        docs(w, &wd->docs);
        stability(w, &wd->stability);
        close_(w, '}');
    }
    close_(w, ']');

    key(w, "interfaces");
    open_(w, '[');
    for (size_t i = 0; i < g->ifaces.len; i++) {
        const witc_interface *iface = &g->ifaces.items[i];
        item(w);
        open_(w, '{');
        key(w, "name");
        if (iface->has_name)
            jstr(w, iface->name);
        else
            jnull(w);
        key(w, "types");
        open_(w, '{');
        for (uint32_t k = 0; k < iface->n_types; k++) {
            key_str(w, g->types.items[iface->types[k].i].name);
            jnum(w, iface->types[k].i);
        }
        close_(w, '}');
        key(w, "functions");
        open_(w, '{');
        for (uint32_t k = 0; k < iface->n_funcs; k++) {
            key_str(w, iface->funcs[k].name);
            function(w, &iface->funcs[k]);
        }
        close_(w, '}');
        docs(w, &iface->docs);
        stability(w, &iface->stability);
        key(w, "package");
        opt_id(w, iface->package.i);
        if (iface->has_clone_of) {
            key(w, "clone_of");
            jnum(w, iface->clone_of.i);
        }
        close_(w, '}');
    }
    close_(w, ']');

    key(w, "types");
    open_(w, '[');
    for (size_t i = 0; i < g->types.len; i++) {
        const witc_typedef *t = &g->types.items[i];
        item(w);
        open_(w, '{');
        key(w, "name");
        if (t->has_name)
            jstr(w, t->name);
        else
            jnull(w);
        key(w, "kind");
        typedef_kind(w, t);
        key(w, "owner");
        if (t->owner.kind == WITC_OWNER_NONE) {
            jnull(w);
        } else {
            open_(w, '{');
            key(w, t->owner.kind == WITC_OWNER_INTERFACE ? "interface" : "world");
            jnum(w, t->owner.id);
            close_(w, '}');
        }
        docs(w, &t->docs);
        stability(w, &t->stability);
        external_id(w, t->has_external_id, t->external_id);
        close_(w, '}');
    }
    close_(w, ']');

    key(w, "packages");
    open_(w, '[');
    for (size_t i = 0; i < g->pkgs.len; i++) {
        const witc_package *p = &g->pkgs.items[i];
        const g_pkg *b = &g->b_pkgs.items[i];
        item(w);
        open_(w, '{');
        key(w, "name");
        jstr(w, p->full_name);
        docs(w, &p->docs);
        key(w, "interfaces");
        open_(w, '{');
        for (size_t k = 0; k < b->ifaces.v.len; k++) {
            key_str(w, b->ifaces.v.items[k].key);
            jnum(w, b->ifaces.v.items[k].value);
        }
        close_(w, '}');
        key(w, "worlds");
        open_(w, '{');
        for (size_t k = 0; k < b->worlds.v.len; k++) {
            key_str(w, b->worlds.v.items[k].key);
            jnum(w, b->worlds.v.items[k].value);
        }
        close_(w, '}');
        close_(w, '}');
    }
    close_(w, ']');
    close_(w, '}');
}

witc_status witc_graph_to_json(witc_ctx *ctx, const witc_graph *g, char **out_text, size_t *out_len)
{
    if (!g || !g->published) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "cannot write JSON: graph is not complete");
        return WITC_E_USAGE;
    }
    jw w;
    memset(&w, 0, sizeof w);
    witc_buf_init(&w.b, ctx);
    w.first = true;
    write_graph(&w, g);
    witc_buf_putc(&w.b, '\n');
    const char *text = witc_buf_cstr(&w.b);
    if (!text || w.b.failed) {
        witc_buf_release(&w.b);
        return g_nomem(ctx);
    }
    *out_len = w.b.len;
    *out_text = (char *)w.b.data;
    return WITC_OK;
}

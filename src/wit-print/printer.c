/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT text printer (include/witc/wit-print.h).
 *
 * It writes what wit-component's WitPrinter writes for `wasm-tools component wit`, rule for
 * rule, because tools diff that text:
 *  - two-space indentation; `{` ends its line, `}` stands on its own line;
 *  - an interface body: first `use` statements (one per run of types taken from the same
 *    interface with the same attributes), then every other type, then free functions; items
 *    after the first are separated by a blank line, `use` lines are not;
 *  - a resource with functions gets a body holding them in interface order, no blank lines;
 *  - a world body: imported interfaces (no blank lines), then types, then imported functions,
 *    then a blank line and the exports in order (WIT encoding order, so printing round trips);
 *  - in the main package every interface is followed by a blank line, worlds are not; nested
 *    packages have no blank lines between items, and two between packages;
 *  - docs are `/// line` per line; `@since`/`@unstable`/`@deprecated`/`@external-id` come
 *    after the docs, one per line; keywords are escaped with `%`.
 *
 * Recursion happens only through anonymous types (`list<option<t>>`) and is bounded by the
 * context's type-depth limit, so a malformed (cyclic) graph gets a diagnostic, not a crash. */
#include "witc/wit-print.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "support/buf.h"
#include "witc/diag.h"
#include "witc/wit.h"

/* One resource function filed under its resource (see printer.res_head). */
typedef struct res_entry {
    const witc_function *func;
    uint32_t next; /* next entry of the same resource, UINT32_MAX at the end */
    uint32_t tail; /* in a list's first entry: its last entry */
} res_entry;

typedef struct printer {
    witc_ctx *ctx;
    const witc_graph *g;
    witc_buf out;
    uint32_t indent;   /* current depth, two spaces each */
    bool needs_indent; /* at the start of a line: indent before the next text */
    bool any_items;    /* an item was printed in the current block (blank line before next) */
    bool emit_docs;
    uint32_t max_depth; /* anonymous type nesting allowed while printing */
    witc_status status; /* first failure: loops stop early and the text is thrown away */
    /* Resource functions of the block being printed, grouped by resource without scanning
     * every function per resource: res_head[type] is the first entry of that resource's list
     * (UINT32_MAX = none), entries chain in block order. Only touched heads are reset. */
    uint32_t *res_head;
    WITC_VEC(res_entry) res;
    WITC_VEC(uint32_t) touched;
    /* keyword_first[n]: bit c - 'a' is set when a keyword of n bytes starts with letter c;
     * all bits when one starts with something else. Filled once per call. */
    uint32_t keyword_first[16];
} printer;

/* ---- Output primitives (wit-component's OutputToString) ---- */

static void indent_if_needed(printer *p)
{
    if (!p->needs_indent)
        return;
    for (uint32_t i = 0; i < p->indent; i++)
        witc_buf_append(&p->out, "  ", 2);
    p->needs_indent = false;
}

static void put_len(printer *p, const char *s, size_t len)
{
    indent_if_needed(p);
    witc_buf_append(&p->out, s, len);
}

static void put(printer *p, const char *s)
{
    put_len(p, s, strlen(s));
}

/* A string literal, measured at compile time. */
#define PUT(p, lit) put_len((p), (lit), sizeof(lit) - 1)

static void put_str(printer *p, witc_str s)
{
    put_len(p, s.ptr, s.len);
}

static void newline(printer *p)
{
    witc_buf_putc(&p->out, '\n');
    p->needs_indent = true;
}

static void indent_start(printer *p)
{
    PUT(p, " {");
    p->indent++;
    newline(p);
}

static void indent_end(printer *p)
{
    if (p->indent > 0)
        p->indent--;
    PUT(p, "}");
    newline(p);
}

static void semicolon(printer *p)
{
    PUT(p, ";");
    newline(p);
}

/* Starts an item of a block: a blank line unless it is the first. */
static void new_item(printer *p)
{
    if (p->any_items)
        newline(p);
    p->any_items = true;
}

static void fail(printer *p, witc_status st, const char *what)
{
    if (p->status == WITC_OK) {
        p->status = st;
        witc_diag_error_plain(witc_ctx_diags(p->ctx), "cannot print WIT: %s", what);
    }
}

/* n elements of `size` bytes from the context's heap; NULL (and a failure) on overflow or when
 * out of memory. Free with witc_ctx_dealloc. */
static void *alloc_array(printer *p, size_t n, size_t size)
{
    void *mem = NULL;
    if (n == 0)
        return NULL;
    if (n <= SIZE_MAX / size)
        mem = witc_ctx_alloc(p->ctx, n * size);
    if (!mem)
        fail(p, WITC_E_NOMEM, "out of memory");
    return mem;
}

typedef struct keyword_entry {
    char text[15]; /* an array, not a pointer: no relocations, so read-only data */
    unsigned char len;
} keyword_entry;

static const keyword_entry keywords[] = {
#define WITC_WIT_KEYWORD(text) {text, sizeof(text) - 1},
#include "wit-print/keywords.def"
#undef WITC_WIT_KEYWORD
};
#define KEYWORD_MAX_LEN (sizeof keywords[0].text - 1)
_Static_assert(KEYWORD_MAX_LEN < sizeof((printer *)0)->keyword_first / sizeof(uint32_t),
               "printer.keyword_first needs a row for every keyword length");

/* Fills p->keyword_first (see printer): a name is looked up in the keyword list only when some
 * keyword has its length and first letter, which few names do. */
static void keyword_index_init(printer *p)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        const unsigned char c = (unsigned char)keywords[i].text[0];
        if (c >= 'a' && c <= 'z')
            p->keyword_first[keywords[i].len] |= UINT32_C(1) << (c - 'a');
        else
            p->keyword_first[keywords[i].len] = UINT32_MAX; /* not a letter: always look */
    }
}

static bool is_keyword(const printer *p, witc_str s)
{
    if (s.len == 0 || s.len > KEYWORD_MAX_LEN)
        return false;
    const unsigned char c = (unsigned char)s.ptr[0];
    const uint32_t bit = c >= 'a' && c <= 'z' ? UINT32_C(1) << (c - 'a') : UINT32_MAX;
    if (!(p->keyword_first[s.len] & bit))
        return false;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].len == s.len && keywords[i].text[0] == s.ptr[0] &&
            memcmp(keywords[i].text, s.ptr, s.len) == 0)
            return true;
    return false;
}

/* An identifier, `%`-escaped when it is a keyword. */
static void put_name(printer *p, witc_str name)
{
    if (is_keyword(p, name))
        PUT(p, "%");
    put_str(p, name);
}

/* Doc text, one `///` line per line (Rust `str::lines`: a final newline ends the last line,
 * and a `\r` before a newline is dropped). */
static void put_docs(printer *p, witc_docs docs)
{
    if (!p->emit_docs || !docs.present)
        return;
    const char *s = docs.text.ptr;
    size_t len = docs.text.len, start = 0;
    while (start < len) {
        size_t end = start;
        while (end < len && s[end] != '\n')
            end++;
        size_t line_end = end;
        if (end < len && line_end > start && s[line_end - 1] == '\r')
            line_end--;
        indent_if_needed(p);
        PUT(p, "///");
        if (line_end > start) {
            PUT(p, " ");
            put_len(p, s + start, line_end - start);
        }
        newline(p);
        start = end + 1;
    }
}

static void put_version_attr(printer *p, const char *attr, witc_str version)
{
    put(p, attr);
    PUT(p, "(version = ");
    put_str(p, version);
    PUT(p, ")");
    newline(p);
}

static void put_stability(printer *p, const witc_stability *st)
{
    switch (st->kind) {
    case WITC_STABILITY_UNKNOWN:
        return;
    case WITC_STABILITY_STABLE:
        put_version_attr(p, "@since", st->since);
        break;
    case WITC_STABILITY_UNSTABLE:
        PUT(p, "@unstable(feature = ");
        put_str(p, st->feature);
        PUT(p, ")");
        newline(p);
        break;
    }
    if (st->has_deprecated)
        put_version_attr(p, "@deprecated", st->deprecated);
}

/* Decodes one UTF-8 scalar of s[0..len) (len > 0); invalid bytes decode as themselves. */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *out_n)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (n > len)
        n = 1;
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *out_n = 1;
            return c;
        }
        v = (v << 6) | (s[i] & 0x3f);
    }
    *out_n = n;
    return v;
}

/* `@external-id("...")`, escaped as wit-component does: plain ASCII letters, digits and
 * `-_./: ` as they are, C-style escapes for `\ " \n \r \t`, `\u{hex}` for the rest. */
static void put_external_id(printer *p, const witc_str *id)
{
    if (!id)
        return;
    PUT(p, "@external-id(\"");
    const unsigned char *s = (const unsigned char *)id->ptr;
    size_t i = 0;
    while (i < id->len) {
        size_t n;
        uint32_t c = utf8_next(s + i, id->len - i, &n);
        char tmp[16];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ' ') {
            tmp[0] = (char)c;
            put_len(p, tmp, 1);
        } else if (c == '\\') {
            PUT(p, "\\\\");
        } else if (c == '"') {
            PUT(p, "\\\"");
        } else if (c == '\n') {
            PUT(p, "\\n");
        } else if (c == '\r') {
            PUT(p, "\\r");
        } else if (c == '\t') {
            PUT(p, "\\t");
        } else {
            witc_buf_printf(&p->out, "\\u{%x}", (unsigned)c);
        }
        i += n;
    }
    PUT(p, "\")");
    newline(p);
}

/* ---- Graph access: every lookup is bounds-checked so a bad id prints as a failure ---- */

static const witc_typedef *type_at(printer *p, witc_type_id id)
{
    const witc_typedef *t = witc_graph_type(p->g, id);
    if (!t)
        fail(p, WITC_E_INVALID, "a type id is out of range");
    return t;
}

static const witc_interface *iface_at(printer *p, witc_interface_id id)
{
    const witc_interface *i = witc_graph_interface(p->g, id);
    if (!i)
        fail(p, WITC_E_INVALID, "an interface id is out of range");
    return i;
}

/* ---- Types ---- */

static void print_type_name(printer *p, witc_type_ref ty, uint32_t depth);

static void print_resource_name(printer *p, witc_type_id id)
{
    const witc_typedef *r = type_at(p, id);
    if (!r)
        return;
    if (!r->has_name) {
        fail(p, WITC_E_INVALID, "unnamed resource type");
        return;
    }
    put_name(p, r->name);
}

static void print_handle(printer *p, const witc_typedef *t, bool force_own)
{
    bool borrow = t->kind == WITC_TYPEDEF_BORROW;
    if (borrow || force_own)
        put(p, borrow ? "borrow<" : "own<");
    print_resource_name(p, t->resource);
    if (borrow || force_own)
        PUT(p, ">");
}

static void print_result(printer *p, const witc_typedef *t, uint32_t depth)
{
    PUT(p, "result");
    if (!t->has_ok && !t->has_err)
        return;
    PUT(p, "<");
    if (t->has_ok)
        print_type_name(p, t->ok, depth);
    else
        PUT(p, "_");
    if (t->has_err) {
        PUT(p, ", ");
        print_type_name(p, t->err, depth);
    }
    PUT(p, ">");
}

static void print_tuple(printer *p, const witc_typedef *t, uint32_t depth)
{
    PUT(p, "tuple<");
    for (uint32_t i = 0; i < t->n_types; i++) {
        if (i > 0)
            PUT(p, ", ");
        print_type_name(p, t->types[i], depth);
    }
    PUT(p, ">");
}

/* The body of an anonymous or aliased type: `list<u8>`, `option<t>`, ... */
static void print_type_body(printer *p, const witc_typedef *t, uint32_t depth)
{
    switch (t->kind) {
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        print_handle(p, t, false);
        break;
    case WITC_TYPEDEF_TUPLE:
        print_tuple(p, t, depth);
        break;
    case WITC_TYPEDEF_OPTION:
        PUT(p, "option<");
        print_type_name(p, t->elem, depth);
        PUT(p, ">");
        break;
    case WITC_TYPEDEF_RESULT:
        print_result(p, t, depth);
        break;
    case WITC_TYPEDEF_LIST:
        PUT(p, "list<");
        print_type_name(p, t->elem, depth);
        PUT(p, ">");
        break;
    case WITC_TYPEDEF_FIXED_LIST:
        PUT(p, "list<");
        print_type_name(p, t->elem, depth);
        witc_buf_printf(&p->out, ", %" PRIu32 ">", t->size);
        break;
    case WITC_TYPEDEF_MAP:
        PUT(p, "map<");
        print_type_name(p, t->key, depth);
        PUT(p, ", ");
        print_type_name(p, t->elem, depth);
        PUT(p, ">");
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        put(p, t->kind == WITC_TYPEDEF_FUTURE ? "future" : "stream");
        if (t->has_elem) {
            PUT(p, "<");
            print_type_name(p, t->elem, depth);
            PUT(p, ">");
        }
        break;
    case WITC_TYPEDEF_ALIAS:
        print_type_name(p, t->target, depth);
        break;
    case WITC_TYPEDEF_RESOURCE:
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_VARIANT:
    case WITC_TYPEDEF_ENUM:
    case WITC_TYPEDEF_FLAGS:
    default:
        fail(p, WITC_E_INVALID, "an unnamed type needs a declaration");
        break;
    }
}

static void print_type_name(printer *p, witc_type_ref ty, uint32_t depth)
{
    if (p->status != WITC_OK)
        return;
    if (ty.prim != WITC_PRIM_ID) {
        const char *name = witc_prim_name(ty.prim);
        if (name)
            put(p, name);
        else
            fail(p, WITC_E_INVALID, "a type reference is neither a primitive nor an id");
        return;
    }
    const witc_typedef *t = type_at(p, ty.id);
    if (!t)
        return;
    if (t->has_name) {
        put_name(p, t->name);
        return;
    }
    if (depth >= p->max_depth) {
        fail(p, WITC_E_LIMIT, "type nesting too deep");
        return;
    }
    print_type_body(p, t, depth + 1);
}

/* `type name = body;` */
static void declare_alias(printer *p, const witc_typedef *t)
{
    PUT(p, "type ");
    put_name(p, t->name);
    PUT(p, " = ");
    if (t->kind == WITC_TYPEDEF_OWN || t->kind == WITC_TYPEDEF_BORROW)
        /* `type a = own<r>` differs from `type a = r` in the encoding: keep the `own`. */
        print_handle(p, t, true);
    else
        print_type_body(p, t, 0);
    semicolon(p);
}

static void declare_fields(printer *p, const witc_typedef *t, bool typed, bool payload)
{
    indent_start(p);
    for (uint32_t i = 0; i < t->n_fields && p->status == WITC_OK; i++) {
        const witc_field *f = &t->fields[i];
        put_docs(p, f->docs);
        put_name(p, f->name);
        if (typed) {
            PUT(p, ": ");
            print_type_name(p, f->type, 0);
        } else if (payload && f->has_type) {
            PUT(p, "(");
            print_type_name(p, f->type, 0);
            PUT(p, ")");
        }
        PUT(p, ",");
        newline(p);
    }
    indent_end(p);
}

static void declare_type(printer *p, const witc_typedef *t)
{
    if (!t->has_name) {
        fail(p, WITC_E_INVALID, "unnamed type in a declaration list");
        return;
    }
    switch (t->kind) {
    case WITC_TYPEDEF_RECORD:
        PUT(p, "record ");
        put_name(p, t->name);
        declare_fields(p, t, true, false);
        break;
    case WITC_TYPEDEF_VARIANT:
        PUT(p, "variant ");
        put_name(p, t->name);
        declare_fields(p, t, false, true);
        break;
    case WITC_TYPEDEF_ENUM:
        PUT(p, "enum ");
        put_name(p, t->name);
        declare_fields(p, t, false, false);
        break;
    case WITC_TYPEDEF_FLAGS:
        PUT(p, "flags ");
        put_name(p, t->name);
        declare_fields(p, t, false, false);
        break;
    default:
        declare_alias(p, t);
        break;
    }
}

/* The name a function is declared under: `m` for `[method]r.m`, `constructor`, or itself. */
static witc_str func_item_name(const witc_function *f)
{
    if (f->kind == WITC_FUNC_CONSTRUCTOR)
        return WITC_STR_LIT("constructor");
    if (f->kind == WITC_FUNC_METHOD || f->kind == WITC_FUNC_STATIC) {
        const char *dot = memchr(f->name.ptr, '.', f->name.len);
        if (dot)
            return (witc_str){dot + 1, f->name.len - (size_t)(dot + 1 - f->name.ptr)};
    }
    return f->name;
}

/* A constructor returning `own<its resource>` is written without `-> ...`. */
static bool is_constructor_shorthand(printer *p, const witc_function *f)
{
    if (f->kind != WITC_FUNC_CONSTRUCTOR || !f->has_result || f->result.prim != WITC_PRIM_ID)
        return false;
    const witc_typedef *r = witc_graph_type(p->g, f->result.id);
    return r && r->kind == WITC_TYPEDEF_OWN && r->resource.i == f->resource.i;
}

/* `[async ]func(params) -> result` or `constructor(params)`. */
static void print_function(printer *p, const witc_function *f)
{
    if (f->is_async)
        PUT(p, "async ");
    put(p, f->kind == WITC_FUNC_CONSTRUCTOR ? "constructor(" : "func(");
    uint32_t skip = f->kind == WITC_FUNC_METHOD && f->n_params > 0 ? 1 : 0; /* `self` */
    for (uint32_t i = skip; i < f->n_params && p->status == WITC_OK; i++) {
        if (i > skip)
            PUT(p, ", ");
        put_name(p, f->params[i].name);
        PUT(p, ": ");
        print_type_name(p, f->params[i].type, 0);
    }
    PUT(p, ")");
    if (f->has_result && !is_constructor_shorthand(p, f)) {
        PUT(p, " -> ");
        print_type_name(p, f->result, 0);
    }
}

static void print_function_attrs(printer *p, const witc_function *f)
{
    put_docs(p, f->docs);
    put_stability(p, &f->stability);
    put_external_id(p, f->has_external_id ? &f->external_id : NULL);
}

/* `resource r;`, or `resource r {` with its functions `}`. */
static void print_resource(printer *p, witc_type_id id, const witc_typedef *t)
{
    PUT(p, "resource ");
    put_name(p, t->name);
    uint32_t e = id.i < witc_graph_type_count(p->g) ? p->res_head[id.i] : UINT32_MAX;
    if (e == UINT32_MAX) {
        semicolon(p);
        return;
    }
    indent_start(p);
    for (; e != UINT32_MAX && p->status == WITC_OK; e = p->res.items[e].next) {
        const witc_function *f = p->res.items[e].func;
        print_function_attrs(p, f);
        if (f->kind != WITC_FUNC_CONSTRUCTOR) {
            put_name(p, func_item_name(f));
            put(p, f->kind == WITC_FUNC_STATIC ? ": static " : ": ");
        }
        print_function(p, f);
        semicolon(p);
    }
    indent_end(p);
}

/* Files a resource function under its resource (see printer.res_head). */
static void add_resource_func(printer *p, const witc_function *f)
{
    uint32_t r = f->resource.i;
    if (r >= witc_graph_type_count(p->g)) {
        fail(p, WITC_E_INVALID, "a resource function names no resource");
        return;
    }
    res_entry entry = {f, UINT32_MAX, UINT32_MAX};
    uint32_t idx = (uint32_t)p->res.len;
    if (!WITC_VEC_PUSH(p->ctx, &p->res, entry)) {
        fail(p, WITC_E_NOMEM, "out of memory");
        return;
    }
    if (p->res_head[r] == UINT32_MAX) {
        if (!WITC_VEC_PUSH(p->ctx, &p->touched, r)) {
            fail(p, WITC_E_NOMEM, "out of memory");
            return;
        }
        p->res_head[r] = idx;
    } else {
        p->res.items[p->res.items[p->res_head[r]].tail].next = idx;
    }
    p->res.items[p->res_head[r]].tail = idx;
}

/* Forgets the resource functions filed for the block just printed. */
static void clear_resource_funcs(printer *p)
{
    for (size_t i = 0; i < p->touched.len; i++)
        p->res_head[p->touched.items[i]] = UINT32_MAX;
    p->touched.len = 0;
    p->res.len = 0;
}

/* ---- Interfaces and worlds ---- */

static bool same_str(bool has_a, witc_str a, bool has_b, witc_str b)
{
    return has_a == has_b && (!has_a || witc_str_eq(a, b));
}

static bool same_stability(const witc_stability *a, const witc_stability *b)
{
    if (a->kind != b->kind || a->has_deprecated != b->has_deprecated)
        return false;
    if (a->has_deprecated && !witc_str_eq(a->deprecated, b->deprecated))
        return false;
    switch (a->kind) {
    case WITC_STABILITY_STABLE:
        return witc_str_eq(a->since, b->since);
    case WITC_STABILITY_UNSTABLE:
        return witc_str_eq(a->feature, b->feature);
    default:
        return true;
    }
}

/* `iface` for an interface of `cur_pkg`, else `ns:name/iface@version`. */
static void print_path_to_interface(printer *p, witc_interface_id id, witc_package_id cur_pkg)
{
    const witc_interface *iface = iface_at(p, id);
    if (!iface)
        return;
    if (!iface->has_name) {
        fail(p, WITC_E_INVALID, "a path names an anonymous interface");
        return;
    }
    if (iface->package.i != cur_pkg.i) {
        const witc_package *pkg = witc_graph_package(p->g, iface->package);
        if (!pkg) {
            fail(p, WITC_E_INVALID, "an interface belongs to no package");
            return;
        }
        put_name(p, pkg->namespace_);
        PUT(p, ":");
        put_name(p, pkg->name);
        PUT(p, "/");
        put_name(p, iface->name);
        if (pkg->has_version) {
            PUT(p, "@");
            put_str(p, pkg->version);
        }
        return;
    }
    put_name(p, iface->name);
}

/* The interface a `use` takes type `t` from, when `t` is one (an alias of a type owned by
 * another interface or world); NULL otherwise. */
static const witc_typedef *use_target(printer *p, const witc_typedef *t, witc_type_owner owner)
{
    if (t->kind != WITC_TYPEDEF_ALIAS || t->target.prim != WITC_PRIM_ID)
        return NULL;
    const witc_typedef *other = witc_graph_type(p->g, t->target.id);
    if (!other || other->owner.kind == WITC_OWNER_NONE)
        return NULL;
    if (other->owner.kind == owner.kind && other->owner.id == owner.id)
        return NULL;
    return other;
}

typedef struct type_slot {
    witc_type_id id;
    const witc_typedef *t;
} type_slot;

/* One block's types: the `use` statements first, then the declarations (wit-component's
 * print_types). `types` is the block's types in order. */
static void print_types(printer *p, witc_type_owner owner, witc_package_id cur_pkg,
                        const type_slot *types, size_t n)
{
    /* Uses: consecutive entries from the same interface with the same attributes merge into
     * one statement, even when declarations sit between them in the source. */
    const witc_typedef *group_t = NULL;     /* first type of the open `use` statement */
    const witc_typedef *group_other = NULL; /* its target */
    for (size_t i = 0; i < n && p->status == WITC_OK; i++) {
        const witc_typedef *t = types[i].t;
        const witc_typedef *other = use_target(p, t, owner);
        if (!other)
            continue;
        if (other->owner.kind != WITC_OWNER_INTERFACE || !other->has_name) {
            fail(p, WITC_E_INVALID, "a type is used from something other than an interface");
            return;
        }
        bool joins = group_t && group_other->owner.id == other->owner.id &&
                     same_stability(&t->stability, &group_t->stability) &&
                     same_str(t->has_external_id, t->external_id, group_t->has_external_id,
                              group_t->external_id);
        if (joins) {
            PUT(p, ", ");
        } else {
            if (group_t) {
                PUT(p, "}");
                semicolon(p);
            }
            p->any_items = true;
            put_stability(p, &t->stability);
            put_external_id(p, t->has_external_id ? &t->external_id : NULL);
            PUT(p, "use ");
            print_path_to_interface(p, (witc_interface_id){other->owner.id}, cur_pkg);
            PUT(p, ".{");
            group_t = t;
            group_other = other;
        }
        if (witc_str_eq(t->name, other->name)) {
            put_name(p, t->name);
        } else {
            put_name(p, other->name);
            PUT(p, " as ");
            put_name(p, t->name);
        }
    }
    if (group_t && p->status == WITC_OK) {
        PUT(p, "}");
        semicolon(p);
    }

    for (size_t i = 0; i < n && p->status == WITC_OK; i++) {
        const witc_typedef *t = types[i].t;
        if (use_target(p, t, owner))
            continue;
        new_item(p);
        put_docs(p, t->docs);
        put_stability(p, &t->stability);
        put_external_id(p, t->has_external_id ? &t->external_id : NULL);
        if (t->kind == WITC_TYPEDEF_RESOURCE) {
            if (!t->has_name)
                fail(p, WITC_E_INVALID, "unnamed resource type");
            else
                print_resource(p, types[i].id, t);
        } else {
            declare_type(p, t);
        }
    }
}

/* The body of an interface: uses, types (with resource functions), free functions. */
static void print_interface_body(printer *p, witc_interface_id id)
{
    const witc_interface *iface = iface_at(p, id);
    if (!iface)
        return;
    bool prev_items = p->any_items;
    p->any_items = false;

    type_slot *slots = alloc_array(p, iface->n_types, sizeof *slots);
    if (iface->n_types > 0 && !slots)
        return;
    size_t n = 0;
    for (uint32_t i = 0; i < iface->n_types; i++) {
        const witc_typedef *t = type_at(p, iface->types[i]);
        if (t)
            slots[n++] = (type_slot){iface->types[i], t};
    }

    clear_resource_funcs(p);
    for (uint32_t i = 0; i < iface->n_funcs; i++)
        if (iface->funcs[i].kind != WITC_FUNC_FREESTANDING)
            add_resource_func(p, &iface->funcs[i]);
    witc_type_owner owner = {WITC_OWNER_INTERFACE, id.i};
    print_types(p, owner, iface->package, slots, n);
    clear_resource_funcs(p);
    witc_ctx_dealloc(p->ctx, slots);

    for (uint32_t i = 0; i < iface->n_funcs && p->status == WITC_OK; i++) {
        const witc_function *f = &iface->funcs[i];
        if (f->kind != WITC_FUNC_FREESTANDING)
            continue;
        new_item(p);
        print_function_attrs(p, f);
        put_name(p, f->name);
        PUT(p, ": ");
        print_function(p, f);
        semicolon(p);
    }
    p->any_items = prev_items;
}

/* `import name: ...;` / `export ...;` for an interface or a function of a world. */
static void print_world_item(printer *p, const witc_world_item *item, witc_package_id cur_pkg,
                             const char *keyword)
{
    if (item->kind == WITC_WORLD_ITEM_INTERFACE) {
        /* The statement's docs; an inline interface without them shows its own. */
        if (item->docs.present) {
            put_docs(p, item->docs);
        } else if (item->has_name) {
            const witc_interface *iface = iface_at(p, item->interface);
            if (iface)
                put_docs(p, iface->docs);
        }
        put_stability(p, &item->stability);
        put_external_id(p, item->has_external_id ? &item->external_id : NULL);
        put(p, keyword);
        PUT(p, " ");
        if (!item->has_name) {
            print_path_to_interface(p, item->interface, cur_pkg);
            semicolon(p);
            return;
        }
        put_name(p, item->name);
        PUT(p, ": ");
        const witc_interface *iface = iface_at(p, item->interface);
        if (iface && !iface->has_name) {
            PUT(p, "interface");
            indent_start(p);
            print_interface_body(p, item->interface);
            indent_end(p);
        } else {
            print_path_to_interface(p, item->interface, cur_pkg);
            semicolon(p);
        }
        return;
    }
    const witc_function *f = &item->func;
    print_function_attrs(p, f);
    put(p, keyword);
    PUT(p, " ");
    put_name(p, f->name);
    PUT(p, ": ");
    print_function(p, f);
    semicolon(p);
}

/* The body of a world, in WIT encoding order: imported interfaces, types (with resource
 * functions), imported functions, then the exports. */
static void print_world_body(printer *p, witc_world_id wid, const witc_world *w)
{
    bool prev_items = p->any_items;
    p->any_items = false;
    for (uint32_t i = 0; i < w->n_imports && p->status == WITC_OK; i++) {
        if (w->imports[i].kind != WITC_WORLD_ITEM_INTERFACE)
            continue;
        print_world_item(p, &w->imports[i], w->package, "import");
        /* Imports are not separated, but whatever follows them is. */
        p->any_items = true;
    }

    type_slot *slots = alloc_array(p, w->n_imports, sizeof *slots);
    if (w->n_imports > 0 && !slots)
        return;
    size_t n = 0;
    clear_resource_funcs(p);
    for (uint32_t i = 0; i < w->n_imports && p->status == WITC_OK; i++) {
        const witc_world_item *item = &w->imports[i];
        if (item->kind == WITC_WORLD_ITEM_TYPE) {
            const witc_typedef *t = type_at(p, item->type);
            if (t)
                slots[n++] = (type_slot){item->type, t};
        } else if (item->kind == WITC_WORLD_ITEM_FUNCTION &&
                   item->func.kind != WITC_FUNC_FREESTANDING) {
            add_resource_func(p, &item->func);
        }
    }
    witc_type_owner owner = {WITC_OWNER_WORLD, wid.i};
    print_types(p, owner, w->package, slots, n);
    clear_resource_funcs(p);
    witc_ctx_dealloc(p->ctx, slots);

    for (uint32_t i = 0; i < w->n_imports && p->status == WITC_OK; i++) {
        const witc_world_item *item = &w->imports[i];
        if (item->kind != WITC_WORLD_ITEM_FUNCTION || item->func.kind != WITC_FUNC_FREESTANDING)
            continue;
        print_world_item(p, item, w->package, "import");
        p->any_items = true;
    }
    if (w->n_exports > 0)
        new_item(p);
    for (uint32_t i = 0; i < w->n_exports && p->status == WITC_OK; i++)
        print_world_item(p, &w->exports[i], w->package, "export");
    p->any_items = prev_items;
}

static void print_package(printer *p, witc_package_id id, bool is_main)
{
    const witc_package *pkg = witc_graph_package(p->g, id);
    if (!pkg) {
        fail(p, WITC_E_USAGE, "no such package");
        return;
    }
    put_docs(p, pkg->docs);
    PUT(p, "package ");
    put_name(p, pkg->namespace_);
    PUT(p, ":");
    put_name(p, pkg->name);
    if (pkg->has_version) {
        PUT(p, "@");
        put_str(p, pkg->version);
    }
    if (is_main) {
        semicolon(p);
        newline(p);
    } else {
        indent_start(p);
    }
    for (uint32_t i = 0; i < pkg->n_interfaces && p->status == WITC_OK; i++) {
        const witc_interface *iface = iface_at(p, pkg->interfaces[i]);
        if (!iface)
            break;
        put_docs(p, iface->docs);
        put_stability(p, &iface->stability);
        PUT(p, "interface ");
        put_name(p, iface->name);
        indent_start(p);
        print_interface_body(p, pkg->interfaces[i]);
        indent_end(p);
        if (is_main)
            newline(p);
    }
    for (uint32_t i = 0; i < pkg->n_worlds && p->status == WITC_OK; i++) {
        const witc_world *w = witc_graph_world(p->g, pkg->worlds[i]);
        if (!w) {
            fail(p, WITC_E_INVALID, "a world id is out of range");
            break;
        }
        put_docs(p, w->docs);
        put_stability(p, &w->stability);
        PUT(p, "world ");
        put_name(p, w->name);
        indent_start(p);
        print_world_body(p, pkg->worlds[i], w);
        indent_end(p);
    }
    if (!is_main)
        indent_end(p);
}

witc_status witc_wit_print(witc_ctx *ctx, const witc_graph *graph, witc_package_id pkg,
                           unsigned flags, char **out_text, size_t *out_len)
{
    printer p = {0};
    p.ctx = ctx;
    p.g = graph;
    p.emit_docs = !(flags & WITC_WIT_PRINT_NO_DOCS);
    p.max_depth = 2 * witc_ctx_limits(ctx)->wit_type_depth + 2;
    witc_buf_init(&p.out, ctx);
    keyword_index_init(&p);

    size_t n_types = witc_graph_type_count(graph);
    p.res_head = alloc_array(&p, n_types, sizeof *p.res_head);
    if (p.res_head)
        memset(p.res_head, 0xff, n_types * sizeof *p.res_head); /* all UINT32_MAX: no list */

    if (p.status == WITC_OK)
        print_package(&p, pkg, true);
    if (!(flags & WITC_WIT_PRINT_MAIN_ONLY)) {
        /* Every other package, in graph order, as a nested block (the CLI's behaviour). */
        size_t n_pkgs = witc_graph_package_count(graph);
        bool first = true;
        for (size_t i = 0; i < n_pkgs && p.status == WITC_OK; i++) {
            if (i == pkg.i)
                continue;
            if (!first) {
                newline(&p);
                newline(&p);
            }
            first = false;
            print_package(&p, (witc_package_id){(uint32_t)i}, false);
        }
    }

    witc_ctx_dealloc(ctx, p.res_head);
    WITC_VEC_FREE(ctx, &p.res);
    WITC_VEC_FREE(ctx, &p.touched);
    if (p.status == WITC_OK && p.out.failed)
        fail(&p, WITC_E_NOMEM, "out of memory");
    if (p.status != WITC_OK) {
        witc_buf_release(&p.out);
        return p.status;
    }
    const char *text = witc_buf_cstr(&p.out);
    if (!text || p.out.failed) {
        witc_buf_release(&p.out);
        fail(&p, WITC_E_NOMEM, "out of memory");
        return p.status;
    }
    *out_len = p.out.len;
    *out_text = (char *)p.out.data;
    return WITC_OK;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* WIT package binary -> resolved graph (wit-parser decoding.rs, the "v2" package form that
 * wit-component's encoding/wit.rs writes; component-model Binary.md).
 *
 * The binary is read with the bounded reader of src/wasm-format (every count and length is
 * checked before use, recursion carries a depth) and turned into WIT text: the main package
 * and, as nested `package ns:name@ver { ... }` blocks, the parts of other packages it refers
 * to. That text is then resolved with the public resolver (witc_wit_resolve_text), so the
 * graph obeys exactly the same rules as one read from WIT. Every identifier is written with a
 * `%` prefix so keywords need no special case; docs and stability come from the
 * `package-docs` custom section (wit-parser metadata.rs).
 *
 * Only what wit-component writes for packages is accepted: components made of type and
 * export sections (plus custom sections), whose exports are component types describing an
 * interface or a world. Anything else is reported as unsupported, never guessed at. */
#include "witc/wit-binary.h"

#include <string.h>

#include "support/buf.h"
#include "support/hash.h"
#include "wasm-format/reader.h"
#include "witc/diag.h"

/* Nesting of value types inside one another (wasmparser's type nesting limit is 100; the
 * printer of a value type recurses once per level). */
#define WIT_DECODE_MAX_DEPTH 100
/* Largest text one type or function may expand to: shared anonymous types are written out
 * in full, so a small hostile binary could otherwise ask for exponentially long text. */
#define WIT_DECODE_MAX_TEXT ((size_t)16 << 20)

#include "wasm-decoder/wit-json.h"

typedef enum ekind { E_PRIM, E_DEF, E_NAMED, E_FUNC, E_INST, E_COMP } ekind;

/* One entry of a type index space. */
typedef struct ent {
    ekind k;
    uint8_t prim;      /* E_PRIM */
    const uint8_t *at; /* E_DEF, E_FUNC, E_INST, E_COMP: the type's first byte */
    witc_str name;     /* E_NAMED */
    int owner;         /* E_NAMED: owners[] index */
    bool resource;     /* E_NAMED: names a resource */
} ent;

typedef WITC_VEC(ent) ent_vec;
typedef WITC_VEC(int) int_vec;

/* An interface or world whose items have names: the scope a named type belongs to. */
typedef struct owner {
    witc_str id;   /* "ns:pkg/name@ver"; empty for inline interfaces and worlds */
    witc_str pkg;  /* "ns:pkg@ver" */
    witc_str name; /* local name */
    int pkg_index; /* pkgs[] index, -1 when none */
    bool defined;  /* a main-package interface written from its own top-level export */
    bool has_body; /* body_* hold the fullest interface body seen in an import or export */
    size_t body_start, body_len; /* in dec.bodies */
    size_t body_items;
} owner;

typedef struct pkg {
    witc_str full; /* "ns:pkg@ver" */
} pkg;

typedef struct scope {
    struct scope *parent;
    ent_vec types;
    int_vec instances; /* owners[] index per instance, -1 unknown */
    int self;          /* owner of the items defined here, -1 none */
} scope;

typedef struct dec {
    witc_ctx *ctx;
    witc_reader *r; /* the top-level reader: used for offsets in diagnostics */
    const char *file;
    witc_arena arena;
    WITC_VEC(owner) owners;
    witc_hash owner_index; /* interface id -> owners[] index */
    WITC_VEC(pkg) pkgs;
    witc_hash pkg_index; /* "ns:pkg@ver" -> pkgs[] index */
    witc_buf bodies;     /* interface bodies of owners (owner.body_*) */
    witc_buf main_text;
    witc_str main_pkg; /* "ns:pkg@ver" once known */
    bool have_main;
    witc_str ext;         /* external-id of the name read last (read_extern_name), or empty */
    const jval *docs;     /* the package-docs JSON root, or NULL */
    const jval *cur_type; /* docs of the type being written (for its `items`) */
} dec;


/* Appends len bytes of `from` starting at `start`. An empty buffer has no data pointer, and
 * even a zero offset from NULL is undefined, so empty slices are skipped. */
static void append_slice(witc_buf *out, const witc_buf *from, size_t start, size_t len)
{
    if (len)
        witc_buf_append(out, from->data + start, len);
}

static witc_status derr(dec *d, const uint8_t *at, const char *what)
{
    return witc_reader_fail(d->r, at, "%s", what);
}

static witc_status nomem(dec *d)
{
    witc_diag_error_plain(witc_ctx_diags(d->ctx), "out of memory");
    return WITC_E_NOMEM;
}

static witc_status unsupported(dec *d, const uint8_t *at, const char *what)
{
    witc_diag_error_at(witc_ctx_diags(d->ctx), d->file, witc_reader_offset_of(d->r, at),
                       "unsupported in a WIT package binary: %s", what);
    return WITC_E_UNSUPPORTED;
}

static witc_str keep(dec *d, const uint8_t *p, size_t n)
{
    char *s = witc_arena_strndup(&d->arena, (const char *)p, n);
    return (witc_str){s, s ? n : 0};
}

/* Splits "ns:pkg/name@ver" into package "ns:pkg@ver" and name; false when not of that form. */
static bool split_id(dec *d, witc_str id, witc_str *out_pkg, witc_str *out_name)
{
    const char *slash = memchr(id.ptr, '/', id.len);
    const char *colon = memchr(id.ptr, ':', id.len);
    if (!slash || !colon || colon > slash)
        return false;
    const char *at = memchr(slash, '@', id.len - (size_t)(slash - id.ptr));
    size_t name_end = at ? (size_t)(at - id.ptr) : id.len;
    size_t ns_pkg = (size_t)(slash - id.ptr);
    size_t name_start = ns_pkg + 1;
    if (memchr(id.ptr + name_start, '/', name_end - name_start))
        return false; /* nested names are not WIT */
    witc_buf b;
    witc_buf_init(&b, d->ctx);
    witc_buf_append(&b, id.ptr, ns_pkg);
    if (at)
        witc_buf_append(&b, at, id.len - name_end);
    *out_pkg = keep(d, b.data ? b.data : (const uint8_t *)"", b.len);
    witc_buf_release(&b);
    *out_name = keep(d, (const uint8_t *)id.ptr + name_start, name_end - name_start);
    return out_pkg->ptr && out_name->ptr;
}

static int find_pkg(dec *d, witc_str full, bool add)
{
    uint32_t i;
    if (witc_hash_get(&d->pkg_index, full.ptr, full.len, &i))
        return (int)i;
    if (!add || !WITC_VEC_PUSH(d->ctx, &d->pkgs, ((pkg){full})))
        return -1;
    if (!witc_hash_put(&d->pkg_index, full.ptr, full.len, (uint32_t)d->pkgs.len - 1))
        return -1;
    return (int)d->pkgs.len - 1;
}

/* The owner record of interface `id` ("ns:pkg/name@ver"), made on first use; -1 on a
 * malformed id (*st set) or out of memory. */
static int iface_owner(dec *d, witc_str id, const uint8_t *at, witc_status *st)
{
    uint32_t found;
    if (witc_hash_get(&d->owner_index, id.ptr, id.len, &found))
        return (int)found;
    owner o = {.pkg_index = -1};
    if (!split_id(d, id, &o.pkg, &o.name)) {
        *st = unsupported(d, at, "interface name is not `ns:pkg/name`");
        return -1;
    }
    o.id = keep(d, (const uint8_t *)id.ptr, id.len);
    o.pkg_index = find_pkg(d, o.pkg, true);
    if (!o.id.ptr || o.pkg_index < 0 || !WITC_VEC_PUSH(d->ctx, &d->owners, o) ||
        !witc_hash_put(&d->owner_index, o.id.ptr, o.id.len, (uint32_t)d->owners.len - 1)) {
        *st = nomem(d);
        return -1;
    }
    return (int)d->owners.len - 1;
}

static int local_owner(dec *d, witc_str name)
{
    owner o = {.name = name, .pkg_index = -1};
    if (!WITC_VEC_PUSH(d->ctx, &d->owners, o))
        return -1;
    return (int)d->owners.len - 1;
}

static void put_id(witc_buf *b, witc_str s)
{
    witc_buf_putc(b, '%');
    witc_buf_append(b, s.ptr, s.len);
}

/* "ns:pkg/name@ver" (or "ns:pkg@ver") with every identifier escaped: `%ns:%pkg/%name@ver`. */
static void put_qualified(witc_buf *b, witc_str s)
{
    bool in_version = false, start = true;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == '@')
            in_version = true;
        if (start && !in_version)
            witc_buf_putc(b, '%');
        start = !in_version && (c == ':' || c == '/');
        witc_buf_putc(b, c);
    }
}

static bool is_main(dec *d, int own)
{
    const owner *o = &d->owners.items[own];
    return o->id.len == 0 || (d->have_main && witc_str_eq(o->pkg, d->main_pkg));
}

/* A reference to interface `own` from package `from_pkg` (-1: the main package). */
static void put_iface_ref(dec *d, witc_buf *b, int own, int from_pkg)
{
    const owner *o = &d->owners.items[own];
    bool local = from_pkg < 0 ? is_main(d, own) : o->pkg_index == from_pkg;
    if (local) {
        put_id(b, o->name);
        return;
    }
    put_qualified(b, o->id);
}

/* Names become WIT text: only the characters WIT names and ids can hold are accepted, so a
 * name can never change the structure of the text it is written into. `id` also allows the
 * punctuation of `ns:pkg/name@1.2.3-pre+build` and `[method]r.m`. */
static witc_status read_wit_name(dec *d, witc_reader *r, const char *what, bool id,
                                 const uint8_t **out_ptr, uint32_t *out_len)
{
    const uint8_t *at = r->cur;
    WITC_TRY(witc_reader_name(r, what, out_ptr, out_len));
    for (uint32_t i = 0; i < *out_len; i++) {
        uint8_t c = (*out_ptr)[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || (id && strchr(":/@.+[]", c) != NULL);
        if (!ok || c == 0)
            return witc_reader_fail(d->r, at, "invalid character in a WIT name (%s)", what);
    }
    if (*out_len == 0)
        return witc_reader_fail(d->r, at, "empty WIT name (%s)", what);
    return WITC_OK;
}

/* ---- value types ---- */

static witc_status put_valtype(dec *d, witc_reader *r, const scope *s, witc_buf *b, int from,
                               unsigned depth);

static witc_status put_type_index(dec *d, const uint8_t *at, const scope *s, uint32_t idx,
                                  witc_buf *b, int from, unsigned depth);

static const char *prim_name(uint8_t byte)
{
    switch (byte) {
    case 0x7f:
        return "bool";
    case 0x7e:
        return "s8";
    case 0x7d:
        return "u8";
    case 0x7c:
        return "s16";
    case 0x7b:
        return "u16";
    case 0x7a:
        return "s32";
    case 0x79:
        return "u32";
    case 0x78:
        return "s64";
    case 0x77:
        return "u64";
    case 0x76:
        return "f32";
    case 0x75:
        return "f64";
    case 0x74:
        return "char";
    case 0x73:
        return "string";
    case 0x64:
        return "error-context";
    default:
        return NULL;
    }
}

static witc_status put_valtype(dec *d, witc_reader *r, const scope *s, witc_buf *b, int from,
                               unsigned depth)
{
    const uint8_t *at = r->cur;
    uint8_t first;
    WITC_TRY(witc_reader_peek_u8(r, "value type", &first));
    const char *p = prim_name(first);
    if (p) {
        r->cur++;
        witc_buf_puts(b, p);
        return WITC_OK;
    }
    int64_t idx;
    WITC_TRY(witc_reader_s33(r, "type index", &idx));
    if (idx < 0 || idx > UINT32_MAX)
        return derr(d, at, "invalid value type");
    return put_type_index(d, at, s, (uint32_t)idx, b, from, depth);
}

static witc_status put_opt_valtype(dec *d, witc_reader *r, const scope *s, witc_buf *b, int from,
                                   unsigned depth, bool *out_present)
{
    uint8_t flag;
    const uint8_t *at = r->cur;
    WITC_TRY(witc_reader_u8(r, "optional value type", &flag));
    if (flag > 1)
        return derr(d, at, "invalid optional value type flag");
    *out_present = flag == 1;
    return flag ? put_valtype(d, r, s, b, from, depth) : WITC_OK;
}

/* An anonymous defined type at `t->at` as a WIT type expression. */
static witc_status put_anon(dec *d, const ent *t, const scope *s, witc_buf *b, int from,
                            unsigned depth)
{
    witc_reader r = *d->r;
    r.cur = t->at;
    uint8_t op;
    bool present;
    WITC_TRY(witc_reader_u8(&r, "type", &op));
    switch (op) {
    case 0x70:
    case 0x6b:
        witc_buf_puts(b, op == 0x70 ? "list<" : "option<");
        WITC_TRY(put_valtype(d, &r, s, b, from, depth));
        witc_buf_putc(b, '>');
        return WITC_OK;
    case 0x67: {
        uint32_t n;
        witc_buf_puts(b, "list<");
        WITC_TRY(put_valtype(d, &r, s, b, from, depth));
        WITC_TRY(witc_reader_u32(&r, "fixed list length", &n));
        witc_buf_printf(b, ", %u>", (unsigned)n);
        return WITC_OK;
    }
    case 0x63:
        witc_buf_puts(b, "map<");
        WITC_TRY(put_valtype(d, &r, s, b, from, depth));
        witc_buf_puts(b, ", ");
        WITC_TRY(put_valtype(d, &r, s, b, from, depth));
        witc_buf_putc(b, '>');
        return WITC_OK;
    case 0x6f: {
        uint32_t n;
        WITC_TRY(witc_reader_count(&r, "tuple length", &n));
        witc_buf_puts(b, "tuple<");
        for (uint32_t i = 0; i < n; i++) {
            if (i)
                witc_buf_puts(b, ", ");
            WITC_TRY(put_valtype(d, &r, s, b, from, depth));
        }
        witc_buf_putc(b, '>');
        return WITC_OK;
    }
    case 0x6a: {
        size_t start = b->len;
        witc_buf_puts(b, "result<");
        WITC_TRY(put_opt_valtype(d, &r, s, b, from, depth, &present));
        if (!present)
            witc_buf_putc(b, '_');
        witc_buf_puts(b, ", ");
        bool err;
        WITC_TRY(put_opt_valtype(d, &r, s, b, from, depth, &err));
        if (!err) {
            /* result<T> or bare result */
            b->len -= 2;
            if (!present) {
                b->len = start;
                witc_buf_puts(b, "result");
                return WITC_OK;
            }
        }
        witc_buf_putc(b, '>');
        return WITC_OK;
    }
    case 0x69:
    case 0x68: {
        uint32_t idx;
        const uint8_t *at = r.cur;
        WITC_TRY(witc_reader_u32(&r, "resource index", &idx));
        if (op == 0x68)
            witc_buf_puts(b, "borrow<");
        else
            witc_buf_puts(b, "own<");
        WITC_TRY(put_type_index(d, at, s, idx, b, from, depth));
        witc_buf_putc(b, '>');
        return WITC_OK;
    }
    case 0x65:
    case 0x66: {
        size_t start = b->len;
        witc_buf_puts(b, op == 0x65 ? "future<" : "stream<");
        WITC_TRY(put_opt_valtype(d, &r, s, b, from, depth, &present));
        if (present) {
            witc_buf_putc(b, '>');
        } else {
            b->len = start;
            witc_buf_puts(b, op == 0x65 ? "future" : "stream");
        }
        return WITC_OK;
    }
    default:
        return unsupported(d, t->at, "anonymous record, variant, enum or flags type");
    }
}

static witc_status put_type_index(dec *d, const uint8_t *at, const scope *s, uint32_t idx,
                                  witc_buf *b, int from, unsigned depth)
{
    if (idx >= s->types.len)
        return derr(d, at, "type index out of bounds");
    if (depth >= WIT_DECODE_MAX_DEPTH)
        return witc_reader_fail(d->r, at, "type nesting too deep");
    if (b->len > WIT_DECODE_MAX_TEXT || b->failed)
        return witc_reader_fail(d->r, at, "type too large to write as WIT");
    const ent *t = &s->types.items[idx];
    switch (t->k) {
    case E_PRIM:
        witc_buf_puts(b, prim_name(t->prim));
        return WITC_OK;
    case E_NAMED:
        if (t->owner != s->self)
            return unsupported(d, at, "a type of another interface used without a name");
        put_id(b, t->name);
        return WITC_OK;
    case E_DEF:
        return put_anon(d, t, s, b, from, depth + 1);
    default:
        return derr(d, at, "not a value type");
    }
}

/* ---- defined types with names ---- */

static witc_status put_named_def(dec *d, const ent *t, const scope *s, witc_str name, witc_buf *b,
                                 int from)
{
    witc_reader r = *d->r;
    r.cur = t->at;
    uint8_t op;
    uint32_t n;
    WITC_TRY(witc_reader_u8(&r, "type", &op));
    if (op == 0x72 || op == 0x71 || op == 0x6e || op == 0x6d) {
        static const char *const kw[] = {"record", "variant", "flags", "enum"};
        const char *k = kw[op == 0x72 ? 0 : op == 0x71 ? 1 : op == 0x6e ? 2 : 3];
        WITC_TRY(witc_reader_count(&r, "field count", &n));
        witc_buf_printf(b, "%s ", k);
        put_id(b, name);
        witc_buf_puts(b, " {\n");
        for (uint32_t i = 0; i < n; i++) {
            const uint8_t *nm;
            uint32_t nlen;
            WITC_TRY(witc_reader_name(&r, "field name", &nm, &nlen));
            witc_str fname = {(const char *)nm, nlen};
            put_docs(b, jget(jget(d->cur_type, "items"), fname));
            put_id(b, fname);
            if (op == 0x72) {
                witc_buf_puts(b, ": ");
                WITC_TRY(put_valtype(d, &r, s, b, from, 0));
            } else if (op == 0x71) {
                size_t start = b->len;
                bool present;
                witc_buf_putc(b, '(');
                WITC_TRY(put_opt_valtype(d, &r, s, b, from, 0, &present));
                if (present)
                    witc_buf_putc(b, ')');
                else
                    b->len = start;
                uint8_t refines;
                const uint8_t *at = r.cur;
                WITC_TRY(witc_reader_u8(&r, "variant case refines", &refines));
                if (refines != 0)
                    return unsupported(d, at, "variant case `refines`");
            }
            witc_buf_puts(b, ",\n");
        }
        witc_buf_puts(b, "}\n");
        return WITC_OK;
    }
    witc_buf_puts(b, "type ");
    put_id(b, name);
    witc_buf_puts(b, " = ");
    WITC_TRY(put_anon(d, t, s, b, from, 1));
    witc_buf_puts(b, ";\n");
    return WITC_OK;
}

/* Reads one `type` definition at r into an entry (the bytes are rendered later). Value types
 * are checked for well-formedness here, so rendering never reads past them. */
static witc_status read_type(dec *d, witc_reader *r, ent *out)
{
    const uint8_t *at = r->cur;
    uint8_t op;
    WITC_TRY(witc_reader_peek_u8(r, "type", &op));
    if (prim_name(op)) {
        r->cur++;
        *out = (ent){.k = E_PRIM, .prim = op};
        return WITC_OK;
    }
    r->cur++;
    *out = (ent){.k = E_DEF, .at = at};
    uint32_t n, u;
    int64_t v;
    uint8_t flag;
    const uint8_t *nm;
    switch (op) {
    case 0x72:
    case 0x71:
    case 0x6e:
    case 0x6d:
        WITC_TRY(witc_reader_count(r, "field count", &n));
        for (uint32_t i = 0; i < n; i++) {
            WITC_TRY(read_wit_name(d, r, "field name", false, &nm, &u));
            if (op == 0x72) {
                WITC_TRY(witc_reader_s33(r, "value type", &v));
            } else if (op == 0x71) {
                WITC_TRY(witc_reader_u8(r, "optional value type", &flag));
                if (flag == 1)
                    WITC_TRY(witc_reader_s33(r, "value type", &v));
                else if (flag != 0)
                    return derr(d, r->cur - 1, "invalid optional value type flag");
                WITC_TRY(witc_reader_u8(r, "variant case refines", &flag));
            }
        }
        return WITC_OK;
    case 0x70:
    case 0x6b:
        return witc_reader_s33(r, "value type", &v);
    case 0x67:
        WITC_TRY(witc_reader_s33(r, "value type", &v));
        return witc_reader_u32(r, "fixed list length", &n);
    case 0x63:
        WITC_TRY(witc_reader_s33(r, "value type", &v));
        return witc_reader_s33(r, "value type", &v);
    case 0x6f:
        WITC_TRY(witc_reader_count(r, "tuple length", &n));
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(witc_reader_s33(r, "value type", &v));
        return WITC_OK;
    case 0x6a:
    case 0x65:
    case 0x66:
        for (int i = 0; i < (op == 0x6a ? 2 : 1); i++) {
            WITC_TRY(witc_reader_u8(r, "optional value type", &flag));
            if (flag == 1)
                WITC_TRY(witc_reader_s33(r, "value type", &v));
            else if (flag != 0)
                return derr(d, r->cur - 1, "invalid optional value type flag");
        }
        return WITC_OK;
    case 0x69:
    case 0x68:
        return witc_reader_u32(r, "resource index", &n);
    case 0x40:
    case 0x43:
        out->k = E_FUNC;
        WITC_TRY(witc_reader_count(r, "parameter count", &n));
        for (uint32_t i = 0; i < n; i++) {
            WITC_TRY(read_wit_name(d, r, "parameter name", false, &nm, &u));
            WITC_TRY(witc_reader_s33(r, "value type", &v));
        }
        WITC_TRY(witc_reader_u8(r, "result list", &flag));
        if (flag == 0)
            return witc_reader_s33(r, "value type", &v);
        if (flag != 1)
            return derr(d, r->cur - 1, "invalid result list");
        WITC_TRY(witc_reader_u8(r, "result list", &flag));
        return flag == 0 ? WITC_OK : unsupported(d, r->cur - 1, "named results");
    case 0x41:
    case 0x42: {
        /* skipped here; read again when named (see read_decls) */
        out->k = op == 0x41 ? E_COMP : E_INST;
        return WITC_OK;
    }
    default:
        return derr(d, at, "invalid leading byte in type definition");
    }
}

/* ---- functions ---- */

/* `name: [static] [async] func(params) [-> result];` with the `self` parameter of methods
 * dropped; constructors print as `constructor(params)`. `kind`: 0 freestanding, 1 method,
 * 2 static, 3 constructor. */
static witc_status put_func(dec *d, const scope *s, witc_buf *b, witc_str name, int kind,
                            const ent *t, int from)
{
    witc_reader r = *d->r;
    r.cur = t->at;
    uint8_t op, flag;
    uint32_t n;
    WITC_TRY(witc_reader_u8(&r, "function type", &op));
    if (kind == 3) {
        witc_buf_puts(b, "constructor(");
    } else {
        put_id(b, name);
        witc_buf_puts(b, ": ");
        if (kind == 2)
            witc_buf_puts(b, "static ");
        if (op == 0x43)
            witc_buf_puts(b, "async ");
        witc_buf_puts(b, "func(");
    }
    WITC_TRY(witc_reader_count(&r, "parameter count", &n));
    bool first = true;
    witc_buf scratch;
    witc_buf_init(&scratch, d->ctx);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; st == WITC_OK && i < n; i++) {
        const uint8_t *nm;
        uint32_t len;
        st = witc_reader_name(&r, "parameter name", &nm, &len);
        scratch.len = 0;
        if (st == WITC_OK)
            st = put_valtype(d, &r, s, &scratch, from, 0);
        if (st == WITC_OK && !(kind == 1 && i == 0)) {
            if (!first)
                witc_buf_puts(b, ", ");
            first = false;
            put_id(b, (witc_str){(const char *)nm, len});
            witc_buf_puts(b, ": ");
            witc_buf_append(b, scratch.data, scratch.len);
        }
    }
    witc_buf_putc(b, ')');
    if (st == WITC_OK)
        st = witc_reader_u8(&r, "result list", &flag);
    if (st == WITC_OK && flag == 0) {
        scratch.len = 0;
        st = put_valtype(d, &r, s, &scratch, from, 0);
        /* a constructor's `own<r>` result is implied */
        bool implied = kind == 3 && scratch.len > 4 && memcmp(scratch.data, "own<", 4) == 0;
        if (st == WITC_OK && !implied) {
            witc_buf_puts(b, " -> ");
            witc_buf_append(b, scratch.data, scratch.len);
        }
    }
    witc_buf_release(&scratch);
    WITC_TRY(st);
    witc_buf_puts(b, ";\n");
    return WITC_OK;
}

/* The kind of a function name (see put_func) and the resource it belongs to. */
static int func_kind(witc_str name, witc_str *out_res, witc_str *out_short)
{
    static const struct {
        const char *prefix;
        int kind;
    } kinds[] = {{"[constructor]", 3}, {"[method]", 1}, {"[static]", 2}};
    *out_short = name;
    for (size_t k = 0; k < 3; k++) {
        size_t pl = strlen(kinds[k].prefix);
        if (name.len <= pl || memcmp(name.ptr, kinds[k].prefix, pl) != 0)
            continue;
        witc_str rest = {name.ptr + pl, name.len - pl};
        if (kinds[k].kind == 3) {
            *out_res = rest;
            *out_short = rest;
            return 3;
        }
        const char *dot = memchr(rest.ptr, '.', rest.len);
        if (!dot)
            return 0;
        *out_res = (witc_str){rest.ptr, (size_t)(dot - rest.ptr)};
        *out_short = (witc_str){dot + 1, rest.len - (size_t)(dot - rest.ptr) - 1};
        return kinds[k].kind;
    }
    return 0;
}

/* ---- interface and world bodies ---- */

typedef enum bkind { B_TEXT, B_RESOURCE, B_FUNC } bkind;

/* One item of a body, in binary order; assembled once the whole body is read, because a
 * resource's methods come after it. */
typedef struct body_item {
    bkind k;
    witc_str name;
    witc_str ext;      /* external-id, or empty */
    size_t start, len; /* B_TEXT: text in body.text */
    uint32_t type;     /* B_FUNC: function type index */
    bool export_;      /* worlds: export rather than import */
} body_item;

typedef struct body {
    WITC_VEC(body_item) items;
    witc_buf text;
    bool world;
    const jval *docs; /* this interface's or world's docs object */
} body;

static witc_status read_decls(dec *d, witc_reader *r, scope *s, body *bd, int from, unsigned depth);

static void body_init(dec *d, body *bd, bool world, const jval *docs)
{
    memset(bd, 0, sizeof *bd);
    witc_buf_init(&bd->text, d->ctx);
    bd->world = world;
    bd->docs = docs;
}

static void body_release(dec *d, body *bd)
{
    WITC_VEC_FREE(d->ctx, &bd->items);
    witc_buf_release(&bd->text);
}

static void scope_release(dec *d, scope *s)
{
    WITC_VEC_FREE(d->ctx, &s->types);
    WITC_VEC_FREE(d->ctx, &s->instances);
}

static void put_ext(witc_buf *b, witc_str ext)
{
    if (!ext.len)
        return;
    witc_buf_puts(b, "@external-id(\"");
    witc_buf_append(b, ext.ptr, ext.len);
    witc_buf_puts(b, "\")\n");
}

static witc_status push_text(dec *d, body *bd, size_t start, witc_str name)
{
    body_item it = {.k = B_TEXT, .name = name, .start = start, .len = bd->text.len - start};
    return WITC_VEC_PUSH(d->ctx, &bd->items, it) ? WITC_OK : nomem(d);
}

/* Writes the items of `bd` (read in scope `s`) into `out`, indented by `indent`. */
static witc_status assemble(dec *d, const scope *s, body *bd, witc_buf *out, int from)
{
    witc_status st = WITC_OK;
    for (size_t i = 0; st == WITC_OK && i < bd->items.len; i++) {
        const body_item *it = &bd->items.items[i];
        witc_str res, shortname;
        switch (it->k) {
        case B_TEXT:
            append_slice(out, &bd->text, it->start, it->len);
            break;
        case B_RESOURCE: {
            put_docs(out, jget(jget(jget(bd->docs, "types"), it->name), "docs"));
            put_stab(out, jget(jget(jget(bd->docs, "types"), it->name), "stability"));
            put_ext(out, it->ext);
            witc_buf_puts(out, "resource ");
            put_id(out, it->name);
            bool any = false;
            for (size_t j = 0; st == WITC_OK && j < bd->items.len; j++) {
                const body_item *f = &bd->items.items[j];
                if (f->k != B_FUNC)
                    continue;
                int kind = func_kind(f->name, &res, &shortname);
                if (!kind || !witc_str_eq(res, it->name))
                    continue;
                if (!any)
                    witc_buf_puts(out, " {\n");
                any = true;
                put_docs(out, jget(jget(jget(bd->docs, "funcs"), f->name), "docs"));
                put_stab(out, jget(jget(jget(bd->docs, "funcs"), f->name), "stability"));
                put_ext(out, f->ext);
                st = put_func(d, s, out, shortname, kind, &s->types.items[f->type], from);
            }
            witc_buf_puts(out, any ? "}\n" : ";\n");
            break;
        }
        case B_FUNC: {
            int kind = func_kind(it->name, &res, &shortname);
            if (kind)
                break; /* written inside its resource */
            const char *map = bd->world && it->export_ ? "func_exports" : "funcs";
            const jval *fd = jget(jget(bd->docs, map), it->name);
            if (!fd && bd->world && it->export_)
                fd = jget(jget(bd->docs, "funcs"), it->name);
            put_docs(out, jget(fd, "docs"));
            put_stab(out, jget(fd, "stability"));
            put_ext(out, it->ext);
            if (bd->world)
                witc_buf_puts(out, it->export_ ? "export " : "import ");
            st = put_func(d, s, out, it->name, 0, &s->types.items[it->type], from);
            break;
        }
        }
    }
    return st;
}

/* Reads a name (`00`/`01` plain, `02` with attributes); *out_implements is empty unless an
 * `implements` attribute is present. */
static witc_status read_extern_name(dec *d, witc_reader *r, witc_str *out_name,
                                    witc_str *out_implements)
{
    const uint8_t *at = r->cur, *nm;
    uint8_t kind;
    uint32_t len;
    WITC_TRY(witc_reader_u8(r, "name kind", &kind));
    WITC_TRY(read_wit_name(d, r, "name", true, &nm, &len));
    *out_name = keep(d, nm, len);
    *out_implements = (witc_str){0};
    d->ext = (witc_str){0};
    if (!out_name->ptr)
        return nomem(d);
    if (kind <= 0x01)
        return WITC_OK;
    if (kind != 0x02)
        return derr(d, at, "invalid name kind");
    uint32_t n;
    WITC_TRY(witc_reader_count(r, "name attributes", &n));
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *aat = r->cur, *v;
        uint8_t ak;
        uint32_t vl;
        WITC_TRY(witc_reader_u8(r, "name attribute", &ak));
        if (ak == 0x02) {
            /* external-id: written back as a WIT string, so no quotes, backslashes or
             * control characters */
            WITC_TRY(witc_reader_name(r, "external-id", &v, &vl));
            for (uint32_t k = 0; k < vl; k++)
                if (v[k] < 0x20 || v[k] >= 0x7f || v[k] == '"' || v[k] == '\\')
                    return unsupported(d, aat, "external-id with characters WIT cannot quote");
            d->ext = keep(d, v, vl);
            continue;
        }
        WITC_TRY(read_wit_name(d, r, "name attribute", true, &v, &vl));
        if (ak == 0x00)
            *out_implements = keep(d, v, vl);
        else if (ak > 0x02)
            return derr(d, aat, "invalid name attribute");
        /* version suffixes (01) have no WIT spelling: dropped */
    }
    return WITC_OK;
}

/* A type export/import `name` bounded by `eq idx` or `sub resource` (bound byte read here). */
static witc_status read_type_extern(dec *d, witc_reader *r, scope *s, body *bd, witc_str name,
                                    int from)
{
    const uint8_t *at = r->cur;
    const witc_str ext = d->ext;
    uint8_t bound;
    WITC_TRY(witc_reader_u8(r, "type bound", &bound));
    ent t = {.k = E_NAMED, .name = name, .owner = s->self};
    if (bound == 0x01) {
        t.resource = true;
        body_item it = {.k = B_RESOURCE, .name = name, .ext = ext};
        if (!WITC_VEC_PUSH(d->ctx, &bd->items, it))
            return nomem(d);
    } else if (bound == 0x00) {
        uint32_t idx;
        const uint8_t *iat = r->cur;
        WITC_TRY(witc_reader_u32(r, "type index", &idx));
        if (idx >= s->types.len)
            return derr(d, iat, "type index out of bounds");
        const ent target = s->types.items[idx];
        t.resource = target.k == E_NAMED && target.resource;
        witc_buf *b = &bd->text;
        size_t start = b->len;
        d->cur_type = jget(jget(bd->docs, "types"), name);
        put_docs(b, jget(d->cur_type, "docs"));
        put_stab(b, jget(d->cur_type, "stability"));
        put_ext(b, ext);
        if (target.k == E_NAMED && target.owner != s->self) {
            witc_buf_puts(b, "use ");
            put_iface_ref(d, b, target.owner, from);
            witc_buf_puts(b, ".{");
            put_id(b, target.name);
            if (!witc_str_eq(target.name, name)) {
                witc_buf_puts(b, " as ");
                put_id(b, name);
            }
            witc_buf_puts(b, "};\n");
        } else if (target.k == E_NAMED || target.k == E_PRIM) {
            witc_buf_puts(b, "type ");
            put_id(b, name);
            witc_buf_puts(b, " = ");
            if (target.k == E_PRIM)
                witc_buf_puts(b, prim_name(target.prim));
            else
                put_id(b, target.name);
            witc_buf_puts(b, ";\n");
        } else if (target.k == E_DEF) {
            WITC_TRY(put_named_def(d, &target, s, name, b, from));
        } else {
            return derr(d, iat, "type export of a non-value type");
        }
        d->cur_type = NULL;
        WITC_TRY(push_text(d, bd, start, name));
    } else {
        return derr(d, at, "invalid type bound");
    }
    return WITC_VEC_PUSH(d->ctx, &s->types, t) ? WITC_OK : nomem(d);
}

/* Records the body of interface `own` as seen in an instance type that imports or exports
 * it. wit-parser builds such an interface from every appearance; the fullest one (a world's
 * import has the functions a dependency import lacks) stands in for that union here. */
static witc_status add_seen_interface(dec *d, const scope *parent, const ent *inst, int own,
                                      unsigned depth)
{
    witc_reader r = *d->r;
    r.cur = inst->at + 1;
    scope s = {.parent = (scope *)parent, .self = own};
    body bd;
    body_init(d, &bd, false, NULL);
    int from = is_main(d, own) ? -1 : d->owners.items[own].pkg_index;
    witc_status st = read_decls(d, &r, &s, &bd, from, depth + 1);
    owner *o = &d->owners.items[own];
    if (st == WITC_OK && !o->defined && (!o->has_body || bd.items.len > o->body_items)) {
        size_t start = d->bodies.len;
        st = assemble(d, &s, &bd, &d->bodies, from);
        o = &d->owners.items[own];
        o->has_body = true;
        o->body_start = start;
        o->body_len = d->bodies.len - start;
        o->body_items = bd.items.len;
    }
    body_release(d, &bd);
    scope_release(d, &s);
    return st;
}

/* The interface body of instance type `inst` (owner `own`), written into `out`. */
static witc_status put_interface_body(dec *d, const scope *parent, const ent *inst, int own,
                                      const jval *docs, witc_buf *out, unsigned depth)
{
    witc_reader r = *d->r;
    r.cur = inst->at + 1;
    scope s = {.parent = (scope *)parent, .self = own};
    body bd;
    body_init(d, &bd, false, docs);
    witc_status st = read_decls(d, &r, &s, &bd, -1, depth + 1);
    if (st == WITC_OK)
        st = assemble(d, &s, &bd, out, -1);
    body_release(d, &bd);
    scope_release(d, &s);
    return st;
}

/* An instance import/export inside a world (or an interface component). */
static witc_status read_instance_extern(dec *d, witc_reader *r, scope *s, body *bd, witc_str name,
                                        witc_str implements, bool import, unsigned depth)
{
    uint32_t idx;
    const uint8_t *at = r->cur;
    const witc_str ext = d->ext;
    WITC_TRY(witc_reader_u32(r, "type index", &idx));
    if (idx >= s->types.len || s->types.items[idx].k != E_INST)
        return derr(d, at, "not an instance type");
    const ent inst = s->types.items[idx];
    witc_status st = WITC_OK;
    int own;
    witc_str ref = implements.len ? implements : name;
    bool by_ref = implements.len || memchr(name.ptr, ':', name.len) != NULL;
    size_t start = bd->text.len;
    witc_buf *b = &bd->text;
    if (by_ref) {
        own = iface_owner(d, ref, at, &st);
        if (own < 0)
            return st;
        WITC_TRY(add_seen_interface(d, s, &inst, own, depth));
        const char *map = import ? "interface_import_docs" : "interface_export_docs";
        put_docs(b, jget(jget(bd->docs, map), name));
        put_stab(b, jget(jget(bd->docs,
                              import ? "interface_import_stability" : "interface_export_stability"),
                         name));
        put_ext(b, ext);
        witc_buf_puts(b, import ? "import " : "export ");
        if (implements.len) {
            put_id(b, name);
            witc_buf_puts(b, ": ");
        }
        put_iface_ref(d, b, own, -1);
        witc_buf_puts(b, ";\n");
    } else {
        own = local_owner(d, name);
        if (own < 0)
            return nomem(d);
        const jval *docs = jget(jget(bd->docs, import ? "interfaces" : "interface_exports"), name);
        if (!docs && !import)
            docs = jget(jget(bd->docs, "interfaces"), name);
        put_docs(b, jget(docs, "docs"));
        put_stab(b, jget(docs, "stability"));
        put_ext(b, ext);
        witc_buf_puts(b, import ? "import " : "export ");
        put_id(b, name);
        witc_buf_puts(b, ": interface {\n");
        WITC_TRY(put_interface_body(d, s, &inst, own, docs, b, depth));
        witc_buf_puts(b, "}\n");
    }
    WITC_TRY(push_text(d, bd, start, name));
    return WITC_VEC_PUSH(d->ctx, &s->instances, own) ? WITC_OK : nomem(d);
}

/* Skips the decls of a component or instance type (after its opcode). */
static witc_status skip_decls(dec *d, witc_reader *r, unsigned depth)
{
    /* only well-formedness is checked here: the decls are read for real where the type is
     * named, with its scope */
    uint32_t n;
    witc_status st = witc_reader_count(r, "declaration count", &n);
    for (uint32_t i = 0; st == WITC_OK && i < n; i++) {
        const uint8_t *at = r->cur;
        uint8_t tag = 0, b1, b2;
        uint32_t u;
        witc_str name, impl;
        ent t;
        st = witc_reader_u8(r, "declaration", &tag);
        if (st != WITC_OK)
            break;
        switch (tag) {
        case 0x01:
            st = read_type(d, r, &t);
            if (st == WITC_OK && (t.k == E_INST || t.k == E_COMP)) {
                if (depth >= WIT_DECODE_MAX_DEPTH)
                    st = witc_reader_fail(d->r, at, "type nesting too deep");
                else
                    st = skip_decls(d, r, depth + 1);
            }
            break;
        case 0x02:
            st = witc_reader_u8(r, "alias sort", &b1);
            if (st == WITC_OK)
                st = witc_reader_u8(r, "alias kind", &b2);
            if (st == WITC_OK && b1 != 0x03)
                st = unsupported(d, at, "alias of something other than a type");
            if (st == WITC_OK && b2 == 0x02) {
                st = witc_reader_u32(r, "outer count", &u);
                if (st == WITC_OK)
                    st = witc_reader_u32(r, "outer index", &u);
            } else if (st == WITC_OK && b2 == 0x00) {
                const uint8_t *nm;
                st = witc_reader_u32(r, "instance index", &u);
                if (st == WITC_OK)
                    st = read_wit_name(d, r, "export name", false, &nm, &u);
            } else if (st == WITC_OK) {
                st = unsupported(d, at, "alias kind");
            }
            break;
        case 0x03:
        case 0x04:
            st = read_extern_name(d, r, &name, &impl);
            if (st == WITC_OK)
                st = witc_reader_u8(r, "extern kind", &b1);
            if (st == WITC_OK && b1 == 0x03) {
                st = witc_reader_u8(r, "type bound", &b2);
                if (st == WITC_OK && b2 == 0x00)
                    st = witc_reader_u32(r, "type index", &u);
            } else if (st == WITC_OK && b1 >= 0x01 && b1 <= 0x05 && b1 != 0x02) {
                st = witc_reader_u32(r, "type index", &u);
            } else if (st == WITC_OK) {
                st = unsupported(d, at, "extern kind");
            }
            break;
        default:
            st = unsupported(d, at, "declaration kind");
        }
    }
    return st;
}

/* Reads `vec(decl)` of a component or instance type at r into scope `s`, collecting body
 * items. Instance and component types are skipped and read again where they are named. */
static witc_status read_decls(dec *d, witc_reader *r, scope *s, body *bd, int from, unsigned depth)
{
    uint32_t n;
    if (depth >= WIT_DECODE_MAX_DEPTH)
        return witc_reader_fail(d->r, r->cur, "type nesting too deep");
    WITC_TRY(witc_reader_count(r, "declaration count", &n));
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *at = r->cur;
        uint8_t tag;
        WITC_TRY(witc_reader_u8(r, "declaration", &tag));
        if (tag == 0x01) {
            ent t;
            WITC_TRY(read_type(d, r, &t));
            if (t.k == E_INST || t.k == E_COMP)
                WITC_TRY(skip_decls(d, r, depth + 1));
            if (!WITC_VEC_PUSH(d->ctx, &s->types, t))
                return nomem(d);
        } else if (tag == 0x02) {
            uint8_t sort, kind;
            WITC_TRY(witc_reader_u8(r, "alias sort", &sort));
            WITC_TRY(witc_reader_u8(r, "alias kind", &kind));
            if (sort != 0x03)
                return unsupported(d, at, "alias of something other than a type");
            ent t;
            if (kind == 0x02) {
                uint32_t count, idx;
                WITC_TRY(witc_reader_u32(r, "outer count", &count));
                WITC_TRY(witc_reader_u32(r, "outer index", &idx));
                const scope *o = s;
                for (uint32_t c = 0; c < count && o; c++)
                    o = o->parent;
                if (!o || idx >= o->types.len)
                    return derr(d, at, "outer alias out of bounds");
                t = o->types.items[idx];
                if (t.k != E_NAMED)
                    return unsupported(d, at, "outer alias of an unnamed type");
            } else if (kind == 0x00) {
                uint32_t inst, len;
                const uint8_t *nm;
                WITC_TRY(witc_reader_u32(r, "instance index", &inst));
                WITC_TRY(read_wit_name(d, r, "export name", false, &nm, &len));
                if (inst >= s->instances.len || s->instances.items[inst] < 0)
                    return derr(d, at, "instance index out of bounds");
                t = (ent){
                    .k = E_NAMED, .name = keep(d, nm, len), .owner = s->instances.items[inst]};
                if (!t.name.ptr)
                    return nomem(d);
            } else {
                return unsupported(d, at, "alias kind");
            }
            if (!WITC_VEC_PUSH(d->ctx, &s->types, t))
                return nomem(d);
        } else if (tag == 0x03 || tag == 0x04) {
            if (tag == 0x03 && !bd->world)
                return unsupported(d, at, "import in an instance type");
            witc_str name, impl;
            uint8_t ext;
            WITC_TRY(read_extern_name(d, r, &name, &impl));
            WITC_TRY(witc_reader_u8(r, "extern kind", &ext));
            if (ext == 0x03) {
                WITC_TRY(read_type_extern(d, r, s, bd, name, from));
            } else if (ext == 0x01) {
                uint32_t idx;
                const uint8_t *iat = r->cur;
                WITC_TRY(witc_reader_u32(r, "type index", &idx));
                if (idx >= s->types.len || s->types.items[idx].k != E_FUNC)
                    return derr(d, iat, "not a function type");
                body_item it = {
                    .k = B_FUNC, .name = name, .ext = d->ext, .type = idx, .export_ = tag == 0x04};
                if (!WITC_VEC_PUSH(d->ctx, &bd->items, it))
                    return nomem(d);
            } else if (ext == 0x05 && bd->world) {
                WITC_TRY(read_instance_extern(d, r, s, bd, name, impl, tag == 0x03, depth));
            } else {
                return unsupported(d, at, "extern kind in a WIT interface or world");
            }
        } else {
            return unsupported(d, at, "declaration kind");
        }
    }
    return WITC_OK;
}

/* ---- top level ---- */

static witc_status set_main(dec *d, witc_str pkg_full)
{
    if (!d->have_main) {
        d->main_pkg = pkg_full;
        d->have_main = true;
    }
    return WITC_OK;
}

/* Top-level export `name` of component type `ct`: an interface or a world of the package. */
static witc_status read_item(dec *d, const ent *ct, witc_str name)
{
    witc_reader r = *d->r;
    r.cur = ct->at + 1;
    const uint8_t *at = ct->at;
    /* pass 1: the (last) export names the item: interface or world, and its package. The
     * decls were checked when the type section was read, so this scan cannot run off. */
    scope s = {.self = -1};
    witc_str export_name = {0};
    uint8_t export_kind = 0;
    uint32_t export_idx = 0;
    {
        witc_reader sc = r;
        uint32_t m;
        WITC_TRY(witc_reader_count(&sc, "declaration count", &m));
        for (uint32_t i = 0; i < m; i++) {
            uint8_t tag, b1, b2;
            uint32_t u;
            witc_str nm, impl;
            ent t;
            WITC_TRY(witc_reader_u8(&sc, "declaration", &tag));
            if (tag == 0x01) {
                WITC_TRY(read_type(d, &sc, &t));
                if (t.k == E_INST || t.k == E_COMP)
                    WITC_TRY(skip_decls(d, &sc, 2));
            } else if (tag == 0x02) {
                WITC_TRY(witc_reader_u8(&sc, "alias sort", &b1));
                WITC_TRY(witc_reader_u8(&sc, "alias kind", &b2));
                WITC_TRY(witc_reader_u32(&sc, "index", &u));
                if (b2 == 0x00) {
                    const uint8_t *p;
                    WITC_TRY(read_wit_name(d, &sc, "export name", false, &p, &u));
                } else {
                    WITC_TRY(witc_reader_u32(&sc, "index", &u));
                }
            } else {
                WITC_TRY(read_extern_name(d, &sc, &nm, &impl));
                WITC_TRY(witc_reader_u8(&sc, "extern kind", &b1));
                if (b1 == 0x03) {
                    WITC_TRY(witc_reader_u8(&sc, "type bound", &b2));
                    if (b2 == 0x00)
                        WITC_TRY(witc_reader_u32(&sc, "type index", &u));
                } else {
                    WITC_TRY(witc_reader_u32(&sc, "type index", &u));
                }
                if (tag == 0x04) {
                    export_name = nm;
                    export_kind = b1;
                    export_idx = u;
                }
            }
        }
    }
    witc_str pkg_full, local;
    if (!export_name.ptr || !split_id(d, export_name, &pkg_full, &local) ||
        !witc_str_eq(local, name))
        return unsupported(d, at, "package item without a matching `ns:pkg/name` export");
    WITC_TRY(set_main(d, pkg_full));
    if (!witc_str_eq(pkg_full, d->main_pkg))
        return derr(d, at, "item defined with mismatched package name");
    witc_status st = WITC_OK;
    witc_buf *out = &d->main_text;
    if (export_kind == 0x05) {
        /* interface: imports are its dependencies (types only), the export is itself */
        body bd;
        body_init(d, &bd, true, NULL);
        uint32_t cnt;
        st = witc_reader_count(&r, "declaration count", &cnt);
        for (uint32_t i = 0; st == WITC_OK && i < cnt; i++) {
            const uint8_t *dat = r.cur;
            uint8_t tag;
            st = witc_reader_u8(&r, "declaration", &tag);
            if (st != WITC_OK)
                break;
            if (tag == 0x01) {
                ent t;
                st = read_type(d, &r, &t);
                if (st == WITC_OK && (t.k == E_INST || t.k == E_COMP))
                    st = skip_decls(d, &r, 2);
                if (st == WITC_OK && !WITC_VEC_PUSH(d->ctx, &s.types, t))
                    st = nomem(d);
            } else if (tag == 0x02) {
                /* alias export of a dependency's type */
                uint8_t b1, b2;
                uint32_t inst, len;
                const uint8_t *nm;
                st = witc_reader_u8(&r, "alias sort", &b1);
                if (st == WITC_OK)
                    st = witc_reader_u8(&r, "alias kind", &b2);
                if (st == WITC_OK && (b1 != 0x03 || b2 != 0x00))
                    st = unsupported(d, dat, "alias in an interface's component type");
                if (st == WITC_OK)
                    st = witc_reader_u32(&r, "instance index", &inst);
                if (st == WITC_OK)
                    st = read_wit_name(d, &r, "export name", false, &nm, &len);
                if (st == WITC_OK && inst >= s.instances.len)
                    st = derr(d, dat, "instance index out of bounds");
                if (st == WITC_OK) {
                    ent t = {
                        .k = E_NAMED, .name = keep(d, nm, len), .owner = s.instances.items[inst]};
                    if (!WITC_VEC_PUSH(d->ctx, &s.types, t))
                        st = nomem(d);
                }
            } else if (tag == 0x03 || tag == 0x04) {
                witc_str nm, impl;
                uint8_t ext;
                uint32_t idx;
                st = read_extern_name(d, &r, &nm, &impl);
                if (st == WITC_OK)
                    st = witc_reader_u8(&r, "extern kind", &ext);
                if (st == WITC_OK && ext != 0x05)
                    st = unsupported(d, dat, "non-instance extern in an interface's type");
                const uint8_t *iat = r.cur;
                if (st == WITC_OK)
                    st = witc_reader_u32(&r, "type index", &idx);
                if (st == WITC_OK && (idx >= s.types.len || s.types.items[idx].k != E_INST))
                    st = derr(d, iat, "not an instance type");
                if (st != WITC_OK)
                    break;
                int own = iface_owner(d, nm, dat, &st);
                if (own < 0)
                    break;
                if (tag == 0x03) {
                    st = add_seen_interface(d, &s, &s.types.items[idx], own, 1);
                } else {
                    d->owners.items[own].defined = true;
                    const jval *docs = jget(jget(d->docs, "interfaces"), name);
                    put_docs(out, jget(docs, "docs"));
                    put_stab(out, jget(docs, "stability"));
                    witc_buf_puts(out, "interface ");
                    put_id(out, name);
                    witc_buf_puts(out, " {\n");
                    st = put_interface_body(d, &s, &s.types.items[idx], own, docs, out, 1);
                    witc_buf_puts(out, "}\n");
                }
                if (st == WITC_OK && !WITC_VEC_PUSH(d->ctx, &s.instances, own))
                    st = nomem(d);
            } else {
                st = unsupported(d, dat, "declaration kind");
            }
        }
        body_release(d, &bd);
    } else if (export_kind == 0x04) {
        /* world: `(component (type W) (export "ns:pkg/w" (component 0)))` */
        uint32_t cnt;
        uint8_t tag, op;
        st = witc_reader_count(&r, "declaration count", &cnt);
        if (st == WITC_OK)
            st = witc_reader_u8(&r, "declaration", &tag);
        if (st == WITC_OK)
            st = witc_reader_u8(&r, "type", &op);
        if (st == WITC_OK && (cnt != 2 || tag != 0x01 || op != 0x41 || export_idx != 0))
            st = unsupported(d, at, "world wrapper of an unexpected shape");
        if (st == WITC_OK) {
            scope ws = {.parent = NULL};
            ws.self = local_owner(d, name);
            const jval *docs = jget(jget(d->docs, "worlds"), name);
            body bd;
            body_init(d, &bd, true, docs);
            put_docs(out, jget(docs, "docs"));
            put_stab(out, jget(docs, "stability"));
            witc_buf_puts(out, "world ");
            put_id(out, name);
            witc_buf_puts(out, " {\n");
            st = ws.self < 0 ? nomem(d) : read_decls(d, &r, &ws, &bd, -1, 2);
            if (st == WITC_OK)
                st = assemble(d, &ws, &bd, out, -1);
            witc_buf_puts(out, "}\n");
            body_release(d, &bd);
            scope_release(d, &ws);
        }
    } else {
        st = unsupported(d, at, "package item that is neither an interface nor a world");
    }
    scope_release(d, &s);
    return st;
}

/* The WIT text of the whole binary: foreign packages as nested blocks, then the main one. */
static witc_status assemble_text(dec *d, witc_buf *out)
{
    put_docs(out, jget(d->docs, "docs"));
    witc_buf_puts(out, "package ");
    put_qualified(out, d->main_pkg);
    witc_buf_puts(out, ";\n");
    witc_buf_append(out, d->main_text.data, d->main_text.len);
    /* main-package interfaces known only from worlds (a `component-type` payload) */
    for (size_t o = 0; o < d->owners.len; o++) {
        const owner *ow = &d->owners.items[o];
        if (ow->id.len == 0 || !is_main(d, (int)o) || ow->defined || !ow->has_body)
            continue;
        witc_buf_puts(out, "interface ");
        put_id(out, ow->name);
        witc_buf_puts(out, " {\n");
        append_slice(out, &d->bodies, ow->body_start, ow->body_len);
        witc_buf_puts(out, "}\n");
    }
    for (size_t p = 0; p < d->pkgs.len; p++) {
        const pkg *pk = &d->pkgs.items[p];
        if (d->have_main && witc_str_eq(pk->full, d->main_pkg))
            continue;
        witc_buf_puts(out, "package ");
        put_qualified(out, pk->full);
        witc_buf_puts(out, " {\n");
        for (size_t o = 0; o < d->owners.len; o++) {
            const owner *ow = &d->owners.items[o];
            if (ow->pkg_index != (int)p)
                continue;
            witc_buf_puts(out, "interface ");
            put_id(out, ow->name);
            witc_buf_puts(out, " {\n");
            if (ow->has_body)
                append_slice(out, &d->bodies, ow->body_start, ow->body_len);
            witc_buf_puts(out, "}\n");
        }
        witc_buf_puts(out, "}\n");
    }
    return out->failed ? nomem(d) : WITC_OK;
}

static const uint8_t component_preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

static const uint8_t module_preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

static witc_status decode_component(witc_ctx *ctx, const uint8_t *bytes, size_t len, uint64_t base,
                                    const char *file, witc_graph **out_graph,
                                    witc_package_id *out_main);

/* A core module: the WIT of its one `component-type*` custom section (what `component embed`
 * and wit-bindgen write; format version 4, see metadata.rs). */
static witc_status decode_module(witc_ctx *ctx, const uint8_t *bytes, size_t len, const char *file,
                                 witc_graph **out_graph, witc_package_id *out_main)
{
    witc_reader r;
    witc_reader_init(&r, bytes, len, 0, file, witc_ctx_diags(ctx));
    const uint8_t *pre, *payload = NULL;
    size_t payload_len = 0;
    unsigned found = 0;
    WITC_TRY(witc_reader_bytes(&r, 8, "preamble", &pre));
    while (!witc_reader_at_end(&r)) {
        uint8_t id;
        uint32_t size, nlen;
        const uint8_t *size_at, *nm;
        witc_reader sec;
        WITC_TRY(witc_reader_u8(&r, "section id", &id));
        size_at = r.cur;
        WITC_TRY(witc_reader_u32(&r, "section size", &size));
        WITC_TRY(witc_reader_sub(&r, size, size_at, "section", &sec));
        if (id != 0)
            continue;
        WITC_TRY(witc_reader_name(&sec, "custom section name", &nm, &nlen));
        if (nlen < 14 || memcmp(nm, "component-type", 14) != 0)
            continue;
        if (found++) {
            witc_diag_error_at(witc_ctx_diags(ctx), file, witc_reader_offset_of(&r, size_at - 1),
                               "unsupported: several `component-type` sections (merging their "
                               "worlds is not implemented)");
            return WITC_E_UNSUPPORTED;
        }
        payload = sec.cur;
        payload_len = witc_reader_left(&sec);
    }
    if (!payload) {
        witc_diag_error_at(witc_ctx_diags(ctx), file, 0,
                           "core module has no `component-type` custom section");
        return WITC_E_INVALID;
    }
    if (payload_len > 0 && payload[0] == 0x03) {
        witc_diag_error_at(witc_ctx_diags(ctx), file, (uint64_t)(payload - bytes),
                           "unsupported: legacy `component-type` format 3");
        return WITC_E_UNSUPPORTED;
    }
    return decode_component(ctx, payload, payload_len, (uint64_t)(payload - bytes), file, out_graph,
                            out_main);
}

witc_status witc_wit_decode(witc_ctx *ctx, const uint8_t *bytes, size_t len, const char *file,
                            witc_graph **out_graph, witc_package_id *out_main)
{
    if (len >= 8 && memcmp(bytes, module_preamble, 8) == 0)
        return decode_module(ctx, bytes, len, file, out_graph, out_main);
    return decode_component(ctx, bytes, len, 0, file, out_graph, out_main);
}

static witc_status decode_component(witc_ctx *ctx, const uint8_t *bytes, size_t len, uint64_t base,
                                    const char *file, witc_graph **out_graph,
                                    witc_package_id *out_main)
{
    witc_reader top;
    witc_reader_init(&top, bytes, len, base, file, witc_ctx_diags(ctx));
    dec d = {.ctx = ctx, .r = &top, .file = file};
    witc_arena_init(&d.arena, ctx);
    witc_hash_init(&d.owner_index, ctx);
    witc_hash_init(&d.pkg_index, ctx);
    witc_buf_init(&d.bodies, ctx);
    witc_buf_init(&d.main_text, ctx);
    ent_vec types = {0};
    witc_buf text;
    witc_buf_init(&text, ctx);
    witc_status st = WITC_OK;
    const uint8_t *pre;

    if (len < 8 || memcmp(bytes, component_preamble, 8) != 0) {
        st = len >= 8 && memcmp(bytes, component_preamble, 4) == 0
                 ? unsupported(&d, bytes + 4, "unknown binary version or layer")
                 : witc_reader_fail(&top, bytes, "magic header not detected");
        goto done;
    }
    st = witc_reader_bytes(&top, 8, "preamble", &pre);

    /* pass 1: the package-docs section (it comes last, but docs are written with items) */
    for (witc_reader r = top; st == WITC_OK && !witc_reader_at_end(&r);) {
        uint8_t id;
        uint32_t size;
        witc_reader sec;
        const uint8_t *size_at;
        st = witc_reader_u8(&r, "section id", &id);
        size_at = r.cur;
        if (st == WITC_OK)
            st = witc_reader_u32(&r, "section size", &size);
        if (st == WITC_OK)
            st = witc_reader_sub(&r, size, size_at, "section", &sec);
        if (st != WITC_OK || id != 0)
            continue;
        const uint8_t *nm;
        uint32_t nlen;
        st = witc_reader_name(&sec, "custom section name", &nm, &nlen);
        if (st == WITC_OK && nlen == 12 && memcmp(nm, "package-docs", 12) == 0) {
            size_t dl = witc_reader_left(&sec);
            if (dl == 0 || sec.cur[0] > 1) {
                st = witc_reader_fail(&sec, sec.cur, "unsupported package-docs version");
            } else {
                d.docs = witc_wjson_parse(&d.arena, sec.cur + 1, dl - 1);
                if (!d.docs)
                    st = witc_reader_fail(&sec, sec.cur + 1, "malformed package-docs JSON");
            }
        }
    }

    /* pass 2: types and exports */
    while (st == WITC_OK && !witc_reader_at_end(&top)) {
        uint8_t id;
        uint32_t size, n;
        witc_reader sec;
        const uint8_t *sec_at = top.cur, *size_at;
        st = witc_reader_u8(&top, "section id", &id);
        size_at = top.cur;
        if (st == WITC_OK)
            st = witc_reader_u32(&top, "section size", &size);
        if (st == WITC_OK)
            st = witc_reader_sub(&top, size, size_at, "section", &sec);
        if (st != WITC_OK)
            break;
        if (id == 0x00)
            continue;
        if (id != 0x07 && id != 0x0b) {
            st = unsupported(&d, sec_at, "section other than type, export or custom");
            break;
        }
        st = witc_reader_count(&sec, id == 0x07 ? "type count" : "export count", &n);
        for (uint32_t i = 0; st == WITC_OK && i < n; i++) {
            const uint8_t *at = sec.cur;
            if (id == 0x07) {
                ent t;
                st = read_type(&d, &sec, &t);
                if (st == WITC_OK && t.k != E_COMP)
                    st = unsupported(&d, at, "top-level type that is no component type");
                if (st == WITC_OK)
                    st = skip_decls(&d, &sec, 1);
                if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &types, t))
                    st = nomem(&d);
                continue;
            }
            witc_str name, impl;
            uint8_t sort, asc;
            uint32_t idx;
            st = read_extern_name(&d, &sec, &name, &impl);
            if (st == WITC_OK)
                st = witc_reader_u8(&sec, "export sort", &sort);
            const uint8_t *iat = sec.cur;
            if (st == WITC_OK)
                st = witc_reader_u32(&sec, "type index", &idx);
            if (st == WITC_OK)
                st = witc_reader_u8(&sec, "export ascription", &asc);
            if (st == WITC_OK && (sort != 0x03 || asc != 0))
                st = unsupported(&d, at, "export that is not a plain type export");
            if (st == WITC_OK && idx >= types.len)
                st = derr(&d, iat, "type index out of bounds");
            /* Only a component type can describe an interface or a world; an export of an
             * earlier export (or of any other type) is no WIT package. */
            if (st == WITC_OK && (types.items[idx].k != E_COMP || !types.items[idx].at))
                st = unsupported(&d, iat, "export of a type that is not a component type");
            if (st == WITC_OK) {
                ent t = types.items[idx];
                st = read_item(&d, &t, name);
            }
            /* the export adds a type index too */
            if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &types, ((ent){.k = E_PRIM, .prim = 0x7f})))
                st = nomem(&d);
        }
        if (st == WITC_OK)
            st = witc_reader_finish(&sec, "section");
    }
    if (st == WITC_OK && !d.have_main)
        st = unsupported(&d, bytes, "a package with no interfaces or worlds has no name");
    if (st == WITC_OK)
        st = assemble_text(&d, &text);
    if (st == WITC_OK) {
        witc_wit_options opts = {.all_features = true};
        char *name = witc_arena_printf(&d.arena, "%s.wit", file ? file : "<input>");
        st = witc_wit_resolve_text(ctx, name ? name : "<decoded>", (const char *)text.data,
                                   text.len, &opts, out_graph, out_main);
    }
done:
    WITC_VEC_FREE(ctx, &types);
    WITC_VEC_FREE(ctx, &d.owners);
    witc_hash_release(&d.owner_index);
    witc_hash_release(&d.pkg_index);
    WITC_VEC_FREE(ctx, &d.pkgs);
    witc_buf_release(&d.bodies);
    witc_buf_release(&d.main_text);
    witc_buf_release(&text);
    witc_arena_release(&d.arena);
    return st;
}

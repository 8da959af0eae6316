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
#include "wasm-format/reader.h"
#include "witc/diag.h"

/* Nesting of value types inside one another (wasmparser's type nesting limit is 100; the
 * printer of a value type recurses once per level). */
#define WIT_DECODE_MAX_DEPTH 100

#include "wasm-decoder/wit-json.h"

typedef enum ekind { E_PRIM, E_DEF, E_NAMED, E_FUNC, E_INST, E_COMP } ekind;

/* One entry of a type index space. */
typedef struct ent {
    ekind k;
    uint8_t prim;     /* E_PRIM */
    const uint8_t *at; /* E_DEF, E_FUNC, E_INST, E_COMP: the type's first byte */
    witc_str name;    /* E_NAMED */
    int owner;        /* E_NAMED: owners[] index */
    bool resource;    /* E_NAMED: names a resource */
} ent;

typedef WITC_VEC(ent) ent_vec;
typedef WITC_VEC(int) int_vec;

/* An interface or world whose items have names: the scope a named type belongs to. */
typedef struct owner {
    witc_str id;   /* "ns:pkg/name@ver"; empty for inline interfaces and worlds */
    witc_str pkg;  /* "ns:pkg@ver" */
    witc_str name; /* local name */
    int pkg_index; /* pkgs[] index, -1 when none */
} owner;

/* One item of a foreign interface (only its types are kept: nothing of the main package can
 * refer to a foreign function). */
typedef struct fitem {
    int owner;
    witc_str name;
    size_t start, len; /* text in dec.foreign_text */
} fitem;

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
    WITC_VEC(pkg) pkgs;
    WITC_VEC(fitem) fitems;
    witc_buf foreign_text;
    witc_buf main_text;
    witc_str main_pkg; /* "ns:pkg@ver" once known */
    bool have_main;
    const jval *docs;     /* the package-docs JSON root, or NULL */
    const jval *cur_type; /* docs of the type being written (for its `items`) */
} dec;

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
    for (size_t i = 0; i < d->pkgs.len; i++)
        if (witc_str_eq(d->pkgs.items[i].full, full))
            return (int)i;
    if (!add || !WITC_VEC_PUSH(d->ctx, &d->pkgs, ((pkg){full})))
        return -1;
    return (int)d->pkgs.len - 1;
}

/* The owner record of interface `id` ("ns:pkg/name@ver"), made on first use; -1 on a
 * malformed id (*st set) or out of memory. */
static int iface_owner(dec *d, witc_str id, const uint8_t *at, witc_status *st)
{
    for (size_t i = 0; i < d->owners.len; i++)
        if (d->owners.items[i].id.len && witc_str_eq(d->owners.items[i].id, id))
            return (int)i;
    owner o = {.pkg_index = -1};
    if (!split_id(d, id, &o.pkg, &o.name)) {
        *st = unsupported(d, at, "interface name is not `ns:pkg/name`");
        return -1;
    }
    o.id = keep(d, (const uint8_t *)id.ptr, id.len);
    o.pkg_index = find_pkg(d, o.pkg, true);
    if (o.pkg_index < 0 || !WITC_VEC_PUSH(d->ctx, &d->owners, o)) {
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
    witc_buf_append(b, o->id.ptr, o->id.len);
}

/* ---- value types ---- */

static witc_status put_valtype(dec *d, witc_reader *r, const scope *s, witc_buf *b, int from,
                               unsigned depth);

static witc_status put_type_index(dec *d, const uint8_t *at, const scope *s, uint32_t idx,
                                  witc_buf *b, int from, unsigned depth);

static const char *prim_name(uint8_t byte)
{
    switch (byte) {
    case 0x7f: return "bool";
    case 0x7e: return "s8";
    case 0x7d: return "u8";
    case 0x7c: return "s16";
    case 0x7b: return "u16";
    case 0x7a: return "s32";
    case 0x79: return "u32";
    case 0x78: return "s64";
    case 0x77: return "u64";
    case 0x76: return "f32";
    case 0x75: return "f64";
    case 0x74: return "char";
    case 0x73: return "string";
    case 0x64: return "error-context";
    default: return NULL;
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

static witc_status put_opt_valtype(dec *d, witc_reader *r, const scope *s, witc_buf *b,
                                   int from, unsigned depth, bool *out_present)
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
        witc_buf mark;
        size_t start = b->len;
        witc_buf_puts(b, "result<");
        WITC_TRY(put_opt_valtype(d, &r, s, b, from, depth, &present));
        if (!present)
            witc_buf_putc(b, '_');
        witc_buf_puts(b, ", ");
        bool err;
        WITC_TRY(put_opt_valtype(d, &r, s, b, from, depth, &err));
        (void)mark;
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

static witc_status put_named_def(dec *d, const ent *t, const scope *s, witc_str name,
                                 witc_buf *b, int from)
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
            WITC_TRY(witc_reader_name(r, "field name", &nm, &u));
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
            WITC_TRY(witc_reader_name(r, "parameter name", &nm, &u));
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


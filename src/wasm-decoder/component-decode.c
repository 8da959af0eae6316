/* SPDX-License-Identifier: Apache-2.0 */
/* Component binary decoder: bytes -> component IR (src/validate/component-internal.h).
 * Only encoding errors are reported here; the validator checks types and indices. The
 * decoder stops at the first error. */
#include <string.h>

#include "support/arena.h"
#include "support/limits.h"
#include "validate/component-internal.h"
#include "wasm-format/reader.h"
#include "witc/diag.h"

/* Bounds from wasmparser's limits.rs, applied while reading counts. */
enum {
    MAX_CANON_OPTS = 10,
    MAX_TYPE_DECLS = 1000000,  /* component and instance type declarations */
    MAX_MODULE_DECLS = 100000, /* module type declarations */
    MAX_NAME_LEN = 100000,
    MAX_FIELDS = 10000, /* record fields, variant cases, tuple types, enum cases */
    MAX_FLAG_NAMES = 1000,
    MAX_INSTANTIATION_ARGS = 100000,
    MAX_INSTANTIATION_EXPORTS = 100000,
    MAX_START_ARGS = 1000,
};

typedef struct reader {
    witc_reader w; /* the shared bounded reader (src/wasm-format/reader.h) */
    witc_ctx *ctx;
    witc_arena *arena;
    uint32_t depth;
    bool failed;
} reader;

static uint64_t pos(const reader *r)
{
    return witc_reader_offset(&r->w);
}

static witc_status fail_at(reader *r, uint64_t at, const char *msg, const char *what)
{
    if (!r->failed)
        witc_reader_fail_at(&r->w, at, "%s (%s)", msg, what);
    r->failed = true;
    return WITC_E_MALFORMED;
}

static witc_status nomem(reader *r)
{
    if (!r->failed)
        witc_diag_error_at(r->w.diags, r->w.file, pos(r), "out of memory");
    r->failed = true;
    return WITC_E_NOMEM;
}

static size_t left(const reader *r)
{
    return witc_reader_left(&r->w);
}

/* The shared reader reports its own errors; remember that one was reported. */
static witc_status noted(reader *r, witc_status st)
{
    if (st != WITC_OK)
        r->failed = true;
    return st;
}

static witc_status read_u8(reader *r, const char *what, uint8_t *out)
{
    return noted(r, witc_reader_u8(&r->w, what, out));
}

static witc_status read_uleb(reader *r, unsigned bits, const char *what, uint64_t *out)
{
    return noted(r, witc_leb_read_u(&r->w, bits, what, out));
}

static witc_status read_u32(reader *r, const char *what, uint32_t *out)
{
    return noted(r, witc_reader_u32(&r->w, what, out));
}

static witc_status read_sleb(reader *r, unsigned bits, const char *what, int64_t *out)
{
    return noted(r, witc_leb_read_s(&r->w, bits, what, out));
}

/* A count of items, each at least one byte long: rejected before allocating. */
static witc_status read_count(reader *r, const char *what, uint32_t *out)
{
    return noted(r, witc_reader_count(&r->w, what, out));
}

/* A count bounded by one of wasmparser's limits.rs values. */
static witc_status read_count_max(reader *r, const char *what, uint32_t max, uint32_t *out)
{
    const uint64_t at = pos(r);
    WITC_TRY(read_count(r, what, out));
    if (*out > max) {
        if (!r->failed)
            witc_reader_fail_at(&r->w, at, "%s count exceeds limit of %u", what, max);
        r->failed = true;
        return WITC_E_LIMIT;
    }
    return WITC_OK;
}

static witc_status read_bytes(reader *r, uint32_t len, const char *what, witc_cm_bytes *out)
{
    out->offset = pos(r);
    const uint8_t *p;
    WITC_TRY(noted(r, witc_reader_bytes(&r->w, len, what, &p)));
    out->ptr = p;
    out->len = len;
    return WITC_OK;
}

static witc_status read_name(reader *r, const char *what, witc_cm_bytes *out)
{
    out->offset = pos(r);
    const uint8_t *p;
    uint32_t len;
    WITC_TRY(noted(r, witc_reader_name(&r->w, what, &p, &len)));
    if (len > MAX_NAME_LEN)
        return fail_at(r, out->offset, "name too long", what);
    out->ptr = p;
    out->len = len;
    out->offset += 0; /* the length prefix's offset: names are reported where they start */
    return WITC_OK;
}

static void *alloc_array(reader *r, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    return witc_arena_alloc_array(r->arena, n, size);
}

#define ALLOC_N(r, ptr, n)                                                                         \
    do {                                                                                           \
        (ptr) = alloc_array((r), (n), sizeof *(ptr));                                              \
        if (!(ptr))                                                                                \
            return nomem(r);                                                                       \
    } while (0)

static bool is_prim(uint8_t b)
{
    return (b >= 0x73 && b <= 0x7f) || b == 0x64;
}

static witc_status read_valtype(reader *r, witc_cm_valtype *out)
{
    if (r->w.cur == r->w.end)
        return fail_at(r, pos(r), "unexpected end", "value type");
    if (is_prim(*r->w.cur)) {
        out->prim = *r->w.cur++;
        out->idx = 0;
        return WITC_OK;
    }
    int64_t v;
    WITC_TRY(read_sleb(r, 33, "value type", &v));
    /* as wasmparser: a negative index wraps to a huge one, rejected later as out of bounds */
    out->prim = 0;
    out->idx = (uint32_t)v;
    return WITC_OK;
}

static witc_status read_opt_valtype(reader *r, bool *has, witc_cm_valtype *out)
{
    uint8_t b;
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "optional value type", &b));
    if (b == 0) {
        *has = false;
        return WITC_OK;
    }
    if (b != 1)
        return fail_at(r, at, "invalid leading byte", "optional value type");
    *has = true;
    return read_valtype(r, out);
}

/* Core value types, as the core binary format writes them. */
/* A heap type: a type index, or an abstract heap type (one byte 0x68..0x75, read as s33). */
static witc_status read_heap(reader *r, int64_t *out)
{
    if (r->w.cur != r->w.end && *r->w.cur == 0x65) /* shared */
        r->w.cur++;
    const uint64_t at = pos(r);
    WITC_TRY(read_sleb(r, 33, "heap type", out));
    if (*out < 0 && (*out < 0x68 - 0x80 || *out > 0x75 - 0x80))
        return fail_at(r, at, "invalid heap type", "heap type");
    return WITC_OK;
}

static witc_status read_core_valtype(reader *r, witc_cm_core_valtype *out)
{
    uint8_t b;
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "core value type", &b));
    out->code = b;
    out->heap = 0;
    if (b >= 0x7b && b <= 0x7f)
        return WITC_OK;
    if (b == 0x63 || b == 0x64)
        return read_heap(r, &out->heap);
    if (b >= 0x68 && b <= 0x75) /* reference type shorthands */
        return WITC_OK;
    return fail_at(r, at, "invalid value type", "core value type");
}

/* A struct field or array element: its storage type (packed i8 0x78 / i16 0x77 kept as the
 * code) then mutability. */
static witc_status read_field_type(reader *r, witc_cm_core_valtype *t)
{
    if (r->w.cur != r->w.end && (*r->w.cur == 0x78 || *r->w.cur == 0x77)) {
        t->code = *r->w.cur++;
        t->heap = 0;
    } else {
        WITC_TRY(read_core_valtype(r, t));
    }
    uint8_t m;
    WITC_TRY(read_u8(r, "mutability", &m));
    if (m > 1)
        return fail_at(r, pos(r) - 1, "invalid mutability", "field type");
    return WITC_OK;
}

static witc_status read_core_valtypes(reader *r, uint32_t *n, witc_cm_core_valtype **out)
{
    WITC_TRY(read_count(r, "core value types", n));
    ALLOC_N(r, *out, *n);
    for (uint32_t i = 0; i < *n; i++)
        WITC_TRY(read_core_valtype(r, &(*out)[i]));
    return WITC_OK;
}

static witc_status read_subtype(reader *r, witc_cm_core_sub *s)
{
    uint8_t b;
    WITC_TRY(read_u8(r, "sub type", &b));
    s->final_ = true;
    if (b == 0x50 || b == 0x4f) {
        s->final_ = b == 0x4f;
        uint32_t n;
        WITC_TRY(read_count(r, "supertypes", &n));
        if (n > 1)
            return fail_at(r, pos(r), "multiple supertypes not supported", "sub type");
        if (n == 1) {
            s->has_super = true;
            WITC_TRY(read_u32(r, "supertype", &s->super));
        }
        WITC_TRY(read_u8(r, "composite type", &b));
    }
    if (b == 0x65) /* shared composite type */
        WITC_TRY(read_u8(r, "composite type", &b));
    s->form = b;
    switch (b) {
    case 0x60:
        WITC_TRY(read_core_valtypes(r, &s->n_params, &s->params));
        return read_core_valtypes(r, &s->n_results, &s->results);
    case 0x5f:
        WITC_TRY(read_count(r, "struct fields", &s->n_fields));
        ALLOC_N(r, s->fields, s->n_fields);
        for (uint32_t i = 0; i < s->n_fields; i++)
            WITC_TRY(read_field_type(r, &s->fields[i]));
        return WITC_OK;
    case 0x5e:
        s->n_fields = 1;
        ALLOC_N(r, s->fields, 1);
        return read_field_type(r, &s->fields[0]);
    case 0x5d: {
        int64_t idx;
        return read_sleb(r, 33, "continuation type", &idx);
    }
    default:
        return fail_at(r, pos(r) - 1, "invalid leading byte", "composite type");
    }
}

/* A core rec group (or single subtype); fills the summary. */
static witc_status read_rec_group(reader *r, witc_cm_core_type *t)
{
    const uint8_t *start = r->w.cur;
    t->raw.offset = pos(r);
    if (r->w.cur != r->w.end && *r->w.cur == 0x4e) {
        r->w.cur++;
        WITC_TRY(read_count(r, "rec group", &t->n_subs));
        ALLOC_N(r, t->subs, t->n_subs);
        for (uint32_t i = 0; i < t->n_subs; i++)
            WITC_TRY(read_subtype(r, &t->subs[i]));
    } else {
        t->n_subs = 1;
        ALLOC_N(r, t->subs, 1);
        WITC_TRY(read_subtype(r, &t->subs[0]));
    }
    t->raw.ptr = start;
    t->raw.len = (uint32_t)(r->w.cur - start);
    return WITC_OK;
}

static witc_status read_limits_raw(reader *r, bool is_table)
{
    uint8_t flags;
    WITC_TRY(read_u8(r, "limits flags", &flags));
    if (flags & ~0x0fu)
        return fail_at(r, pos(r) - 1, "invalid limits flags", "limits");
    const unsigned bits = (flags & 4) ? 64 : 32;
    uint64_t v;
    WITC_TRY(read_uleb(r, bits, "limits minimum", &v));
    if (flags & 1)
        WITC_TRY(read_uleb(r, bits, "limits maximum", &v));
    if (!is_table && (flags & 8))
        WITC_TRY(read_uleb(r, 32, "page size", &v));
    return WITC_OK;
}

static witc_status read_core_extern(reader *r, witc_cm_core_extern *e)
{
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "core extern kind", &e->kind));
    const uint8_t *start = r->w.cur;
    e->raw.offset = pos(r);
    switch (e->kind) {
    case 0x00:
        WITC_TRY(read_u32(r, "type index", &e->idx));
        break;
    case 0x01: {
        witc_cm_core_valtype t;
        WITC_TRY(read_core_valtype(r, &t));
        WITC_TRY(read_limits_raw(r, true));
        break;
    }
    case 0x02:
        WITC_TRY(read_limits_raw(r, false));
        break;
    case 0x03: {
        witc_cm_core_valtype t;
        WITC_TRY(read_core_valtype(r, &t));
        uint8_t m;
        WITC_TRY(read_u8(r, "global mutability", &m));
        if (m > 3)
            return fail_at(r, pos(r) - 1, "malformed mutability", "global type");
        break;
    }
    case 0x04: {
        uint8_t attr;
        WITC_TRY(read_u8(r, "tag attribute", &attr));
        if (attr != 0)
            return fail_at(r, pos(r) - 1, "invalid tag attribute", "tag type");
        WITC_TRY(read_u32(r, "type index", &e->idx));
        break;
    }
    default:
        return fail_at(r, at, "invalid leading byte", "core extern kind");
    }
    e->raw.ptr = start;
    e->raw.len = (uint32_t)(r->w.cur - start);
    return WITC_OK;
}

static witc_status read_core_type(reader *r, witc_cm_core_type *t)
{
    t->offset = pos(r);
    if (r->w.cur == r->w.end)
        return fail_at(r, pos(r), "unexpected end", "core type");
    if (*r->w.cur == 0x00) {
        r->w.cur++;
        if (r->w.cur == r->w.end || *r->w.cur != 0x50)
            return fail_at(r, pos(r), "invalid leading byte", "non-final sub type");
        return read_rec_group(r, t);
    }
    if (*r->w.cur != 0x50)
        return read_rec_group(r, t);
    r->w.cur++;
    t->is_module = true;
    WITC_TRY(read_count(r, "module type declarations", &t->n_decls));
    if (t->n_decls > MAX_MODULE_DECLS)
        return fail_at(r, pos(r), "too many declarations", "module type declarations");
    ALLOC_N(r, t->decls, t->n_decls);
    for (uint32_t i = 0; i < t->n_decls; i++) {
        witc_cm_module_decl *d = &t->decls[i];
        d->offset = pos(r);
        WITC_TRY(read_u8(r, "module type declaration", &d->kind));
        switch (d->kind) {
        case WITC_CM_MD_IMPORT:
            WITC_TRY(read_name(r, "import module", &d->module));
            WITC_TRY(read_name(r, "import name", &d->name));
            WITC_TRY(read_core_extern(r, &d->ext));
            break;
        case WITC_CM_MD_TYPE:
            d->type = WITC_ARENA_NEW(r->arena, witc_cm_core_type);
            if (!d->type)
                return nomem(r);
            d->type->offset = pos(r);
            WITC_TRY(read_rec_group(r, d->type));
            break;
        case WITC_CM_MD_ALIAS: {
            uint8_t b;
            WITC_TRY(read_u8(r, "outer alias kind", &b));
            if (b != 0x10)
                return fail_at(r, pos(r) - 1, "invalid leading byte", "outer alias kind");
            WITC_TRY(read_u8(r, "outer alias target", &b));
            if (b != 0x01)
                return fail_at(r, pos(r) - 1, "invalid leading byte", "outer alias target");
            WITC_TRY(read_u32(r, "outer alias count", &d->outer_count));
            WITC_TRY(read_u32(r, "outer alias index", &d->outer_idx));
            break;
        }
        case WITC_CM_MD_EXPORT:
            WITC_TRY(read_name(r, "export name", &d->name));
            WITC_TRY(read_core_extern(r, &d->ext));
            break;
        default:
            return fail_at(r, d->offset, "invalid leading byte", "module type declaration");
        }
    }
    return WITC_OK;
}

static witc_status read_sort(reader *r, uint32_t *out)
{
    uint8_t b;
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "sort", &b));
    if (b == 0x00) {
        WITC_TRY(read_u8(r, "core sort", &b));
        if (b > 0x04 && (b < 0x10 || b > 0x12))
            return fail_at(r, pos(r) - 1, "invalid leading byte", "core sort");
        *out = WITC_CM_SORT_CORE_BASE + b;
        return WITC_OK;
    }
    if (b > 0x05)
        return fail_at(r, at, "invalid leading byte", "sort");
    *out = b;
    return WITC_OK;
}

static witc_status read_core_sort(reader *r, uint32_t *out)
{
    uint8_t b;
    WITC_TRY(read_u8(r, "core sort", &b));
    if (b > 0x04 && (b < 0x10 || b > 0x12))
        return fail_at(r, pos(r) - 1, "invalid leading byte", "core sort");
    *out = WITC_CM_SORT_CORE_BASE + b;
    return WITC_OK;
}

static witc_status read_nameattrs(reader *r, witc_cm_nameattrs *n)
{
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "component name", &n->form));
    if (n->form > 2)
        return fail_at(r, at, "invalid leading byte", "component name");
    WITC_TRY(read_name(r, "component name", &n->name));
    if (n->form == 2) {
        WITC_TRY(read_count(r, "name attributes", &n->n_attrs));
        ALLOC_N(r, n->attrs, n->n_attrs);
        for (uint32_t i = 0; i < n->n_attrs; i++) {
            const uint64_t a = pos(r);
            WITC_TRY(read_u8(r, "name attribute", &n->attrs[i].kind));
            if (n->attrs[i].kind > 2)
                return fail_at(r, a, "invalid leading byte", "name attribute");
            for (uint32_t k = 0; k < i; k++)
                if (n->attrs[k].kind == n->attrs[i].kind)
                    return fail_at(r, a, "duplicate option in name", "name attribute");
            WITC_TRY(read_name(r, "name attribute", &n->attrs[i].text));
        }
    }
    return WITC_OK;
}

static witc_status read_externtype(reader *r, witc_cm_externtype *e)
{
    e->offset = pos(r);
    uint32_t sort;
    WITC_TRY(read_sort(r, &sort));
    if (sort == WITC_CM_SORT_CORE_BASE + WITC_CM_CORE_MODULE) {
        e->kind = WITC_CM_EXT_MODULE;
        return read_u32(r, "core type index", &e->idx);
    }
    if (sort >= WITC_CM_SORT_CORE_BASE)
        return fail_at(r, e->offset, "invalid leading byte", "extern type");
    e->kind = (uint8_t)sort;
    switch (sort) {
    case WITC_CM_SORT_VALUE:
        e->bound = 1; /* wasmparser reads a plain value type here */
        return read_valtype(r, &e->val);
    case WITC_CM_SORT_TYPE: {
        uint8_t b;
        WITC_TRY(read_u8(r, "type bound", &b));
        if (b == 0x00) {
            e->bound = 0;
            return read_u32(r, "type index", &e->idx);
        }
        if (b != 0x01)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "type bound");
        e->bound = 1;
        return WITC_OK;
    }
    default:
        return read_u32(r, "type index", &e->idx);
    }
}

static witc_status read_alias(reader *r, witc_cm_alias *a)
{
    a->offset = pos(r);
    WITC_TRY(read_sort(r, &a->sort));
    const uint64_t at = pos(r);
    WITC_TRY(read_u8(r, "alias target", &a->target));
    switch (a->target) {
    case 0x00:
    case 0x01:
        WITC_TRY(read_u32(r, "instance index", &a->instance));
        return read_name(r, "alias export name", &a->name);
    case 0x02:
        WITC_TRY(read_u32(r, "outer count", &a->instance));
        return read_u32(r, "outer index", &a->idx);
    default:
        return fail_at(r, at, "invalid leading byte", "alias target");
    }
}

static witc_status read_type(reader *r, uint32_t depth, witc_cm_type **out);

static witc_status read_labeled_list(reader *r, witc_cm_type *t, bool typed, bool variant)
{
    WITC_TRY(read_count_max(r, "fields", t->kind == WITC_CM_DT_FLAGS ? MAX_FLAG_NAMES : MAX_FIELDS,
                            &t->n_fields));
    ALLOC_N(r, t->fields, t->n_fields);
    for (uint32_t i = 0; i < t->n_fields; i++) {
        witc_cm_labeled *f = &t->fields[i];
        WITC_TRY(read_name(r, "label", &f->label));
        if (variant) {
            WITC_TRY(read_opt_valtype(r, &f->has_type, &f->type));
            uint8_t z;
            WITC_TRY(read_u8(r, "variant case refinement", &z));
            if (z != 0)
                return fail_at(r, pos(r) - 1, "invalid leading byte", "zero byte required");
        } else if (typed) {
            f->has_type = true;
            WITC_TRY(read_valtype(r, &f->type));
        }
    }
    return WITC_OK;
}

static witc_status read_decls(reader *r, uint32_t depth, witc_cm_type *t, bool component)
{
    WITC_TRY(read_count(r, "type declarations", &t->n_decls));
    if (t->n_decls > MAX_TYPE_DECLS)
        return fail_at(r, pos(r), "too many declarations", "type declarations");
    ALLOC_N(r, t->decls, t->n_decls);
    for (uint32_t i = 0; i < t->n_decls; i++) {
        witc_cm_decl *d = &t->decls[i];
        d->offset = pos(r);
        WITC_TRY(read_u8(r, "type declaration", &d->kind));
        switch (d->kind) {
        case WITC_CM_DECL_CORE_TYPE:
            d->core_type = WITC_ARENA_NEW(r->arena, witc_cm_core_type);
            if (!d->core_type)
                return nomem(r);
            WITC_TRY(read_core_type(r, d->core_type));
            break;
        case WITC_CM_DECL_TYPE:
            WITC_TRY(read_type(r, depth + 1, &d->type));
            break;
        case WITC_CM_DECL_ALIAS:
            WITC_TRY(read_alias(r, &d->alias));
            break;
        case WITC_CM_DECL_IMPORT:
            if (!component)
                return fail_at(r, d->offset, "invalid leading byte", "instance type declaration");
            WITC_TRY(read_nameattrs(r, &d->name));
            WITC_TRY(read_externtype(r, &d->ext));
            break;
        case WITC_CM_DECL_EXPORT:
            WITC_TRY(read_nameattrs(r, &d->name));
            WITC_TRY(read_externtype(r, &d->ext));
            break;
        default:
            return fail_at(r, d->offset, "invalid leading byte",
                           component ? "component type declaration" : "instance type declaration");
        }
    }
    return WITC_OK;
}

static witc_status read_type(reader *r, uint32_t depth, witc_cm_type **out)
{
    if (depth > witc_ctx_limits(r->ctx)->component_type_depth + 1) {
        witc_diag_error_at(r->w.diags, r->w.file, pos(r), "type nesting too deep");
        r->failed = true;
        return WITC_E_LIMIT;
    }
    witc_cm_type *t = WITC_ARENA_NEW(r->arena, witc_cm_type);
    if (!t)
        return nomem(r);
    t->offset = pos(r);
    uint8_t b;
    WITC_TRY(read_u8(r, "component type", &b));
    t->kind = b;
    *out = t;
    if (is_prim(b)) {
        t->kind = WITC_CM_DT_PRIM;
        t->a.prim = b;
        return WITC_OK;
    }
    switch (b) {
    case WITC_CM_DT_RESOURCE: {
        WITC_TRY(read_core_valtype(r, &t->rep));
        uint8_t d;
        WITC_TRY(read_u8(r, "resource destructor", &d));
        if (d == 1) {
            t->has_dtor = true;
            return read_u32(r, "resource destructor", &t->dtor);
        }
        if (d != 0)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "resource destructor");
        return WITC_OK;
    }
    case WITC_CM_DT_FUNC:
    case WITC_CM_DT_ASYNC_FUNC: {
        WITC_TRY(read_labeled_list(r, t, true, false));
        uint8_t rb;
        WITC_TRY(read_u8(r, "component function results", &rb));
        if (rb == 0x00) {
            t->has_a = true;
            return read_valtype(r, &t->a);
        }
        if (rb != 0x01)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "component function results");
        WITC_TRY(read_u8(r, "number of results", &rb));
        if (rb != 0x00)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "number of results");
        return WITC_OK;
    }
    case WITC_CM_DT_COMPONENT:
        return read_decls(r, depth, t, true);
    case WITC_CM_DT_INSTANCE:
        return read_decls(r, depth, t, false);
    case WITC_CM_DT_RECORD:
        return read_labeled_list(r, t, true, false);
    case WITC_CM_DT_VARIANT:
        return read_labeled_list(r, t, true, true);
    case WITC_CM_DT_FLAGS:
    case WITC_CM_DT_ENUM:
        return read_labeled_list(r, t, false, false);
    case WITC_CM_DT_TUPLE:
        WITC_TRY(read_count_max(r, "tuple types", MAX_FIELDS, &t->n_fields));
        ALLOC_N(r, t->fields, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            t->fields[i].has_type = true;
            WITC_TRY(read_valtype(r, &t->fields[i].type));
        }
        return WITC_OK;
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_OPTION:
        return read_valtype(r, &t->a);
    case WITC_CM_DT_FIXED_LIST:
        WITC_TRY(read_valtype(r, &t->a));
        return read_u32(r, "fixed list length", &t->len);
    case WITC_CM_DT_MAP:
        WITC_TRY(read_valtype(r, &t->a));
        return read_valtype(r, &t->b);
    case WITC_CM_DT_RESULT:
        WITC_TRY(read_opt_valtype(r, &t->has_a, &t->a));
        return read_opt_valtype(r, &t->has_b, &t->b);
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        return read_u32(r, "resource type index", &t->a.idx);
    case WITC_CM_DT_STREAM:
    case WITC_CM_DT_FUTURE:
        return read_opt_valtype(r, &t->has_a, &t->a);
    default:
        return fail_at(r, t->offset, "invalid leading byte", "component defined type");
    }
}

static witc_status read_bool(reader *r, const char *what, uint8_t *out)
{
    WITC_TRY(read_u8(r, what, out));
    if (*out > 1)
        return fail_at(r, pos(r) - 1, "invalid leading byte", what);
    return WITC_OK;
}

static witc_status read_opts(reader *r, witc_cm_canon *c)
{
    WITC_TRY(read_count(r, "canonical options", &c->n_opts));
    if (c->n_opts > MAX_CANON_OPTS)
        return fail_at(r, pos(r), "too many canonical options", "canonical options");
    ALLOC_N(r, c->opts, c->n_opts);
    for (uint32_t i = 0; i < c->n_opts; i++) {
        witc_cm_canonopt *o = &c->opts[i];
        o->offset = pos(r);
        WITC_TRY(read_u8(r, "canonical option", &o->kind));
        switch (o->kind) {
        case 0x00:
        case 0x01:
        case 0x02:
        case 0x06:
        case 0x09:
            break;
        case 0x03:
        case 0x04:
        case 0x05:
        case 0x07:
        case 0x08:
            WITC_TRY(read_u32(r, "canonical option index", &o->idx));
            break;
        default:
            return fail_at(r, o->offset, "invalid leading byte", "canonical option");
        }
    }
    return WITC_OK;
}

static witc_status read_canon(reader *r, witc_cm_canon *c)
{
    c->offset = pos(r);
    WITC_TRY(read_u8(r, "canonical function", &c->op));
    uint8_t z;
    switch (c->op) {
#define WITC_CANON(NAME, op, shape, gate, text) case op:
#include "wasm-format/component-canon.def"
#undef WITC_CANON
        break;
    default:
        return fail_at(r, c->offset, "invalid leading byte", "canonical function");
    }
    switch (c->op) {
    case WITC_CANON_LIFT:
        WITC_TRY(read_u8(r, "canonical function lift", &z));
        if (z != 0)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "canonical function lift");
        WITC_TRY(read_u32(r, "core function index", &c->func));
        WITC_TRY(read_opts(r, c));
        return read_u32(r, "type index", &c->type);
    case WITC_CANON_LOWER:
        WITC_TRY(read_u8(r, "canonical function lower", &z));
        if (z != 0)
            return fail_at(r, pos(r) - 1, "invalid leading byte", "canonical function lower");
        WITC_TRY(read_u32(r, "function index", &c->func));
        return read_opts(r, c);
    case WITC_CANON_TASK_RETURN: {
        uint8_t rb;
        WITC_TRY(read_u8(r, "component function results", &rb));
        if (rb == 0) {
            c->has_result = true;
            WITC_TRY(read_valtype(r, &c->result));
        } else if (rb == 1) {
            WITC_TRY(read_u8(r, "number of results", &rb));
            if (rb != 0)
                return fail_at(r, pos(r) - 1, "invalid leading byte", "number of results");
        } else {
            return fail_at(r, pos(r) - 1, "invalid leading byte", "component function results");
        }
        return read_opts(r, c);
    }
    case WITC_CANON_CONTEXT_GET:
    case WITC_CANON_CONTEXT_SET:
        WITC_TRY(read_core_valtype(r, &c->core_ty));
        return read_u32(r, "context slot", &c->slot);
    case WITC_CANON_WAITABLE_SET_WAIT:
    case WITC_CANON_WAITABLE_SET_POLL:
        WITC_TRY(read_bool(r, "cancellable", &c->flag));
        return read_u32(r, "memory index", &c->slot);
    case WITC_CANON_ERROR_CONTEXT_NEW:
    case WITC_CANON_ERROR_CONTEXT_DEBUG_MESSAGE:
        return read_opts(r, c);
    case WITC_CANON_STREAM_READ:
    case WITC_CANON_STREAM_WRITE:
    case WITC_CANON_FUTURE_READ:
    case WITC_CANON_FUTURE_WRITE:
        WITC_TRY(read_u32(r, "type index", &c->type));
        return read_opts(r, c);
    case WITC_CANON_STREAM_CANCEL_READ:
    case WITC_CANON_STREAM_CANCEL_WRITE:
    case WITC_CANON_FUTURE_CANCEL_READ:
    case WITC_CANON_FUTURE_CANCEL_WRITE:
        WITC_TRY(read_u32(r, "type index", &c->type));
        return read_bool(r, "async", &c->flag);
    case WITC_CANON_SUBTASK_CANCEL:
    case WITC_CANON_THREAD_YIELD:
    case WITC_CANON_THREAD_SUSPEND:
    case WITC_CANON_THREAD_SUSPEND_THEN_RESUME:
    case WITC_CANON_THREAD_YIELD_THEN_RESUME:
    case WITC_CANON_THREAD_SUSPEND_THEN_PROMOTE:
    case WITC_CANON_THREAD_YIELD_THEN_PROMOTE:
        return read_bool(r, "async", &c->flag);
    case WITC_CANON_THREAD_NEW_INDIRECT:
    case WITC_CANON_THREAD_SPAWN_INDIRECT:
        WITC_TRY(read_u32(r, "type index", &c->type));
        return read_u32(r, "table index", &c->table);
    case WITC_CANON_THREAD_SPAWN_REF:
    case WITC_CANON_RESOURCE_NEW:
    case WITC_CANON_RESOURCE_DROP:
    case WITC_CANON_RESOURCE_REP:
    case WITC_CANON_STREAM_NEW:
    case WITC_CANON_STREAM_DROP_READABLE:
    case WITC_CANON_STREAM_DROP_WRITABLE:
    case WITC_CANON_FUTURE_NEW:
    case WITC_CANON_FUTURE_DROP_READABLE:
    case WITC_CANON_FUTURE_DROP_WRITABLE:
        return read_u32(r, "type index", &c->type);
    default:
        return WITC_OK;
    }
}

static witc_status read_instance(reader *r, witc_cm_instance *in, bool core)
{
    in->offset = pos(r);
    WITC_TRY(read_u8(r, "instance", &in->kind));
    if (in->kind == 0x00) {
        WITC_TRY(read_u32(r, core ? "module index" : "component index", &in->target));
        WITC_TRY(read_count_max(r, "instantiation arguments", MAX_INSTANTIATION_ARGS, &in->n_args));
        ALLOC_N(r, in->args, in->n_args);
        for (uint32_t i = 0; i < in->n_args; i++) {
            witc_cm_inst_arg *a = &in->args[i];
            WITC_TRY(read_name(r, "instantiation argument name", &a->name));
            if (core) {
                uint8_t k;
                WITC_TRY(read_u8(r, "instantiation argument kind", &k));
                if (k != 0x12)
                    return fail_at(r, pos(r) - 1, "invalid leading byte",
                                   "instantiation argument kind");
                a->item.sort = WITC_CM_SORT_CORE_BASE + k;
                WITC_TRY(read_u32(r, "instance index", &a->item.idx));
            } else {
                WITC_TRY(read_sort(r, &a->item.sort));
                WITC_TRY(read_u32(r, "instantiation argument index", &a->item.idx));
            }
        }
        return WITC_OK;
    }
    if (in->kind != 0x01)
        return fail_at(r, in->offset, "invalid leading byte", core ? "core instance" : "instance");
    WITC_TRY(read_count_max(r, "inline exports", MAX_INSTANTIATION_EXPORTS, &in->n_args));
    ALLOC_N(r, in->args, in->n_args);
    for (uint32_t i = 0; i < in->n_args; i++) {
        witc_cm_inst_arg *a = &in->args[i];
        if (core) {
            WITC_TRY(read_name(r, "export name", &a->name));
            WITC_TRY(read_core_sort(r, &a->item.sort));
        } else {
            WITC_TRY(read_nameattrs(r, &a->nameattrs));
            a->name = a->nameattrs.name;
            WITC_TRY(read_sort(r, &a->item.sort));
        }
        WITC_TRY(read_u32(r, "export index", &a->item.idx));
    }
    return WITC_OK;
}

static witc_status decode_at(reader *r, witc_component *c);

/* One section's items: the section reader `s` ends at the section end. */
static witc_status read_section(reader *s, witc_cm_section *sec)
{
    uint32_t n = 0;
    switch (sec->id) {
    case WITC_CSEC_CUSTOM:
        WITC_TRY(read_name(s, "custom section name", &sec->custom_name));
        return read_bytes(s, (uint32_t)left(s), "custom section", &sec->payload);
    case WITC_CSEC_CORE_MODULE:
        return read_bytes(s, (uint32_t)left(s), "core module", &sec->payload);
    case WITC_CSEC_COMPONENT: {
        if (s->depth + 1 > witc_ctx_limits(s->ctx)->component_nesting) {
            witc_diag_error_at(s->w.diags, s->w.file, pos(s), "components nested too deeply");
            s->failed = true;
            return WITC_E_LIMIT;
        }
        sec->u.component = WITC_ARENA_NEW(s->arena, witc_component);
        if (!sec->u.component)
            return nomem(s);
        reader sub = *s; /* shares start and base: offsets stay those of the outer file */
        sub.depth = s->depth + 1;
        WITC_TRY(decode_at(&sub, sec->u.component));
        s->w.cur = sub.w.end;
        s->failed = sub.failed;
        return WITC_OK;
    }
    case WITC_CSEC_START: {
        witc_cm_start *st = &sec->start;
        st->offset = pos(s);
        WITC_TRY(read_u32(s, "start function", &st->func));
        WITC_TRY(read_count_max(s, "start arguments", MAX_START_ARGS, &st->n_args));
        ALLOC_N(s, st->args, st->n_args);
        for (uint32_t i = 0; i < st->n_args; i++)
            WITC_TRY(read_u32(s, "start argument", &st->args[i]));
        return read_u32(s, "start results", &st->n_results);
    }
    default:
        break;
    }
    WITC_TRY(read_count(s, "section items", &n));
    sec->n = n;
    switch (sec->id) {
    case WITC_CSEC_CORE_INSTANCE:
    case WITC_CSEC_INSTANCE:
        ALLOC_N(s, sec->u.instances, n);
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(read_instance(s, &sec->u.instances[i], sec->id == WITC_CSEC_CORE_INSTANCE));
        return WITC_OK;
    case WITC_CSEC_CORE_TYPE:
        ALLOC_N(s, sec->u.core_types, n);
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(read_core_type(s, &sec->u.core_types[i]));
        return WITC_OK;
    case WITC_CSEC_ALIAS:
        ALLOC_N(s, sec->u.aliases, n);
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(read_alias(s, &sec->u.aliases[i]));
        return WITC_OK;
    case WITC_CSEC_TYPE:
        ALLOC_N(s, sec->u.types, n);
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(read_type(s, 1, &sec->u.types[i]));
        return WITC_OK;
    case WITC_CSEC_CANON:
        ALLOC_N(s, sec->u.canons, n);
        for (uint32_t i = 0; i < n; i++)
            WITC_TRY(read_canon(s, &sec->u.canons[i]));
        return WITC_OK;
    case WITC_CSEC_IMPORT:
        ALLOC_N(s, sec->u.imports, n);
        for (uint32_t i = 0; i < n; i++) {
            sec->u.imports[i].offset = pos(s);
            WITC_TRY(read_nameattrs(s, &sec->u.imports[i].name));
            WITC_TRY(read_externtype(s, &sec->u.imports[i].ext));
        }
        return WITC_OK;
    case WITC_CSEC_EXPORT:
        ALLOC_N(s, sec->u.exports, n);
        for (uint32_t i = 0; i < n; i++) {
            witc_cm_export *e = &sec->u.exports[i];
            e->offset = pos(s);
            WITC_TRY(read_nameattrs(s, &e->name));
            WITC_TRY(read_sort(s, &e->item.sort));
            WITC_TRY(read_u32(s, "export index", &e->item.idx));
            uint8_t b;
            WITC_TRY(read_u8(s, "export type ascription", &b));
            if (b == 1) {
                e->has_ascription = true;
                WITC_TRY(read_externtype(s, &e->ext));
            } else if (b != 0) {
                return fail_at(s, pos(s) - 1, "invalid leading byte", "export type ascription");
            }
        }
        return WITC_OK;
    default:
        return fail_at(s, sec->offset, "invalid section id", "component section");
    }
}

static const char *section_name(uint8_t id)
{
    switch (id) {
#define WITC_CSEC(NAME, code, text)                                                                \
    case code:                                                                                     \
        return text " section";
#include "wasm-format/component-section.def"
#undef WITC_CSEC
    default:
        return "section";
    }
}

static witc_status decode_at(reader *r, witc_component *c)
{
    static const uint8_t preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    c->offset = pos(r);
    if (left(r) < 4 || memcmp(r->w.cur, preamble, 4) != 0)
        return fail_at(r, pos(r), "magic header not detected", "preamble");
    if (left(r) < 8)
        return fail_at(r, pos(r), "unexpected end", "preamble");
    if (memcmp(r->w.cur + 4, preamble + 4, 4) != 0)
        return fail_at(r, pos(r) + 4, "unknown binary version", "preamble");
    r->w.cur += 8;
    WITC_VEC(witc_cm_section) secs = {0};
    witc_status st = WITC_OK;
    while (r->w.cur != r->w.end) {
        witc_cm_section sec;
        memset(&sec, 0, sizeof sec);
        sec.offset = pos(r);
        uint32_t size;
        if ((st = read_u8(r, "section id", &sec.id)) != WITC_OK)
            break;
        const uint8_t *size_at = r->w.cur;
        if ((st = read_u32(r, "section size", &size)) != WITC_OK)
            break;
        if (sec.id > WITC_CSEC_EXPORT) {
            st = fail_at(r, sec.offset, "malformed section id", "component section");
            break;
        }
        reader s = *r;
        const char *what = section_name(sec.id);
        if ((st = noted(r, witc_reader_sub(&r->w, size, size_at, what, &s.w))) != WITC_OK)
            break;
        st = read_section(&s, &sec);
        r->failed = s.failed;
        if (st != WITC_OK)
            break;
        if ((st = noted(r, witc_reader_finish(&s.w, what))) != WITC_OK)
            break;
        if (!WITC_VEC_PUSH(r->ctx, &secs, sec)) {
            st = nomem(r);
            break;
        }
    }
    if (st == WITC_OK) {
        c->n_sections = (uint32_t)secs.len;
        c->sections = alloc_array(r, secs.len, sizeof *c->sections);
        if (!c->sections)
            st = nomem(r);
        else if (secs.len)
            memcpy(c->sections, secs.items, secs.len * sizeof *c->sections);
    }
    WITC_VEC_FREE(r->ctx, &secs);
    return st;
}

witc_status witc_cm_decode(witc_ctx *ctx, witc_arena *arena, const uint8_t *bytes, size_t len,
                           const char *file, uint64_t base, uint32_t depth, witc_component **out)
{
    reader r;
    memset(&r, 0, sizeof r);
    witc_reader_init(&r.w, bytes, len, base, file, witc_ctx_diags(ctx));
    r.ctx = ctx;
    r.arena = arena;
    r.depth = depth;
    witc_component *c = WITC_ARENA_NEW(arena, witc_component);
    if (!c)
        return nomem(&r);
    WITC_TRY(decode_at(&r, c));
    *out = c;
    return WITC_OK;
}

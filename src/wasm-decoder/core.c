/* SPDX-License-Identifier: Apache-2.0 */
/* The core module decoder: bytes -> witc_wasm_module (core spec 5.5 "Modules", with the
 * proposals' binary additions). It reports malformed input only; every type and index rule
 * is the validator's (src/validate/core.c). One function per section, each bounded by a
 * sub-reader that must be consumed exactly (wasm3's ParseSection_*). */
#include "witc/wasm.h"

#include <string.h>

#include "support/arena.h"
#include "support/limits.h"
#include "wasm-format/module.h"
#include "wasm-format/opcodes.h"
#include "wasm-format/reader.h"

typedef struct dec {
    witc_ctx *ctx;
    const witc_wasm_features *features;
    witc_wasm_module *m;
    bool check_bodies;
    uint32_t cap_sections, cap_customs; /* capacities of m->sections and m->customs */
    uint32_t max_locals;                /* witc_limits.wasm_function_locals, resolved */
} dec;

static witc_status nomem(witc_reader *r)
{
    witc_reader_fail(r, r->cur, "out of memory");
    return WITC_E_NOMEM;
}

#define NEW_ARRAY(d, r, T, n, out)                                                                 \
    do {                                                                                           \
        (out) = WITC_ARENA_NEW_ARRAY(&(d)->m->arena, T, (n));                                      \
        if (!(out))                                                                                \
            return nomem(r);                                                                       \
    } while (0)

static witc_status read_bytes_ref(witc_reader *r, const char *what, bool name, witc_wasm_bytes *out)
{
    out->offset = witc_reader_offset(r);
    if (name)
        return witc_reader_name(r, what, &out->ptr, &out->len);
    return witc_reader_vec_bytes(r, what, &out->ptr, &out->len);
}

/* Skips one constant expression up to and including its final `end`, through the operator
 * reader so that `end` bytes inside immediates are not mistaken for the end. */
static witc_status read_expr(dec *d, witc_reader *r, const char *what, witc_wasm_expr *out)
{
    const uint8_t *start = r->cur;
    out->offset = witc_reader_offset(r);
    witc_op_reader o;
    witc_op_reader_init(&o, d->ctx, d->features, r);
    witc_status st = WITC_OK;
    uint32_t depth = 0;
    for (;;) {
        witc_op op;
        if (witc_reader_at_end(&o.r)) {
            st =
                witc_reader_fail(&o.r, o.r.cur, "unexpected end of section or function (%s)", what);
            break;
        }
        st = witc_op_read(&o, &op);
        if (st != WITC_OK)
            break;
        if (op.prefix == 0 && op.info) {
            if (op.code == 0x02 || op.code == 0x03 || op.code == 0x04 || op.code == 0x06 ||
                op.code == 0x1f)
                depth++;
            else if (op.code == 0x0b) {
                if (depth == 0)
                    break;
                depth--;
            }
        }
    }
    r->cur = o.r.cur;
    witc_op_reader_release(&o);
    if (st != WITC_OK)
        return st;
    out->ptr = start;
    out->len = (uint32_t)(r->cur - start);
    return WITC_OK;
}

static witc_status read_limits(const dec *d, witc_reader *r, bool table, witc_wasm_limits *l)
{
    const uint8_t *at = r->cur;
    uint8_t flags = 0;
    WITC_TRY(witc_reader_u8(r, "limits flags", &flags));
    /* bit 0: max present, bit 1: shared, bit 2: 64-bit, bit 3: custom page size */
    if (flags & ~(table ? 0x07u : d->features->custom_page_sizes ? 0x0fu : 0x07u))
        return witc_reader_fail(r, at, "malformed limits flags (limits flags)");
    l->flags = flags;
    l->has_max = flags & 1;
    l->shared = (flags & 2) != 0;
    l->is64 = (flags & 4) != 0;
    l->has_page_size = (flags & 8) != 0;
    if (l->is64) {
        WITC_TRY(witc_reader_u64(r, "limits minimum", &l->min));
        if (l->has_max)
            WITC_TRY(witc_reader_u64(r, "limits maximum", &l->max));
    } else {
        uint32_t v = 0;
        WITC_TRY(witc_reader_u32(r, "limits minimum", &v));
        l->min = v;
        if (l->has_max) {
            WITC_TRY(witc_reader_u32(r, "limits maximum", &v));
            l->max = v;
        }
    }
    if (l->has_page_size)
        WITC_TRY(witc_reader_u32(r, "page size", &l->page_size_log2));
    return WITC_OK;
}

static witc_status read_table_type(const dec *d, witc_reader *r, witc_wasm_table *t)
{
    t->offset = witc_reader_offset(r);
    WITC_TRY(witc_read_reftype(r, "table element type", &t->elem));
    return read_limits(d, r, true, &t->limits);
}

static witc_status read_global_type(witc_reader *r, witc_wasm_globaltype *g)
{
    WITC_TRY(witc_read_valtype(r, "global type", &g->type));
    const uint8_t *at = r->cur;
    uint8_t mut = 0;
    WITC_TRY(witc_reader_u8(r, "global mutability", &mut));
    if (mut > 3)
        return witc_reader_fail(r, at, "malformed mutability (global mutability)");
    g->mut = mut & 1;
    g->shared = (mut & 2) != 0;
    return WITC_OK;
}

static witc_status read_tag_type(witc_reader *r, witc_wasm_tag *t)
{
    t->offset = witc_reader_offset(r);
    const uint8_t *at = r->cur;
    WITC_TRY(witc_reader_u8(r, "tag attribute", &t->attribute));
    if (t->attribute != 0)
        return witc_reader_fail(r, at, "malformed tag attribute (tag attribute)");
    return witc_reader_u32(r, "tag type", &t->type);
}

static witc_status read_valtypes(dec *d, witc_reader *r, const char *what, uint32_t *out_n,
                                 witc_valtype **out)
{
    uint32_t n = 0;
    WITC_TRY(witc_reader_count(r, what, &n));
    witc_valtype *v;
    NEW_ARRAY(d, r, witc_valtype, n, v);
    for (uint32_t i = 0; i < n; i++)
        WITC_TRY(witc_read_valtype(r, what, &v[i]));
    *out_n = n;
    *out = v;
    return WITC_OK;
}

static witc_status read_field(witc_reader *r, witc_wasm_field *f)
{
    uint8_t b = 0;
    WITC_TRY(witc_reader_peek_u8(r, "field type", &b));
    if (b == WITC_TYPE_I8 || b == WITC_TYPE_I16) {
        r->cur++;
        f->type = b;
    } else {
        WITC_TRY(witc_read_valtype(r, "field type", &f->type));
    }
    const uint8_t *at = r->cur;
    uint8_t mut = 0;
    WITC_TRY(witc_reader_u8(r, "field mutability", &mut));
    if (mut > 1)
        return witc_reader_fail(r, at, "malformed mutability (field mutability)");
    f->mut = mut;
    return WITC_OK;
}

static witc_status read_subtype(dec *d, witc_reader *r, witc_wasm_subtype *t)
{
    t->offset = witc_reader_offset(r);
    t->is_final = true;
    const uint8_t *at = r->cur;
    uint8_t form = 0;
    WITC_TRY(witc_reader_u8(r, "type form", &form));
    if (form == 0x50 || form == 0x4f) {
        t->sub_prefix = form;
        t->is_final = form == 0x4f;
        WITC_TRY(witc_reader_count(r, "supertype count", &t->n_supers));
        NEW_ARRAY(d, r, uint32_t, t->n_supers, t->supers);
        for (uint32_t i = 0; i < t->n_supers; i++)
            WITC_TRY(witc_reader_u32(r, "supertype index", &t->supers[i]));
        at = r->cur;
        WITC_TRY(witc_reader_u8(r, "type form", &form));
    }
    t->kind = form;
    switch (form) {
    case WITC_COMP_FUNC:
        WITC_TRY(read_valtypes(d, r, "parameter types", &t->n_params, &t->params));
        return read_valtypes(d, r, "result types", &t->n_results, &t->results);
    case WITC_COMP_STRUCT:
        WITC_TRY(witc_reader_count(r, "field count", &t->n_fields));
        NEW_ARRAY(d, r, witc_wasm_field, t->n_fields, t->fields);
        for (uint32_t i = 0; i < t->n_fields; i++)
            WITC_TRY(read_field(r, &t->fields[i]));
        return WITC_OK;
    case WITC_COMP_ARRAY:
        t->n_fields = 1;
        NEW_ARRAY(d, r, witc_wasm_field, 1, t->fields);
        return read_field(r, &t->fields[0]);
    default:
        return witc_reader_fail(r, at, "malformed type form (type form 0x%02x)", form);
    }
}

static witc_status read_type_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    uint32_t n = 0;
    WITC_TRY(witc_reader_count(r, "type count", &n));
    /* Every group holds at least one type, except `rec` groups of zero, which are rare:
     * grow the type array when needed. */
    uint32_t cap = n;
    NEW_ARRAY(d, r, witc_wasm_subtype, cap, m->types);
    NEW_ARRAY(d, r, witc_wasm_rec_group, n, m->rec_groups);
    for (uint32_t g = 0; g < n; g++) {
        uint8_t b = 0;
        WITC_TRY(witc_reader_peek_u8(r, "type form", &b));
        uint32_t count = 1;
        bool rec = b == 0x4e;
        if (rec) {
            r->cur++;
            WITC_TRY(witc_reader_count(r, "rec group size", &count));
        }
        if (count > cap - m->n_types) {
            uint32_t need = m->n_types + count;
            if (need < 2 * cap) /* geometric growth: no quadratic copying */
                need = 2 * cap;
            witc_wasm_subtype *grown =
                witc_arena_grow_array(&m->arena, m->types, m->n_types, need, sizeof *m->types);
            if (!grown)
                return nomem(r);
            m->types = grown;
            cap = need;
        }
        m->rec_groups[g] = (witc_wasm_rec_group){rec, m->n_types, count};
        for (uint32_t i = 0; i < count; i++) {
            witc_wasm_subtype *t = &m->types[m->n_types];
            memset(t, 0, sizeof *t);
            t->rec_group = g;
            WITC_TRY(read_subtype(d, r, t));
            m->n_types++;
        }
        m->n_rec_groups++;
    }
    return WITC_OK;
}

/* An import's type: the kind byte and its descriptor. */
static witc_status read_import_desc(dec *d, witc_reader *r, witc_wasm_import *im)
{
    const uint8_t *at = r->cur;
    WITC_TRY(witc_reader_u8(r, "import kind", &im->kind));
    switch (im->kind) {
    case WITC_EXTERN_FUNC:
        return witc_reader_u32(r, "import function type", &im->func_type);
    case WITC_EXTERN_TABLE:
        return read_table_type(d, r, &im->table);
    case WITC_EXTERN_MEMORY:
        im->memory.offset = witc_reader_offset(r);
        return read_limits(d, r, false, &im->memory.limits);
    case WITC_EXTERN_GLOBAL:
        return read_global_type(r, &im->global);
    case WITC_EXTERN_TAG:
        return read_tag_type(r, &im->tag);
    default:
        return witc_reader_fail(r, at, "malformed import kind (import kind 0x%02x)", im->kind);
    }
}

/* Room for one more import (groups of compact imports expand to several). */
static witc_status next_import(dec *d, witc_reader *r, uint32_t *cap, witc_wasm_import **out)
{
    witc_wasm_module *m = d->m;
    if (m->n_imports == *cap) {
        uint32_t new_cap = *cap ? 2 * *cap : 8;
        witc_wasm_import *grown =
            witc_arena_grow_array(&m->arena, m->imports, m->n_imports, new_cap, sizeof *m->imports);
        if (!grown)
            return nomem(r);
        m->imports = grown;
        *cap = new_cap;
    }
    *out = &m->imports[m->n_imports++];
    memset(*out, 0, sizeof **out);
    return WITC_OK;
}

/* Entries are single imports, or (compact-imports proposal) an empty item name then 0x7f and
 * a vector of (name, type), or 0x7e, one type and a vector of names. */
static witc_status read_import_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    uint32_t n_groups = 0, cap = 0;
    WITC_TRY(witc_reader_count(r, "import count", &n_groups));
    m->n_import_groups = n_groups;
    for (uint32_t g = 0; g < n_groups; g++) {
        const uint64_t offset = witc_reader_offset(r);
        witc_wasm_bytes module, name;
        WITC_TRY(read_bytes_ref(r, "import module name", true, &module));
        WITC_TRY(read_bytes_ref(r, "import name", true, &name));
        uint8_t form = 0;
        if (name.len == 0 && d->features->compact_imports && !witc_reader_at_end(r) &&
            (*r->cur == 0x7f || *r->cur == 0x7e))
            form = *r->cur++;
        witc_wasm_import *im = NULL;
        if (form == 0) {
            WITC_TRY(next_import(d, r, &cap, &im));
            *im = (witc_wasm_import){.module = module, .name = name, .offset = offset, .group = g};
            WITC_TRY(read_import_desc(d, r, im));
            continue;
        }
        witc_wasm_import shared = {.module = module, .offset = offset};
        if (form == 0x7e)
            WITC_TRY(read_import_desc(d, r, &shared));
        uint32_t n = 0;
        WITC_TRY(witc_reader_count(r, "compact import count", &n));
        for (uint32_t i = 0; i < n; i++) {
            WITC_TRY(next_import(d, r, &cap, &im));
            *im = shared;
            im->offset = witc_reader_offset(r);
            WITC_TRY(read_bytes_ref(r, "import name", true, &im->name));
            if (form == 0x7f)
                WITC_TRY(read_import_desc(d, r, im));
            im->compact = form;
            im->group = g;
        }
    }
    for (uint32_t i = 0; i < m->n_imports; i++) {
        switch (m->imports[i].kind) {
        case WITC_EXTERN_FUNC:
            m->n_imported_funcs++;
            break;
        case WITC_EXTERN_TABLE:
            m->n_imported_tables++;
            break;
        case WITC_EXTERN_MEMORY:
            m->n_imported_memories++;
            break;
        case WITC_EXTERN_GLOBAL:
            m->n_imported_globals++;
            break;
        default:
            m->n_imported_tags++;
            break;
        }
    }
    return WITC_OK;
}

static witc_status read_function_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "function count", &m->n_funcs));
    NEW_ARRAY(d, r, uint32_t, m->n_funcs, m->func_types);
    for (uint32_t i = 0; i < m->n_funcs; i++)
        WITC_TRY(witc_reader_u32(r, "function type index", &m->func_types[i]));
    m->has_function_section = true;
    return WITC_OK;
}

static witc_status read_table_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "table count", &m->n_tables));
    NEW_ARRAY(d, r, witc_wasm_table, m->n_tables, m->tables);
    for (uint32_t i = 0; i < m->n_tables; i++) {
        witc_wasm_table *t = &m->tables[i];
        uint8_t b = 0;
        WITC_TRY(witc_reader_peek_u8(r, "table type", &b));
        if (b == 0x40) {
            const uint8_t *at = r->cur++;
            uint8_t z = 0;
            WITC_TRY(witc_reader_u8(r, "table type", &z));
            if (z != 0)
                return witc_reader_fail(r, at, "malformed table type (table type)");
            t->has_init = true;
        }
        WITC_TRY(read_table_type(d, r, t));
        if (t->has_init)
            WITC_TRY(read_expr(d, r, "table initializer", &t->init));
    }
    return WITC_OK;
}

static witc_status read_memory_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "memory count", &m->n_memories));
    NEW_ARRAY(d, r, witc_wasm_memory, m->n_memories, m->memories);
    for (uint32_t i = 0; i < m->n_memories; i++) {
        m->memories[i].offset = witc_reader_offset(r);
        WITC_TRY(read_limits(d, r, false, &m->memories[i].limits));
    }
    return WITC_OK;
}

static witc_status read_tag_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "tag count", &m->n_tags));
    NEW_ARRAY(d, r, witc_wasm_tag, m->n_tags, m->tags);
    for (uint32_t i = 0; i < m->n_tags; i++)
        WITC_TRY(read_tag_type(r, &m->tags[i]));
    return WITC_OK;
}

static witc_status read_global_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "global count", &m->n_globals));
    NEW_ARRAY(d, r, witc_wasm_global, m->n_globals, m->globals);
    for (uint32_t i = 0; i < m->n_globals; i++) {
        witc_wasm_global *g = &m->globals[i];
        g->offset = witc_reader_offset(r);
        WITC_TRY(read_global_type(r, &g->type));
        WITC_TRY(read_expr(d, r, "global initializer", &g->init));
    }
    return WITC_OK;
}

static witc_status read_export_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "export count", &m->n_exports));
    NEW_ARRAY(d, r, witc_wasm_export, m->n_exports, m->exports);
    for (uint32_t i = 0; i < m->n_exports; i++) {
        witc_wasm_export *e = &m->exports[i];
        e->offset = witc_reader_offset(r);
        WITC_TRY(read_bytes_ref(r, "export name", true, &e->name));
        const uint8_t *at = r->cur;
        WITC_TRY(witc_reader_u8(r, "export kind", &e->kind));
        if (e->kind > WITC_EXTERN_TAG)
            return witc_reader_fail(r, at, "malformed export kind (export kind 0x%02x)", e->kind);
        WITC_TRY(witc_reader_u32(r, "export index", &e->index));
    }
    return WITC_OK;
}

static witc_status read_start_section(dec *d, witc_reader *r)
{
    d->m->has_start = true;
    d->m->start_offset = witc_reader_offset(r);
    return witc_reader_u32(r, "start function", &d->m->start);
}

static witc_status read_elem_kind(witc_reader *r)
{
    const uint8_t *at = r->cur;
    uint8_t k = 0;
    WITC_TRY(witc_reader_u8(r, "element kind", &k));
    if (k != 0)
        return witc_reader_fail(r, at, "malformed element kind (element kind)");
    return WITC_OK;
}

static witc_status read_element_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "element segment count", &m->n_elems));
    NEW_ARRAY(d, r, witc_wasm_elem, m->n_elems, m->elems);
    for (uint32_t i = 0; i < m->n_elems; i++) {
        witc_wasm_elem *e = &m->elems[i];
        e->offset = witc_reader_offset(r);
        const uint8_t *at = r->cur;
        uint32_t flags = 0;
        WITC_TRY(witc_reader_u32(r, "element segment flags", &flags));
        if (flags > 7)
            return witc_reader_fail(r, at,
                                    "malformed elements segment kind (element segment flags)");
        e->flags = (uint8_t)flags;
        e->uses_exprs = (flags & 4) != 0;
        e->type = WITC_VT_FUNCREF;
        if (flags & 1)
            e->mode = (flags & 2) ? WITC_SEG_DECLARATIVE : WITC_SEG_PASSIVE;
        else
            e->mode = WITC_SEG_ACTIVE;
        if (e->mode == WITC_SEG_ACTIVE) {
            if (flags & 2)
                WITC_TRY(witc_reader_u32(r, "element table index", &e->table));
            WITC_TRY(read_expr(d, r, "element offset", &e->offset_expr));
        }
        if (flags & 3) { /* an explicit element kind or type */
            if (e->uses_exprs)
                WITC_TRY(witc_read_reftype(r, "element type", &e->type));
            else
                WITC_TRY(read_elem_kind(r));
        }
        WITC_TRY(witc_reader_count(r, "element count", &e->n_items));
        if (e->uses_exprs) {
            NEW_ARRAY(d, r, witc_wasm_expr, e->n_items, e->exprs);
            for (uint32_t k = 0; k < e->n_items; k++)
                WITC_TRY(read_expr(d, r, "element expression", &e->exprs[k]));
        } else {
            NEW_ARRAY(d, r, uint32_t, e->n_items, e->funcs);
            for (uint32_t k = 0; k < e->n_items; k++)
                WITC_TRY(witc_reader_u32(r, "element function index", &e->funcs[k]));
        }
    }
    return WITC_OK;
}

static witc_status read_data_count_section(dec *d, witc_reader *r)
{
    d->m->has_data_count = true;
    return witc_reader_u32(r, "data count", &d->m->data_count);
}

/* Walks a function body with the operator reader: the last `end` must close the function
 * exactly at the body's end. */
static witc_status check_body(dec *d, witc_reader *body)
{
    witc_op_reader o;
    witc_op_reader_init(&o, d->ctx, d->features, body);
    witc_status st = WITC_OK;
    uint64_t depth = 1;
    while (depth > 0) {
        if (witc_reader_at_end(&o.r)) {
            st = witc_reader_fail(&o.r, o.r.cur,
                                  "unexpected end of section or function (function body)");
            break;
        }
        witc_op op;
        st = witc_op_read(&o, &op);
        if (st != WITC_OK)
            break;
        if (op.prefix != 0 || !op.info)
            continue;
        switch (op.code) {
        case 0x02:
        case 0x03:
        case 0x04:
        case 0x06:
        case 0x1f:
            depth++;
            break;
        case 0x0b:
            depth--;
            break;
        case 0x18: /* delegate ends a try */
            depth--;
            break;
        default:
            break;
        }
    }
    if (st == WITC_OK && !witc_reader_at_end(&o.r))
        st = witc_reader_fail(&o.r, o.r.cur, "section size mismatch (function body)");
    witc_op_reader_release(&o);
    return st;
}

static witc_status read_code_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "function body count", &m->n_codes));
    NEW_ARRAY(d, r, witc_wasm_code, m->n_codes, m->codes);
    m->has_code_section = true;
    for (uint32_t i = 0; i < m->n_codes; i++) {
        witc_wasm_code *c = &m->codes[i];
        c->offset = witc_reader_offset(r);
        const uint8_t *size_at = r->cur;
        uint32_t size = 0;
        WITC_TRY(witc_reader_u32(r, "function body size", &size));
        witc_reader body;
        WITC_TRY(witc_reader_sub(r, size, size_at, "function body", &body));
        WITC_TRY(witc_reader_count(&body, "local group count", &c->n_runs));
        NEW_ARRAY(d, r, witc_wasm_local_run, c->n_runs, c->runs);
        for (uint32_t k = 0; k < c->n_runs; k++) {
            const uint8_t *at = body.cur;
            WITC_TRY(witc_reader_u32(&body, "local count", &c->runs[k].count));
            c->n_locals += c->runs[k].count;
            if (c->n_locals > d->max_locals)
                return witc_reader_fail(&body, at, "too many locals (local count)");
            WITC_TRY(witc_read_valtype(&body, "local type", &c->runs[k].type));
        }
        c->body.ptr = body.cur;
        c->body.len = (uint32_t)witc_reader_left(&body);
        c->body.offset = witc_reader_offset(&body);
        if (d->check_bodies)
            WITC_TRY(check_body(d, &body));
    }
    return WITC_OK;
}

static witc_status read_data_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    WITC_TRY(witc_reader_count(r, "data segment count", &m->n_datas));
    NEW_ARRAY(d, r, witc_wasm_data, m->n_datas, m->datas);
    for (uint32_t i = 0; i < m->n_datas; i++) {
        witc_wasm_data *s = &m->datas[i];
        s->offset = witc_reader_offset(r);
        const uint8_t *at = r->cur;
        uint32_t flags = 0;
        WITC_TRY(witc_reader_u32(r, "data segment flags", &flags));
        if (flags > 2)
            return witc_reader_fail(r, at, "malformed data segment kind (data segment flags)");
        s->flags = (uint8_t)flags;
        s->mode = flags == 1 ? WITC_SEG_PASSIVE : WITC_SEG_ACTIVE;
        if (flags == 2)
            WITC_TRY(witc_reader_u32(r, "data memory index", &s->memory));
        if (flags != 1)
            WITC_TRY(read_expr(d, r, "data offset", &s->offset_expr));
        WITC_TRY(read_bytes_ref(r, "data segment", false, &s->bytes));
    }
    return WITC_OK;
}

static witc_status add_section_ref(dec *d, witc_reader *r, uint8_t id, uint32_t custom,
                                   uint64_t offset)
{
    witc_wasm_module *m = d->m;
    if (m->n_sections == d->cap_sections) {
        uint32_t cap = d->cap_sections ? 2 * d->cap_sections : 16;
        witc_wasm_section_ref *grown =
            witc_arena_grow_array(&m->arena, m->sections, m->n_sections, cap, sizeof *m->sections);
        if (!grown)
            return nomem(r);
        m->sections = grown;
        d->cap_sections = cap;
    }
    m->sections[m->n_sections++] = (witc_wasm_section_ref){id, custom, offset};
    return WITC_OK;
}

static witc_status read_custom_section(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    witc_wasm_custom c;
    WITC_TRY(read_bytes_ref(r, "custom section name", true, &c.name));
    c.payload.ptr = r->cur;
    c.payload.len = (uint32_t)witc_reader_left(r);
    c.payload.offset = witc_reader_offset(r);
    r->cur = r->end;
    if (m->n_customs == d->cap_customs) {
        uint32_t cap = d->cap_customs ? 2 * d->cap_customs : 4;
        witc_wasm_custom *grown =
            witc_arena_grow_array(&m->arena, m->customs, m->n_customs, cap, sizeof *m->customs);
        if (!grown)
            return nomem(r);
        m->customs = grown;
        d->cap_customs = cap;
    }
    m->customs[m->n_customs++] = c;
    return WITC_OK;
}

/* Canonical rank of a section id (the row index in sections.def), or -1. */
static int section_rank(uint8_t id)
{
    static const uint8_t order[] = {
#define WITC_SEC(NAME, id, text) id,
#include "wasm-format/sections.def"
#undef WITC_SEC
    };
    for (int i = 0; i < (int)sizeof order; i++)
        if (order[i] == id)
            return i;
    return -1;
}

static witc_status read_section(dec *d, uint8_t id, witc_reader *s)
{
    switch (id) {
    case WITC_SEC_TYPE:
        return read_type_section(d, s);
    case WITC_SEC_IMPORT:
        return read_import_section(d, s);
    case WITC_SEC_FUNCTION:
        return read_function_section(d, s);
    case WITC_SEC_TABLE:
        return read_table_section(d, s);
    case WITC_SEC_MEMORY:
        return read_memory_section(d, s);
    case WITC_SEC_TAG:
        return read_tag_section(d, s);
    case WITC_SEC_GLOBAL:
        return read_global_section(d, s);
    case WITC_SEC_EXPORT:
        return read_export_section(d, s);
    case WITC_SEC_START:
        return read_start_section(d, s);
    case WITC_SEC_ELEMENT:
        return read_element_section(d, s);
    case WITC_SEC_DATA_COUNT:
        return read_data_count_section(d, s);
    case WITC_SEC_CODE:
        return read_code_section(d, s);
    case WITC_SEC_DATA:
        return read_data_section(d, s);
    default:
        return read_custom_section(d, s);
    }
}

/* Four preamble bytes; fewer is "unexpected end" (binary.wast). */
static witc_status expect_bytes(witc_reader *r, const uint8_t want[4], const char *words)
{
    if (witc_reader_left(r) < 4)
        return witc_reader_fail(r, r->end, "unexpected end (preamble)");
    if (memcmp(r->cur, want, 4) != 0)
        return witc_reader_fail(r, r->cur, "%s (preamble)", words);
    r->cur += 4;
    return WITC_OK;
}

static witc_status decode(dec *d, witc_reader *r)
{
    witc_wasm_module *m = d->m;
    static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6d};
    static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
    WITC_TRY(expect_bytes(r, magic, "magic header not detected"));
    WITC_TRY(expect_bytes(r, version, "unknown binary version"));
    int last_rank = -1;
    while (!witc_reader_at_end(r)) {
        const uint8_t *id_at = r->cur;
        uint8_t id = 0;
        WITC_TRY(witc_reader_u8(r, "section id", &id));
        int rank = 0;
        if (id != WITC_SEC_CUSTOM) {
            rank = section_rank(id);
            if (rank < 0)
                return witc_reader_fail(r, id_at, "malformed section id (section id %u)", id);
            if (rank <= last_rank)
                return witc_reader_fail(
                    r, id_at, "unexpected content after last section (section id %u)", id);
            last_rank = rank;
        }
        const uint8_t *size_at = r->cur;
        uint32_t size = 0;
        WITC_TRY(witc_reader_u32(r, "section size", &size));
        witc_reader s;
        WITC_TRY(witc_reader_sub(r, size, size_at, "section", &s));
        WITC_TRY(
            add_section_ref(d, r, id, id == 0 ? m->n_customs : 0, witc_reader_offset_of(r, id_at)));
        if (id == WITC_SEC_CODE)
            m->code_offset = witc_reader_offset_of(r, id_at);
        WITC_TRY(read_section(d, id, &s));
        WITC_TRY(witc_reader_finish(&s, "section"));
    }
    if (m->n_funcs != m->n_codes)
        return witc_reader_fail_at(r, m->has_code_section ? m->code_offset : witc_reader_offset(r),
                                   "function and code section have inconsistent lengths");
    if (m->has_data_count && m->data_count != m->n_datas)
        return witc_reader_fail(r, r->cur, "data count and data section have inconsistent lengths");
    return WITC_OK;
}

witc_status witc_wasm_decode_module(witc_ctx *ctx, const witc_wasm_features *features,
                                    const uint8_t *bytes, size_t len, const char *file,
                                    uint64_t base, bool check_bodies, witc_wasm_module **out_module)
{
    witc_wasm_features defaults;
    if (!features) {
        witc_wasm_features_default(&defaults);
        features = &defaults;
    }
    witc_wasm_module *m = witc_ctx_alloc(ctx, sizeof *m);
    if (!m) {
        witc_diag_error_at(witc_ctx_diags(ctx), file, base, "out of memory");
        return WITC_E_NOMEM;
    }
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    witc_arena_init(&m->arena, ctx);
    m->base = base;
    m->file = file ? witc_arena_strdup(&m->arena, file) : NULL;
    const uint32_t max_locals = witc_ctx_limits(ctx)->wasm_function_locals;
    dec d = {ctx,
             features,
             m,
             check_bodies,
             0,
             0,
             max_locals ? max_locals : WITC_DEFAULT_WASM_FUNCTION_LOCALS};
    witc_reader r;
    witc_reader_init(&r, bytes, len, base, file, witc_ctx_diags(ctx));
    witc_status st = decode(&d, &r);
    if (st != WITC_OK) {
        witc_wasm_module_free(m);
        return st;
    }
    *out_module = m;
    return WITC_OK;
}

witc_status witc_wasm_decode(witc_ctx *ctx, const witc_wasm_features *features,
                             const uint8_t *bytes, size_t len, const char *file,
                             uint64_t base_offset, witc_wasm_module **out_module)
{
    return witc_wasm_decode_module(ctx, features, bytes, len, file, base_offset, true, out_module);
}

void witc_wasm_module_free(witc_wasm_module *m)
{
    if (!m)
        return;
    witc_ctx *ctx = m->ctx;
    witc_arena_release(&m->arena);
    witc_ctx_dealloc(ctx, m);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The core module encoder: witc_wasm_module -> bytes (core spec 5.5). LEBs are written in
 * their shortest form and each section is built in a scratch buffer, then written after its
 * size (STYLE 2.9). Sections come out in the order the module lists them (custom sections
 * back in place), or in canonical order for a module that lists none. Instruction sequences
 * are kept encoded in the IR and written as they are. */
#include "witc/wasm.h"

#include <string.h>

#include "support/buf.h"
#include "wasm-format/module.h"
#include "wasm-format/opcodes.h"

static void put_bytes(witc_buf *b, const witc_wasm_bytes *x)
{
    witc_buf_append(b, x->ptr, x->len);
}

static void put_name(witc_buf *b, const witc_wasm_bytes *x)
{
    witc_buf_uleb(b, x->len);
    witc_buf_append(b, x->ptr, x->len);
}

static void put_limits(witc_buf *b, const witc_wasm_limits *l)
{
    uint8_t flags = (uint8_t)((l->has_max ? 1 : 0) | (l->shared ? 2 : 0) | (l->is64 ? 4 : 0) |
                              (l->has_page_size ? 8 : 0));
    witc_buf_byte(b, flags);
    witc_buf_uleb(b, l->min);
    if (l->has_max)
        witc_buf_uleb(b, l->max);
    if (l->has_page_size)
        witc_buf_uleb(b, l->page_size_log2);
}

static void put_table_type(witc_buf *b, const witc_wasm_table *t)
{
    witc_write_valtype(b, t->elem);
    put_limits(b, &t->limits);
}

static void put_global_type(witc_buf *b, const witc_wasm_globaltype *g)
{
    witc_write_valtype(b, g->type);
    witc_buf_byte(b, (uint8_t)((g->mut ? 1 : 0) | (g->shared ? 2 : 0)));
}

static void put_import_desc(witc_buf *s, const witc_wasm_import *im)
{
    witc_buf_byte(s, im->kind);
    switch (im->kind) {
    case WITC_EXTERN_FUNC:
        witc_buf_uleb(s, im->func_type);
        break;
    case WITC_EXTERN_TABLE:
        put_table_type(s, &im->table);
        break;
    case WITC_EXTERN_MEMORY:
        put_limits(s, &im->memory.limits);
        break;
    case WITC_EXTERN_GLOBAL:
        put_global_type(s, &im->global);
        break;
    default:
        witc_buf_byte(s, im->tag.attribute);
        witc_buf_uleb(s, im->tag.type);
        break;
    }
}

static void put_field(witc_buf *b, const witc_wasm_field *f)
{
    if (f->type == WITC_TYPE_I8 || f->type == WITC_TYPE_I16)
        witc_buf_byte(b, (uint8_t)f->type);
    else
        witc_write_valtype(b, f->type);
    witc_buf_byte(b, f->mut ? 1 : 0);
}

static void put_subtype(witc_buf *b, const witc_wasm_subtype *t)
{
    if (t->sub_prefix) {
        witc_buf_byte(b, t->sub_prefix);
        witc_buf_uleb(b, t->n_supers);
        for (uint32_t i = 0; i < t->n_supers; i++)
            witc_buf_uleb(b, t->supers[i]);
    }
    witc_buf_byte(b, t->kind);
    switch (t->kind) {
    case WITC_COMP_FUNC:
        witc_buf_uleb(b, t->n_params);
        for (uint32_t i = 0; i < t->n_params; i++)
            witc_write_valtype(b, t->params[i]);
        witc_buf_uleb(b, t->n_results);
        for (uint32_t i = 0; i < t->n_results; i++)
            witc_write_valtype(b, t->results[i]);
        break;
    case WITC_COMP_STRUCT:
        witc_buf_uleb(b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++)
            put_field(b, &t->fields[i]);
        break;
    default:
        put_field(b, &t->fields[0]);
        break;
    }
}

static void put_section(const witc_wasm_module *m, uint8_t id, uint32_t custom, witc_buf *s)
{
    switch (id) {
    case WITC_SEC_TYPE:
        witc_buf_uleb(s, m->n_rec_groups);
        for (uint32_t g = 0; g < m->n_rec_groups; g++) {
            const witc_wasm_rec_group *rg = &m->rec_groups[g];
            if (rg->explicit_rec) {
                witc_buf_byte(s, 0x4e);
                witc_buf_uleb(s, rg->count);
            }
            for (uint32_t i = 0; i < rg->count; i++)
                put_subtype(s, &m->types[rg->first + i]);
        }
        break;
    case WITC_SEC_IMPORT: {
        /* Hand-built modules (no group count) write every import on its own. */
        const bool grouped = m->n_import_groups > 0;
        witc_buf_uleb(s, grouped ? m->n_import_groups : m->n_imports);
        for (uint32_t i = 0; i < m->n_imports;) {
            const witc_wasm_import *im = &m->imports[i];
            uint32_t end = i + 1;
            if (grouped && im->compact)
                while (end < m->n_imports && m->imports[end].group == im->group)
                    end++;
            put_name(s, &im->module);
            if (!grouped || !im->compact) {
                put_name(s, &im->name);
                put_import_desc(s, im);
            } else {
                witc_buf_uleb(s, 0); /* the empty item name that announces a group */
                witc_buf_byte(s, im->compact);
                if (im->compact == 0x7e)
                    put_import_desc(s, im);
                witc_buf_uleb(s, end - i);
                for (uint32_t k = i; k < end; k++) {
                    put_name(s, &m->imports[k].name);
                    if (im->compact == 0x7f)
                        put_import_desc(s, &m->imports[k]);
                }
            }
            i = end;
        }
        break;
    }
    case WITC_SEC_FUNCTION:
        witc_buf_uleb(s, m->n_funcs);
        for (uint32_t i = 0; i < m->n_funcs; i++)
            witc_buf_uleb(s, m->func_types[i]);
        break;
    case WITC_SEC_TABLE:
        witc_buf_uleb(s, m->n_tables);
        for (uint32_t i = 0; i < m->n_tables; i++) {
            const witc_wasm_table *t = &m->tables[i];
            if (t->has_init) {
                witc_buf_byte(s, 0x40);
                witc_buf_byte(s, 0x00);
            }
            put_table_type(s, t);
            if (t->has_init)
                put_bytes(s, &t->init);
        }
        break;
    case WITC_SEC_MEMORY:
        witc_buf_uleb(s, m->n_memories);
        for (uint32_t i = 0; i < m->n_memories; i++)
            put_limits(s, &m->memories[i].limits);
        break;
    case WITC_SEC_TAG:
        witc_buf_uleb(s, m->n_tags);
        for (uint32_t i = 0; i < m->n_tags; i++) {
            witc_buf_byte(s, m->tags[i].attribute);
            witc_buf_uleb(s, m->tags[i].type);
        }
        break;
    case WITC_SEC_GLOBAL:
        witc_buf_uleb(s, m->n_globals);
        for (uint32_t i = 0; i < m->n_globals; i++) {
            put_global_type(s, &m->globals[i].type);
            put_bytes(s, &m->globals[i].init);
        }
        break;
    case WITC_SEC_EXPORT:
        witc_buf_uleb(s, m->n_exports);
        for (uint32_t i = 0; i < m->n_exports; i++) {
            put_name(s, &m->exports[i].name);
            witc_buf_byte(s, m->exports[i].kind);
            witc_buf_uleb(s, m->exports[i].index);
        }
        break;
    case WITC_SEC_START:
        witc_buf_uleb(s, m->start);
        break;
    case WITC_SEC_ELEMENT:
        witc_buf_uleb(s, m->n_elems);
        for (uint32_t i = 0; i < m->n_elems; i++) {
            const witc_wasm_elem *e = &m->elems[i];
            witc_buf_uleb(s, e->flags);
            if (e->mode == WITC_SEG_ACTIVE) {
                if (e->flags & 2)
                    witc_buf_uleb(s, e->table);
                put_bytes(s, &e->offset_expr);
            }
            if (e->flags & 3) {
                if (e->uses_exprs)
                    witc_write_valtype(s, e->type);
                else
                    witc_buf_byte(s, 0x00);
            }
            witc_buf_uleb(s, e->n_items);
            for (uint32_t k = 0; k < e->n_items; k++) {
                if (e->uses_exprs)
                    put_bytes(s, &e->exprs[k]);
                else
                    witc_buf_uleb(s, e->funcs[k]);
            }
        }
        break;
    case WITC_SEC_DATA_COUNT:
        witc_buf_uleb(s, m->data_count);
        break;
    case WITC_SEC_CODE: {
        witc_buf_uleb(s, m->n_codes);
        witc_buf body;
        witc_buf_init(&body, m->ctx);
        for (uint32_t i = 0; i < m->n_codes; i++) {
            const witc_wasm_code *c = &m->codes[i];
            body.len = 0;
            witc_buf_uleb(&body, c->n_runs);
            for (uint32_t k = 0; k < c->n_runs; k++) {
                witc_buf_uleb(&body, c->runs[k].count);
                witc_write_valtype(&body, c->runs[k].type);
            }
            put_bytes(&body, &c->body);
            witc_buf_uleb(s, body.len);
            witc_buf_append(s, body.data, body.len);
            if (body.failed)
                s->failed = true;
        }
        witc_buf_release(&body);
        break;
    }
    case WITC_SEC_DATA:
        witc_buf_uleb(s, m->n_datas);
        for (uint32_t i = 0; i < m->n_datas; i++) {
            const witc_wasm_data *d = &m->datas[i];
            witc_buf_uleb(s, d->flags);
            if (d->flags == 2)
                witc_buf_uleb(s, d->memory);
            if (d->mode == WITC_SEG_ACTIVE)
                put_bytes(s, &d->offset_expr);
            put_name(s, &d->bytes);
        }
        break;
    default: {
        const witc_wasm_custom *c = &m->customs[custom];
        put_name(s, &c->name);
        put_bytes(s, &c->payload);
        break;
    }
    }
}

/* Whether a module built without a section list has something for section `id`. */
static bool has_section(const witc_wasm_module *m, uint8_t id)
{
    switch (id) {
    case WITC_SEC_TYPE:
        return m->n_rec_groups > 0;
    case WITC_SEC_IMPORT:
        return m->n_imports > 0;
    case WITC_SEC_FUNCTION:
        return m->n_funcs > 0;
    case WITC_SEC_TABLE:
        return m->n_tables > 0;
    case WITC_SEC_MEMORY:
        return m->n_memories > 0;
    case WITC_SEC_TAG:
        return m->n_tags > 0;
    case WITC_SEC_GLOBAL:
        return m->n_globals > 0;
    case WITC_SEC_EXPORT:
        return m->n_exports > 0;
    case WITC_SEC_START:
        return m->has_start;
    case WITC_SEC_ELEMENT:
        return m->n_elems > 0;
    case WITC_SEC_DATA_COUNT:
        return m->has_data_count;
    case WITC_SEC_CODE:
        return m->n_codes > 0;
    case WITC_SEC_DATA:
        return m->n_datas > 0;
    default:
        return false;
    }
}

static void write_section(const witc_wasm_module *m, uint8_t id, uint32_t custom, witc_buf *out,
                          witc_buf *scratch)
{
    scratch->len = 0;
    put_section(m, id, custom, scratch);
    witc_buf_byte(out, id);
    witc_buf_uleb(out, scratch->len);
    witc_buf_append(out, scratch->data, scratch->len);
    if (scratch->failed)
        out->failed = true;
}

witc_status witc_wasm_encode(witc_ctx *ctx, const witc_wasm_module *m, uint8_t **out_bytes,
                             size_t *out_len)
{
    static const uint8_t preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    witc_buf out, scratch;
    witc_buf_init(&out, ctx);
    witc_buf_init(&scratch, ctx);
    witc_buf_append(&out, preamble, sizeof preamble);
    if (m->n_sections > 0) {
        for (uint32_t i = 0; i < m->n_sections; i++)
            write_section(m, m->sections[i].id, m->sections[i].custom, &out, &scratch);
    } else {
        static const uint8_t order[] = {
#define WITC_SEC(NAME, id, text) id,
#include "wasm-format/sections.def"
#undef WITC_SEC
        };
        for (size_t i = 0; i < sizeof order; i++)
            if (has_section(m, order[i]))
                write_section(m, order[i], 0, &out, &scratch);
        for (uint32_t i = 0; i < m->n_customs; i++)
            write_section(m, WITC_SEC_CUSTOM, i, &out, &scratch);
    }
    witc_buf_release(&scratch);
    if (out.failed) {
        witc_buf_release(&out);
        witc_diag_error_plain(witc_ctx_diags(ctx), "out of memory encoding a module");
        return WITC_E_NOMEM;
    }
    *out_bytes = out.data;
    *out_len = out.len;
    return WITC_OK;
}

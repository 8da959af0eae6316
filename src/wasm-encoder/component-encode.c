/* SPDX-License-Identifier: Apache-2.0 */
/* Component encoder: component IR -> bytes, with shortest LEBs. A component decoded from a
 * canonical binary encodes back to the same bytes. Core-layer encodings kept raw in the IR
 * (rec groups, table/memory/global types, embedded modules, custom payloads) are copied. */
#include <string.h>

#include "support/buf.h"
#include "validate/component-internal.h"

static void put_bytes(witc_buf *b, witc_cm_bytes x)
{
    if (x.len)
        witc_buf_append(b, x.ptr, x.len);
}

static void put_name(witc_buf *b, witc_cm_bytes x)
{
    witc_buf_uleb(b, x.len);
    put_bytes(b, x);
}

static void put_valtype(witc_buf *b, witc_cm_valtype t)
{
    if (t.prim)
        witc_buf_byte(b, t.prim);
    else
        /* type indices are s33 in value-type position; indices past INT32_MAX can only have
         * come from negative s33 values, which the decoder wrapped */
        witc_buf_sleb(b, t.idx > INT32_MAX ? (int64_t)(int32_t)t.idx : (int64_t)t.idx);
}

static void put_opt_valtype(witc_buf *b, bool has, witc_cm_valtype t)
{
    witc_buf_byte(b, has ? 1 : 0);
    if (has)
        put_valtype(b, t);
}

static void put_core_valtype(witc_buf *b, witc_cm_core_valtype t)
{
    witc_buf_byte(b, t.code);
    if (t.code == 0x63 || t.code == 0x64)
        witc_buf_sleb(b, t.heap);
}

static void put_sort(witc_buf *b, uint32_t sort)
{
    if (sort >= WITC_CM_SORT_CORE_BASE) {
        witc_buf_byte(b, 0x00);
        witc_buf_byte(b, (uint8_t)(sort - WITC_CM_SORT_CORE_BASE));
    } else {
        witc_buf_byte(b, (uint8_t)sort);
    }
}

static void put_nameattrs(witc_buf *b, const witc_cm_nameattrs *n)
{
    witc_buf_byte(b, n->form);
    put_name(b, n->name);
    if (n->form == 2) {
        witc_buf_uleb(b, n->n_attrs);
        for (uint32_t i = 0; i < n->n_attrs; i++) {
            witc_buf_byte(b, n->attrs[i].kind);
            put_name(b, n->attrs[i].text);
        }
    }
}

static void put_externtype(witc_buf *b, const witc_cm_externtype *e)
{
    if (e->kind == WITC_CM_EXT_MODULE) {
        witc_buf_byte(b, 0x00);
        witc_buf_byte(b, WITC_CM_CORE_MODULE);
        witc_buf_uleb(b, e->idx);
        return;
    }
    witc_buf_byte(b, e->kind);
    switch (e->kind) {
    case WITC_CM_EXT_VALUE:
        put_valtype(b, e->val);
        return;
    case WITC_CM_EXT_TYPE:
        witc_buf_byte(b, e->bound);
        if (e->bound == 0)
            witc_buf_uleb(b, e->idx);
        return;
    default:
        witc_buf_uleb(b, e->idx);
        return;
    }
}

static void put_alias(witc_buf *b, const witc_cm_alias *a)
{
    put_sort(b, a->sort);
    witc_buf_byte(b, a->target);
    witc_buf_uleb(b, a->instance);
    if (a->target == 2)
        witc_buf_uleb(b, a->idx);
    else
        put_name(b, a->name);
}

static void put_core_type(witc_buf *b, const witc_cm_core_type *t, bool top)
{
    if (!t->is_module) {
        if (top && t->raw.len && t->raw.ptr[0] == 0x50)
            witc_buf_byte(b, 0x00); /* non-final sub is prefixed where 0x50 means module */
        put_bytes(b, t->raw);
        return;
    }
    witc_buf_byte(b, 0x50);
    witc_buf_uleb(b, t->n_decls);
    for (uint32_t i = 0; i < t->n_decls; i++) {
        const witc_cm_module_decl *d = &t->decls[i];
        witc_buf_byte(b, d->kind);
        switch (d->kind) {
        case WITC_CM_MD_IMPORT:
            put_name(b, d->module);
            put_name(b, d->name);
            witc_buf_byte(b, d->ext.kind);
            put_bytes(b, d->ext.raw);
            break;
        case WITC_CM_MD_TYPE:
            put_core_type(b, d->type, false);
            break;
        case WITC_CM_MD_ALIAS:
            witc_buf_byte(b, 0x10);
            witc_buf_byte(b, 0x01);
            witc_buf_uleb(b, d->outer_count);
            witc_buf_uleb(b, d->outer_idx);
            break;
        default:
            put_name(b, d->name);
            witc_buf_byte(b, d->ext.kind);
            put_bytes(b, d->ext.raw);
            break;
        }
    }
}

static void put_type(witc_buf *b, const witc_cm_type *t);

static void put_decls(witc_buf *b, const witc_cm_type *t)
{
    witc_buf_uleb(b, t->n_decls);
    for (uint32_t i = 0; i < t->n_decls; i++) {
        const witc_cm_decl *d = &t->decls[i];
        witc_buf_byte(b, d->kind);
        switch (d->kind) {
        case WITC_CM_DECL_CORE_TYPE:
            put_core_type(b, d->core_type, true);
            break;
        case WITC_CM_DECL_TYPE:
            put_type(b, d->type);
            break;
        case WITC_CM_DECL_ALIAS:
            put_alias(b, &d->alias);
            break;
        default:
            put_nameattrs(b, &d->name);
            put_externtype(b, &d->ext);
            break;
        }
    }
}

static void put_type(witc_buf *b, const witc_cm_type *t)
{
    if (t->kind == WITC_CM_DT_PRIM) {
        witc_buf_byte(b, t->a.prim);
        return;
    }
    witc_buf_byte(b, t->kind);
    switch (t->kind) {
    case WITC_CM_DT_RESOURCE:
        put_core_valtype(b, t->rep);
        witc_buf_byte(b, t->has_dtor ? 1 : 0);
        if (t->has_dtor)
            witc_buf_uleb(b, t->dtor);
        return;
    case WITC_CM_DT_FUNC:
    case WITC_CM_DT_ASYNC_FUNC:
        witc_buf_uleb(b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            put_name(b, t->fields[i].label);
            put_valtype(b, t->fields[i].type);
        }
        if (t->has_a) {
            witc_buf_byte(b, 0x00);
            put_valtype(b, t->a);
        } else {
            witc_buf_byte(b, 0x01);
            witc_buf_byte(b, 0x00);
        }
        return;
    case WITC_CM_DT_COMPONENT:
    case WITC_CM_DT_INSTANCE:
        put_decls(b, t);
        return;
    case WITC_CM_DT_RECORD:
    case WITC_CM_DT_VARIANT:
    case WITC_CM_DT_FLAGS:
    case WITC_CM_DT_ENUM:
        witc_buf_uleb(b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            put_name(b, t->fields[i].label);
            if (t->kind == WITC_CM_DT_RECORD) {
                put_valtype(b, t->fields[i].type);
            } else if (t->kind == WITC_CM_DT_VARIANT) {
                put_opt_valtype(b, t->fields[i].has_type, t->fields[i].type);
                witc_buf_byte(b, 0x00);
            }
        }
        return;
    case WITC_CM_DT_TUPLE:
        witc_buf_uleb(b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++)
            put_valtype(b, t->fields[i].type);
        return;
    case WITC_CM_DT_LIST:
    case WITC_CM_DT_OPTION:
        put_valtype(b, t->a);
        return;
    case WITC_CM_DT_FIXED_LIST:
        put_valtype(b, t->a);
        witc_buf_uleb(b, t->len);
        return;
    case WITC_CM_DT_MAP:
        put_valtype(b, t->a);
        put_valtype(b, t->b);
        return;
    case WITC_CM_DT_RESULT:
        put_opt_valtype(b, t->has_a, t->a);
        put_opt_valtype(b, t->has_b, t->b);
        return;
    case WITC_CM_DT_OWN:
    case WITC_CM_DT_BORROW:
        witc_buf_uleb(b, t->a.idx);
        return;
    case WITC_CM_DT_STREAM:
    case WITC_CM_DT_FUTURE:
        put_opt_valtype(b, t->has_a, t->a);
        return;
    default:
        return;
    }
}

static void put_opts(witc_buf *b, const witc_cm_canon *c)
{
    witc_buf_uleb(b, c->n_opts);
    for (uint32_t i = 0; i < c->n_opts; i++) {
        const witc_cm_canonopt *o = &c->opts[i];
        witc_buf_byte(b, o->kind);
        if (o->kind == 0x03 || o->kind == 0x04 || o->kind == 0x05 || o->kind == 0x07 ||
            o->kind == 0x08)
            witc_buf_uleb(b, o->idx);
    }
}

static void put_canon(witc_buf *b, const witc_cm_canon *c)
{
    witc_buf_byte(b, c->op);
    switch (c->op) {
    case WITC_CANON_LIFT:
        witc_buf_byte(b, 0x00);
        witc_buf_uleb(b, c->func);
        put_opts(b, c);
        witc_buf_uleb(b, c->type);
        return;
    case WITC_CANON_LOWER:
        witc_buf_byte(b, 0x00);
        witc_buf_uleb(b, c->func);
        put_opts(b, c);
        return;
    case WITC_CANON_TASK_RETURN:
        if (c->has_result) {
            witc_buf_byte(b, 0x00);
            put_valtype(b, c->result);
        } else {
            witc_buf_byte(b, 0x01);
            witc_buf_byte(b, 0x00);
        }
        put_opts(b, c);
        return;
    case WITC_CANON_CONTEXT_GET:
    case WITC_CANON_CONTEXT_SET:
        put_core_valtype(b, c->core_ty);
        witc_buf_uleb(b, c->slot);
        return;
    case WITC_CANON_WAITABLE_SET_WAIT:
    case WITC_CANON_WAITABLE_SET_POLL:
        witc_buf_byte(b, c->flag);
        witc_buf_uleb(b, c->slot);
        return;
    case WITC_CANON_ERROR_CONTEXT_NEW:
    case WITC_CANON_ERROR_CONTEXT_DEBUG_MESSAGE:
        put_opts(b, c);
        return;
    case WITC_CANON_STREAM_READ:
    case WITC_CANON_STREAM_WRITE:
    case WITC_CANON_FUTURE_READ:
    case WITC_CANON_FUTURE_WRITE:
        witc_buf_uleb(b, c->type);
        put_opts(b, c);
        return;
    case WITC_CANON_STREAM_CANCEL_READ:
    case WITC_CANON_STREAM_CANCEL_WRITE:
    case WITC_CANON_FUTURE_CANCEL_READ:
    case WITC_CANON_FUTURE_CANCEL_WRITE:
        witc_buf_uleb(b, c->type);
        witc_buf_byte(b, c->flag);
        return;
    case WITC_CANON_SUBTASK_CANCEL:
    case WITC_CANON_THREAD_YIELD:
    case WITC_CANON_THREAD_SUSPEND:
    case WITC_CANON_THREAD_SUSPEND_THEN_RESUME:
    case WITC_CANON_THREAD_YIELD_THEN_RESUME:
    case WITC_CANON_THREAD_SUSPEND_THEN_PROMOTE:
    case WITC_CANON_THREAD_YIELD_THEN_PROMOTE:
        witc_buf_byte(b, c->flag);
        return;
    case WITC_CANON_THREAD_NEW_INDIRECT:
    case WITC_CANON_THREAD_SPAWN_INDIRECT:
        witc_buf_uleb(b, c->type);
        witc_buf_uleb(b, c->table);
        return;
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
        witc_buf_uleb(b, c->type);
        return;
    default:
        return;
    }
}

static void put_instance(witc_buf *b, const witc_cm_instance *in, bool core)
{
    witc_buf_byte(b, in->kind);
    if (in->kind == 0)
        witc_buf_uleb(b, in->target);
    witc_buf_uleb(b, in->n_args);
    for (uint32_t i = 0; i < in->n_args; i++) {
        const witc_cm_inst_arg *a = &in->args[i];
        if (in->kind == 0) {
            put_name(b, a->name);
            if (core)
                witc_buf_byte(b, (uint8_t)(a->item.sort - WITC_CM_SORT_CORE_BASE));
            else
                put_sort(b, a->item.sort);
        } else if (core) {
            put_name(b, a->name);
            witc_buf_byte(b, (uint8_t)(a->item.sort - WITC_CM_SORT_CORE_BASE));
        } else {
            put_nameattrs(b, &a->nameattrs);
            put_sort(b, a->item.sort);
        }
        witc_buf_uleb(b, a->item.idx);
    }
}

static void put_section_body(witc_buf *b, const witc_cm_section *sec)
{
    switch (sec->id) {
    case WITC_CSEC_CUSTOM:
        put_name(b, sec->custom_name);
        put_bytes(b, sec->payload);
        return;
    case WITC_CSEC_CORE_MODULE:
        put_bytes(b, sec->payload);
        return;
    case WITC_CSEC_COMPONENT:
        witc_cm_encode(sec->u.component, b);
        return;
    case WITC_CSEC_START:
        witc_buf_uleb(b, sec->start.func);
        witc_buf_uleb(b, sec->start.n_args);
        for (uint32_t i = 0; i < sec->start.n_args; i++)
            witc_buf_uleb(b, sec->start.args[i]);
        witc_buf_uleb(b, sec->start.n_results);
        return;
    default:
        break;
    }
    witc_buf_uleb(b, sec->n);
    for (uint32_t i = 0; i < sec->n; i++) {
        switch (sec->id) {
        case WITC_CSEC_CORE_INSTANCE:
        case WITC_CSEC_INSTANCE:
            put_instance(b, &sec->u.instances[i], sec->id == WITC_CSEC_CORE_INSTANCE);
            break;
        case WITC_CSEC_CORE_TYPE:
            put_core_type(b, &sec->u.core_types[i], true);
            break;
        case WITC_CSEC_ALIAS:
            put_alias(b, &sec->u.aliases[i]);
            break;
        case WITC_CSEC_TYPE:
            put_type(b, sec->u.types[i]);
            break;
        case WITC_CSEC_CANON:
            put_canon(b, &sec->u.canons[i]);
            break;
        case WITC_CSEC_IMPORT:
            put_nameattrs(b, &sec->u.imports[i].name);
            put_externtype(b, &sec->u.imports[i].ext);
            break;
        case WITC_CSEC_EXPORT: {
            const witc_cm_export *e = &sec->u.exports[i];
            put_nameattrs(b, &e->name);
            put_sort(b, e->item.sort);
            witc_buf_uleb(b, e->item.idx);
            witc_buf_byte(b, e->has_ascription ? 1 : 0);
            if (e->has_ascription)
                put_externtype(b, &e->ext);
            break;
        }
        default:
            break;
        }
    }
}

void witc_cm_encode(const witc_component *c, witc_buf *out)
{
    static const uint8_t preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    witc_buf_append(out, preamble, sizeof preamble);
    witc_buf body;
    witc_buf_init(&body, out->ctx);
    for (uint32_t i = 0; i < c->n_sections; i++) {
        body.len = 0;
        put_section_body(&body, &c->sections[i]);
        if (body.failed) {
            out->failed = true;
            break;
        }
        witc_buf_byte(out, c->sections[i].id);
        witc_buf_uleb(out, body.len);
        witc_buf_append(out, body.data, body.len);
    }
    witc_buf_release(&body);
}

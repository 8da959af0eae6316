/* SPDX-License-Identifier: Apache-2.0 */
/* Internals of the component validator shared by its files (component.c: structure, types,
 * instantiation, names; component-canon.c: canonical built-ins and the canonical ABI). Not
 * for other modules: the component IR they may use is component-internal.h. */
#ifndef WITC_VALIDATE_COMPONENT_CHECK_H
#define WITC_VALIDATE_COMPONENT_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "support/arena.h"
#include "support/buf.h"
#include "support/hash.h"
#include "validate/component-internal.h"
#include "witc/diag.h"

enum {
    MAX_TYPE_SIZE = 1000000,
    MAX_FLAT_PARAMS = 16,
    MAX_FLAT_ASYNC_PARAMS = 4,
    MAX_FLAT_RESULTS = 1,
    MAX_LOWERED = MAX_FLAT_PARAMS + 1,
    MAX_FLAGS = 32,
    MAX_ITEMS = 1000, /* modules, components and values per component (wasmparser) */
};

/* Component-model feature switches (wasmparser names). */
typedef struct cm_features {
    bool async, async_builtins, async_stackful, more_async_builtins, threading, error_context,
        fixed_length_lists, map, implements, values, nested_names, gc, cm64, canon_names,
        shared_everything_threads, core_gc;
} cm_features;

typedef struct vt {
    uint8_t prim; /* primitive byte, or 0 for a store id */
    uint32_t id;
} vt;

typedef struct field {
    witc_cm_bytes name;
    bool has;
    vt t;
} field;

typedef struct ent {
    uint8_t kind; /* WITC_CM_EXT_* */
    uint32_t id;  /* func/component/instance/module/type: store id */
    vt val;       /* value */
} ent;

typedef struct named_ent {
    witc_cm_bytes name;
    ent e;
} named_ent;

typedef struct core_named {
    witc_cm_bytes module, name;
    witc_cm_core_entity e; /* func/tag: e.type is a store id */
} core_named;

enum {
    K_DEF,
    K_FUNC,
    K_COMPONENT,
    K_INSTANCE,
    K_RESOURCE,
    K_CORE_FUNC,
    K_CORE_OTHER,
    K_MODULE,
    K_CORE_INSTANCE,
};

typedef struct ty {
    uint8_t kind;
    uint8_t code; /* K_DEF: WITC_CM_DT_* ; K_DEF prim in a.prim */
    bool async_, has_a, has_b;
    vt a, b;
    uint32_t len;
    uint32_t n;
    field *fields;
    uint32_t res; /* K_RESOURCE identity */
    uint32_t n_imports, n_exports;
    named_ent *imports, *exports;
    core_named *cimports, *cexports;
    uint32_t n_cimports, n_cexports;
    const witc_cm_core_sub *sub; /* K_CORE_FUNC */
    /* resources a component/instance type introduces (freshened per instantiation) */
    uint32_t n_defined;
    uint32_t *defined;
    uint32_t n_imported_res;
    uint32_t *imported_res;
    uint32_t size;
    bool has_borrow;
    witc_hash *index;     /* export name -> position, built on the first lookup of a big type */
    witc_hash *imp_index; /* the same for component imports */
} ty;

typedef WITC_VEC(uint32_t) u32_vec;

/* u32 -> u32 map with open addressing (keys stored + 1, so 0 marks an empty slot). */
typedef struct u32map {
    uint32_t *keys, *vals;
    size_t cap, count;
} u32map;

typedef WITC_VEC(named_ent) named_vec;
typedef WITC_VEC(witc_cm_core_entity) core_ent_vec;

enum { S_COMPONENT, S_COMPONENT_TYPE, S_INSTANCE_TYPE };

typedef struct res_info {
    uint32_t res;
    bool has_rep;
    witc_cm_core_valtype rep;
    bool has_dtor;
} res_info;

typedef struct value_slot {
    vt t;
    bool used;
} value_slot;

typedef struct scope {
    uint8_t kind;
    struct scope *parent;
    u32_vec core_types, core_modules, core_instances;
    core_ent_vec core_funcs, core_tables, core_mems, core_globals, core_tags;
    u32_vec types, funcs, components, instances;
    WITC_VEC(value_slot) values;
    named_vec imports, exports;
    witc_hash import_keys, export_keys;
    WITC_VEC(char *) keys;             /* owned key strings */
    WITC_VEC(res_info) local_res;      /* resources defined by this component (3f) */
    u32_vec imported_res, defined_res; /* resource identities introduced by imports/exports */
    u32map named_import, named_export; /* store ids that are imported/exported (sets) */
    /* top-level resources by name, for [method]/[constructor] checks */
    named_vec res_imports, res_exports;
    bool has_start;
    uint8_t context_type; /* core type of context.get/set, 0 until the first one */
} scope;

typedef struct vstate {
    witc_ctx *ctx;
    const char *file;
    const witc_wasm_features *core_features;
    cm_features f;
    witc_arena arena;
    WITC_VEC(ty) store;
    uint32_t next_res;
    uint64_t off; /* offset of the item being validated */
    witc_status st;
    uint32_t depth;
    WITC_VEC(witc_hash *) indexes; /* every export index built, released at the end */
    const char *why;               /* innermost reason of the last failed subtype check, or NULL */
    witc_cm_bytes why_name;        /* the import/export it concerns (len 0: none) */
} vstate;

/* Reports an invalid-input error at `off` (only the first error is kept: the validator stops
 * there, as wasmparser does). Always returns WITC_E_INVALID. */
witc_status witc_cmv_verror(vstate *v, uint64_t off, const char *fmt, va_list ap) WITC_PRINTF(3, 0);

static inline witc_status err(vstate *v, uint64_t off, const char *fmt, ...) WITC_PRINTF(3, 4);
static inline witc_status err(vstate *v, uint64_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const witc_status st = witc_cmv_verror(v, off, fmt, ap);
    va_end(ap);
    return st;
}

static inline witc_status nomem(vstate *v)
{
    if (v->st == WITC_OK) {
        witc_diag_error_at(witc_ctx_diags(v->ctx), v->file, v->off, "out of memory");
        v->st = WITC_E_NOMEM;
    }
    return WITC_E_NOMEM;
}

#define PUSH(v, vec, x)                                                                            \
    do {                                                                                           \
        if (!WITC_VEC_PUSH((v)->ctx, (vec), (x)))                                                  \
            return nomem(v);                                                                       \
    } while (0)

static inline ty *T(vstate *v, uint32_t id)
{
    return &v->store.items[id];
}

static inline witc_status add_type(vstate *v, const ty *t, uint32_t *out)
{
    *out = 0;
    if (v->store.len >= UINT32_MAX - 1)
        return err(v, v->off, "too many types");
    PUSH(v, &v->store, *t);
    *out = (uint32_t)v->store.len - 1;
    return WITC_OK;
}

static inline uint32_t vt_size(vstate *v, vt t)
{
    return t.prim ? 1 : T(v, t.id)->size;
}

static inline bool vt_borrow(vstate *v, vt t)
{
    return !t.prim && T(v, t.id)->has_borrow;
}

static inline void *arena_n(vstate *v, size_t n, size_t size)
{
    return witc_arena_alloc_array(&v->arena, n ? n : 1, size);
}

/* index lookups */
static inline witc_status type_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    *out = 0;
    if (idx >= s->types.len)
        return err(v, v->off, "unknown type %u: type index out of bounds", idx);
    *out = s->types.items[idx];
    return WITC_OK;
}

static inline witc_status core_type_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    *out = 0;
    if (idx >= s->core_types.len)
        return err(v, v->off, "unknown core type %u: type index out of bounds", idx);
    *out = s->core_types.items[idx];
    return WITC_OK;
}

static inline witc_status core_func_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    *out = 0;
    if (idx >= s->core_funcs.len)
        return err(v, v->off, "unknown core func %u: core function index out of bounds", idx);
    *out = s->core_funcs.items[idx].type;
    return WITC_OK;
}

static inline witc_status func_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    *out = 0;
    if (idx >= s->funcs.len)
        return err(v, v->off, "unknown function %u: function index out of bounds", idx);
    *out = s->funcs.items[idx];
    return WITC_OK;
}

static inline witc_status func_type_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    WITC_TRY(type_at(v, s, idx, out));
    if (T(v, *out)->kind != K_FUNC)
        return err(v, v->off, "type index %u is not a function type", idx);
    return WITC_OK;
}

static inline witc_status defined_type_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    WITC_TRY(type_at(v, s, idx, out));
    if (T(v, *out)->kind != K_DEF)
        return err(v, v->off, "type index %u is not a defined type", idx);
    return WITC_OK;
}

static inline witc_status resource_at(vstate *v, scope *s, uint32_t idx, uint32_t *out)
{
    WITC_TRY(type_at(v, s, idx, out));
    if (T(v, *out)->kind != K_RESOURCE)
        return err(v, v->off, "type index %u is not a resource type", idx);
    return WITC_OK;
}

static inline witc_status check_valtype(vstate *v, scope *s, witc_cm_valtype in, vt *out)
{
    out->prim = 0;
    out->id = 0;
    if (in.prim) {
        if (in.prim == 0x64 && !v->f.error_context)
            return err(v, v->off,
                       "`error-context` requires the component model error-context "
                       "feature");
        out->prim = in.prim;
        out->id = 0;
        return WITC_OK;
    }
    out->prim = 0;
    return defined_type_at(v, s, in.idx, &out->id);
}

static inline bool core_vt_eq(const witc_cm_core_valtype *a, const witc_cm_core_valtype *b)
{
    if (a->code != b->code)
        return false;
    if (a->code == 0x63 || a->code == 0x64)
        return (a->heap < 0) == (b->heap < 0) && (a->heap >= 0 || a->heap == b->heap);
    return true;
}

static inline witc_status core_sub_type(vstate *v, const witc_cm_core_sub *sub, uint32_t *out)
{
    ty t;
    memset(&t, 0, sizeof t);
    t.kind = sub->form == 0x60 ? K_CORE_FUNC : K_CORE_OTHER;
    t.sub = sub;
    t.size = 1;
    return add_type(v, &t, out);
}

static inline bool res_is_local(const scope *s, uint32_t res, res_info *out)
{
    for (size_t i = 0; i < s->local_res.len; i++)
        if (s->local_res.items[i].res == res) {
            if (out)
                *out = s->local_res.items[i];
            return true;
        }
    return false;
}

/* Validates one canonical definition (component-canon.c) and adds what it defines to the
 * scope's index spaces. */
witc_status witc_cmv_check_canon(vstate *v, scope *s, const witc_cm_canon *c);

#endif

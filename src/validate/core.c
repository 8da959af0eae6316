/* SPDX-License-Identifier: Apache-2.0 */
/* The core module validator (core spec 3 "Validation", the appendix's validation algorithm,
 * and the proposals of features.def). It reads a decoded witc_wasm_module and reports invalid
 * input only: instruction immediates come from the shared operator reader, whose malformed
 * errors stay decoder errors.
 *
 * Function bodies are checked in one pass with explicit operand and control stacks (vectors
 * reused across functions, so no allocation per instruction and no recursion on nesting).
 * Plain operators are typed from the signature columns of opcodes.def; the others by hand.
 *
 * Typed function references are validated: concrete and non-null reference types, with
 * subtyping (non-null <: nullable, a function type <: func, equivalent types match through
 * canonical type indices), call_ref, return_call_ref, ref.as_non_null, br_on_null,
 * br_on_non_null, and the initialization of non-defaultable locals (a local.set inside a
 * block counts until that block ends). Of GC, the abstract heap types (any, eq, i31, struct,
 * array, none, nofunc, noextern, noexn: subtyping only) and ref.eq are validated; the rest
 * (rec groups, sub types, struct/array type definitions, the 0xfb instructions) ends
 * validation with WITC_E_UNSUPPORTED when the gc feature is on, and is invalid when it is
 * off.
 *
 * Function bodies can be validated on several threads (witc_limits.validate_threads): each
 * worker takes a contiguous range of bodies with its own stacks and its own context, and the
 * per-body diagnostics are merged in function order, replaying the serial loop. */
#include "witc/wasm.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "support/buf.h"
#include "support/hash.h"
#include "support/limits.h"
#include "wasm-format/module.h"
#include "wasm-format/opcodes.h"
#include "wasm-format/reader.h"

enum {
    CTRL_BLOCK,
    CTRL_LOOP,
    CTRL_IF,
    CTRL_ELSE,
    CTRL_TRY,
    CTRL_CATCH,
    CTRL_CATCH_ALL,
    CTRL_TRY_TABLE,
    CTRL_FUNC
};

typedef struct ctrl {
    uint8_t kind;
    bool unreachable;
    uint8_t block_kind; /* WITC_BLOCK_* (functions use TYPEIDX) */
    witc_valtype single;
    uint32_t type; /* type index for TYPEIDX */
    uint32_t height;
    uint32_t init_height; /* v->inits.len on entry: locals set inside are unset at the end */
} ctrl;

typedef struct val {
    witc_ctx *ctx;
    const witc_wasm_features *f;
    const witc_wasm_module *m;
    witc_diag_list *diags;
    const char *file;
    /* index spaces: imports first */
    uint32_t n_funcs, n_tables, n_memories, n_globals, n_tags;
    uint32_t *func_types;           /* type index of every function */
    const witc_wasm_table **tables; /* table types */
    const witc_wasm_limits **memories;
    const witc_wasm_globaltype **globals;
    const witc_wasm_tag **tags;
    uint8_t *declared; /* per function: referenced outside function bodies */
    uint32_t *canon;   /* per type: the first equivalent type (iso-recursive equality) */
    /* per-function state, reused */
    WITC_VEC(witc_valtype) stack;
    WITC_VEC(ctrl) ctrls;
    WITC_VEC(witc_valtype) locals;
    WITC_VEC(uint8_t) local_set; /* per local: initialized (non-null references start unset) */
    WITC_VEC(uint32_t) inits;    /* locals initialized so far, innermost block last */
    bool has_nondefaultable;     /* this function has a non-null reference local */
    uint32_t cur_func_type;
    size_t frame_height; /* operand height of the innermost frame (pop fast path) */
} val;

static witc_status invalid(val *v, uint64_t offset, const char *fmt, ...) WITC_PRINTF(3, 4);
static witc_status invalid(val *v, uint64_t offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    witc_diag_error_at(v->diags, v->file, offset, "%s", msg);
    return WITC_E_INVALID;
}

static witc_status unsupported(val *v, uint64_t offset, const char *what)
{
    witc_diag_error_at(v->diags, v->file, offset,
                       "%s: typed function references and GC are not supported yet", what);
    return WITC_E_UNSUPPORTED;
}

static witc_status nomem(val *v)
{
    witc_diag_error_plain(v->diags, "out of memory");
    return WITC_E_NOMEM;
}

/* A GC/typed-reference construct: invalid when its feature is off, unsupported otherwise. */
static witc_status gc_construct(val *v, uint64_t offset, bool gc_only, const char *what)
{
    bool on = gc_only ? v->f->gc : (v->f->function_references || v->f->gc);
    if (!on)
        return invalid(v, offset, "%s requires the %s proposal", what,
                       gc_only ? "gc" : "function-references");
    return unsupported(v, offset, what);
}

static witc_status check_valtype(val *v, witc_valtype t, uint64_t offset)
{
    if (!witc_vt_is_ref(t)) {
        if (t == WITC_TYPE_V128 && !v->f->simd)
            return invalid(v, offset, "SIMD support is not enabled");
        if ((t == WITC_TYPE_F32 || t == WITC_TYPE_F64) && !v->f->floats)
            return invalid(v, offset, "floating-point support is disabled");
        return WITC_OK;
    }
    const witc_valtype heap = t & (WITC_VT_CONCRETE | WITC_VT_HEAP_MASK);
    const bool typed_refs = v->f->function_references || v->f->gc;
    if (!(t & WITC_VT_NULLABLE) && !typed_refs)
        return invalid(v, offset,
                       "non-nullable references require the function-references "
                       "proposal");
    if (heap & WITC_VT_CONCRETE) {
        const uint32_t idx = heap & WITC_VT_HEAP_MASK;
        if (!typed_refs)
            return invalid(v, offset,
                           "concrete heap types require the function-references "
                           "proposal");
        if (idx >= v->m->n_types)
            return invalid(v, offset, "unknown type %u: type index out of bounds", idx);
        if (v->m->types[idx].kind != WITC_COMP_FUNC)
            return gc_construct(v, offset, true, "struct or array reference");
        return WITC_OK;
    }
    switch (heap) {
    case WITC_TYPE_FUNC:
    case WITC_TYPE_EXTERN:
        if (!v->f->reference_types)
            return invalid(v, offset, "reference types support is not enabled");
        return WITC_OK;
    case WITC_TYPE_EXN:
        if (!v->f->exceptions)
            return invalid(v, offset, "exceptions proposal not enabled");
        return WITC_OK;
    case WITC_TYPE_ANY:
    case WITC_TYPE_EQ:
    case WITC_TYPE_I31:
    case WITC_TYPE_STRUCT:
    case WITC_TYPE_ARRAY:
    case WITC_TYPE_NONE:
    case WITC_TYPE_NOFUNC:
    case WITC_TYPE_NOEXTERN:
        /* abstract GC heap types only need subtyping, which is done (heap_subtype) */
        if (!v->f->gc)
            return invalid(v, offset, "heap types require the gc proposal");
        return WITC_OK;
    case WITC_TYPE_NOEXN:
        if (!v->f->gc || !v->f->exceptions)
            return invalid(v, offset, "noexn requires the gc and exceptions proposals");
        return WITC_OK;
    default:
        return gc_construct(v, offset, true, "heap type");
    }
}

/* Heap type a <: b. Struct, array and sub types end as unsupported before bodies are
 * checked, so a type index is always a final function type with no supertype: it matches
 * `func` and equivalent type indices (the same canonical type). The abstract GC types form
 * the hierarchies none <: i31, struct, array <: eq <: any; nofunc <: (type index) <: func;
 * noextern <: extern; noexn <: exn. */
static bool heap_subtype(const val *v, witc_valtype ha, witc_valtype hb)
{
    if (ha == hb)
        return true;
    if (hb & WITC_VT_CONCRETE) {
        if (ha == WITC_TYPE_NOFUNC)
            return true;
        return (ha & WITC_VT_CONCRETE) && v->canon &&
               v->canon[ha & WITC_VT_HEAP_MASK] == v->canon[hb & WITC_VT_HEAP_MASK];
    }
    switch (hb) {
    case WITC_TYPE_FUNC:
        return (ha & WITC_VT_CONCRETE) || ha == WITC_TYPE_NOFUNC;
    case WITC_TYPE_ANY:
        return ha == WITC_TYPE_EQ || ha == WITC_TYPE_I31 || ha == WITC_TYPE_STRUCT ||
               ha == WITC_TYPE_ARRAY || ha == WITC_TYPE_NONE;
    case WITC_TYPE_EQ:
        return ha == WITC_TYPE_I31 || ha == WITC_TYPE_STRUCT || ha == WITC_TYPE_ARRAY ||
               ha == WITC_TYPE_NONE;
    case WITC_TYPE_I31:
    case WITC_TYPE_STRUCT:
    case WITC_TYPE_ARRAY:
        return ha == WITC_TYPE_NONE;
    case WITC_TYPE_EXTERN:
        return ha == WITC_TYPE_NOEXTERN;
    case WITC_TYPE_EXN:
        return ha == WITC_TYPE_NOEXN;
    default:
        return false;
    }
}

/* a <: b: numbers and vectors by equality; references by nullability (non-null <: nullable)
 * and heap type. The unknown type of unreachable code matches everything. */
static bool is_subtype(const val *v, witc_valtype a, witc_valtype b)
{
    if (a == b || a == WITC_VT_BOTTOM)
        return true;
    if (!witc_vt_is_ref(a) || !witc_vt_is_ref(b))
        return false;
    if ((a & WITC_VT_NULLABLE) && !(b & WITC_VT_NULLABLE))
        return false;
    return heap_subtype(v, a & (WITC_VT_CONCRETE | WITC_VT_HEAP_MASK),
                        b & (WITC_VT_CONCRETE | WITC_VT_HEAP_MASK));
}

static bool is_defaultable(witc_valtype t)
{
    return !witc_vt_is_ref(t) || (t & WITC_VT_NULLABLE);
}

static const char *vt_text(witc_valtype t, char *buf)
{
    return witc_valtype_text(t, buf, 32);
}

static const witc_wasm_subtype *func_type(val *v, uint32_t idx)
{
    return &v->m->types[idx];
}

/* ref.func: (ref $t) with typed references, funcref before them. */
static witc_valtype func_ref_type(const val *v, uint32_t func)
{
    if (!v->f->function_references && !v->f->gc)
        return WITC_VT_FUNCREF;
    return WITC_VT_REF | WITC_VT_CONCRETE | v->func_types[func];
}

static witc_status check_type_index(val *v, uint32_t idx, uint64_t offset)
{
    if (idx >= v->m->n_types)
        return invalid(v, offset, "unknown type: type index out of bounds (%u)", idx);
    if (v->m->types[idx].kind != WITC_COMP_FUNC)
        return invalid(v, offset, "type mismatch: type %u is not a function type", idx);
    return WITC_OK;
}

/* ---- module-level checks ---- */

static witc_status over_limit(val *v, uint64_t offset, uint64_t count, uint32_t max,
                              const char *what)
{
    if (count <= max)
        return WITC_OK;
    witc_diag_error_at(v->diags, v->file, offset, "%s count exceeds limit of %u", what, max);
    return WITC_E_LIMIT;
}

/* A witc_limits field, 0 standing for its default. */
static uint32_t limit_or_default(uint32_t set, uint32_t def)
{
    return set ? set : def;
}

/* wasmparser's implementation limits (witc_limits, defaults in support/limits.h). */
static witc_status check_counts(val *v)
{
    const witc_wasm_module *m = v->m;
    const witc_limits *l = witc_ctx_limits(v->ctx);
    const uint64_t at = m->base;
#define LIMIT(field, NAME) limit_or_default(l->field, WITC_DEFAULT_WASM_##NAME)
    WITC_TRY(over_limit(v, at, m->n_types, LIMIT(wasm_types, TYPES), "types"));
    WITC_TRY(over_limit(v, at, v->n_funcs, LIMIT(wasm_functions, FUNCTIONS), "functions"));
    WITC_TRY(over_limit(v, at, v->n_tables, LIMIT(wasm_tables, TABLES), "tables"));
    WITC_TRY(over_limit(v, at, v->n_memories, LIMIT(wasm_memories, MEMORIES), "memories"));
    WITC_TRY(over_limit(v, at, v->n_globals, LIMIT(wasm_globals, GLOBALS), "globals"));
    WITC_TRY(over_limit(v, at, v->n_tags, LIMIT(wasm_tags, TAGS), "tags"));
    WITC_TRY(over_limit(v, at, m->n_exports, LIMIT(wasm_exports, EXPORTS), "exports"));
    WITC_TRY(over_limit(v, at, m->n_elems, LIMIT(wasm_element_segments, ELEMENT_SEGMENTS),
                        "element segments"));
    WITC_TRY(
        over_limit(v, at, m->n_datas, LIMIT(wasm_data_segments, DATA_SEGMENTS), "data segments"));
    const uint32_t max_params = LIMIT(wasm_function_params, FUNCTION_PARAMS);
    const uint32_t max_returns = LIMIT(wasm_function_returns, FUNCTION_RETURNS);
    const uint32_t max_size = LIMIT(wasm_function_size, FUNCTION_SIZE);
#undef LIMIT
    for (uint32_t i = 0; i < m->n_types; i++) {
        const witc_wasm_subtype *t = &m->types[i];
        WITC_TRY(over_limit(v, t->offset, t->n_params, max_params, "function params"));
        WITC_TRY(over_limit(v, t->offset, t->n_results, max_returns, "function results"));
    }
    for (uint32_t i = 0; i < m->n_codes; i++)
        if (m->codes[i].body.len > max_size) {
            witc_diag_error_at(v->diags, v->file, m->codes[i].offset,
                               "function body size out of bounds (limit %u bytes)", max_size);
            return WITC_E_LIMIT;
        }
    return WITC_OK;
}

/* A type's key for equivalence: its shape, with each type index replaced by that type's
 * canonical index (earlier types) or a self marker (the type itself). */
static uint32_t *type_key(const val *v, uint32_t i, uint32_t *key)
{
    const witc_wasm_subtype *t = &v->m->types[i];
    *key++ = t->n_params;
    *key++ = t->n_results;
    for (uint32_t k = 0; k < t->n_params + t->n_results; k++) {
        witc_valtype vt = k < t->n_params ? t->params[k] : t->results[k - t->n_params];
        if (witc_vt_is_ref(vt) && (vt & WITC_VT_CONCRETE)) {
            uint32_t idx = vt & WITC_VT_HEAP_MASK;
            vt = (vt & ~WITC_VT_HEAP_MASK) | (idx == i ? WITC_VT_HEAP_MASK : v->canon[idx]);
        }
        *key++ = vt;
    }
    return key;
}

/* Canonical type indices: each type (a singleton rec group, the only kind supported) equals
 * the first earlier type with the same key. One hash lookup per type. */
static witc_status canonicalize_types(val *v)
{
    const witc_wasm_module *m = v->m;
    size_t words = 0;
    for (uint32_t i = 0; i < m->n_types; i++)
        words += 2 + (size_t)m->types[i].n_params + m->types[i].n_results;
    v->canon = witc_ctx_alloc(v->ctx, ((size_t)m->n_types + 1) * sizeof *v->canon);
    uint32_t *keys = witc_ctx_alloc(v->ctx, (words + 1) * sizeof *keys);
    witc_hash h;
    witc_hash_init(&h, v->ctx);
    witc_status st = WITC_OK;
    if (!v->canon || !keys)
        st = nomem(v);
    uint32_t *key = keys;
    for (uint32_t i = 0; i < m->n_types && st == WITC_OK; i++) {
        uint32_t *end = type_key(v, i, key);
        const size_t len = (size_t)(end - key) * sizeof *key;
        uint32_t found;
        if (witc_hash_get(&h, (const char *)key, len, &found))
            v->canon[i] = found;
        else if (witc_hash_put(&h, (const char *)key, len, i))
            v->canon[i] = i;
        else
            st = nomem(v);
        key = end;
    }
    witc_hash_release(&h);
    witc_ctx_dealloc(v->ctx, keys);
    return st;
}

static witc_status check_types(val *v)
{
    const witc_wasm_module *m = v->m;
    for (uint32_t g = 0; g < m->n_rec_groups; g++) {
        const witc_wasm_rec_group *rg = &m->rec_groups[g];
        if (rg->explicit_rec && rg->count != 1) {
            uint64_t at = rg->count ? m->types[rg->first].offset : m->base;
            if (!v->f->gc)
                return invalid(v, at, "rec group usage requires `gc` proposal to be enabled");
            return unsupported(v, at, "rec group");
        }
    }
    for (uint32_t i = 0; i < m->n_types; i++) {
        const witc_wasm_subtype *t = &m->types[i];
        if (t->kind != WITC_COMP_FUNC || t->n_supers || !t->is_final ||
            m->rec_groups[t->rec_group].explicit_rec) {
            if (!v->f->gc)
                return invalid(v, t->offset, "gc proposal must be enabled for this type");
            return unsupported(v, t->offset, "struct, array or sub type");
        }
        for (uint32_t k = 0; k < t->n_params + t->n_results; k++) {
            witc_valtype vt = k < t->n_params ? t->params[k] : t->results[k - t->n_params];
            WITC_TRY(check_valtype(v, vt, t->offset));
            /* a type names earlier types or itself (its rec group) */
            if (witc_vt_is_ref(vt) && (vt & WITC_VT_CONCRETE) && (vt & WITC_VT_HEAP_MASK) > i)
                return invalid(v, t->offset, "unknown type %u: type index out of bounds",
                               vt & WITC_VT_HEAP_MASK);
        }
        if (t->n_results > 1 && !v->f->multi_value)
            return invalid(v, t->offset,
                           "invalid result arity: func type returns multiple "
                           "values but the multi-value feature is not enabled");
    }
    if (v->f->function_references || v->f->gc)
        return canonicalize_types(v);
    return WITC_OK;
}

static witc_status check_limits(val *v, const witc_wasm_limits *l, bool table, uint64_t offset)
{
    if (l->is64 && !v->f->memory64)
        return invalid(v, offset, "memory64 must be enabled for 64-bit %s",
                       table ? "tables" : "memories");
    if (l->has_max && l->min > l->max)
        return invalid(v, offset, "size minimum must not be greater than maximum");
    if (table) {
        if (l->shared && !v->f->shared_everything_threads)
            return invalid(v, offset,
                           "shared tables require the shared-everything-threads "
                           "proposal");
        return WITC_OK;
    }
    uint64_t max_pages = l->is64 ? (1ull << 48) : 65536;
    if (l->has_page_size) {
        if (!v->f->custom_page_sizes)
            return invalid(v, offset, "custom page sizes proposal must be enabled");
        if (l->page_size_log2 != 0 && l->page_size_log2 != 16)
            return invalid(v, offset, "invalid custom page size");
        if (l->page_size_log2 == 0)
            max_pages = l->is64 ? UINT64_MAX : UINT32_MAX;
    }
    if (l->min > max_pages)
        return invalid(v, offset, "memory size must be at most %s",
                       l->is64 ? "2**48 pages" : "65536 pages (4GiB)");
    if (l->has_max && l->max > max_pages)
        return invalid(v, offset, "memory size must be at most %s",
                       l->is64 ? "2**48 pages" : "65536 pages (4GiB)");
    if (l->shared) {
        if (!v->f->threads)
            return invalid(v, offset, "threads must be enabled for shared memories");
        if (!l->has_max)
            return invalid(v, offset, "shared memory must have maximum size");
    }
    return WITC_OK;
}

static witc_status check_table_type(val *v, const witc_wasm_table *t)
{
    if (t->elem != WITC_VT_FUNCREF) /* funcref tables are MVP */
        WITC_TRY(check_valtype(v, t->elem, t->offset));
    return check_limits(v, &t->limits, true, t->offset);
}

static witc_status check_global_type(val *v, const witc_wasm_globaltype *g, uint64_t offset)
{
    if (g->shared && !v->f->shared_everything_threads)
        return invalid(v, offset, "shared globals require the shared-everything-threads proposal");
    return check_valtype(v, g->type, offset);
}

static witc_status check_tag(val *v, const witc_wasm_tag *t)
{
    if (!v->f->exceptions)
        return invalid(v, t->offset, "exceptions proposal not enabled");
    WITC_TRY(check_type_index(v, t->type, t->offset));
    if (func_type(v, t->type)->n_results != 0)
        return invalid(v, t->offset, "non-empty tag result type");
    return WITC_OK;
}

static witc_status build_index_spaces(val *v)
{
    const witc_wasm_module *m = v->m;
    v->n_funcs = m->n_imported_funcs + m->n_funcs;
    v->n_tables = m->n_imported_tables + m->n_tables;
    v->n_memories = m->n_imported_memories + m->n_memories;
    v->n_globals = m->n_imported_globals + m->n_globals;
    v->n_tags = m->n_imported_tags + m->n_tags;
    v->func_types = witc_ctx_alloc(v->ctx, ((size_t)v->n_funcs + 1) * sizeof *v->func_types);
    v->declared = witc_ctx_alloc(v->ctx, (size_t)v->n_funcs + 1);
    v->tables = witc_ctx_alloc(v->ctx, ((size_t)v->n_tables + 1) * sizeof *v->tables);
    v->memories = witc_ctx_alloc(v->ctx, ((size_t)v->n_memories + 1) * sizeof *v->memories);
    v->globals = witc_ctx_alloc(v->ctx, ((size_t)v->n_globals + 1) * sizeof *v->globals);
    v->tags = witc_ctx_alloc(v->ctx, ((size_t)v->n_tags + 1) * sizeof *v->tags);
    if (!v->func_types || !v->declared || !v->tables || !v->memories || !v->globals || !v->tags)
        return nomem(v);
    memset(v->declared, 0, (size_t)v->n_funcs + 1);
    uint32_t nf = 0, nt = 0, nm = 0, ng = 0, ntag = 0;
    for (uint32_t i = 0; i < m->n_imports; i++) {
        const witc_wasm_import *im = &m->imports[i];
        switch (im->kind) {
        case WITC_EXTERN_FUNC:
            v->func_types[nf++] = im->func_type;
            break;
        case WITC_EXTERN_TABLE:
            v->tables[nt++] = &im->table;
            break;
        case WITC_EXTERN_MEMORY:
            v->memories[nm++] = &im->memory.limits;
            break;
        case WITC_EXTERN_GLOBAL:
            v->globals[ng++] = &im->global;
            break;
        default:
            v->tags[ntag++] = &im->tag;
            break;
        }
    }
    for (uint32_t i = 0; i < m->n_funcs; i++)
        v->func_types[nf++] = m->func_types[i];
    for (uint32_t i = 0; i < m->n_tables; i++)
        v->tables[nt++] = &m->tables[i];
    for (uint32_t i = 0; i < m->n_memories; i++)
        v->memories[nm++] = &m->memories[i].limits;
    for (uint32_t i = 0; i < m->n_globals; i++)
        v->globals[ng++] = &m->globals[i].type;
    for (uint32_t i = 0; i < m->n_tags; i++)
        v->tags[ntag++] = &m->tags[i];
    return WITC_OK;
}

static witc_status check_imports(val *v)
{
    const witc_wasm_module *m = v->m;
    for (uint32_t i = 0; i < m->n_imports; i++) {
        const witc_wasm_import *im = &m->imports[i];
        switch (im->kind) {
        case WITC_EXTERN_FUNC:
            WITC_TRY(check_type_index(v, im->func_type, im->offset));
            break;
        case WITC_EXTERN_TABLE:
            WITC_TRY(check_table_type(v, &im->table));
            break;
        case WITC_EXTERN_MEMORY:
            WITC_TRY(check_limits(v, &im->memory.limits, false, im->memory.offset));
            break;
        case WITC_EXTERN_GLOBAL:
            WITC_TRY(check_global_type(v, &im->global, im->offset));
            if (im->global.mut && !v->f->mutable_global)
                return invalid(v, im->offset, "mutable global support is not enabled");
            break;
        case WITC_EXTERN_TAG:
            WITC_TRY(check_tag(v, &im->tag));
            break;
        default:
            break;
        }
    }
    return WITC_OK;
}

/* ---- constant expressions ---- */

static witc_valtype addr_type(const witc_wasm_limits *l)
{
    return l->is64 ? WITC_TYPE_I64 : WITC_TYPE_I32;
}

/* Validates a constant expression producing `expected`. `n_globals_visible`: globals that
 * global.get may name (imported ones, or with GC every earlier global). */
static witc_status check_const_expr(val *v, const witc_wasm_expr *e, witc_valtype expected,
                                    uint32_t n_globals_visible)
{
    witc_reader r;
    witc_reader_init(&r, e->ptr, e->len, e->offset, v->file, v->diags);
    r.in_section = true;
    witc_op_reader o;
    witc_op_reader_init(&o, v->ctx, v->f, &r);
    witc_valtype stack[64];
    uint32_t sp = 0;
    witc_status st = WITC_OK;
    char b1[32], b2[32];
    for (;;) {
        witc_op op;
        st = witc_op_read(&o, &op);
        if (st != WITC_OK)
            break;
        const uint64_t at = witc_reader_offset_of(&o.r, op.at);
        witc_valtype push = 0;
        if (op.prefix == 0xfb && (v->f->gc)) {
            st = unsupported(v, at, "GC instruction in a constant expression");
            break;
        }
        if (op.prefix == 0 && op.code == 0x0b) {
            if (sp != 1 || !is_subtype(v, stack[0], expected))
                st = invalid(
                    v, at, "type mismatch: constant expression must produce [%s], found %s",
                    vt_text(expected, b1), sp == 1 ? vt_text(stack[0], b2) : "a different arity");
            break;
        }
        uint32_t pop = 0;
        witc_valtype pop_type = 0;
        if (op.prefix == 0) {
            switch (op.code) {
            case 0x41:
                push = WITC_TYPE_I32;
                break;
            case 0x42:
                push = WITC_TYPE_I64;
                break;
            case 0x43:
                push = WITC_TYPE_F32;
                break;
            case 0x44:
                push = WITC_TYPE_F64;
                break;
            case 0xd0:
                st = check_valtype(v, op.vt, at);
                push = op.vt;
                break;
            case 0xd2:
                if (op.idx >= v->n_funcs) {
                    st = invalid(v, at, "unknown function %u", op.idx);
                    break;
                }
                v->declared[op.idx] = 1;
                push = func_ref_type(v, op.idx);
                break;
            case 0x23:
                if (op.idx >= n_globals_visible) {
                    st = invalid(v, at,
                                 op.idx < v->n_globals
                                     ? "constant expression required: global.get of a "
                                       "global that is not imported"
                                     : "unknown global %u",
                                 op.idx);
                    break;
                }
                if (v->globals[op.idx]->mut) {
                    st = invalid(v, at,
                                 "constant expression required: global.get of a "
                                 "mutable global");
                    break;
                }
                push = v->globals[op.idx]->type;
                break;
            case 0x6a:
            case 0x6b:
            case 0x6c:
            case 0x7c:
            case 0x7d:
            case 0x7e:
                if (!v->f->extended_const) {
                    st = invalid(v, at, "constant expression required: non-constant operator");
                    break;
                }
                pop = 2;
                pop_type = push = op.code < 0x70 ? WITC_TYPE_I32 : WITC_TYPE_I64;
                break;
            default:
                st = invalid(v, at, "constant expression required: non-constant operator");
                break;
            }
        } else if (op.prefix == 0xfd && op.code == 0x0c) {
            if (!v->f->simd)
                st = invalid(v, at, "SIMD support is not enabled");
            push = WITC_TYPE_V128;
        } else {
            st = invalid(v, at, "constant expression required: non-constant operator");
        }
        if (st != WITC_OK)
            break;
        if (op.info && !witc_feature_on(v->f, op.info->feature)) {
            st = invalid(v, at, "%s support is not enabled", op.info->text);
            break;
        }
        for (uint32_t i = 0; i < pop; i++) {
            if (sp == 0 || !is_subtype(v, stack[sp - 1], pop_type)) {
                st = invalid(v, at, "type mismatch: expected %s", vt_text(pop_type, b1));
                break;
            }
            sp--;
        }
        if (st != WITC_OK)
            break;
        if (sp == sizeof stack / sizeof stack[0]) {
            st = invalid(v, at, "constant expression too deep");
            break;
        }
        stack[sp++] = push;
    }
    witc_op_reader_release(&o);
    return st;
}

/* ---- function bodies ---- */

#define STACK (&v->stack)

static inline witc_status push(val *v, witc_valtype t)
{
    if (v->stack.len < v->stack.cap) {
        v->stack.items[v->stack.len++] = t;
        return WITC_OK;
    }
    if (!WITC_VEC_PUSH(v->ctx, STACK, t))
        return nomem(v);
    return WITC_OK;
}

static witc_status pop_any(val *v, uint64_t at, witc_valtype *out)
{
    ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
    if (v->stack.len == c->height) {
        if (c->unreachable) {
            *out = WITC_VT_BOTTOM;
            return WITC_OK;
        }
        return invalid(v, at, "type mismatch: operand stack is empty");
    }
    *out = v->stack.items[--v->stack.len];
    return WITC_OK;
}

static witc_status pop_expect_slow(val *v, uint64_t at, witc_valtype expected)
{
    ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
    if (v->stack.len == c->height) {
        if (c->unreachable)
            return WITC_OK;
        char b[32];
        return invalid(v, at, "type mismatch: instruction requires [%s] but stack has []",
                       vt_text(expected, b));
    }
    witc_valtype t = v->stack.items[--v->stack.len];
    if (!is_subtype(v, t, expected)) {
        char b1[32], b2[32];
        return invalid(v, at, "type mismatch: instruction requires [%s] but stack has [%s]",
                       vt_text(expected, b1), vt_text(t, b2));
    }
    return WITC_OK;
}

/* The common case inline: the expected type is on top, above the frame. */
static inline witc_status pop_expect(val *v, uint64_t at, witc_valtype expected)
{
    if (v->stack.len > v->frame_height && v->stack.items[v->stack.len - 1] == expected) {
        v->stack.len--;
        return WITC_OK;
    }
    return pop_expect_slow(v, at, expected);
}

static witc_status pop_ref(val *v, uint64_t at, witc_valtype *out)
{
    WITC_TRY(pop_any(v, at, out));
    if (*out != WITC_VT_BOTTOM && !witc_vt_is_ref(*out)) {
        char b[32];
        return invalid(v, at, "type mismatch: expected a reference, found %s", vt_text(*out, b));
    }
    return WITC_OK;
}

/* The types of a block type or function: params and results. `single` must outlive use. */
static void block_sig(val *v, uint8_t kind, const witc_valtype *single, uint32_t type, uint32_t *np,
                      const witc_valtype **p, uint32_t *nr, const witc_valtype **r)
{
    if (kind == WITC_BLOCK_EMPTY) {
        *np = *nr = 0;
        *p = *r = NULL;
    } else if (kind == WITC_BLOCK_VALTYPE) {
        *np = 0;
        *p = NULL;
        *nr = 1;
        *r = single;
    } else {
        const witc_wasm_subtype *t = &v->m->types[type];
        *np = t->n_params;
        *p = t->params;
        *nr = t->n_results;
        *r = t->results;
    }
}

/* Label types: a loop's params, otherwise the results. */
static void label_types(val *v, const ctrl *c, uint32_t *n, const witc_valtype **t)
{
    uint32_t np, nr;
    const witc_valtype *p, *r;
    block_sig(v, c->block_kind, &c->single, c->type, &np, &p, &nr, &r);
    if (c->kind == CTRL_LOOP) {
        *n = np;
        *t = p;
    } else {
        *n = nr;
        *t = r;
    }
}

static witc_status pop_types(val *v, uint64_t at, uint32_t n, const witc_valtype *t)
{
    for (uint32_t i = n; i-- > 0;)
        WITC_TRY(pop_expect(v, at, t[i]));
    return WITC_OK;
}

static witc_status push_types(val *v, uint32_t n, const witc_valtype *t)
{
    for (uint32_t i = 0; i < n; i++)
        WITC_TRY(push(v, t[i]));
    return WITC_OK;
}

static witc_status push_ctrl(val *v, uint8_t kind, const witc_op *op, uint32_t func_type)
{
    ctrl c = {kind,
              false,
              WITC_BLOCK_TYPEIDX,
              0,
              func_type,
              (uint32_t)v->stack.len,
              (uint32_t)v->inits.len};
    if (op) {
        c.block_kind = op->block_kind;
        c.single = op->vt;
        c.type = op->idx;
    }
    uint32_t np, nr;
    const witc_valtype *p, *r;
    block_sig(v, c.block_kind, &c.single, c.type, &np, &p, &nr, &r);
    c.height = (uint32_t)v->stack.len; /* params already popped by the caller */
    if (!WITC_VEC_PUSH(v->ctx, &v->ctrls, c))
        return nomem(v);
    v->frame_height = c.height;
    if (kind != CTRL_FUNC)
        WITC_TRY(push_types(v, np, p));
    return WITC_OK;
}

/* Checks a block type immediate and pops its params. */
static witc_status enter_block(val *v, uint64_t at, const witc_op *op)
{
    if (op->block_kind == WITC_BLOCK_VALTYPE)
        return check_valtype(v, op->vt, at);
    if (op->block_kind == WITC_BLOCK_TYPEIDX) {
        WITC_TRY(check_type_index(v, op->idx, at));
        const witc_wasm_subtype *t = func_type(v, op->idx);
        if ((t->n_params > 0 || t->n_results > 1) && !v->f->multi_value)
            return invalid(v, at,
                           "invalid result arity: block types with parameters or "
                           "several results need multi-value");
        return pop_types(v, at, t->n_params, t->params);
    }
    return WITC_OK;
}

/* "i32 i64 ..." into buf (cut with "..." when long). */
static void types_text(char *buf, size_t size, const witc_valtype *t, size_t n)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < n && used + 40 < size; i++) {
        char one[32];
        int k = snprintf(buf + used, size - used, "%s%s", i ? " " : "", vt_text(t[i], one));
        used += k > 0 ? (size_t)k : 0;
        if (i + 1 < n && used + 40 >= size)
            snprintf(buf + used, size - used, " ...");
    }
}

/* Pops the frame's results and the frame itself; checks the stack height. */
static witc_status end_frame(val *v, uint64_t at, ctrl *out)
{
    ctrl c = v->ctrls.items[v->ctrls.len - 1];
    uint32_t np, nr;
    const witc_valtype *p, *r;
    block_sig(v, c.block_kind, &c.single, c.type, &np, &p, &nr, &r);
    WITC_TRY(pop_types(v, at, nr, r));
    if (v->stack.len != c.height) {
        char want[160], have[160];
        types_text(want, sizeof want, r, nr);
        types_text(have, sizeof have, v->stack.items + c.height, v->stack.len - c.height);
        /* the results were popped above: show what the block really left */
        return invalid(v, at, "type mismatch: block requires [%s] but stack has [%s%s%s]", want,
                       have, nr ? " " : "", want);
    }
    *out = c;
    return WITC_OK;
}

/* Leaving a block (end, else, catch): locals first set inside it are unset again. */
static void reset_inits(val *v, uint32_t height)
{
    while (v->inits.len > height)
        v->local_set.items[v->inits.items[--v->inits.len]] = 0;
}

static witc_status set_unreachable(val *v)
{
    ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
    v->stack.len = c->height;
    c->unreachable = true;
    return WITC_OK;
}

static witc_status get_label(val *v, uint64_t at, uint32_t depth, ctrl **out)
{
    if (depth >= v->ctrls.len)
        return invalid(v, at, "unknown label: branch depth too large");
    *out = &v->ctrls.items[v->ctrls.len - 1 - depth];
    return WITC_OK;
}

/* Checks the stack top against a label's types without consuming them (br_table). */
static witc_status check_label_peek(val *v, uint64_t at, uint32_t n, const witc_valtype *t)
{
    const ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
    size_t avail = v->stack.len - c->height;
    for (uint32_t i = 0; i < n; i++) {
        witc_valtype want = t[n - 1 - i];
        if (i >= avail) {
            if (c->unreachable)
                return WITC_OK;
            return invalid(v, at, "type mismatch: not enough operands for branch");
        }
        witc_valtype have = v->stack.items[v->stack.len - 1 - i];
        if (!is_subtype(v, have, want)) {
            char b1[32], b2[32];
            return invalid(v, at, "type mismatch: expected %s, found %s", vt_text(want, b1),
                           vt_text(have, b2));
        }
    }
    return WITC_OK;
}

static witc_valtype char_type(char ch, witc_valtype addr)
{
    switch (ch) {
    case 'i':
        return WITC_TYPE_I32;
    case 'l':
        return WITC_TYPE_I64;
    case 'f':
        return WITC_TYPE_F32;
    case 'd':
        return WITC_TYPE_F64;
    case 'v':
        return WITC_TYPE_V128;
    default:
        return addr;
    }
}

static witc_status check_memory(val *v, uint64_t at, uint32_t idx)
{
    if (idx >= v->n_memories)
        return invalid(v, at, "unknown memory %u", idx);
    if (idx > 0 && !v->f->multi_memory)
        return invalid(v, at, "multi-memory support is not enabled");
    return WITC_OK;
}

static witc_status check_table(val *v, uint64_t at, uint32_t idx)
{
    if (idx >= v->n_tables)
        return invalid(v, at, "unknown table %u: table index out of bounds", idx);
    return WITC_OK;
}

static witc_status check_memarg(val *v, uint64_t at, const witc_op *op, unsigned natural,
                                bool atomic)
{
    WITC_TRY(check_memory(v, at, op->idx));
    if (atomic ? op->align_log2 != natural : op->align_log2 > natural)
        return invalid(v, at,
                       atomic ? "alignment must be equal to natural"
                              : "alignment must not be larger than natural");
    if (!v->memories[op->idx]->is64 && op->mem_offset > UINT32_MAX)
        return invalid(v, at, "offset out of range: must be <= 2**32");
    return WITC_OK;
}

static witc_status check_call(val *v, uint64_t at, uint32_t type, bool tail)
{
    const witc_wasm_subtype *t = func_type(v, type);
    WITC_TRY(pop_types(v, at, t->n_params, t->params));
    if (tail) {
        const witc_wasm_subtype *self = func_type(v, v->cur_func_type);
        bool same = t->n_results == self->n_results;
        for (uint32_t i = 0; same && i < t->n_results; i++)
            same = is_subtype(v, t->results[i], self->results[i]);
        if (!same)
            return invalid(v, at,
                           "type mismatch: current function requires result type "
                           "matching the tail-called function");
        return set_unreachable(v);
    }
    return push_types(v, t->n_results, t->results);
}

static witc_status check_elem_index(val *v, uint64_t at, uint32_t idx)
{
    if (idx >= v->m->n_elems)
        return invalid(v, at, "unknown elem segment %u", idx);
    return WITC_OK;
}

static witc_status check_data_index(val *v, uint64_t at, uint32_t idx)
{
    if (!v->m->has_data_count)
        return invalid(v, at, "data count section required");
    if (idx >= v->m->data_count)
        return invalid(v, at, "unknown data segment %u", idx);
    return WITC_OK;
}

static witc_status check_tag_index(val *v, uint64_t at, uint32_t idx)
{
    if (idx >= v->n_tags)
        return invalid(v, at, "unknown tag %u", idx);
    return WITC_OK;
}

/* A try_table catch clause: its label must take the values the clause passes. */
static witc_status check_catch(val *v, uint64_t at, const witc_catch *c)
{
    witc_valtype buf[1];
    uint32_t n = 0;
    const witc_valtype *p = NULL;
    if (c->kind == WITC_CATCH || c->kind == WITC_CATCH_REF) {
        WITC_TRY(check_tag_index(v, at, c->tag));
        const witc_wasm_subtype *t = func_type(v, v->tags[c->tag]->type);
        n = t->n_params;
        p = t->params;
    }
    ctrl *l = NULL;
    WITC_TRY(get_label(v, at, c->label, &l));
    uint32_t ln;
    const witc_valtype *lt;
    label_types(v, l, &ln, &lt);
    bool ref = c->kind == WITC_CATCH_REF || c->kind == WITC_CATCH_ALL_REF;
    if (ln != n + (ref ? 1 : 0))
        return invalid(v, at, "type mismatch: catch label arity");
    for (uint32_t i = 0; i < n; i++)
        if (!is_subtype(v, p[i], lt[i]))
            return invalid(v, at, "type mismatch: catch label types");
    buf[0] = WITC_VT_EXNREF;
    if (ref && !is_subtype(v, buf[0], lt[n]))
        return invalid(v, at, "type mismatch: catch_ref label must take an exnref");
    return WITC_OK;
}

static witc_status validate_op(val *v, witc_op_reader *o, const witc_op *op, bool *done);

/* The most frequent instructions, typed straight from the bytes without the operator reader:
 * immediate-free operators of the signature table, local.get/set/tee with a one-byte index,
 * and small i32.const values. Returns false (nothing consumed) for everything else. */
static inline bool fast_path(val *v, witc_reader *r, witc_status *st)
{
    if (r->end - r->cur < 2)
        return false;
    const uint8_t *p = r->cur;
    const uint8_t b = p[0];
    const uint64_t at = witc_reader_offset_of(r, p);
    const witc_op_info *info = &witc_ops_single[b];
    if (info->imm == WITC_IMM_NONE && info->text[0] && info->params[0] != '*') {
        if (!witc_feature_on(v->f, info->feature))
            return false;
        r->cur++;
        *st = WITC_OK;
        for (size_t i = info->n_params; i-- > 0 && *st == WITC_OK;)
            *st = pop_expect(v, at, char_type(info->params[i], WITC_TYPE_I32));
        for (const char *c = info->results; *c && *st == WITC_OK; c++)
            *st = push(v, char_type(*c, WITC_TYPE_I32));
        return true;
    }
    const uint8_t x = p[1];
    if (x >= 0x80 || (v->has_nondefaultable && b >= 0x20 && b <= 0x22))
        return false;
    switch (b) {
    case 0x20: /* local.get */
        if (x >= v->locals.len)
            return false;
        r->cur += 2;
        *st = push(v, v->locals.items[x]);
        return true;
    case 0x21: /* local.set */
    case 0x22: /* local.tee */
        if (x >= v->locals.len)
            return false;
        r->cur += 2;
        *st = pop_expect(v, at, v->locals.items[x]);
        if (*st == WITC_OK && b == 0x22)
            *st = push(v, v->locals.items[x]);
        return true;
    case 0x41: /* i32.const with a one-byte value */
        r->cur += 2;
        *st = push(v, WITC_TYPE_I32);
        return true;
    default:
        return false;
    }
}

static witc_status validate_body(val *v, uint32_t fidx, const witc_wasm_code *code)
{
    const uint32_t type = v->func_types[fidx];
    const witc_wasm_subtype *ft = func_type(v, type);
    v->cur_func_type = type;
    v->locals.len = 0;
    v->local_set.len = 0;
    v->inits.len = 0;
    v->has_nondefaultable = false;
    v->stack.len = 0;
    v->ctrls.len = 0;
    for (uint32_t i = 0; i < ft->n_params; i++)
        if (!WITC_VEC_PUSH(v->ctx, &v->locals, ft->params[i]) ||
            !WITC_VEC_PUSH(v->ctx, &v->local_set, 1))
            return nomem(v);
    for (uint32_t k = 0; k < code->n_runs; k++) {
        const witc_valtype lt = code->runs[k].type;
        WITC_TRY(check_valtype(v, lt, code->offset));
        const uint8_t set = is_defaultable(lt); /* a non-null reference needs a local.set */
        v->has_nondefaultable |= !set;
        for (uint32_t i = 0; i < code->runs[k].count; i++)
            if (!WITC_VEC_PUSH(v->ctx, &v->locals, lt) ||
                !WITC_VEC_PUSH(v->ctx, &v->local_set, set))
                return nomem(v);
    }
    WITC_TRY(push_ctrl(v, CTRL_FUNC, NULL, type));
    witc_reader r;
    witc_reader_init(&r, code->body.ptr, code->body.len, code->body.offset, v->file, v->diags);
    r.in_section = true;
    witc_op_reader o;
    witc_op_reader_init(&o, v->ctx, v->f, &r);
    witc_status st = WITC_OK;
    bool done = false;
    while (!done) {
        if (witc_reader_at_end(&o.r)) {
            st = witc_reader_fail(&o.r, o.r.cur,
                                  "unexpected end of section or function (function body)");
            break;
        }
        if (fast_path(v, &o.r, &st)) {
            if (st != WITC_OK)
                break;
            continue;
        }
        witc_op op;
        st = witc_op_read(&o, &op);
        if (st == WITC_OK)
            st = validate_op(v, &o, &op, &done);
        if (st != WITC_OK)
            break;
    }
    if (st == WITC_OK && !witc_reader_at_end(&o.r))
        st = witc_reader_fail(&o.r, o.r.cur,
                              "section size mismatch (operators remaining after end of function)");
    witc_op_reader_release(&o);
    return st;
}

static witc_status validate_plain(val *v, uint64_t at, const witc_op *op)
{
    const witc_op_info *info = op->info;
    witc_valtype addr = WITC_TYPE_I32;
    switch ((witc_imm)info->imm) {
    case WITC_IMM_MEMARG:
        WITC_TRY(check_memarg(v, at, op, info->arg, op->prefix == 0xfe));
        addr = addr_type(v->memories[op->idx]);
        break;
    case WITC_IMM_MEMARG_LANE:
        WITC_TRY(check_memarg(v, at, op, info->arg & 0xff, false));
        if (op->lane >= (info->arg >> 8))
            return invalid(v, at, "invalid lane index");
        addr = addr_type(v->memories[op->idx]);
        break;
    case WITC_IMM_MEM:
        WITC_TRY(check_memory(v, at, op->idx));
        addr = addr_type(v->memories[op->idx]);
        break;
    case WITC_IMM_LANE:
        if (op->lane >= info->arg)
            return invalid(v, at, "invalid lane index");
        break;
    case WITC_IMM_SHUFFLE:
        for (int i = 0; i < 16; i++)
            if (op->v128[i] >= 32)
                return invalid(v, at, "invalid lane index");
        break;
    default:
        break;
    }
    const char *p = info->params;
    for (size_t i = info->n_params; i-- > 0;)
        WITC_TRY(pop_expect(v, at, char_type(p[i], addr)));
    for (const char *r = info->results; *r; r++)
        WITC_TRY(push(v, char_type(*r, addr)));
    return WITC_OK;
}

static witc_status validate_op(val *v, witc_op_reader *o, const witc_op *op, bool *done)
{
    const uint64_t at = witc_reader_offset_of(&o->r, op->at);
    if (!op->info) /* 0xfb: GC instructions */
        return gc_construct(v, at, true, "GC instruction");
    const witc_op_info *info = op->info;
    if (!witc_feature_on(v->f, info->feature) &&
        !(info->feature == WITC_FEAT_function_references && v->f->gc)) { /* gc implies it */
        if (info->feature == WITC_FEAT_function_references)
            return gc_construct(v, at, false, info->text);
        if (info->feature == WITC_FEAT_gc)
            return gc_construct(v, at, true, info->text);
        return invalid(v, at, "%s support is not enabled", info->text);
    }
    if (info->params[0] != '*')
        return validate_plain(v, at, op);
    if (op->prefix == 0xfc) {
        switch (op->code) {
        case 8: { /* memory.init */
            WITC_TRY(check_memory(v, at, op->idx2));
            WITC_TRY(check_data_index(v, at, op->idx));
            WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
            WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
            return pop_expect(v, at, addr_type(v->memories[op->idx2]));
        }
        case 9:
            return check_data_index(v, at, op->idx);
        case 10: {
            WITC_TRY(check_memory(v, at, op->idx));
            WITC_TRY(check_memory(v, at, op->idx2));
            witc_valtype d = addr_type(v->memories[op->idx]);
            witc_valtype s = addr_type(v->memories[op->idx2]);
            witc_valtype n = (d == WITC_TYPE_I32 || s == WITC_TYPE_I32) ? WITC_TYPE_I32 : d;
            WITC_TRY(pop_expect(v, at, n));
            WITC_TRY(pop_expect(v, at, s));
            return pop_expect(v, at, d);
        }
        case 11: {
            WITC_TRY(check_memory(v, at, op->idx));
            witc_valtype a = addr_type(v->memories[op->idx]);
            WITC_TRY(pop_expect(v, at, a));
            WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
            return pop_expect(v, at, a);
        }
        case 12: { /* table.init elem table */
            WITC_TRY(check_table(v, at, op->idx2));
            WITC_TRY(check_elem_index(v, at, op->idx));
            if (!is_subtype(v, v->m->elems[op->idx].type, v->tables[op->idx2]->elem))
                return invalid(v, at, "type mismatch: table.init segment type");
            WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
            WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
            return pop_expect(v, at, addr_type(&v->tables[op->idx2]->limits));
        }
        case 13:
            return check_elem_index(v, at, op->idx);
        case 14: {
            WITC_TRY(check_table(v, at, op->idx));
            WITC_TRY(check_table(v, at, op->idx2));
            if (!is_subtype(v, v->tables[op->idx2]->elem, v->tables[op->idx]->elem))
                return invalid(v, at, "type mismatch: table.copy element types");
            witc_valtype d = addr_type(&v->tables[op->idx]->limits);
            witc_valtype s = addr_type(&v->tables[op->idx2]->limits);
            witc_valtype n = (d == WITC_TYPE_I32 || s == WITC_TYPE_I32) ? WITC_TYPE_I32 : d;
            WITC_TRY(pop_expect(v, at, n));
            WITC_TRY(pop_expect(v, at, s));
            return pop_expect(v, at, d);
        }
        case 15: { /* table.grow */
            WITC_TRY(check_table(v, at, op->idx));
            witc_valtype a = addr_type(&v->tables[op->idx]->limits);
            WITC_TRY(pop_expect(v, at, a));
            WITC_TRY(pop_expect(v, at, v->tables[op->idx]->elem));
            return push(v, a);
        }
        case 16:
            WITC_TRY(check_table(v, at, op->idx));
            return push(v, addr_type(&v->tables[op->idx]->limits));
        case 17: {
            WITC_TRY(check_table(v, at, op->idx));
            witc_valtype a = addr_type(&v->tables[op->idx]->limits);
            WITC_TRY(pop_expect(v, at, a));
            WITC_TRY(pop_expect(v, at, v->tables[op->idx]->elem));
            return pop_expect(v, at, a);
        }
        default:
            return invalid(v, at, "unsupported operator");
        }
    }
    ctrl *l = NULL;
    uint32_t n;
    const witc_valtype *t;
    witc_valtype x;
    switch (op->code) {
    case 0x00:
        return set_unreachable(v);
    case 0x02:
    case 0x03:
    case 0x06:
        WITC_TRY(enter_block(v, at, op));
        return push_ctrl(v,
                         op->code == 0x02   ? CTRL_BLOCK
                         : op->code == 0x03 ? CTRL_LOOP
                                            : CTRL_TRY,
                         op, 0);
    case 0x04:
        WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
        WITC_TRY(enter_block(v, at, op));
        return push_ctrl(v, CTRL_IF, op, 0);
    case 0x1f: /* try_table */
        WITC_TRY(enter_block(v, at, op));
        for (uint32_t i = 0; i < op->n_catches; i++)
            WITC_TRY(check_catch(v, at, &op->catches[i]));
        return push_ctrl(v, CTRL_TRY_TABLE, op, 0);
    case 0x05: { /* else */
        ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
        if (c->kind != CTRL_IF)
            return invalid(v, at, "else found outside of an `if` block");
        ctrl done_c;
        WITC_TRY(end_frame(v, at, &done_c));
        reset_inits(v, c->init_height);
        c->kind = CTRL_ELSE;
        c->unreachable = false;
        uint32_t np, nr;
        const witc_valtype *p, *r;
        block_sig(v, c->block_kind, &c->single, c->type, &np, &p, &nr, &r);
        return push_types(v, np, p);
    }
    case 0x07:   /* catch (legacy) */
    case 0x19: { /* catch_all (legacy) */
        ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
        if (c->kind != CTRL_TRY && c->kind != CTRL_CATCH)
            return invalid(v, at,
                           c->kind == CTRL_CATCH_ALL ? "catch found after catch_all"
                                                     : "catch found outside of a `try` block");
        ctrl done_c;
        WITC_TRY(end_frame(v, at, &done_c));
        reset_inits(v, c->init_height);
        c->unreachable = false;
        if (op->code == 0x19) {
            c->kind = CTRL_CATCH_ALL;
            return WITC_OK;
        }
        WITC_TRY(check_tag_index(v, at, op->idx));
        c->kind = CTRL_CATCH;
        const witc_wasm_subtype *tt = func_type(v, v->tags[op->idx]->type);
        return push_types(v, tt->n_params, tt->params);
    }
    case 0x18: { /* delegate */
        ctrl *c = &v->ctrls.items[v->ctrls.len - 1];
        if (c->kind != CTRL_TRY)
            return invalid(v, at, "delegate found outside of a `try` block");
        ctrl done_c;
        WITC_TRY(end_frame(v, at, &done_c));
        reset_inits(v, done_c.init_height);
        v->ctrls.len--;
        v->frame_height = v->ctrls.len ? v->ctrls.items[v->ctrls.len - 1].height : 0;
        if (op->idx >= v->ctrls.len)
            return invalid(v, at, "unknown label: delegate depth too large");
        uint32_t np, nr;
        const witc_valtype *p, *r;
        block_sig(v, done_c.block_kind, &done_c.single, done_c.type, &np, &p, &nr, &r);
        return push_types(v, nr, r);
    }
    case 0x09: /* rethrow */
        WITC_TRY(get_label(v, at, op->idx, &l));
        if (l->kind != CTRL_CATCH && l->kind != CTRL_CATCH_ALL)
            return invalid(v, at, "invalid rethrow label: target was not a `catch` block");
        return set_unreachable(v);
    case 0x08: { /* throw */
        WITC_TRY(check_tag_index(v, at, op->idx));
        const witc_wasm_subtype *tt = func_type(v, v->tags[op->idx]->type);
        WITC_TRY(pop_types(v, at, tt->n_params, tt->params));
        return set_unreachable(v);
    }
    case 0x0a:
        WITC_TRY(pop_expect(v, at, WITC_VT_EXNREF));
        return set_unreachable(v);
    case 0x0b: { /* end */
        ctrl c;
        WITC_TRY(end_frame(v, at, &c));
        uint32_t np, nr;
        const witc_valtype *p, *r;
        block_sig(v, c.block_kind, &c.single, c.type, &np, &p, &nr, &r);
        if (c.kind == CTRL_IF) { /* no else: the params must pass through as the results */
            bool same = np == nr;
            for (uint32_t i = 0; same && i < np; i++)
                same = is_subtype(v, p[i], r[i]);
            if (!same)
                return invalid(v, at,
                               "type mismatch: if without else must have matching "
                               "param and result types");
        }
        reset_inits(v, c.init_height);
        v->ctrls.len--;
        v->frame_height = v->ctrls.len ? v->ctrls.items[v->ctrls.len - 1].height : 0;
        if (c.kind == CTRL_FUNC) {
            *done = true;
            return WITC_OK;
        }
        return push_types(v, nr, r);
    }
    case 0x0c: /* br */
        WITC_TRY(get_label(v, at, op->idx, &l));
        label_types(v, l, &n, &t);
        WITC_TRY(pop_types(v, at, n, t));
        return set_unreachable(v);
    case 0x0d: /* br_if */
        WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
        WITC_TRY(get_label(v, at, op->idx, &l));
        label_types(v, l, &n, &t);
        WITC_TRY(pop_types(v, at, n, t));
        return push_types(v, n, t);
    case 0x0e: { /* br_table */
        WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
        WITC_TRY(get_label(v, at, op->idx, &l));
        uint32_t arity;
        label_types(v, l, &arity, &t);
        WITC_TRY(check_label_peek(v, at, arity, t));
        for (uint32_t i = 0; i < op->n_targets; i++) {
            WITC_TRY(get_label(v, at, op->targets[i], &l));
            label_types(v, l, &n, &t);
            if (n != arity)
                return invalid(v, at,
                               "type mismatch: br_table target labels have different "
                               "number of types");
            WITC_TRY(check_label_peek(v, at, n, t));
        }
        return set_unreachable(v);
    }
    case 0x0f: { /* return */
        const witc_wasm_subtype *ft = func_type(v, v->cur_func_type);
        WITC_TRY(pop_types(v, at, ft->n_results, ft->results));
        return set_unreachable(v);
    }
    case 0x10:
    case 0x12:
        if (op->idx >= v->n_funcs)
            return invalid(v, at, "unknown function %u: function index out of bounds", op->idx);
        return check_call(v, at, v->func_types[op->idx], op->code == 0x12);
    case 0x11:
    case 0x13:
        WITC_TRY(check_table(v, at, op->idx2));
        if (op->idx2 > 0 && !v->f->reference_types)
            return invalid(v, at, "zero byte expected: call_indirect table index");
        if (!is_subtype(v, v->tables[op->idx2]->elem, WITC_VT_FUNCREF))
            return invalid(v, at,
                           "type mismatch: indirect calls must go through a table with "
                           "type <= funcref");
        WITC_TRY(check_type_index(v, op->idx, at));
        WITC_TRY(pop_expect(v, at, addr_type(&v->tables[op->idx2]->limits)));
        return check_call(v, at, op->idx, op->code == 0x13);
    case 0x1a:
        return pop_any(v, at, &x);
    case 0x1b: { /* select */
        witc_valtype a, b;
        WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
        WITC_TRY(pop_any(v, at, &a));
        WITC_TRY(pop_any(v, at, &b));
        if (witc_vt_is_ref(a) || witc_vt_is_ref(b))
            return invalid(v, at, "type mismatch: select only takes integral types");
        if (a != b && a != WITC_VT_BOTTOM && b != WITC_VT_BOTTOM)
            return invalid(v, at, "type mismatch: select operands have different types");
        return push(v, a == WITC_VT_BOTTOM ? b : a);
    }
    case 0x1c: /* select t */
        if (op->n_types != 1)
            return invalid(v, at, "invalid result arity: select takes one type");
        WITC_TRY(check_valtype(v, op->types[0], at));
        WITC_TRY(pop_expect(v, at, WITC_TYPE_I32));
        WITC_TRY(pop_expect(v, at, op->types[0]));
        WITC_TRY(pop_expect(v, at, op->types[0]));
        return push(v, op->types[0]);
    case 0x20:
    case 0x21:
    case 0x22: {
        if (op->idx >= v->locals.len)
            return invalid(v, at, "unknown local %u: local index out of bounds", op->idx);
        witc_valtype lt = v->locals.items[op->idx];
        if (op->code == 0x20) {
            if (!v->local_set.items[op->idx])
                return invalid(v, at, "uninitialized local: %u", op->idx);
            return push(v, lt);
        }
        WITC_TRY(pop_expect(v, at, lt));
        if (!v->local_set.items[op->idx]) {
            v->local_set.items[op->idx] = 1;
            if (!WITC_VEC_PUSH(v->ctx, &v->inits, op->idx))
                return nomem(v);
        }
        return op->code == 0x22 ? push(v, lt) : WITC_OK;
    }
    case 0x23:
    case 0x24:
        if (op->idx >= v->n_globals)
            return invalid(v, at, "unknown global %u: global index out of bounds", op->idx);
        if (op->code == 0x23)
            return push(v, v->globals[op->idx]->type);
        if (!v->globals[op->idx]->mut)
            return invalid(v, at, "global is immutable: cannot modify it with `global.set`");
        return pop_expect(v, at, v->globals[op->idx]->type);
    case 0x25:
        WITC_TRY(check_table(v, at, op->idx));
        WITC_TRY(pop_expect(v, at, addr_type(&v->tables[op->idx]->limits)));
        return push(v, v->tables[op->idx]->elem);
    case 0x26:
        WITC_TRY(check_table(v, at, op->idx));
        WITC_TRY(pop_expect(v, at, v->tables[op->idx]->elem));
        return pop_expect(v, at, addr_type(&v->tables[op->idx]->limits));
    case 0xd0:
        WITC_TRY(check_valtype(v, op->vt, at));
        return push(v, op->vt);
    case 0xd1:
        WITC_TRY(pop_ref(v, at, &x));
        return push(v, WITC_TYPE_I32);
    case 0xd2:
        if (op->idx >= v->n_funcs)
            return invalid(v, at, "unknown function %u", op->idx);
        if (!v->declared[op->idx])
            return invalid(v, at, "undeclared function reference");
        return push(v, func_ref_type(v, op->idx));
    case 0x14: /* call_ref */
    case 0x15: /* return_call_ref */
        if (op->code == 0x15 && !v->f->tail_call)
            return invalid(v, at, "tail calls support is not enabled");
        WITC_TRY(check_type_index(v, op->idx, at));
        WITC_TRY(pop_expect(v, at, WITC_VT_REF | WITC_VT_NULLABLE | WITC_VT_CONCRETE | op->idx));
        return check_call(v, at, op->idx, op->code == 0x15);
    case 0xd3: /* ref.eq (gc) */
        WITC_TRY(pop_expect(v, at, WITC_VT_REF | WITC_VT_NULLABLE | WITC_TYPE_EQ));
        WITC_TRY(pop_expect(v, at, WITC_VT_REF | WITC_VT_NULLABLE | WITC_TYPE_EQ));
        return push(v, WITC_TYPE_I32);
    case 0xd4: /* ref.as_non_null */
        WITC_TRY(pop_ref(v, at, &x));
        return push(v, x == WITC_VT_BOTTOM ? x : x & ~WITC_VT_NULLABLE);
    case 0xd5: /* br_on_null */
        WITC_TRY(pop_ref(v, at, &x));
        WITC_TRY(get_label(v, at, op->idx, &l));
        label_types(v, l, &n, &t);
        WITC_TRY(pop_types(v, at, n, t));
        WITC_TRY(push_types(v, n, t));
        return push(v, x == WITC_VT_BOTTOM ? x : x & ~WITC_VT_NULLABLE);
    case 0xd6: { /* br_on_non_null: the label takes [t* (ref ht)] */
        WITC_TRY(pop_ref(v, at, &x));
        WITC_TRY(get_label(v, at, op->idx, &l));
        label_types(v, l, &n, &t);
        if (n == 0 || !witc_vt_is_ref(t[n - 1]))
            return invalid(v, at, "type mismatch: br_on_non_null target has no reference type");
        if (x != WITC_VT_BOTTOM && !is_subtype(v, x & ~WITC_VT_NULLABLE, t[n - 1])) {
            char b1[32], b2[32];
            return invalid(v, at, "type mismatch: expected %s, found %s", vt_text(t[n - 1], b1),
                           vt_text(x, b2));
        }
        WITC_TRY(pop_types(v, at, n - 1, t));
        return push_types(v, n - 1, t);
    }
    default:
        return gc_construct(v, at, false, info->text);
    }
}

/* ---- all function bodies, on one thread or several ---- */

/* An invalid function body does not stop the others (STYLE 2.5), up to max_errors;
 * malformed or unsupported input does. */
static witc_status validate_bodies_serial(val *v)
{
    const witc_wasm_module *m = v->m;
    witc_status first = WITC_OK;
    const uint32_t max_errors = witc_ctx_limits(v->ctx)->max_errors;
    for (uint32_t i = 0; i < m->n_codes; i++) {
        witc_status body_st = validate_body(v, m->n_imported_funcs + i, &m->codes[i]);
        if (body_st == WITC_OK)
            continue;
        if (body_st != WITC_E_INVALID)
            return body_st;
        first = body_st;
        if (witc_diag_error_count(v->diags) >= max_errors) {
            witc_diag_error_plain(v->diags, "too many errors, stopping");
            return first;
        }
    }
    return first;
}

/* What one body gave: its status and the end of its diagnostics in its worker's list (they
 * start where the previous body's ended). */
typedef struct body_result {
    witc_status st;
    size_t diag_end;
} body_result;

/* One worker validates the bodies [first, first + count) with its own stacks and its own
 * context (so its own diagnostic list); everything else in `v` is shared and read-only
 * while bodies are checked. */
typedef struct body_worker {
    val v;
    witc_ctx *ctx;
    uint32_t first, count;
    uint32_t n_done;      /* bodies checked; stops early where the serial loop would stop */
    uint32_t max_errors;  /* the caller's limit: no worker needs more errors than that */
    body_result *results; /* shared, indexed by code index; each worker writes its range */
    pthread_t thread;
    bool started;
} body_worker;

static void *body_worker_run(void *arg)
{
    body_worker *w = arg;
    for (uint32_t i = w->first; i < w->first + w->count; i++) {
        witc_status st = validate_body(&w->v, w->v.m->n_imported_funcs + i, &w->v.m->codes[i]);
        w->results[i].st = st;
        w->results[i].diag_end = witc_diag_count(w->v.diags);
        w->n_done++;
        if (st != WITC_OK &&
            (st != WITC_E_INVALID || witc_diag_error_count(w->v.diags) >= w->max_errors))
            break;
    }
    return NULL;
}

/* Copies diagnostics [from, to) of one list to another, text and order unchanged. */
static void copy_diags(witc_diag_list *dst, const witc_diag_list *src, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const witc_diag *d = witc_diag_get(src, k);
        if (d->offset != WITC_OFFSET_NONE)
            witc_diag_error_at(dst, d->file, d->offset, "%s", d->msg);
        else
            witc_diag_error_plain(dst, "%s", d->msg);
    }
}

/* Splits the bodies into n_workers contiguous ranges of about equal byte size, at least
 * one body each (n_workers <= n_codes). */
static void split_bodies(const witc_wasm_module *m, body_worker *w, uint32_t n_workers)
{
    uint64_t total = 0, acc = 0;
    for (uint32_t i = 0; i < m->n_codes; i++)
        total += m->codes[i].body.len;
    uint32_t i = 0;
    for (uint32_t k = 0; k < n_workers; k++) {
        const uint64_t target = total * (k + 1) / n_workers;
        const uint32_t keep = n_workers - k - 1; /* bodies left for the later workers */
        const bool last = keep == 0;
        w[k].first = i;
        do
            acc += m->codes[i++].body.len;
        while (i < m->n_codes - keep && (acc < target || last));
        w[k].count = i - w[k].first;
    }
}

/* Replays the serial loop over the workers' results in function order, so the diagnostics
 * and the status are exactly the serial ones. */
static witc_status merge_bodies(val *v, const body_worker *w, uint32_t n_workers)
{
    witc_status first = WITC_OK;
    const uint32_t max_errors = witc_ctx_limits(v->ctx)->max_errors;
    for (uint32_t k = 0; k < n_workers; k++) {
        size_t from = 0;
        for (uint32_t i = w[k].first; i < w[k].first + w[k].n_done; i++) {
            const body_result *r = &w[k].results[i];
            copy_diags(v->diags, w[k].v.diags, from, r->diag_end);
            from = r->diag_end;
            if (r->st == WITC_OK)
                continue;
            if (r->st != WITC_E_INVALID)
                return r->st;
            first = r->st;
            if (witc_diag_error_count(v->diags) >= max_errors) {
                witc_diag_error_plain(v->diags, "too many errors, stopping");
                return first;
            }
        }
    }
    return first;
}

static witc_status validate_bodies(val *v)
{
    const witc_wasm_module *m = v->m;
    uint32_t n_workers = witc_ctx_limits(v->ctx)->validate_threads;
    if (n_workers > WITC_MAX_VALIDATE_THREADS)
        n_workers = WITC_MAX_VALIDATE_THREADS;
    if (n_workers > m->n_codes)
        n_workers = m->n_codes;
    if (n_workers <= 1)
        return validate_bodies_serial(v);
    body_worker *w = witc_ctx_alloc(v->ctx, (size_t)n_workers * sizeof *w);
    body_result *results = witc_ctx_alloc(v->ctx, (size_t)m->n_codes * sizeof *results);
    witc_status st = WITC_OK;
    if (!w || !results) {
        st = nomem(v);
        goto done;
    }
    memset(w, 0, (size_t)n_workers * sizeof *w);
    split_bodies(m, w, n_workers);
    const uint32_t max_errors = witc_ctx_limits(v->ctx)->max_errors;
    for (uint32_t k = 0; k < n_workers; k++) {
        w[k].ctx = witc_ctx_new(witc_ctx_allocator(v->ctx));
        if (!w[k].ctx) {
            st = nomem(v);
            goto done;
        }
        *witc_ctx_limits(w[k].ctx) = *witc_ctx_limits(v->ctx);
        w[k].v = *v;
        w[k].v.ctx = w[k].ctx;
        w[k].v.diags = witc_ctx_diags(w[k].ctx);
        memset(&w[k].v.stack, 0, sizeof w[k].v.stack);
        memset(&w[k].v.ctrls, 0, sizeof w[k].v.ctrls);
        memset(&w[k].v.locals, 0, sizeof w[k].v.locals);
        memset(&w[k].v.local_set, 0, sizeof w[k].v.local_set);
        memset(&w[k].v.inits, 0, sizeof w[k].v.inits);
        w[k].max_errors = max_errors;
        w[k].results = results;
    }
    /* The calling thread takes the first range; a worker whose thread cannot start runs
     * here too, after it (results do not depend on which thread computed them). */
    for (uint32_t k = 1; k < n_workers; k++)
        w[k].started = pthread_create(&w[k].thread, NULL, body_worker_run, &w[k]) == 0;
    body_worker_run(&w[0]);
    for (uint32_t k = 1; k < n_workers; k++) {
        if (w[k].started)
            pthread_join(w[k].thread, NULL);
        else
            body_worker_run(&w[k]);
    }
    st = merge_bodies(v, w, n_workers);
done:
    if (w) {
        for (uint32_t k = 0; k < n_workers; k++) {
            if (!w[k].ctx)
                continue;
            WITC_VEC_FREE(w[k].ctx, &w[k].v.stack);
            WITC_VEC_FREE(w[k].ctx, &w[k].v.ctrls);
            WITC_VEC_FREE(w[k].ctx, &w[k].v.locals);
            WITC_VEC_FREE(w[k].ctx, &w[k].v.local_set);
            WITC_VEC_FREE(w[k].ctx, &w[k].v.inits);
            witc_ctx_free(w[k].ctx);
        }
    }
    witc_ctx_dealloc(v->ctx, w);
    witc_ctx_dealloc(v->ctx, results);
    return st;
}

/* ---- the module ---- */

static witc_status check_module(val *v)
{
    const witc_wasm_module *m = v->m;
    const witc_wasm_features *f = v->f;
    WITC_TRY(check_types(v));
    WITC_TRY(build_index_spaces(v));
    WITC_TRY(check_counts(v));
    WITC_TRY(check_imports(v));
    for (uint32_t i = 0; i < m->n_funcs; i++)
        WITC_TRY(check_type_index(v, m->func_types[i], m->base));
    if (v->n_tables > 1 && !f->reference_types)
        return invalid(v, m->base, "multiple tables");
    if (v->n_memories > 1 && !f->multi_memory)
        return invalid(v, m->base, "multiple memories");
    for (uint32_t i = 0; i < m->n_tables; i++) {
        const witc_wasm_table *t = &m->tables[i];
        WITC_TRY(check_table_type(v, t));
        if (!is_defaultable(t->elem) && !t->has_init) /* imported tables are filled already */
            return invalid(v, t->offset, "type mismatch: non-defaultable element type");
        if (t->has_init) {
            if (!f->function_references)
                return invalid(v, t->offset,
                               "tables with expression initializers require "
                               "the function-references proposal");
            WITC_TRY(check_const_expr(v, &t->init, t->elem, v->n_globals));
        }
    }
    for (uint32_t i = 0; i < m->n_memories; i++)
        WITC_TRY(check_limits(v, &m->memories[i].limits, false, m->memories[i].offset));
    for (uint32_t i = 0; i < m->n_tags; i++)
        WITC_TRY(check_tag(v, &m->tags[i]));
    for (uint32_t i = 0; i < m->n_globals; i++) {
        const witc_wasm_global *g = &m->globals[i];
        WITC_TRY(check_global_type(v, &g->type, g->offset));
        uint32_t visible = f->gc ? m->n_imported_globals + i : m->n_imported_globals;
        WITC_TRY(check_const_expr(v, &g->init, g->type.type, visible));
    }
    /* exports */
    witc_hash names;
    witc_hash_init(&names, v->ctx);
    witc_status st = WITC_OK;
    for (uint32_t i = 0; i < m->n_exports && st == WITC_OK; i++) {
        const witc_wasm_export *e = &m->exports[i];
        uint32_t limit = e->kind == WITC_EXTERN_FUNC     ? v->n_funcs
                         : e->kind == WITC_EXTERN_TABLE  ? v->n_tables
                         : e->kind == WITC_EXTERN_MEMORY ? v->n_memories
                         : e->kind == WITC_EXTERN_GLOBAL ? v->n_globals
                                                         : v->n_tags;
        static const char kinds[][9] = {"function", "table", "memory", "global", "tag"};
        uint32_t dummy;
        if (e->index >= limit)
            st = invalid(v, e->offset, "unknown %s %u: exported %s index out of bounds",
                         kinds[e->kind], e->index, kinds[e->kind]);
        else if (witc_hash_get(&names, (const char *)e->name.ptr, e->name.len, &dummy))
            st = invalid(v, e->offset, "duplicate export name `%.*s`", (int)e->name.len,
                         (const char *)e->name.ptr);
        else if (!witc_hash_put(&names, (const char *)e->name.ptr, e->name.len, i))
            st = nomem(v);
        else if (e->kind == WITC_EXTERN_GLOBAL && v->globals[e->index]->mut && !f->mutable_global)
            st = invalid(v, e->offset, "mutable global support is not enabled");
        else if (e->kind == WITC_EXTERN_TAG && !f->exceptions)
            st = invalid(v, e->offset, "exceptions proposal not enabled");
        else if (e->kind == WITC_EXTERN_FUNC)
            v->declared[e->index] = 1;
    }
    witc_hash_release(&names);
    WITC_TRY(st);
    if (m->has_start) {
        if (m->start >= v->n_funcs)
            return invalid(v, m->start_offset, "unknown function %u: start function", m->start);
        const witc_wasm_subtype *t = func_type(v, v->func_types[m->start]);
        if (t->n_params || t->n_results)
            return invalid(v, m->start_offset, "start function must have type [] -> []");
    }
    for (uint32_t i = 0; i < m->n_elems; i++) {
        const witc_wasm_elem *e = &m->elems[i];
        if (e->type != WITC_VT_FUNCREF)
            WITC_TRY(check_valtype(v, e->type, e->offset));
        if (e->mode == WITC_SEG_ACTIVE) {
            WITC_TRY(check_table(v, e->offset, e->table));
            WITC_TRY(check_const_expr(v, &e->offset_expr, addr_type(&v->tables[e->table]->limits),
                                      f->gc ? v->n_globals : m->n_imported_globals));
            if (!is_subtype(v, e->type, v->tables[e->table]->elem))
                return invalid(v, e->offset,
                               "type mismatch: element segment type does not "
                               "match the table");
        }
        if (e->uses_exprs) {
            for (uint32_t k = 0; k < e->n_items; k++)
                WITC_TRY(check_const_expr(v, &e->exprs[k], e->type,
                                          f->gc ? v->n_globals : m->n_imported_globals));
        } else {
            for (uint32_t k = 0; k < e->n_items; k++) {
                if (e->funcs[k] >= v->n_funcs)
                    return invalid(v, e->offset, "unknown function %u in element segment",
                                   e->funcs[k]);
                v->declared[e->funcs[k]] = 1;
            }
        }
    }
    WITC_TRY(validate_bodies(v));
    for (uint32_t i = 0; i < m->n_datas; i++) {
        const witc_wasm_data *d = &m->datas[i];
        if (d->mode != WITC_SEG_ACTIVE)
            continue;
        WITC_TRY(check_memory(v, d->offset, d->memory));
        WITC_TRY(check_const_expr(v, &d->offset_expr, addr_type(v->memories[d->memory]),
                                  f->gc ? v->n_globals : m->n_imported_globals));
    }
    return WITC_OK;
}

witc_status witc_wasm_validate_module(witc_ctx *ctx, const witc_wasm_features *features,
                                      const witc_wasm_module *module)
{
    witc_wasm_features defaults;
    if (!features) {
        witc_wasm_features_default(&defaults);
        features = &defaults;
    }
    val v;
    memset(&v, 0, sizeof v);
    v.ctx = ctx;
    v.f = features;
    v.m = module;
    v.diags = witc_ctx_diags(ctx);
    v.file = module->file;
    witc_status st = check_module(&v);
    witc_ctx_dealloc(ctx, v.func_types);
    witc_ctx_dealloc(ctx, v.declared);
    witc_ctx_dealloc(ctx, v.tables);
    witc_ctx_dealloc(ctx, v.memories);
    witc_ctx_dealloc(ctx, v.globals);
    witc_ctx_dealloc(ctx, v.tags);
    WITC_VEC_FREE(ctx, &v.stack);
    WITC_VEC_FREE(ctx, &v.ctrls);
    WITC_VEC_FREE(ctx, &v.locals);
    WITC_VEC_FREE(ctx, &v.local_set);
    WITC_VEC_FREE(ctx, &v.inits);
    witc_ctx_dealloc(ctx, v.canon);
    return st;
}

witc_status witc_wasm_validate_core(witc_ctx *ctx, const witc_wasm_features *features,
                                    const uint8_t *bytes, size_t len, const char *file,
                                    uint64_t base_offset)
{
    witc_wasm_module *m = NULL;
    WITC_TRY(witc_wasm_decode_module(ctx, features, bytes, len, file, base_offset, false, &m));
    witc_status st = witc_wasm_validate_module(ctx, features, m);
    witc_wasm_module_free(m);
    return st;
}

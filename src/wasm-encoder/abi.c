/* SPDX-License-Identifier: Apache-2.0 */
/* Core signatures of WIT functions under the canonical ABI, wasm32, sync lift/lower
 * (component-model design/mvp/CanonicalABI.md "Flattening": flatten_functype, flatten_type,
 * join; wit-parser abi.rs `wasm_signature`). Flattening stops counting once a list is past
 * the limits, because then only "too many" matters: a signature's params spill at 17 flat
 * values and its results at 2, and a variant case that is too long makes the variant too
 * long, so a huge `list<T, N>` or a wide record costs at most WITC_ABI_FLAT_CAP steps. */
#include <string.h>

#include "witc/embed.h"

typedef struct flat_list {
    witc_abi_type t[WITC_ABI_FLAT_CAP];
    unsigned n;
    bool overflow; /* more than WITC_ABI_FLAT_CAP values */
} flat_list;

static void push(flat_list *l, witc_abi_type t)
{
    if (l->n == WITC_ABI_FLAT_CAP)
        l->overflow = true;
    else
        l->t[l->n++] = t;
}

/* join(a, b): equal types stay, i32 with f32 is i32, anything else needs i64. */
static witc_abi_type join(witc_abi_type a, witc_abi_type b)
{
    if (a == b)
        return a;
    if ((a == WITC_ABI_I32 && b == WITC_ABI_F32) || (a == WITC_ABI_F32 && b == WITC_ABI_I32))
        return WITC_ABI_I32;
    return WITC_ABI_I64;
}

static witc_status flatten(const witc_graph *g, witc_type_ref ref, unsigned depth, flat_list *l);

/* Discriminant, then per position the join of every case's flattening (variant, option,
 * result). cases[i] NULL means a case without payload. */
static witc_status flatten_cases(const witc_graph *g, const witc_type_ref *const *cases,
                                 size_t n_cases, unsigned depth, flat_list *l)
{
    flat_list joined;
    memset(&joined, 0, sizeof joined);
    for (size_t i = 0; i < n_cases; i++) {
        if (!cases[i])
            continue;
        flat_list c;
        memset(&c, 0, sizeof c);
        WITC_TRY(flatten(g, *cases[i], depth + 1, &c));
        if (c.overflow)
            joined.overflow = true;
        for (unsigned k = 0; k < c.n; k++) {
            if (k < joined.n)
                joined.t[k] = join(joined.t[k], c.t[k]);
            else
                push(&joined, c.t[k]);
        }
    }
    push(l, WITC_ABI_I32);
    for (unsigned k = 0; k < joined.n; k++)
        push(l, joined.t[k]);
    if (joined.overflow)
        l->overflow = true;
    return WITC_OK;
}

static witc_status flatten(const witc_graph *g, witc_type_ref ref, unsigned depth, flat_list *l)
{
    if (depth > WITC_ABI_MAX_DEPTH)
        return WITC_E_LIMIT;
    switch (ref.prim) {
    case WITC_PRIM_U64:
    case WITC_PRIM_S64:
        push(l, WITC_ABI_I64);
        return WITC_OK;
    case WITC_PRIM_F32:
        push(l, WITC_ABI_F32);
        return WITC_OK;
    case WITC_PRIM_F64:
        push(l, WITC_ABI_F64);
        return WITC_OK;
    case WITC_PRIM_STRING:
        push(l, WITC_ABI_I32);
        push(l, WITC_ABI_I32);
        return WITC_OK;
    case WITC_PRIM_ID:
        break;
    default: /* bool, narrow integers, u32/s32, char, error-context */
        push(l, WITC_ABI_I32);
        return WITC_OK;
    }
    const witc_typedef *t = witc_graph_type(g, witc_graph_dealias(g, ref.id));
    if (!t)
        return WITC_E_INVALID;
    switch (t->kind) {
    case WITC_TYPEDEF_RECORD:
        for (uint32_t i = 0; i < t->n_fields && !l->overflow; i++)
            WITC_TRY(flatten(g, t->fields[i].type, depth + 1, l));
        return WITC_OK;
    case WITC_TYPEDEF_TUPLE:
        for (uint32_t i = 0; i < t->n_types && !l->overflow; i++)
            WITC_TRY(flatten(g, t->types[i], depth + 1, l));
        return WITC_OK;
    case WITC_TYPEDEF_FLAGS:
        /* One i32 per 32 labels (the spec now caps flags at 32). */
        for (uint32_t i = 0; i < (t->n_fields + 31) / 32 && !l->overflow; i++)
            push(l, WITC_ABI_I32);
        return WITC_OK;
    case WITC_TYPEDEF_ENUM:
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
    case WITC_TYPEDEF_RESOURCE: /* only reachable through a handle; a handle is an i32 */
        push(l, WITC_ABI_I32);
        return WITC_OK;
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_MAP:
        push(l, WITC_ABI_I32);
        push(l, WITC_ABI_I32);
        return WITC_OK;
    case WITC_TYPEDEF_FIXED_LIST:
        for (uint32_t i = 0; i < t->size && !l->overflow; i++)
            WITC_TRY(flatten(g, t->elem, depth + 1, l));
        return WITC_OK;
    case WITC_TYPEDEF_OPTION: {
        const witc_type_ref *cases[2] = {NULL, &t->elem};
        return flatten_cases(g, cases, 2, depth, l);
    }
    case WITC_TYPEDEF_RESULT: {
        const witc_type_ref *cases[2] = {t->has_ok ? &t->ok : NULL, t->has_err ? &t->err : NULL};
        return flatten_cases(g, cases, 2, depth, l);
    }
    case WITC_TYPEDEF_VARIANT: {
        /* Cases are joined one at a time, so no array of them is needed. */
        flat_list joined;
        memset(&joined, 0, sizeof joined);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            const witc_type_ref *one[1] = {t->fields[i].has_type ? &t->fields[i].type : NULL};
            flat_list c;
            memset(&c, 0, sizeof c);
            WITC_TRY(flatten_cases(g, one, 1, depth, &c));
            if (c.overflow)
                joined.overflow = true;
            for (unsigned k = 1; k < c.n; k++) { /* skip each case's own discriminant */
                if (k - 1 < joined.n)
                    joined.t[k - 1] = join(joined.t[k - 1], c.t[k]);
                else
                    push(&joined, c.t[k]);
            }
        }
        push(l, WITC_ABI_I32);
        for (unsigned k = 0; k < joined.n; k++)
            push(l, joined.t[k]);
        if (joined.overflow)
            l->overflow = true;
        return WITC_OK;
    }
    case WITC_TYPEDEF_ALIAS: /* dealiasing stops at an alias of a primitive (`type t = s32`) */
        return flatten(g, t->target, depth + 1, l);
    case WITC_TYPEDEF_UNKNOWN:
        break;
    }
    return WITC_E_INVALID;
}

witc_status witc_abi_flatten_type(const witc_graph *graph, witc_type_ref type,
                                  witc_abi_type *out_types, unsigned *out_count, bool *out_overflow)
{
    flat_list l;
    memset(&l, 0, sizeof l);
    WITC_TRY(flatten(graph, type, 0, &l));
    memcpy(out_types, l.t, l.n * sizeof l.t[0]);
    *out_count = l.n;
    *out_overflow = l.overflow;
    return WITC_OK;
}

witc_status witc_abi_signature(const witc_graph *graph, const witc_function *func,
                               witc_abi_variant variant, witc_abi_sig *out_sig)
{
    flat_list params, results;
    memset(&params, 0, sizeof params);
    memset(&results, 0, sizeof results);
    for (uint32_t i = 0; i < func->n_params && !params.overflow; i++)
        WITC_TRY(flatten(graph, func->params[i].type, 0, &params));
    if (func->has_result)
        WITC_TRY(flatten(graph, func->result, 0, &results));

    witc_abi_sig sig;
    memset(&sig, 0, sizeof sig);
    if (params.overflow || params.n > WITC_ABI_MAX_FLAT_PARAMS) {
        sig.params[sig.n_params++] = WITC_ABI_I32; /* pointer to the parameter tuple */
    } else {
        memcpy(sig.params, params.t, params.n * sizeof params.t[0]);
        sig.n_params = params.n;
    }
    if (results.overflow || results.n > WITC_ABI_MAX_FLAT_RESULTS) {
        if (variant == WITC_ABI_IMPORT)
            sig.params[sig.n_params++] = WITC_ABI_I32; /* out-pointer the callee writes */
        else
            sig.results[sig.n_results++] = WITC_ABI_I32; /* pointer to the result tuple */
    } else if (results.n == 1) {
        sig.results[sig.n_results++] = results.t[0];
    }
    *out_sig = sig;
    return WITC_OK;
}

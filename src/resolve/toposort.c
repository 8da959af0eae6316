/* SPDX-License-Identifier: Apache-2.0 */
/* Deterministic topological sort (wit-parser ast/toposort.rs): Kahn's algorithm where the
 * ready node with the lowest index (first in source order) always leaves first, so the order
 * only changes when the dependency structure does. O((n + e) log n). */
#include <string.h>

#include "resolve/internal.h"

/* A binary min-heap of node indices. */
typedef struct heap {
    uint32_t *items;
    uint32_t len;
} heap;

static void heap_push(heap *h, uint32_t v)
{
    uint32_t i = h->len++;
    h->items[i] = v;
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (h->items[parent] <= h->items[i])
            break;
        uint32_t t = h->items[parent];
        h->items[parent] = h->items[i];
        h->items[i] = t;
        i = parent;
    }
}

static uint32_t heap_pop(heap *h)
{
    uint32_t top = h->items[0];
    h->items[0] = h->items[--h->len];
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->len && h->items[l] < h->items[m])
            m = l;
        if (r < h->len && h->items[r] < h->items[m])
            m = r;
        if (m == i)
            break;
        uint32_t t = h->items[m];
        h->items[m] = h->items[i];
        h->items[i] = t;
        i = m;
    }
    return top;
}

witc_status witc_toposort(witc_ctx *ctx, const char *kind, const omap *index, uint32_t n,
                          const uint32_t *edge_start, const topo_edge *edges, uint32_t *out_order)
{
    witc_status st = WITC_OK;
    uint32_t n_edges = edge_start[n];
    /* Per node: edges still unsatisfied; reverse edges in CSR form. */
    uint32_t *remaining = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *remaining);
    uint32_t *target = witc_ctx_alloc(ctx, ((size_t)n_edges + 1) * sizeof *target);
    uint32_t *rev_start = witc_ctx_alloc(ctx, ((size_t)n + 2) * sizeof *rev_start);
    uint32_t *rev = witc_ctx_alloc(ctx, ((size_t)n_edges + 1) * sizeof *rev);
    heap h = {witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *h.items), 0};
    if (!remaining || !target || !rev_start || !rev || !h.items) {
        st = g_nomem(ctx);
        goto done;
    }
    memset(rev_start, 0, ((size_t)n + 2) * sizeof *rev_start);
    for (uint32_t i = 0; i < n; i++) {
        remaining[i] = edge_start[i + 1] - edge_start[i];
        for (uint32_t e = edge_start[i]; e < edge_start[i + 1]; e++) {
            uint32_t pos = omap_find(index, edges[e].name);
            if (pos == NONE_ID) {
                witc_str name = edges[e].name;
                const char *renamed = witc_str_eq_c(name, "float32")   ? "f32"
                                      : witc_str_eq_c(name, "float64") ? "f64"
                                                                       : NULL;
                if (renamed && strcmp(kind, "type") == 0)
                    /* wit-parser's attach_old_float_type_context hint. */
                    witc_diag_error(witc_ctx_diags(ctx), edges[e].span,
                                    "%s `%.*s` does not exist\nthe `%.*s` type has been renamed "
                                    "to `%s` and is no longer accepted, but the "
                                    "`WIT_REQUIRE_F32_F64=0` environment variable can be used "
                                    "to temporarily disable this error",
                                    kind, (int)name.len, name.ptr, (int)name.len, name.ptr,
                                    renamed);
                else
                    witc_diag_error(witc_ctx_diags(ctx), edges[e].span, "%s `%.*s` does not exist",
                                    kind, (int)name.len, name.ptr);
                st = WITC_E_RESOLVE;
                goto done;
            }
            target[e] = index->v.items[pos].value;
            rev_start[target[e] + 1]++;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        rev_start[i + 1] += rev_start[i];
    /* Fill reverse edges in (node, edge) order, as wit-parser's reverse_deps vectors. */
    {
        uint32_t *fill = witc_ctx_alloc(ctx, ((size_t)n + 1) * sizeof *fill);
        if (!fill) {
            st = g_nomem(ctx);
            goto done;
        }
        memcpy(fill, rev_start, (size_t)n * sizeof *fill);
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t e = edge_start[i]; e < edge_start[i + 1]; e++)
                rev[fill[target[e]]++] = i;
        witc_ctx_dealloc(ctx, fill);
    }

    for (uint32_t i = 0; i < n; i++)
        if (remaining[i] == 0)
            heap_push(&h, i);
    uint32_t n_out = 0;
    while (h.len > 0) {
        uint32_t node = heap_pop(&h);
        out_order[n_out++] = node;
        for (uint32_t k = rev_start[node]; k < rev_start[node + 1]; k++) {
            uint32_t dependent = rev[k];
            if (--remaining[dependent] == 0)
                heap_push(&h, dependent);
        }
    }
    if (n_out == n)
        goto done;

    /* A cycle: the first node still waiting, and its first edge to another waiting node. */
    for (uint32_t i = 0; i < n; i++) {
        if (remaining[i] == 0)
            continue;
        for (uint32_t e = edge_start[i]; e < edge_start[i + 1]; e++) {
            if (remaining[target[e]] == 0)
                continue;
            witc_diag_error(witc_ctx_diags(ctx), edges[e].span, "%s `%.*s` depends on itself", kind,
                            (int)edges[e].name.len, edges[e].name.ptr);
            st = WITC_E_RESOLVE;
            goto done;
        }
    }
    witc_diag_error_plain(witc_ctx_diags(ctx), "internal error: %s cycle not found", kind);
    st = WITC_E_RESOLVE;
done:
    witc_ctx_dealloc(ctx, remaining);
    witc_ctx_dealloc(ctx, target);
    witc_ctx_dealloc(ctx, rev_start);
    witc_ctx_dealloc(ctx, rev);
    witc_ctx_dealloc(ctx, h.items);
    return st;
}

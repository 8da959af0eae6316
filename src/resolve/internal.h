/* SPDX-License-Identifier: Apache-2.0 */
/* Internals of the WIT resolver (include/witc/wit.h).
 *
 * The resolver follows wit-parser in two phases, so that arena indices come out in the same
 * order:
 *  1. unresolved.c (wit-parser ast/resolve.rs): the ASTs of one package become an
 *     "unresolved package" with package-local arenas of types, interfaces and worlds; names
 *     are resolved, anonymous types interned, foreign references become placeholders.
 *  2. append.c (wit-parser resolve/mod.rs `Remap::append`): each unresolved package, in
 *     dependency order, is copied into the graph, placeholders are bound to the packages
 *     already there, feature gates drop items, `include`s are merged and worlds elaborated.
 * resolve.c reads files and directories and orders packages (`sort_unresolved_packages`).
 *
 * Maps keep insertion order (a vector plus a hash index), as wit-parser's IndexMap, so output
 * never depends on hashing. Everything is linear in the input except what wit-parser's output
 * itself makes larger (world elaboration lists every transitive import). */
#ifndef WITC_RESOLVE_INTERNAL_H
#define WITC_RESOLVE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "support/arena.h"
#include "support/buf.h"
#include "support/hash.h"
#include "wit-parser/ast.h"
#include "witc/wit.h"

#define NONE_ID UINT32_MAX
#define SPAN_NONE ((witc_span){WITC_POS_NONE, WITC_POS_NONE})

/* ---- Ordered string map: name -> u32, insertion order kept (IndexMap<String, u32>) ---- */

typedef struct omap_entry {
    witc_str key; /* borrowed: must outlive the map */
    uint32_t value;
} omap_entry;

typedef struct omap {
    WITC_VEC(omap_entry) v;
    witc_hash index; /* key -> position in v */
} omap;

/* Position of `key`, or NONE_ID. */
uint32_t omap_find(const omap *m, witc_str key);
bool omap_get(const omap *m, witc_str key, uint32_t *out_value);
/* Inserts, or replaces the value in place (IndexMap::insert). *out_existed may be NULL. */
WITC_MUST_CHECK witc_status omap_put(witc_ctx *ctx, omap *m, witc_str key, uint32_t value,
                                     bool *out_existed);
void omap_free(witc_ctx *ctx, omap *m);

/* ---- World item maps: WorldKey -> WorldItem in insertion order ---- */

typedef struct wmap {
    WITC_VEC(witc_world_item) v;
    witc_hash index; /* key bytes (a name, or NUL + interface id) -> position */
} wmap;

typedef struct wkey {
    bool is_name;
    witc_str name;  /* is_name */
    uint32_t iface; /* !is_name */
} wkey;

wkey wkey_of(const witc_world_item *item);
uint32_t wmap_find(const wmap *m, wkey key);
/* Appends `item` when its key is absent; else sets *out_existed and leaves the map alone. */
WITC_MUST_CHECK witc_status wmap_insert(witc_ctx *ctx, witc_arena *keys, wmap *m,
                                        const witc_world_item *item, bool *out_existed);
/* Rebuilds the index after v was reordered or filtered in place. */
WITC_MUST_CHECK witc_status wmap_reindex(witc_ctx *ctx, witc_arena *keys, wmap *m);
void wmap_free(witc_ctx *ctx, wmap *m);

/* ---- Package names ---- */

typedef struct pkg_name {
    witc_str namespace_, name;
    bool has_version;
    witc_str version; /* text */
    witc_str full;    /* "ns:name[@version]" (the map key and the JSON name) */
} pkg_name;

/* semver 2.0 precedence of two version texts, then build metadata as the semver crate's Ord
 * does; <0, 0, >0. */
int semver_cmp(witc_str a, witc_str b);
/* Order of wit-parser's PackageName (namespace, name, version; no version first). */
int pkg_name_cmp(const pkg_name *a, const pkg_name *b);

/* ---- The graph while it is built ---- */

typedef struct g_iface {
    omap types;                    /* name -> type id */
    WITC_VEC(witc_function) funcs; /* functions map, in order (names are unique) */
} g_iface;

typedef struct g_world {
    wmap imports, exports;
} g_world;

typedef struct g_pkg {
    omap ifaces; /* name -> interface id */
    omap worlds; /* name -> world id */
} g_pkg;

struct witc_graph {
    witc_ctx *ctx;
    witc_arena arena; /* strings, arrays, map keys */
    WITC_VEC(witc_typedef) types;
    WITC_VEC(uint32_t) type_root; /* types[i] with aliases followed (types point backwards) */
    WITC_VEC(uint8_t) has_borrow; /* memo per type, filled in id order: 1 no, 2 yes */
    WITC_VEC(witc_interface) ifaces;
    WITC_VEC(g_iface) b_ifaces;
    WITC_VEC(witc_world) worlds;
    WITC_VEC(g_world) b_worlds;
    WITC_VEC(witc_package) pkgs;
    WITC_VEC(g_pkg) b_pkgs;
    WITC_VEC(pkg_name) pkg_names;
    omap pkg_index;               /* full name -> package id */
    const witc_wit_options *opts; /* while building */
    bool published;               /* public arrays filled in from the build maps */
};

/* Copies `s` into the graph's arena. */
witc_str g_str(witc_graph *g, witc_str s);
witc_graph *g_new(witc_ctx *ctx);
/* Appends a typedef, computing its alias root. */
WITC_MUST_CHECK witc_status g_add_type(witc_graph *g, const witc_typedef *t, uint32_t *out_id);
/* Fills the public interface/world/package arrays from the build maps. */
WITC_MUST_CHECK witc_status g_publish(witc_graph *g);
/* An out-of-memory diagnostic plus WITC_E_NOMEM. */
witc_status g_nomem(witc_ctx *ctx);
/* A resolve error at `span` (no location when the span is unknown); returns WITC_E_RESOLVE. */
witc_status rerr(witc_ctx *ctx, witc_span span, const char *fmt, ...) WITC_PRINTF(3, 4);

/* ---- Phase 1: unresolved packages (unresolved.c) ---- */

typedef enum { ITEM_IFACE, ITEM_WORLD } item_kind;

typedef struct ast_item_ref {
    item_kind kind;
    uint32_t id; /* local interface or world id */
} ast_item_ref;

typedef struct foreign_item {
    witc_str name;
    ast_item_ref item;
    WITC_VEC(witc_stability) stabs; /* one per `use`/`import`/`include` naming it */
} foreign_item;

typedef struct foreign_pkg {
    pkg_name name;
    witc_span span; /* where it was first named (foreign_dep_spans) */
    WITC_VEC(foreign_item) items;
    omap item_index;
} foreign_pkg;

typedef struct world_include {
    witc_stability stability;
    uint32_t world;                     /* local world id */
    const witc_ast_include_name *names; /* borrowed from the AST (alive until appended) */
    uint32_t n_names;
    witc_span span;
} world_include;

typedef struct u_world {
    witc_world w; /* name, docs, stability, span */
    wmap imports, exports;
    WITC_VEC(world_include) includes;
} u_world;

typedef struct u_iface {
    witc_interface i; /* name, docs, stability, span */
    bool foreign;     /* a placeholder for an interface of another package */
    omap types;
    WITC_VEC(witc_function) funcs;
} u_iface;

typedef struct upkg {
    bool has_name;
    pkg_name name;
    witc_span name_span;
    witc_docs docs;
    WITC_VEC(witc_typedef) types;
    WITC_VEC(u_iface) ifaces;
    WITC_VEC(u_world) worlds;
    WITC_VEC(foreign_pkg) foreign;
    omap foreign_index;                /* full name -> position in foreign */
    WITC_VEC(witc_span) unknown_spans; /* per leading Unknown type */
    WITC_VEC(uint32_t) required_res;   /* local type ids that must be resources */
    WITC_VEC(witc_span) required_res_span;
} upkg;

/* Resolves one package made of `files` (whole files of a directory, or one nested
 * `package x:y { }` block when `nested`). Top-level `package` blocks inside `files` are
 * skipped (the caller resolves them separately), except that a nested block may not hold
 * another one. */
WITC_MUST_CHECK witc_status witc_resolve_unresolved(witc_ctx *ctx, witc_graph *g,
                                                    witc_ast_package_file *const *files,
                                                    uint32_t n_files, bool nested, upkg *out);
void upkg_free(witc_ctx *ctx, upkg *p);

/* The `package` header checks wit-parser's Resolver::push makes as each file arrives
 * (matching names, docs on one header only); run per file, in order. */
typedef struct pkg_header_state {
    bool has_name;
    witc_str full;
    bool has_docs;
} pkg_header_state;
WITC_MUST_CHECK witc_status witc_resolve_header_step(witc_ctx *ctx, witc_graph *g,
                                                     pkg_header_state *state,
                                                     const witc_ast_package_file *file);

/* ---- Phase 2: appending to the graph (append.c) ---- */

WITC_MUST_CHECK witc_status witc_resolve_append(witc_ctx *ctx, witc_graph *g, upkg *p,
                                                uint32_t *out_pkg);

/* ---- Toposort (toposort.c), wit-parser ast/toposort.rs ---- */

typedef struct topo_edge {
    witc_str name;
    witc_span span;
} topo_edge;

/* Nodes 0..n-1 (`index` maps a name to its node), node i depending on
 * edges[edge_start[i] .. edge_start[i+1]). Writes the order (node indices) to out_order:
 * ready nodes leave lowest index first. On a missing name: "<kind> `x` does not exist"; on a
 * cycle: "<kind> `x` depends on itself" (with wit-parser's hint for the old float names). */
WITC_MUST_CHECK witc_status witc_toposort(witc_ctx *ctx, const char *kind, const omap *index,
                                          uint32_t n, const uint32_t *edge_start,
                                          const topo_edge *edges, uint32_t *out_order);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* The resolved WIT package graph: wit-parser's `Resolve` (crates/wit-parser/src/resolve/mod.rs
 * and lib.rs) in C.
 *
 * A graph holds four arenas -- types, interfaces, worlds, packages -- addressed by typed u32
 * ids. Every arena is in wit-parser's insertion order, so an item's index is the index
 * `wasm-tools component wit --json` prints, and dependencies come before dependents (types are
 * topologically sorted; packages are sorted by name, then dependencies first, as wit-parser's
 * `sort_unresolved_packages`).
 *
 * Lifetimes: the graph owns every string and array it hands out (one arena); nothing points
 * into an AST or into the caller's options. Strings are witc_str views, not NUL-terminated.
 * Pointers returned by the accessors stay valid until witc_graph_free(). Emitters take a
 * `const witc_graph *`.
 *
 * Optional values are a `has_x` flag plus the value, as wit-parser's `Option<T>`. A `witc_docs`
 * with `present == false` is wit-parser's empty `Docs`. */
#ifndef WITC_WIT_H
#define WITC_WIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/diag.h"
#include "witc/status.h"
#include "witc/str.h"

/* ---- Ids ---- */

#define WITC_ID_NONE UINT32_MAX

typedef struct witc_type_id {
    uint32_t i;
} witc_type_id;
typedef struct witc_interface_id {
    uint32_t i;
} witc_interface_id;
typedef struct witc_world_id {
    uint32_t i;
} witc_world_id;
typedef struct witc_package_id {
    uint32_t i;
} witc_package_id;

/* ---- Type references (wit-parser `Type`) ---- */

/* Primitive types in wit-parser's `Type` order; WITC_PRIM_ID means "see the `id` field". */
typedef enum witc_prim {
    WITC_PRIM_BOOL,
    WITC_PRIM_U8,
    WITC_PRIM_U16,
    WITC_PRIM_U32,
    WITC_PRIM_U64,
    WITC_PRIM_S8,
    WITC_PRIM_S16,
    WITC_PRIM_S32,
    WITC_PRIM_S64,
    WITC_PRIM_F32,
    WITC_PRIM_F64,
    WITC_PRIM_CHAR,
    WITC_PRIM_STRING,
    WITC_PRIM_ERROR_CONTEXT,
    WITC_PRIM_ID /* not a primitive: a reference to types[id] */
} witc_prim;

typedef struct witc_type_ref {
    witc_prim prim;
    witc_type_id id; /* when prim == WITC_PRIM_ID, else WITC_ID_NONE */
} witc_type_ref;

/* The WIT spelling of a primitive ("u32", "string", "error-context"); NULL for WITC_PRIM_ID
 * and out-of-range values. */
const char *witc_prim_name(witc_prim prim);

/* ---- Docs and stability ---- */

typedef struct witc_docs {
    bool present;
    witc_str text; /* markers stripped, lines joined with '\n' (wit-parser `Docs::contents`) */
} witc_docs;

typedef enum witc_stability_kind {
    WITC_STABILITY_UNKNOWN, /* no @since / @unstable */
    WITC_STABILITY_STABLE,  /* @since(version = since) */
    WITC_STABILITY_UNSTABLE /* @unstable(feature = feature), and the feature is enabled */
} witc_stability_kind;

typedef struct witc_stability {
    witc_stability_kind kind;
    witc_str since;      /* STABLE: the version text, e.g. "0.2.1" */
    witc_str feature;    /* UNSTABLE */
    bool has_deprecated; /* @deprecated(version = deprecated) */
    witc_str deprecated;
} witc_stability;

/* ---- Types (wit-parser `TypeDef`) ---- */

typedef enum witc_owner_kind {
    WITC_OWNER_NONE,      /* anonymous types: list<u8>, option<t>, own<r>, ... */
    WITC_OWNER_INTERFACE, /* id is a witc_interface_id index */
    WITC_OWNER_WORLD      /* id is a witc_world_id index */
} witc_owner_kind;

typedef struct witc_type_owner {
    witc_owner_kind kind;
    uint32_t id; /* WITC_ID_NONE for WITC_OWNER_NONE */
} witc_type_owner;

/* wit-parser `TypeDefKind`, with `Handle` split into OWN and BORROW. */
typedef enum witc_typedef_kind {
    WITC_TYPEDEF_RECORD, /* fields (name, type) */
    WITC_TYPEDEF_RESOURCE,
    WITC_TYPEDEF_OWN,        /* resource */
    WITC_TYPEDEF_BORROW,     /* resource */
    WITC_TYPEDEF_FLAGS,      /* fields (name only) */
    WITC_TYPEDEF_TUPLE,      /* types */
    WITC_TYPEDEF_VARIANT,    /* fields (name, optional type) */
    WITC_TYPEDEF_ENUM,       /* fields (name only) */
    WITC_TYPEDEF_OPTION,     /* elem */
    WITC_TYPEDEF_RESULT,     /* optional ok, optional err */
    WITC_TYPEDEF_LIST,       /* elem */
    WITC_TYPEDEF_MAP,        /* key, elem */
    WITC_TYPEDEF_FIXED_LIST, /* elem, size */
    WITC_TYPEDEF_FUTURE,     /* optional elem */
    WITC_TYPEDEF_STREAM,     /* optional elem */
    WITC_TYPEDEF_ALIAS,      /* target: `type x = T`, and every `use`d name */
    WITC_TYPEDEF_UNKNOWN     /* placeholder (wit-parser `Unknown`); never in a resolved graph */
} witc_typedef_kind;

/* A record field, variant case, enum case or flag. */
typedef struct witc_field {
    witc_docs docs;
    witc_str name;
    bool has_type; /* record: always; variant: when the case has a payload; enum/flags: never */
    witc_type_ref type;
    witc_span span;
} witc_field;

typedef struct witc_typedef {
    witc_typedef_kind kind;
    bool has_name; /* false for anonymous types */
    witc_str name;
    witc_type_owner owner;
    witc_docs docs;
    witc_stability stability;
    bool has_external_id; /* @external-id("...") */
    witc_str external_id;
    witc_span span; /* where it was defined; {UINT32_MAX, UINT32_MAX} when unknown */

    witc_type_id resource; /* OWN, BORROW: the type named in `own<r>` (may be an alias of the
                              resource, exactly as wit-parser stores it) */
    witc_field *fields;    /* RECORD, VARIANT, ENUM, FLAGS */
    uint32_t n_fields;
    witc_type_ref *types; /* TUPLE */
    uint32_t n_types;
    bool has_elem;         /* FUTURE, STREAM: elem given; OPTION, LIST, MAP, FIXED_LIST: true */
    witc_type_ref elem;    /* OPTION, LIST, FIXED_LIST, MAP (the value), FUTURE, STREAM */
    witc_type_ref key;     /* MAP */
    uint32_t size;         /* FIXED_LIST */
    bool has_ok, has_err;  /* RESULT */
    witc_type_ref ok, err; /* RESULT */
    witc_type_ref target;  /* ALIAS */
} witc_typedef;

/* ---- Functions (wit-parser `Function`) ---- */

typedef enum witc_func_kind {
    WITC_FUNC_FREESTANDING,
    WITC_FUNC_METHOD,     /* resource */
    WITC_FUNC_STATIC,     /* resource */
    WITC_FUNC_CONSTRUCTOR /* resource */
} witc_func_kind;

typedef struct witc_param {
    witc_str name;
    witc_type_ref type;
    witc_span span;
} witc_param;

typedef struct witc_function {
    witc_str name; /* mangled: "f", "[constructor]r", "[method]r.m", "[static]r.s" */
    witc_func_kind kind;
    bool is_async;         /* async-freestanding, async-method, async-static */
    witc_type_id resource; /* METHOD, STATIC, CONSTRUCTOR; else WITC_ID_NONE */
    witc_param *params;    /* a method's first parameter is `self: borrow<resource>` */
    uint32_t n_params;
    bool has_result;
    witc_type_ref result;
    witc_docs docs;
    witc_stability stability;
    bool has_external_id;
    witc_str external_id;
    witc_span span;
} witc_function;

/* ---- Interfaces ---- */

typedef struct witc_interface {
    bool has_name; /* false: an inline `import x: interface { ... }` of a world */
    witc_str name;
    witc_type_id *types; /* wit-parser `types` map in order; each key is the type's own name */
    uint32_t n_types;
    witc_function *funcs; /* wit-parser `functions` map in order; key = function name */
    uint32_t n_funcs;
    witc_docs docs;
    witc_stability stability;
    witc_package_id package; /* WITC_ID_NONE when the interface has no package */
    bool has_clone_of;       /* wit-parser `clone_of` (interfaces copied by world elaboration) */
    witc_interface_id clone_of;
    witc_span span;
} witc_interface;

/* ---- Worlds ---- */

typedef enum witc_world_item_kind {
    WITC_WORLD_ITEM_INTERFACE,
    WITC_WORLD_ITEM_FUNCTION,
    WITC_WORLD_ITEM_TYPE
} witc_world_item_kind;

/* One entry of a world's imports or exports map. The key (wit-parser `WorldKey`) is `name` when
 * has_name, else the interface itself (JSON key "interface-N"). */
typedef struct witc_world_item {
    witc_world_item_kind kind;
    bool has_name;
    witc_str name;
    /* INTERFACE */
    witc_interface_id interface;
    witc_stability stability; /* INTERFACE: the item's own stability (functions and types keep
                                 theirs in `func` / the typedef) */
    witc_docs docs;           /* INTERFACE: the import/export statement's docs */
    bool has_external_id;     /* INTERFACE */
    witc_str external_id;
    /* FUNCTION */
    witc_function func;
    /* TYPE */
    witc_type_id type;
    witc_span span;
} witc_world_item;

typedef struct witc_world {
    witc_str name;
    witc_world_item *imports;
    uint32_t n_imports;
    witc_world_item *exports;
    uint32_t n_exports;
    witc_package_id package; /* WITC_ID_NONE when none */
    witc_docs docs;
    witc_stability stability;
    witc_span span;
} witc_world;

/* ---- Packages ---- */

typedef struct witc_package {
    witc_str namespace_;
    witc_str name;
    bool has_version;
    witc_str version;   /* e.g. "1.2.3-rc.1" */
    witc_str full_name; /* "ns:name@version", as printed in the JSON `name` */
    witc_docs docs;
    witc_interface_id *interfaces; /* name -> id map in order; key = the interface's name */
    uint32_t n_interfaces;
    witc_world_id *worlds; /* key = the world's name */
    uint32_t n_worlds;
} witc_package;

/* ---- The graph ---- */

typedef struct witc_graph witc_graph;

uint32_t witc_graph_type_count(const witc_graph *g);
uint32_t witc_graph_interface_count(const witc_graph *g);
uint32_t witc_graph_world_count(const witc_graph *g);
uint32_t witc_graph_package_count(const witc_graph *g);

/* Bounds-checked access: NULL when the id is out of range (or WITC_ID_NONE). */
const witc_typedef *witc_graph_type(const witc_graph *g, witc_type_id id);
const witc_interface *witc_graph_interface(const witc_graph *g, witc_interface_id id);
const witc_world *witc_graph_world(const witc_graph *g, witc_world_id id);
const witc_package *witc_graph_package(const witc_graph *g, witc_package_id id);

/* The package named `name` ("ns:pkg" or "ns:pkg@1.2.3"); false when absent. */
bool witc_graph_find_package(const witc_graph *g, witc_str name, witc_package_id *out_id);

/* The interface or world named `name` in package `pkg`; false when absent. */
bool witc_graph_find_interface(const witc_graph *g, witc_package_id pkg, witc_str name,
                               witc_interface_id *out_id);
bool witc_graph_find_world(const witc_graph *g, witc_package_id pkg, witc_str name,
                           witc_world_id *out_id);

/* Follows ALIAS typedefs from `id` to the type they finally name (wit-parser
 * `Resolve::type_id_of`-style dealiasing); returns `id` itself when it is no alias. */
witc_type_id witc_graph_dealias(const witc_graph *g, witc_type_id id);

void witc_graph_free(witc_graph *g);

/* ---- Building a graph directly (decoders of binary WIT packages) ----
 *
 * Items are appended in arena order; each call copies the strings and arrays it is given into
 * the graph, so the caller's buffers may be reused at once. Ids inside items must already
 * exist (types point only to earlier types), except that an interface's or world's own id,
 * the next one, may be used as a type owner. A named interface or world with a package is
 * added to that package's map (in call order; a repeated name fails with WITC_E_USAGE).
 * witc_graph_finish must be called before the graph is read. No resolving or validation is
 * done: the caller builds what wit-parser would have. */
witc_graph *witc_graph_new(witc_ctx *ctx);
WITC_MUST_CHECK witc_status witc_graph_add_package(witc_graph *g, witc_str namespace_,
                                                   witc_str name, const witc_str *version,
                                                   const witc_docs *docs, witc_package_id *out_id);
WITC_MUST_CHECK witc_status witc_graph_add_type(witc_graph *g, const witc_typedef *t,
                                                witc_type_id *out_id);
/* Uses iface->types/n_types and funcs/n_funcs (the types map's keys are the types' names). */
WITC_MUST_CHECK witc_status witc_graph_add_interface(witc_graph *g, const witc_interface *iface,
                                                     witc_interface_id *out_id);
WITC_MUST_CHECK witc_status witc_graph_add_world(witc_graph *g, const witc_world *w,
                                                 witc_world_id *out_id);
/* Fills in the read-side arrays; the graph may still be added to and finished again. */
WITC_MUST_CHECK witc_status witc_graph_finish(witc_graph *g);

/* ---- Resolving ---- */

typedef struct witc_wit_options {
    const witc_str *features; /* enabled `@unstable(feature = x)` gates */
    size_t n_features;
    bool all_features; /* every gate enabled (`--all-features`) */
} witc_wit_options;

/* Parses and resolves the WIT at `path`, as wit-parser's `Resolve::push_path`: a `.wit` file
 * (one package, or several `package x:y { }` blocks), or a directory whose top-level `*.wit`
 * files form the main package, with dependencies under `deps/` (`deps/<name>/` folders and
 * `deps/<name>.wit` files, in sorted order; other files are ignored). Files are registered in
 * the context's source map.
 *
 * On success *out_graph is a new graph (free with witc_graph_free) and *out_main the main
 * package (the file's or directory's own; for a file of nested blocks, the last one, as
 * wit-parser). On failure a diagnostic (`file:line:col: error: ...`, at the span wit-parser
 * reports; resolving stops at the first error) is in the context and the status is
 * WITC_E_SYNTAX (parse), WITC_E_RESOLVE (names, types, gates, worlds), WITC_E_IO,
 * WITC_E_UNSUPPORTED (a binary-encoded `.wasm`/`.wat` package), WITC_E_LIMIT or WITC_E_NOMEM.
 * `opts` may be NULL (no features); it is only read during the call. */
WITC_MUST_CHECK witc_status witc_wit_resolve_path(witc_ctx *ctx, const char *path,
                                                  const witc_wit_options *opts,
                                                  witc_graph **out_graph,
                                                  witc_package_id *out_main);

/* The same for WIT text in memory (registered in the source map under `name`, e.g. for tests
 * and for WIT embedded elsewhere). `text` need not be NUL-terminated. */
WITC_MUST_CHECK witc_status witc_wit_resolve_text(witc_ctx *ctx, const char *name, const char *text,
                                                  size_t len, const witc_wit_options *opts,
                                                  witc_graph **out_graph,
                                                  witc_package_id *out_main);

/* ---- JSON ---- */

/* The whole graph as wasm-tools' JSON (wit-parser serde_.rs; what `wit-c wit --json` prints):
 * pretty-printed with two-space indentation, keys in wit-parser's order, ending in a newline.
 * On success *out_text is NUL-terminated, *out_len bytes, freed with witc_ctx_dealloc. */
WITC_MUST_CHECK witc_status witc_graph_to_json(witc_ctx *ctx, const witc_graph *g, char **out_text,
                                               size_t *out_len);

#endif

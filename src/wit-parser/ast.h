/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT abstract syntax tree: what the parser produces and the resolver consumes.
 *
 * It mirrors the shape of WIT.md's grammar (and of wit-parser's ast.rs, so resolution can follow
 * the same order). Every node lives in the AST's arena; strings are witc_str views into the
 * source map's copy of the text, or arena copies for decoded escapes and doc comments. Lists are
 * (pointer, count) arrays. Nothing here is resolved: names are plain identifiers with spans.
 *
 * Contract between src/wit-parser and src/resolve: fields may be added, never removed or
 * renamed. */
#ifndef WITC_WIT_AST_H
#define WITC_WIT_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "support/arena.h"
#include "support/buf.h"
#include "witc/ctx.h"
#include "witc/diag.h"

/* An identifier: `name` has any leading `%` removed; `span` covers the source text. */
typedef struct witc_ast_id {
    witc_str name;
    witc_span span;
} witc_ast_id;

/* A semantic version `major.minor.patch[-pre][+build]`, kept as its source text. */
typedef struct witc_ast_version {
    witc_str text; /* e.g. "1.2.3-rc.1+b5" */
    witc_span span;
    uint64_t major, minor, patch;
    witc_str pre, build; /* empty when absent */
} witc_ast_version;

/* Doc comments attached to the next item: every `//` line and slash-star block comment
 * between the previous token and the item (wit-parser parse_docs), markers stripped exactly as
 * wit-parser's resolver does, lines joined with '\n'. `present` is false when none. */
typedef struct witc_ast_docs {
    bool present;
    witc_str text;
    witc_span span;
} witc_ast_docs;

typedef enum witc_ast_attr_kind {
    WITC_ATTR_SINCE,       /* @since(version = x.y.z) */
    WITC_ATTR_UNSTABLE,    /* @unstable(feature = name) */
    WITC_ATTR_DEPRECATED,  /* @deprecated(version = x.y.z) */
    WITC_ATTR_EXTERNAL_ID  /* @external-id("string") */
} witc_ast_attr_kind;

typedef struct witc_ast_attr {
    witc_ast_attr_kind kind;
    witc_span span;            /* of the attribute's name */
    witc_ast_version version;  /* SINCE, DEPRECATED */
    witc_ast_id feature;       /* UNSTABLE */
    witc_str string;           /* EXTERNAL_ID: decoded string literal */
    witc_span at_span;         /* the `@` that starts the attribute */
} witc_ast_attr;

typedef struct witc_ast_attrs {
    witc_ast_attr *items;
    uint32_t count;
} witc_ast_attrs;

/* `ns:name@version` (namespace and name may themselves be nested, 🪺; only the first
 * namespace and name are kept in `namespace`/`name`; `nested` is true when more appeared). */
typedef struct witc_ast_package_name {
    witc_ast_docs docs;
    witc_span span;
    witc_ast_id namespace_;
    witc_ast_id name;
    bool has_version;
    witc_ast_version version;
} witc_ast_package_name;

/* A use-path: `iface` (same package) or `ns:pkg/iface[@version]`. */
typedef struct witc_ast_use_path {
    bool is_package;              /* false: just `name` */
    witc_ast_package_name package; /* when is_package */
    witc_ast_id name;             /* the interface (or world, for include) name */
    witc_span span;
} witc_ast_use_path;

typedef struct witc_ast_type witc_ast_type;

typedef enum witc_ast_type_kind {
    WITC_AST_BOOL, WITC_AST_U8, WITC_AST_U16, WITC_AST_U32, WITC_AST_U64,
    WITC_AST_S8, WITC_AST_S16, WITC_AST_S32, WITC_AST_S64,
    WITC_AST_F32, WITC_AST_F64, WITC_AST_CHAR, WITC_AST_STRING,
    WITC_AST_ERROR_CONTEXT,
    WITC_AST_NAME,        /* a reference to a named type: `name` */
    WITC_AST_LIST,        /* list<elem> */
    WITC_AST_FIXED_LIST,  /* list<elem, size> */
    WITC_AST_MAP,         /* map<key, elem> */
    WITC_AST_OWN,         /* own<name> */
    WITC_AST_BORROW,      /* borrow<name> */
    WITC_AST_OPTION,      /* option<elem> */
    WITC_AST_RESULT,      /* result, result<ok>, result<_, err>, result<ok, err> */
    WITC_AST_TUPLE,       /* tuple<types...> */
    WITC_AST_FUTURE,      /* future / future<elem> */
    WITC_AST_STREAM,      /* stream / stream<elem> */
    /* The definition kinds below appear only as the body of a witc_ast_typedef. */
    WITC_AST_RECORD,
    WITC_AST_VARIANT,
    WITC_AST_ENUM,
    WITC_AST_FLAGS,
    WITC_AST_RESOURCE
} witc_ast_type_kind;

/* A field of a record, a case of a variant or enum, a flag. */
typedef struct witc_ast_field {
    witc_ast_docs docs;
    witc_ast_id name;
    witc_ast_type *type; /* record: always; variant: NULL when no payload; enum/flags: NULL */
} witc_ast_field;

typedef struct witc_ast_param {
    witc_ast_id name;
    witc_ast_type *type;
} witc_ast_param;

typedef struct witc_ast_func {
    witc_span span;
    bool is_async;
    witc_ast_param *params;
    uint32_t n_params;
    witc_ast_type *result; /* NULL when the function returns nothing */
} witc_ast_func;

typedef enum witc_ast_func_kind {
    WITC_AST_FUNC_FREE,
    WITC_AST_FUNC_METHOD,      /* inside a resource */
    WITC_AST_FUNC_STATIC,      /* `name: static func(...)` inside a resource */
    WITC_AST_FUNC_CONSTRUCTOR  /* `constructor(...)` (name is "constructor") */
} witc_ast_func_kind;

typedef struct witc_ast_named_func {
    witc_ast_docs docs;
    witc_ast_attrs attrs;
    witc_ast_func_kind kind;
    witc_ast_id name;
    witc_ast_func func;
} witc_ast_named_func;

/* The members after `span` depend on `kind` and share storage: read only those of the node's
 * kind (the comment on each group lists its kinds). */
struct witc_ast_type {
    witc_ast_type_kind kind;
    witc_span span;
    union {
        witc_ast_id name; /* NAME, OWN, BORROW: the referenced type */
        struct {
            witc_ast_type *elem; /* LIST, FIXED_LIST, MAP (value), OPTION, FUTURE/STREAM (or NULL) */
            witc_ast_type *key;  /* MAP */
            uint32_t size;       /* FIXED_LIST */
        };
        struct {
            witc_ast_type *ok, *err; /* RESULT: each NULL when absent (`_`) */
        };
        struct {
            witc_ast_type **types; /* TUPLE */
            uint32_t n_types;
        };
        struct {
            witc_ast_field *fields; /* RECORD fields, VARIANT/ENUM cases, FLAGS flags */
            uint32_t n_fields;
        };
        struct {
            witc_ast_named_func *funcs; /* RESOURCE: constructor, methods, statics in order */
            uint32_t n_funcs;
            bool resource_has_body; /* `resource r { }` vs `resource r;` */
        };
    };
};

/* `type x = ...;`, `record x {...}`, `variant`, `enum`, `flags`, `resource`. */
typedef struct witc_ast_typedef {
    witc_ast_docs docs;
    witc_ast_attrs attrs;
    witc_ast_id name;
    witc_ast_type *type; /* for `type x = T`, T itself (kind < RECORD); else a definition kind */
} witc_ast_typedef;

typedef struct witc_ast_use_name {
    witc_ast_id name;
    bool has_as;
    witc_ast_id as;
} witc_ast_use_name;

/* `use path.{a, b as c};` */
typedef struct witc_ast_use {
    witc_ast_attrs attrs;
    witc_span span;
    witc_ast_use_path from;
    witc_ast_use_name *names;
    uint32_t n_names;
} witc_ast_use;

typedef enum witc_ast_iface_item_kind {
    WITC_AST_ITEM_TYPEDEF,
    WITC_AST_ITEM_FUNC,
    WITC_AST_ITEM_USE
} witc_ast_iface_item_kind;

/* One member per kind, sharing storage: read only the one `kind` names. */
typedef struct witc_ast_iface_item {
    witc_ast_iface_item_kind kind;
    union {
        witc_ast_typedef typedef_; /* TYPEDEF */
        witc_ast_named_func func;  /* FUNC */
        witc_ast_use use;          /* USE */
    };
} witc_ast_iface_item;

typedef struct witc_ast_interface {
    witc_ast_docs docs;
    witc_ast_attrs attrs;
    witc_ast_id name;
    witc_span span;
    witc_ast_iface_item *items;
    uint32_t n_items;
} witc_ast_interface;

typedef enum witc_ast_extern_kind {
    WITC_AST_EXTERN_INTERFACE,  /* `import name: interface { ... }` */
    WITC_AST_EXTERN_PATH,       /* `import use-path;` */
    WITC_AST_EXTERN_FUNC,       /* `import name: func(...);` */
    WITC_AST_EXTERN_NAMED_PATH  /* `import label: use-path;` (🏷️ implements) */
} witc_ast_extern_kind;

typedef struct witc_ast_extern {
    witc_ast_extern_kind kind;
    witc_ast_id name;            /* INTERFACE, FUNC, NAMED_PATH */
    witc_ast_iface_item *items;  /* INTERFACE */
    uint32_t n_items;
    witc_ast_func func;          /* FUNC */
    witc_ast_use_path path;      /* PATH, NAMED_PATH */
    witc_span span;              /* of the whole import/export item */
} witc_ast_extern;

typedef struct witc_ast_include_name {
    witc_ast_id name, as;
} witc_ast_include_name;

typedef struct witc_ast_include {
    witc_ast_attrs attrs;
    witc_span span;
    witc_ast_use_path from;
    witc_ast_include_name *names;
    uint32_t n_names;
} witc_ast_include;

typedef enum witc_ast_world_item_kind {
    WITC_AST_WORLD_IMPORT,
    WITC_AST_WORLD_EXPORT,
    WITC_AST_WORLD_USE,
    WITC_AST_WORLD_TYPE,
    WITC_AST_WORLD_INCLUDE
} witc_ast_world_item_kind;

typedef struct witc_ast_world_item {
    witc_ast_world_item_kind kind;
    witc_ast_docs docs;          /* IMPORT, EXPORT */
    witc_ast_attrs attrs;        /* IMPORT, EXPORT (TYPE/USE/INCLUDE keep theirs inside) */
    union {                      /* shared storage: read only the member `kind` names */
        witc_ast_extern ext;       /* IMPORT, EXPORT */
        witc_ast_use use;          /* USE */
        witc_ast_typedef typedef_; /* TYPE */
        witc_ast_include include;  /* INCLUDE */
    };
} witc_ast_world_item;

typedef struct witc_ast_world {
    witc_ast_docs docs;
    witc_ast_attrs attrs;
    witc_ast_id name;
    witc_span span;
    witc_ast_world_item *items;
    uint32_t n_items;
} witc_ast_world;

/* `use ns:pkg/iface@v as name;` at file level. */
typedef struct witc_ast_toplevel_use {
    witc_ast_attrs attrs;
    witc_span span;
    witc_ast_use_path item;
    bool has_as;
    witc_ast_id as;
} witc_ast_toplevel_use;

typedef struct witc_ast_package_file witc_ast_package_file;

typedef enum witc_ast_decl_kind {
    WITC_AST_DECL_INTERFACE,
    WITC_AST_DECL_WORLD,
    WITC_AST_DECL_USE,
    WITC_AST_DECL_PACKAGE /* nested `package a:b { ... }` */
} witc_ast_decl_kind;

typedef struct witc_ast_decl {
    witc_ast_decl_kind kind;
    union {                             /* shared storage: read only the member `kind` names */
        witc_ast_interface interface;   /* INTERFACE */
        witc_ast_world world;           /* WORLD */
        witc_ast_toplevel_use use;      /* USE */
        witc_ast_package_file *package; /* PACKAGE */
    };
} witc_ast_decl;

/* One file, or one nested `package x:y { ... }` block inside a file. */
struct witc_ast_package_file {
    bool has_package;                 /* a `package ...;` or `package ... {` header was given */
    witc_ast_package_name package;
    witc_ast_decl *decls;
    uint32_t n_decls;
    const witc_source_file *source;   /* the file it came from */
};

/* A parsed file. The arena owns all nodes; strings point into the source map or the arena. */
typedef struct witc_ast {
    witc_arena arena;
    witc_ast_package_file *root;
} witc_ast;

/* Parses one registered source file. On success *out_ast is a new AST (free with
 * witc_ast_free); on failure one diagnostic (`file:line:col: error: ...`) is added to the
 * context and WITC_E_SYNTAX (or WITC_E_LIMIT / WITC_E_NOMEM) is returned. Never crashes on
 * any input. */
WITC_MUST_CHECK witc_status witc_wit_parse(witc_ctx *ctx, const witc_source_file *file,
                                           witc_ast **out_ast);
void witc_ast_free(witc_ast *ast);

#endif

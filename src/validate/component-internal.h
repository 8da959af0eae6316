/* SPDX-License-Identifier: Apache-2.0 */
/* The component IR shared by the component decoder, encoder and validator.
 *
 * The IR mirrors the binary: a component is its sections in order, each holding decoded
 * items. Strings and embedded core modules/custom payloads borrow the input bytes, so keep
 * the bytes alive as long as the IR. Everything else lives in the IR's arena. Core-layer
 * encodings inside component items (core rec groups, limits) keep their raw bytes beside a
 * decoded summary, since the core layer owns their grammar. */
#ifndef WITC_VALIDATE_COMPONENT_INTERNAL_H
#define WITC_VALIDATE_COMPONENT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "support/arena.h"
#include "support/buf.h"
#include "witc/component.h"
#include "witc/ctx.h"

enum {
#define WITC_CSEC(NAME, id, text) WITC_CSEC_##NAME = id,
#include "wasm-format/component-section.def"
#undef WITC_CSEC
};

enum {
#define WITC_CANON(NAME, op, shape, gate, text) WITC_CANON_##NAME = op,
#include "wasm-format/component-canon.def"
#undef WITC_CANON
};

/* A byte range of the input with its absolute offset (for diagnostics). */
typedef struct witc_cm_bytes {
    const uint8_t *ptr;
    uint32_t len;
    uint64_t offset;
} witc_cm_bytes;

/* Component sorts: core sorts are CORE_BASE + core sort byte. */
enum {
    WITC_CM_SORT_FUNC = 0x01,
    WITC_CM_SORT_VALUE = 0x02,
    WITC_CM_SORT_TYPE = 0x03,
    WITC_CM_SORT_COMPONENT = 0x04,
    WITC_CM_SORT_INSTANCE = 0x05,
    WITC_CM_SORT_CORE_BASE = 0x100,
    WITC_CM_CORE_FUNC = 0x00,
    WITC_CM_CORE_TABLE = 0x01,
    WITC_CM_CORE_MEMORY = 0x02,
    WITC_CM_CORE_GLOBAL = 0x03,
    WITC_CM_CORE_TAG = 0x04,
    WITC_CM_CORE_TYPE = 0x10,
    WITC_CM_CORE_MODULE = 0x11,
    WITC_CM_CORE_INSTANCE = 0x12,
};

/* A component value type: a primitive (its type byte) or a type index (prim == 0). */
typedef struct witc_cm_valtype {
    uint8_t prim;
    uint32_t idx;
} witc_cm_valtype;

/* A core value type: code byte (0x7f i32 ... 0x63/0x64 ref null/ref with heap type). */
typedef struct witc_cm_core_valtype {
    uint8_t code;
    int64_t heap; /* heap type for 0x63/0x64: abstract (negative code) or type index */
} witc_cm_core_valtype;

/* nameattrs: form 00/01 plain, 02 with attributes */
typedef struct witc_cm_attr {
    uint8_t kind; /* 00 implements, 01 versionsuffix, 02 external-id */
    witc_cm_bytes text;
} witc_cm_attr;

typedef struct witc_cm_nameattrs {
    uint8_t form;
    witc_cm_bytes name;
    uint32_t n_attrs;
    witc_cm_attr *attrs;
} witc_cm_nameattrs;

/* externtype */
enum {
    WITC_CM_EXT_MODULE = 0x00,
    WITC_CM_EXT_FUNC = 0x01,
    WITC_CM_EXT_VALUE = 0x02,
    WITC_CM_EXT_TYPE = 0x03,
    WITC_CM_EXT_COMPONENT = 0x04,
    WITC_CM_EXT_INSTANCE = 0x05,
};
typedef struct witc_cm_externtype {
    uint8_t kind;
    uint8_t bound;       /* TYPE: 0 eq, 1 sub resource; VALUE: always 1 (a value type) */
    uint32_t idx;        /* type index (or value index for value eq) */
    witc_cm_valtype val; /* VALUE with bound 1 */
    uint64_t offset;
} witc_cm_externtype;

typedef struct witc_cm_sortidx {
    uint32_t sort;
    uint32_t idx;
} witc_cm_sortidx;

typedef struct witc_cm_labeled {
    witc_cm_bytes label;
    bool has_type;
    witc_cm_valtype type;
} witc_cm_labeled;

/* Defined type kinds (the binary opcodes) */
enum {
    WITC_CM_DT_PRIM = 0x01, /* a primitive used directly as a defined type */
    WITC_CM_DT_RESOURCE = 0x3f,
    WITC_CM_DT_FUNC = 0x40,
    WITC_CM_DT_COMPONENT = 0x41,
    WITC_CM_DT_INSTANCE = 0x42,
    WITC_CM_DT_ASYNC_FUNC = 0x43,
    WITC_CM_DT_MAP = 0x63,
    WITC_CM_DT_FUTURE = 0x65,
    WITC_CM_DT_STREAM = 0x66,
    WITC_CM_DT_FIXED_LIST = 0x67,
    WITC_CM_DT_BORROW = 0x68,
    WITC_CM_DT_OWN = 0x69,
    WITC_CM_DT_RESULT = 0x6a,
    WITC_CM_DT_OPTION = 0x6b,
    WITC_CM_DT_ENUM = 0x6d,
    WITC_CM_DT_FLAGS = 0x6e,
    WITC_CM_DT_TUPLE = 0x6f,
    WITC_CM_DT_LIST = 0x70,
    WITC_CM_DT_VARIANT = 0x71,
    WITC_CM_DT_RECORD = 0x72,
};

typedef struct witc_cm_decl witc_cm_decl;
typedef struct witc_cm_core_type witc_cm_core_type;

typedef struct witc_cm_type {
    uint8_t kind;
    uint64_t offset;
    /* PRIM: prim. LIST/OPTION/OWN/BORROW/FIXED_LIST: a (+len). RESULT: a ok, b err (has_a,
     * has_b). STREAM/FUTURE: a (has_a). MAP: a key, b value. */
    witc_cm_valtype a, b;
    bool has_a, has_b;
    uint32_t len;
    /* RECORD/VARIANT/TUPLE/FLAGS/ENUM/FUNC params */
    uint32_t n_fields;
    witc_cm_labeled *fields;
    /* FUNC: result (has_a + a) */
    /* RESOURCE */
    witc_cm_core_valtype rep;
    bool has_dtor;
    uint32_t dtor;
    /* COMPONENT/INSTANCE */
    uint32_t n_decls;
    witc_cm_decl *decls;
} witc_cm_type;

typedef struct witc_cm_alias {
    uint32_t sort;
    uint8_t target;    /* 0 export, 1 core export, 2 outer */
    uint32_t instance; /* or outer count */
    uint32_t idx;      /* outer index */
    witc_cm_bytes name;
    uint64_t offset;
} witc_cm_alias;

/* core externtype inside module types */
typedef struct witc_cm_core_extern {
    uint8_t kind;      /* 00 func 01 table 02 memory 03 global 04 tag */
    uint32_t idx;      /* func/tag type index */
    witc_cm_bytes raw; /* table/memory/global encodings */
} witc_cm_core_extern;

enum { WITC_CM_MD_IMPORT = 0, WITC_CM_MD_TYPE = 1, WITC_CM_MD_ALIAS = 2, WITC_CM_MD_EXPORT = 3 };
typedef struct witc_cm_module_decl {
    uint8_t kind;
    witc_cm_bytes module, name;
    witc_cm_core_extern ext;
    witc_cm_core_type *type;
    uint32_t outer_count, outer_idx;
    uint64_t offset;
} witc_cm_module_decl;

struct witc_cm_core_type {
    bool is_module;
    uint64_t offset;
    witc_cm_bytes raw; /* rec group bytes when !is_module */
    /* summary of a rec group: one entry per subtype; func types decoded */
    uint32_t n_subs;
    struct witc_cm_core_sub {
        uint8_t form; /* 0x60 func, 0x5f struct, 0x5e array, 0x5d cont */
        bool final_;
        bool has_super;
        uint32_t super;
        uint32_t n_params, n_results;
        witc_cm_core_valtype *params, *results;
        uint32_t n_fields; /* struct fields / the array element (storage types) */
        witc_cm_core_valtype *fields;
    } * subs;
    uint32_t n_decls;
    witc_cm_module_decl *decls;
};
typedef struct witc_cm_core_sub witc_cm_core_sub;

/* decls of component/instance types */
enum {
    WITC_CM_DECL_CORE_TYPE = 0x00,
    WITC_CM_DECL_TYPE = 0x01,
    WITC_CM_DECL_ALIAS = 0x02,
    WITC_CM_DECL_IMPORT = 0x03,
    WITC_CM_DECL_EXPORT = 0x04,
};
struct witc_cm_decl {
    uint8_t kind;
    uint64_t offset;
    witc_cm_core_type *core_type;
    witc_cm_type *type;
    witc_cm_alias alias;
    witc_cm_nameattrs name;
    witc_cm_externtype ext;
};

typedef struct witc_cm_inst_arg {
    witc_cm_bytes name;
    witc_cm_sortidx item;
    witc_cm_nameattrs nameattrs; /* inline component exports */
} witc_cm_inst_arg;

typedef struct witc_cm_instance {
    uint8_t kind; /* 0 instantiate, 1 inline exports */
    uint32_t target;
    uint32_t n_args;
    witc_cm_inst_arg *args;
    uint64_t offset;
} witc_cm_instance;

typedef struct witc_cm_canonopt {
    uint8_t kind;
    uint32_t idx;
    uint64_t offset;
} witc_cm_canonopt;

typedef struct witc_cm_canon {
    uint8_t op;
    uint64_t offset;
    uint32_t func;  /* lift: core func; lower: func */
    uint32_t type;  /* type index operand */
    uint32_t table; /* thread.*-indirect */
    uint8_t flag;   /* async?/cancel? byte */
    uint32_t slot;  /* context.get/set; memidx for waitable-set.wait/poll */
    witc_cm_core_valtype core_ty;
    bool has_result; /* task.return */
    witc_cm_valtype result;
    uint32_t n_opts;
    witc_cm_canonopt *opts;
} witc_cm_canon;

typedef struct witc_cm_import {
    witc_cm_nameattrs name;
    witc_cm_externtype ext;
    uint64_t offset;
} witc_cm_import;

typedef struct witc_cm_export {
    witc_cm_nameattrs name;
    witc_cm_sortidx item;
    bool has_ascription;
    witc_cm_externtype ext;
    uint64_t offset;
} witc_cm_export;

typedef struct witc_cm_start {
    uint32_t func;
    uint32_t n_args;
    uint32_t *args;
    uint32_t n_results;
    uint64_t offset;
} witc_cm_start;

typedef struct witc_component witc_component;

typedef struct witc_cm_section {
    uint8_t id;
    uint64_t offset; /* of the section id byte */
    uint32_t n;      /* items */
    union {
        witc_cm_core_type *core_types;
        witc_cm_type **types;
        witc_cm_instance *instances;
        witc_cm_alias *aliases;
        witc_cm_canon *canons;
        witc_cm_import *imports;
        witc_cm_export *exports;
        witc_component *component; /* nested */
    } u;
    witc_cm_start start;
    witc_cm_bytes custom_name; /* custom */
    witc_cm_bytes payload;     /* custom payload, or the whole embedded core module */
} witc_cm_section;

struct witc_component {
    uint64_t offset; /* of the preamble */
    uint32_t n_sections;
    witc_cm_section *sections;
};

/* Decodes a component binary (preamble included) at absolute offset `base`. `depth` counts
 * enclosing components. On success *out is allocated in `arena` and borrows `bytes`. Errors
 * (WITC_E_MALFORMED, WITC_E_LIMIT, WITC_E_NOMEM) add one diagnostic. */
witc_status witc_cm_decode(witc_ctx *ctx, witc_arena *arena, const uint8_t *bytes, size_t len,
                           const char *file, uint64_t base, uint32_t depth, witc_component **out);

/* Appends the encoding of `c` (preamble included) to `out`. Shortest LEBs. */
void witc_cm_encode(const witc_component *c, witc_buf *out);

/* Core module summary used by instantiation checks (read from an embedded core module). */
typedef struct witc_cm_core_entity {
    uint8_t kind;  /* 00 func 01 table 02 memory 03 global 04 tag */
    uint32_t type; /* func/tag: index into the summary's subs */
    /* table/memory/global */
    witc_cm_core_valtype val;
    bool mut_, shared, is64, has_max, has_page;
    uint64_t min, max;
    uint32_t page_log2;
} witc_cm_core_entity;

typedef struct witc_cm_core_import {
    witc_cm_bytes module, name;
    witc_cm_core_entity ent;
} witc_cm_core_import;

typedef struct witc_cm_core_export {
    witc_cm_bytes name;
    witc_cm_core_entity ent;
} witc_cm_core_export;

typedef struct witc_cm_module_summary {
    uint32_t n_types;
    witc_cm_core_sub *types; /* flattened subtypes in index order */
    uint32_t n_imports, n_exports;
    witc_cm_core_import *imports;
    witc_cm_core_export *exports;
} witc_cm_module_summary;

/* Reads the import/export signatures of an already validated core module. Never fails on
 * well-formed input; returns WITC_E_MALFORMED (no diagnostic) if the bytes surprise it. */
witc_status witc_cm_core_summarize(witc_arena *arena, const uint8_t *bytes, size_t len,
                                   witc_cm_module_summary *out);

/* Reads a core limits/table/global encoding (as in import descriptors). */
bool witc_cm_core_read_entity(uint8_t kind, const uint8_t **cur, const uint8_t *end,
                              witc_cm_core_entity *out);

#endif

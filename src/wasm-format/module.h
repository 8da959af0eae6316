/* SPDX-License-Identifier: Apache-2.0 */
/* The in-memory core module (struct witc_wasm_module of witc/wasm.h), shared by the core
 * decoder, validator and encoder. It mirrors the binary format (core spec 5.5): one array
 * per section, index spaces left as the binary defines them (imports first).
 *
 * What is borrowed: names, custom section payloads, data bytes, constant expressions and
 * function bodies point into the input bytes (keep them alive). Instruction sequences stay
 * encoded, as wasm-encoder's `Function::raw` keeps them: the validator reads them through the
 * operator reader (opcodes.h) in one pass, and the encoder writes them back as they are.
 * Everything else lives in the module's arena.
 *
 * Value types are one u32 (witc_valtype) so the validator's operand stack stays a flat
 * vector; the encoding leaves room for typed references and GC (concrete type indices,
 * non-null references), which are decoded but not validated yet. */
#ifndef WITC_WASM_FORMAT_MODULE_H
#define WITC_WASM_FORMAT_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "support/arena.h"
#include "witc/wasm.h"

enum {
#define WITC_SEC(NAME, id, text) WITC_SEC_##NAME = id,
#include "wasm-format/sections.def"
#undef WITC_SEC
    WITC_SEC_CUSTOM = 0
};

enum {
#define WITC_VALTYPE(NAME, code, text, kind) WITC_TYPE_##NAME = code,
#include "wasm-format/valtypes.def"
#undef WITC_VALTYPE
};

/* A value (or storage) type:
 *   number/vector/packed types: their type code (0x7f i32 ... 0x77 i16);
 *   reference types: WITC_VT_REF | [WITC_VT_NULLABLE] | heap type, the heap type being an
 *   abstract type code (0x70 func...) or, with WITC_VT_CONCRETE, a type index (< 2^29).
 * 0 (WITC_VT_BOTTOM) is the validator's unknown type of an unreachable stack. */
typedef uint32_t witc_valtype;
#define WITC_VT_BOTTOM 0u
#define WITC_VT_REF (1u << 31)
#define WITC_VT_NULLABLE (1u << 30)
#define WITC_VT_CONCRETE (1u << 29)
#define WITC_VT_HEAP_MASK (WITC_VT_CONCRETE - 1u)
#define WITC_VT_FUNCREF (WITC_VT_REF | WITC_VT_NULLABLE | WITC_TYPE_FUNC)
#define WITC_VT_EXTERNREF (WITC_VT_REF | WITC_VT_NULLABLE | WITC_TYPE_EXTERN)
#define WITC_VT_EXNREF (WITC_VT_REF | WITC_VT_NULLABLE | WITC_TYPE_EXN)

static inline bool witc_vt_is_ref(witc_valtype t)
{
    return (t & WITC_VT_REF) != 0;
}

/* The byte range of something kept encoded, with its absolute offset for diagnostics. */
typedef struct witc_wasm_bytes {
    const uint8_t *ptr;
    uint32_t len;
    uint64_t offset;
} witc_wasm_bytes;

/* A constant expression, kept encoded including its final `end`. */
typedef witc_wasm_bytes witc_wasm_expr;

enum { WITC_COMP_FUNC = 0x60, WITC_COMP_STRUCT = 0x5f, WITC_COMP_ARRAY = 0x5e };

typedef struct witc_wasm_field {
    witc_valtype type; /* storage type: a value type or WITC_TYPE_I8/I16 */
    bool mut;
} witc_wasm_field;

/* One entry of the type index space: a sub type (GC) of a composite type. Before GC every
 * type is a final func type with no supertypes. */
typedef struct witc_wasm_subtype {
    uint8_t kind;       /* WITC_COMP_* */
    uint8_t sub_prefix; /* 0 (none), 0x50 `sub` or 0x4f `sub final`, as written */
    bool is_final;
    uint32_t n_supers;
    uint32_t *supers;
    /* func: params then results in one array */
    uint32_t n_params, n_results;
    witc_valtype *params, *results;
    /* struct fields, or the single array field */
    uint32_t n_fields;
    witc_wasm_field *fields;
    uint32_t rec_group; /* index into witc_wasm_module.rec_groups */
    uint64_t offset;
} witc_wasm_subtype;

typedef struct witc_wasm_rec_group {
    bool explicit_rec; /* written with 0x4e (rec) */
    uint32_t first, count;
} witc_wasm_rec_group;

typedef struct witc_wasm_limits {
    uint64_t min, max;
    bool has_max, is64, shared;
    bool has_page_size;
    uint32_t page_size_log2; /* custom-page-sizes */
    uint8_t flags;           /* the flags byte as written */
} witc_wasm_limits;

typedef struct witc_wasm_table {
    witc_valtype elem;
    witc_wasm_limits limits;
    bool has_init; /* 0x40 0x00 prefix with an init expression */
    witc_wasm_expr init;
    uint64_t offset;
} witc_wasm_table;

typedef struct witc_wasm_memory {
    witc_wasm_limits limits;
    uint64_t offset;
} witc_wasm_memory;

typedef struct witc_wasm_globaltype {
    witc_valtype type;
    bool mut, shared;
} witc_wasm_globaltype;

typedef struct witc_wasm_tag {
    uint8_t attribute; /* 0: exception */
    uint32_t type;
    uint64_t offset;
} witc_wasm_tag;

enum {
    WITC_EXTERN_FUNC = 0x00,
    WITC_EXTERN_TABLE = 0x01,
    WITC_EXTERN_MEMORY = 0x02,
    WITC_EXTERN_GLOBAL = 0x03,
    WITC_EXTERN_TAG = 0x04
};

typedef struct witc_wasm_import {
    witc_wasm_bytes module, name;
    uint8_t kind;    /* WITC_EXTERN_* */
    uint8_t compact; /* 0: a single import; 0x7f or 0x7e: the compact-imports group form */
    uint32_t group;  /* index of its import section entry (for compact groups) */
    uint32_t func_type;
    witc_wasm_table table;
    witc_wasm_memory memory;
    witc_wasm_globaltype global;
    witc_wasm_tag tag;
    uint64_t offset;
} witc_wasm_import;

typedef struct witc_wasm_global {
    witc_wasm_globaltype type;
    witc_wasm_expr init;
    uint64_t offset;
} witc_wasm_global;

typedef struct witc_wasm_export {
    witc_wasm_bytes name;
    uint8_t kind;
    uint32_t index;
    uint64_t offset;
} witc_wasm_export;

enum { WITC_SEG_ACTIVE, WITC_SEG_PASSIVE, WITC_SEG_DECLARATIVE };

typedef struct witc_wasm_elem {
    uint8_t flags; /* 0..7 as written */
    uint8_t mode;  /* WITC_SEG_* */
    uint32_t table;
    witc_wasm_expr offset_expr;
    witc_valtype type; /* element type (funcref for the elemkind forms) */
    bool uses_exprs;   /* flags bit 2 */
    uint32_t n_items;
    uint32_t *funcs;       /* when !uses_exprs */
    witc_wasm_expr *exprs; /* when uses_exprs */
    uint64_t offset;
} witc_wasm_elem;

typedef struct witc_wasm_data {
    uint8_t flags; /* 0..2 */
    uint8_t mode;
    uint32_t memory;
    witc_wasm_expr offset_expr;
    witc_wasm_bytes bytes;
    uint64_t offset;
} witc_wasm_data;

typedef struct witc_wasm_local_run {
    uint32_t count;
    witc_valtype type;
} witc_wasm_local_run;

typedef struct witc_wasm_code {
    uint32_t n_runs;
    witc_wasm_local_run *runs;
    uint64_t n_locals;    /* sum of the runs */
    witc_wasm_bytes body; /* the instructions after the locals, up to and including `end` */
    uint64_t offset;      /* of the body size */
} witc_wasm_code;

typedef struct witc_wasm_custom {
    witc_wasm_bytes name;
    witc_wasm_bytes payload;
} witc_wasm_custom;

/* Sections in the order they appeared, so the encoder can put custom sections back. */
typedef struct witc_wasm_section_ref {
    uint8_t id;
    uint32_t custom; /* index into customs for id 0 */
    uint64_t offset; /* of the id byte */
} witc_wasm_section_ref;

struct witc_wasm_module {
    witc_ctx *ctx;
    witc_arena arena;
    const char *file;
    uint64_t base;

    uint32_t n_types, n_rec_groups;
    witc_wasm_subtype *types;
    witc_wasm_rec_group *rec_groups;

    uint32_t n_imports;       /* flattened: compact groups expanded */
    uint32_t n_import_groups; /* import section entries; 0 for hand-built modules (one each) */
    witc_wasm_import *imports;
    uint32_t n_imported_funcs, n_imported_tables, n_imported_memories, n_imported_globals,
        n_imported_tags;

    uint32_t n_funcs; /* function section entries */
    uint32_t *func_types;
    uint32_t n_tables;
    witc_wasm_table *tables;
    uint32_t n_memories;
    witc_wasm_memory *memories;
    uint32_t n_tags;
    witc_wasm_tag *tags;
    uint32_t n_globals;
    witc_wasm_global *globals;
    uint32_t n_exports;
    witc_wasm_export *exports;
    bool has_start;
    uint32_t start;
    uint64_t start_offset;
    uint32_t n_elems;
    witc_wasm_elem *elems;
    bool has_data_count;
    uint32_t data_count;
    uint32_t n_codes;
    witc_wasm_code *codes;
    uint64_t code_offset; /* of the code section, for "inconsistent lengths" */
    uint32_t n_datas;
    witc_wasm_data *datas;
    uint32_t n_customs;
    witc_wasm_custom *customs;
    uint32_t n_sections;
    witc_wasm_section_ref *sections;
    bool has_function_section, has_code_section;
};

/* The decoder's entry point below witc_wasm_decode(): `check_bodies` false skips the
 * operator-by-operator well-formedness pass over function bodies (the validator reads them
 * anyway, through the same operator reader). Defined in src/wasm-decoder/core.c. */
WITC_MUST_CHECK witc_status witc_wasm_decode_module(
    witc_ctx *ctx, const witc_wasm_features *features, const uint8_t *bytes, size_t len,
    const char *file, uint64_t base, bool check_bodies, witc_wasm_module **out_module);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* Core instructions: the opcode tables built from opcodes.def, and the operator reader that
 * decodes one instruction with its immediates (core spec 5.4). The decoder, the validator
 * and the encoder all read instructions through it, so "malformed" stays one layer.
 *
 * The reader never allocates per instruction: the variable-length immediates (br_table
 * targets, select types, try_table catches) go into vectors kept in the witc_op_reader and
 * reused, valid until the next witc_op_read(). */
#ifndef WITC_WASM_FORMAT_OPCODES_H
#define WITC_WASM_FORMAT_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

#include "support/buf.h"
#include "wasm-format/module.h"
#include "wasm-format/reader.h"

typedef enum witc_imm {
    WITC_IMM_NONE,
    WITC_IMM_BLOCK,         /* block type */
    WITC_IMM_LABEL,         /* idx = label */
    WITC_IMM_BR_TABLE,      /* targets + idx = default */
    WITC_IMM_FUNC,          /* idx = function */
    WITC_IMM_CALL_INDIRECT, /* idx = type, idx2 = table */
    WITC_IMM_TYPE,          /* idx = type */
    WITC_IMM_LOCAL,
    WITC_IMM_GLOBAL,
    WITC_IMM_TABLE,
    WITC_IMM_MEMARG,
    WITC_IMM_MEM, /* idx = memory */
    WITC_IMM_I32,
    WITC_IMM_I64,
    WITC_IMM_F32,
    WITC_IMM_F64,
    WITC_IMM_V128,
    WITC_IMM_LANE,
    WITC_IMM_SHUFFLE,
    WITC_IMM_MEMARG_LANE,
    WITC_IMM_SELECT_T, /* types */
    WITC_IMM_HEAPTYPE, /* vt = (ref null heaptype) */
    WITC_IMM_TAG,
    WITC_IMM_TRY_TABLE,   /* block type + catches */
    WITC_IMM_MEMORY_INIT, /* idx = data, idx2 = memory */
    WITC_IMM_DATA,
    WITC_IMM_MEMORY_COPY, /* idx = destination memory, idx2 = source memory */
    WITC_IMM_TABLE_INIT,  /* idx = elem, idx2 = table */
    WITC_IMM_ELEM,
    WITC_IMM_TABLE_COPY, /* idx = destination table, idx2 = source table */
    WITC_IMM_FENCE
} witc_imm;

/* Feature numbers: 0 = always on, else 1 + the row index in features.def. */
enum {
    WITC_FEAT_mvp = 0,
#define WITC_FEATURE(NAME, cli, def, text) WITC_FEAT_##NAME,
#include "wasm-format/features.def"
#undef WITC_FEATURE
    WITC_FEAT_COUNT_PLUS_ONE
};

static inline bool witc_feature_on(const witc_wasm_features *f, unsigned feature)
{
    return feature == 0 || ((const bool *)f)[feature - 1];
}

typedef struct witc_op_info {
    /* Inline arrays, not pointers: a table of pointers needs load-time relocations, which
     * would put it in writable data (tests/check-no-globals.sh). */
    char text[40];
    char params[6]; /* "*" for operators typed by hand */
    char results[4];
    uint8_t imm;      /* witc_imm */
    uint8_t feature;  /* WITC_FEAT_* */
    uint16_t arg;     /* see opcodes.def */
    uint8_t n_params; /* strlen(params) */
} witc_op_info;

/* The single-byte rows, indexed by opcode (text[0] == 0 for unknown ones): the
 * validator's fast path reads it directly. */
extern const witc_op_info witc_ops_single[256];
/* The row for prefix (0, 0xfc, 0xfd, 0xfe) and code, or NULL for an unknown opcode. */
const witc_op_info *witc_op_info_get(uint8_t prefix, uint32_t code);

enum { WITC_BLOCK_EMPTY, WITC_BLOCK_VALTYPE, WITC_BLOCK_TYPEIDX };
enum { WITC_CATCH = 0, WITC_CATCH_REF = 1, WITC_CATCH_ALL = 2, WITC_CATCH_ALL_REF = 3 };

typedef struct witc_catch {
    uint8_t kind;
    uint32_t tag;
    uint32_t label;
} witc_catch;

typedef struct witc_op {
    const witc_op_info *info;
    uint8_t prefix;
    uint32_t code;
    const uint8_t *at; /* first byte of the instruction */
    uint32_t idx, idx2;
    uint8_t block_kind;  /* WITC_BLOCK_* for BLOCK and TRY_TABLE */
    witc_valtype vt;     /* block value type, ref.null type */
    int64_t i64;         /* i32.const / i64.const value */
    uint64_t bits;       /* f32/f64 bit pattern */
    const uint8_t *v128; /* 16 immediate bytes (v128.const, shuffle) */
    uint32_t align_log2; /* memarg */
    uint64_t mem_offset;
    uint8_t lane;
    uint32_t n_targets;
    const uint32_t *targets;
    uint32_t n_types;
    const witc_valtype *types;
    uint32_t n_catches;
    const witc_catch *catches;
} witc_op;

typedef struct witc_op_reader {
    witc_reader r;
    witc_ctx *ctx;
    const witc_wasm_features *features; /* encodings that depend on features (zero bytes) */
    WITC_VEC(uint32_t) targets;
    WITC_VEC(witc_valtype) types;
    WITC_VEC(witc_catch) catches;
} witc_op_reader;

/* `features` may be NULL: every feature on. */
void witc_op_reader_init(witc_op_reader *or_, witc_ctx *ctx, const witc_wasm_features *features,
                         const witc_reader *r);
void witc_op_reader_release(witc_op_reader *or_);
/* Reads one instruction. Malformed input: "illegal opcode", "unexpected end", LEB errors,
 * "malformed ..." (WITC_E_MALFORMED with a diagnostic). */
WITC_MUST_CHECK witc_status witc_op_read(witc_op_reader *or_, witc_op *out);

/* A value type (number, vector or reference type); "malformed value type" otherwise. */
WITC_MUST_CHECK witc_status witc_read_valtype(witc_reader *r, const char *what, witc_valtype *out);
/* A reference type only ("malformed reference type"). */
WITC_MUST_CHECK witc_status witc_read_reftype(witc_reader *r, const char *what, witc_valtype *out);
/* A heap type, as the heap part of a witc_valtype (abstract code or CONCRETE | index). */
WITC_MUST_CHECK witc_status witc_read_heaptype(witc_reader *r, const char *what, witc_valtype *out);
/* Writes a value type in its shortest encoding. */
void witc_write_valtype(witc_buf *b, witc_valtype t);

/* Text of a value type for messages ("i32", "funcref", "(ref null 3)"), into buf. */
const char *witc_valtype_text(witc_valtype t, char *buf, size_t size);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* Opcode tables indexed by code (built from opcodes.def with designated initializers) and
 * the operator reader (see opcodes.h). */
#include "wasm-format/opcodes.h"

#include <stddef.h>
#include <stdio.h>

#define ROW_T(text, IMM, params, results, feature, arg)                                            \
    {                                                                                              \
        text, params, results, WITC_IMM_##IMM, WITC_FEAT_##feature, arg, sizeof(params) - 1        \
    }

#define NOOP(code, NAME, text, IMM, params, results, feature, arg)

const witc_op_info witc_ops_single[256] = {
#define WITC_OP(code, NAME, text, IMM, params, results, feature, arg)                              \
    [code] = ROW_T(text, IMM, params, results, feature, arg),
#define WITC_OP_FC NOOP
#define WITC_OP_FD NOOP
#define WITC_OP_FE NOOP
#include "wasm-format/opcodes.def"
#undef WITC_OP
#undef WITC_OP_FC
#undef WITC_OP_FD
#undef WITC_OP_FE
};

enum { FC_SIZE = 32, FD_SIZE = 0x114, FE_SIZE = 0x4f };

static const witc_op_info ops_fc[FC_SIZE] = {
#define WITC_OP NOOP
#define WITC_OP_FC(code, NAME, text, IMM, params, results, feature, arg)                           \
    [code] = ROW_T(text, IMM, params, results, feature, arg),
#define WITC_OP_FD NOOP
#define WITC_OP_FE NOOP
#include "wasm-format/opcodes.def"
#undef WITC_OP
#undef WITC_OP_FC
#undef WITC_OP_FD
#undef WITC_OP_FE
};

static const witc_op_info ops_fd[FD_SIZE] = {
#define WITC_OP NOOP
#define WITC_OP_FC NOOP
#define WITC_OP_FD(code, NAME, text, IMM, params, results, feature, arg)                           \
    [code] = ROW_T(text, IMM, params, results, feature, arg),
#define WITC_OP_FE NOOP
#include "wasm-format/opcodes.def"
#undef WITC_OP
#undef WITC_OP_FC
#undef WITC_OP_FD
#undef WITC_OP_FE
};

static const witc_op_info ops_fe[FE_SIZE] = {
#define WITC_OP NOOP
#define WITC_OP_FC NOOP
#define WITC_OP_FD NOOP
#define WITC_OP_FE(code, NAME, text, IMM, params, results, feature, arg)                           \
    [code] = ROW_T(text, IMM, params, results, feature, arg),
#include "wasm-format/opcodes.def"
#undef WITC_OP
#undef WITC_OP_FC
#undef WITC_OP_FD
#undef WITC_OP_FE
};

const witc_op_info *witc_op_info_get(uint8_t prefix, uint32_t code)
{
    const witc_op_info *row = NULL;
    switch (prefix) {
    case 0:
        row = code < 256 ? &witc_ops_single[code] : NULL;
        break;
    case 0xfc:
        row = code < FC_SIZE ? &ops_fc[code] : NULL;
        break;
    case 0xfd:
        row = code < FD_SIZE ? &ops_fd[code] : NULL;
        break;
    case 0xfe:
        row = code < FE_SIZE ? &ops_fe[code] : NULL;
        break;
    default:
        break;
    }
    return row && row->text[0] ? row : NULL;
}

void witc_op_reader_init(witc_op_reader *o, witc_ctx *ctx, const witc_wasm_features *features,
                         const witc_reader *r)
{
    o->r = *r;
    o->ctx = ctx;
    o->features = features;
    o->targets.items = NULL, o->targets.len = o->targets.cap = 0;
    o->types.items = NULL, o->types.len = o->types.cap = 0;
    o->catches.items = NULL, o->catches.len = o->catches.cap = 0;
}

void witc_op_reader_release(witc_op_reader *o)
{
    WITC_VEC_FREE(o->ctx, &o->targets);
    WITC_VEC_FREE(o->ctx, &o->types);
    WITC_VEC_FREE(o->ctx, &o->catches);
}

static bool is_abstract_heap(uint8_t code)
{
    switch (code) {
#define WITC_VALTYPE(NAME, c, text, kind) WITC_VT_KIND_##kind(c)
#define WITC_VT_KIND_HEAP(c) case c:
#define WITC_VT_KIND_NUM(c)
#define WITC_VT_KIND_PACKED(c)
#define WITC_VT_KIND_PREFIX(c)
#include "wasm-format/valtypes.def"
#undef WITC_VALTYPE
        return true;
    default:
        return false;
    }
}

witc_status witc_read_heaptype(witc_reader *r, const char *what, witc_valtype *out)
{
    const uint8_t *at = r->cur;
    int64_t v = 0;
    WITC_TRY(witc_reader_s33(r, what, &v));
    if (v < 0) {
        /* Abstract heap types are one-byte negative s33 values: the byte is the code. */
        if (v < -64 || !is_abstract_heap((uint8_t)(v & 0x7f)))
            return witc_reader_fail(r, at, "malformed heap type (%s)", what);
        *out = (witc_valtype)(v & 0x7f);
        return WITC_OK;
    }
    if (v >= (int64_t)WITC_VT_CONCRETE)
        return witc_reader_fail(r, at, "type index too large (%s)", what);
    *out = WITC_VT_CONCRETE | (witc_valtype)v;
    return WITC_OK;
}

static witc_status read_type_byte(witc_reader *r, const char *what, bool refs_only,
                                  witc_valtype *out)
{
    const uint8_t *at = r->cur;
    uint8_t b = 0;
    WITC_TRY(witc_reader_u8(r, what, &b));
    switch (b) {
    case WITC_TYPE_I32:
    case WITC_TYPE_I64:
    case WITC_TYPE_F32:
    case WITC_TYPE_F64:
    case WITC_TYPE_V128:
        if (refs_only)
            break;
        *out = b;
        return WITC_OK;
    case WITC_TYPE_REF_NULL:
    case WITC_TYPE_REF: {
        witc_valtype heap = 0;
        WITC_TRY(witc_read_heaptype(r, what, &heap));
        *out = WITC_VT_REF | (b == WITC_TYPE_REF_NULL ? WITC_VT_NULLABLE : 0) | heap;
        return WITC_OK;
    }
    default:
        if (b != WITC_TYPE_I8 && b != WITC_TYPE_I16 && is_abstract_heap(b)) {
            *out = WITC_VT_REF | WITC_VT_NULLABLE | b;
            return WITC_OK;
        }
        break;
    }
    return witc_reader_fail(r, at, "%s (%s)",
                            refs_only ? "malformed reference type" : "malformed value type", what);
}

witc_status witc_read_valtype(witc_reader *r, const char *what, witc_valtype *out)
{
    return read_type_byte(r, what, false, out);
}

witc_status witc_read_reftype(witc_reader *r, const char *what, witc_valtype *out)
{
    return read_type_byte(r, what, true, out);
}

void witc_write_valtype(witc_buf *b, witc_valtype t)
{
    if (!witc_vt_is_ref(t)) {
        witc_buf_byte(b, (uint8_t)t);
        return;
    }
    const witc_valtype heap = t & (WITC_VT_CONCRETE | WITC_VT_HEAP_MASK);
    if ((t & WITC_VT_NULLABLE) && !(heap & WITC_VT_CONCRETE)) {
        witc_buf_byte(b, (uint8_t)heap); /* the shorthand */
        return;
    }
    witc_buf_byte(b, (t & WITC_VT_NULLABLE) ? WITC_TYPE_REF_NULL : WITC_TYPE_REF);
    if (heap & WITC_VT_CONCRETE)
        witc_buf_sleb(b, (int64_t)(heap & WITC_VT_HEAP_MASK));
    else
        witc_buf_byte(b, (uint8_t)heap);
}

const char *witc_valtype_text(witc_valtype t, char *buf, size_t size)
{
    const char *name = NULL;
    const witc_valtype code = t & WITC_VT_HEAP_MASK;
    if (t == WITC_VT_BOTTOM)
        name = "unknown";
    else if (!witc_vt_is_ref(t) || !(t & WITC_VT_CONCRETE)) {
        switch (code) {
#define WITC_VALTYPE(NAME, c, text, kind)                                                          \
    case c:                                                                                        \
        name = text;                                                                               \
        break;
#include "wasm-format/valtypes.def"
#undef WITC_VALTYPE
        default:
            name = "?";
        }
    }
    if (!witc_vt_is_ref(t))
        snprintf(buf, size, "%s", name);
    else if ((t & WITC_VT_NULLABLE) && !(t & WITC_VT_CONCRETE))
        snprintf(buf, size, "%sref", name);
    else if (t & WITC_VT_CONCRETE)
        snprintf(buf, size, "(ref %s%u)", (t & WITC_VT_NULLABLE) ? "null " : "", code);
    else
        snprintf(buf, size, "(ref %s)", name);
    return buf;
}

static witc_status read_block_type(witc_reader *r, witc_op *op)
{
    uint8_t b = 0;
    WITC_TRY(witc_reader_peek_u8(r, "block type", &b));
    if (b == 0x40) {
        r->cur++;
        op->block_kind = WITC_BLOCK_EMPTY;
        return WITC_OK;
    }
    if (b >= 0x40 && b < 0x80) { /* a one-byte negative s33: a value type */
        op->block_kind = WITC_BLOCK_VALTYPE;
        return witc_read_valtype(r, "block type", &op->vt);
    }
    const uint8_t *at = r->cur;
    int64_t idx = 0;
    WITC_TRY(witc_reader_s33(r, "block type", &idx));
    if (idx < 0)
        return witc_reader_fail(r, at, "malformed block type (block type)");
    if (idx > UINT32_MAX)
        return witc_reader_fail(r, at, "type index out of bounds (block type)");
    op->block_kind = WITC_BLOCK_TYPEIDX;
    op->idx = (uint32_t)idx;
    return WITC_OK;
}

static bool feat(const witc_op_reader *o, size_t field_offset)
{
    return !o->features || *(const bool *)((const char *)o->features + field_offset);
}
#define FEAT(o, NAME) feat((o), offsetof(witc_wasm_features, NAME))

/* A memory or table index that is a reserved zero byte before multi-memory or
 * reference-types, and a u32 after. */
static witc_status read_index_or_zero(witc_reader *r, bool leb, const char *what, uint32_t *out)
{
    if (leb)
        return witc_reader_u32(r, what, out);
    const uint8_t *at = r->cur;
    uint8_t z = 0;
    WITC_TRY(witc_reader_u8(r, what, &z));
    if (z != 0)
        return witc_reader_fail(r, at, "zero byte expected (%s)", what);
    *out = 0;
    return WITC_OK;
}

static witc_status read_memarg(const witc_op_reader *o, witc_reader *r, witc_op *op)
{
    const uint8_t *at = r->cur;
    uint32_t flags = 0;
    WITC_TRY(witc_reader_u32(r, "memarg alignment", &flags));
    if (flags >= 128)
        return witc_reader_fail(r, at, "malformed memop flags (memarg alignment)");
    op->align_log2 = flags & 0x3f;
    op->idx = 0;
    if (flags & 0x40)
        WITC_TRY(witc_reader_u32(r, "memarg memory", &op->idx));
    if (FEAT(o, memory64))
        return witc_reader_u64(r, "memarg offset", &op->mem_offset);
    uint32_t off = 0;
    WITC_TRY(witc_reader_u32(r, "memarg offset", &off));
    op->mem_offset = off;
    return WITC_OK;
}

witc_status witc_op_read(witc_op_reader *o, witc_op *op)
{
    witc_reader *r = &o->r;
    op->at = r->cur;
    uint8_t b = 0;
    WITC_TRY(witc_reader_u8(r, "opcode", &b));
    op->prefix = 0;
    op->code = b;
    if (b == 0xfc || b == 0xfd || b == 0xfe) {
        op->prefix = b;
        WITC_TRY(witc_reader_u32(r, "opcode", &op->code));
    } else if (b == 0xfb) {
        /* GC instructions: recognised so the validator can say "not supported yet". */
        op->prefix = b;
        WITC_TRY(witc_reader_u32(r, "opcode", &op->code));
        op->info = NULL;
        return WITC_OK;
    }
    const witc_op_info *info = op->prefix == 0
                                   ? (witc_ops_single[b].text[0] ? &witc_ops_single[b] : NULL)
                                   : witc_op_info_get(op->prefix, op->code);
    if (!info) {
        if (op->prefix)
            return witc_reader_fail(r, op->at, "illegal opcode %02x %u", op->prefix, op->code);
        return witc_reader_fail(r, op->at, "illegal opcode %02x", b);
    }
    op->info = info;
    switch ((witc_imm)info->imm) {
    case WITC_IMM_NONE:
        return WITC_OK;
    case WITC_IMM_BLOCK:
        return read_block_type(r, op);
    case WITC_IMM_LABEL:
        return witc_reader_u32(r, "label index", &op->idx);
    case WITC_IMM_BR_TABLE: {
        uint32_t n = 0;
        WITC_TRY(witc_reader_count(r, "br_table target count", &n));
        o->targets.len = 0;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t t = 0;
            WITC_TRY(witc_reader_u32(r, "br_table target", &t));
            if (!WITC_VEC_PUSH(o->ctx, &o->targets, t))
                return WITC_E_NOMEM;
        }
        op->n_targets = n;
        op->targets = o->targets.items;
        return witc_reader_u32(r, "br_table default target", &op->idx);
    }
    case WITC_IMM_FUNC:
        return witc_reader_u32(r, "function index", &op->idx);
    case WITC_IMM_CALL_INDIRECT:
        WITC_TRY(witc_reader_u32(r, "type index", &op->idx));
        return read_index_or_zero(r, FEAT(o, reference_types) || FEAT(o, call_indirect_overlong),
                                  "table index", &op->idx2);
    case WITC_IMM_TYPE:
        return witc_reader_u32(r, "type index", &op->idx);
    case WITC_IMM_LOCAL:
        return witc_reader_u32(r, "local index", &op->idx);
    case WITC_IMM_GLOBAL:
        return witc_reader_u32(r, "global index", &op->idx);
    case WITC_IMM_TABLE:
        return witc_reader_u32(r, "table index", &op->idx);
    case WITC_IMM_MEMARG:
        return read_memarg(o, r, op);
    case WITC_IMM_MEM:
        return read_index_or_zero(r, FEAT(o, multi_memory), "memory index", &op->idx);
    case WITC_IMM_I32: {
        int32_t v = 0;
        WITC_TRY(witc_reader_s32(r, "i32 constant", &v));
        op->i64 = v;
        return WITC_OK;
    }
    case WITC_IMM_I64:
        return witc_reader_s64(r, "i64 constant", &op->i64);
    case WITC_IMM_F32: {
        uint32_t v = 0;
        WITC_TRY(witc_reader_f32(r, "f32 constant", &v));
        op->bits = v;
        return WITC_OK;
    }
    case WITC_IMM_F64:
        return witc_reader_f64(r, "f64 constant", &op->bits);
    case WITC_IMM_V128:
    case WITC_IMM_SHUFFLE:
        return witc_reader_bytes(r, 16, "v128 constant", &op->v128);
    case WITC_IMM_LANE:
        return witc_reader_u8(r, "lane index", &op->lane);
    case WITC_IMM_MEMARG_LANE:
        WITC_TRY(read_memarg(o, r, op));
        return witc_reader_u8(r, "lane index", &op->lane);
    case WITC_IMM_SELECT_T: {
        uint32_t n = 0;
        WITC_TRY(witc_reader_count(r, "select type count", &n));
        o->types.len = 0;
        for (uint32_t i = 0; i < n; i++) {
            witc_valtype t = 0;
            WITC_TRY(witc_read_valtype(r, "select type", &t));
            if (!WITC_VEC_PUSH(o->ctx, &o->types, t))
                return WITC_E_NOMEM;
        }
        op->n_types = n;
        op->types = o->types.items;
        return WITC_OK;
    }
    case WITC_IMM_HEAPTYPE: {
        witc_valtype heap = 0;
        WITC_TRY(witc_read_heaptype(r, "heap type", &heap));
        op->vt = WITC_VT_REF | WITC_VT_NULLABLE | heap;
        return WITC_OK;
    }
    case WITC_IMM_TAG:
        return witc_reader_u32(r, "tag index", &op->idx);
    case WITC_IMM_TRY_TABLE: {
        WITC_TRY(read_block_type(r, op));
        uint32_t n = 0;
        WITC_TRY(witc_reader_count(r, "catch count", &n));
        o->catches.len = 0;
        for (uint32_t i = 0; i < n; i++) {
            const uint8_t *at = r->cur;
            witc_catch c = {0, 0, 0};
            WITC_TRY(witc_reader_u8(r, "catch kind", &c.kind));
            if (c.kind > WITC_CATCH_ALL_REF)
                return witc_reader_fail(r, at, "malformed catch clause (catch kind)");
            if (c.kind == WITC_CATCH || c.kind == WITC_CATCH_REF)
                WITC_TRY(witc_reader_u32(r, "tag index", &c.tag));
            WITC_TRY(witc_reader_u32(r, "label index", &c.label));
            if (!WITC_VEC_PUSH(o->ctx, &o->catches, c))
                return WITC_E_NOMEM;
        }
        op->n_catches = n;
        op->catches = o->catches.items;
        return WITC_OK;
    }
    case WITC_IMM_MEMORY_INIT:
        WITC_TRY(witc_reader_u32(r, "data index", &op->idx));
        return read_index_or_zero(r, FEAT(o, multi_memory), "memory index", &op->idx2);
    case WITC_IMM_DATA:
        return witc_reader_u32(r, "data index", &op->idx);
    case WITC_IMM_MEMORY_COPY:
        WITC_TRY(read_index_or_zero(r, FEAT(o, multi_memory), "memory index", &op->idx));
        return read_index_or_zero(r, FEAT(o, multi_memory), "memory index", &op->idx2);
    case WITC_IMM_TABLE_INIT:
        WITC_TRY(witc_reader_u32(r, "elem index", &op->idx));
        return witc_reader_u32(r, "table index", &op->idx2);
    case WITC_IMM_ELEM:
        return witc_reader_u32(r, "elem index", &op->idx);
    case WITC_IMM_TABLE_COPY:
        WITC_TRY(witc_reader_u32(r, "table index", &op->idx));
        return witc_reader_u32(r, "table index", &op->idx2);
    case WITC_IMM_FENCE: {
        const uint8_t *at = r->cur;
        uint8_t z = 0;
        WITC_TRY(witc_reader_u8(r, "atomic.fence flags", &z));
        if (z != 0)
            return witc_reader_fail(r, at, "zero byte expected (atomic.fence flags)");
        return WITC_OK;
    }
    }
    return WITC_OK;
}

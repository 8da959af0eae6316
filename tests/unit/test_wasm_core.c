/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for the core module layer: decoding into the IR, encode(decode(b)) == b and
 * decode(encode(ir)) == ir, the malformed / invalid / unsupported split, offsets shifted by
 * base_offset, and the `--features` syntax. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "wasm-format/module.h"
#include "wasm-format/opcodes.h"
#include "witc/wasm.h"
#include "witc/witc.h"

static int setup(void **state)
{
    *state = witc_ctx_new(NULL);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    witc_ctx_free(*state);
    return 0;
}

/* wat2wasm --enable-exceptions of: a type, imported func/global/memory, a table, a mutable
 * i64 global, a tag, a function with locals and a block, two exports, an active and a
 * declarative element segment, an active and a passive data segment. */
static const uint8_t full_module[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60, 0x01, 0x7f, 0x01,
    0x7f, 0x60, 0x01, 0x7f, 0x00, 0x02, 0x1c, 0x03, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00,
    0x00, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x67, 0x03, 0x7f, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x01,
    0x6d, 0x02, 0x01, 0x01, 0x02, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x02,
    0x0d, 0x03, 0x01, 0x00, 0x01, 0x06, 0x06, 0x01, 0x7e, 0x01, 0x42, 0x7b, 0x0b, 0x07, 0x0b,
    0x02, 0x01, 0x66, 0x00, 0x01, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x09, 0x0c, 0x02, 0x00,
    0x41, 0x00, 0x0b, 0x02, 0x01, 0x00, 0x03, 0x00, 0x01, 0x01, 0x0a, 0x15, 0x01, 0x13, 0x02,
    0x02, 0x7e, 0x01, 0x7d, 0x20, 0x00, 0x02, 0x7f, 0x41, 0x01, 0x0c, 0x00, 0x0b, 0x6a, 0x23,
    0x00, 0x6a, 0x0b, 0x0b, 0x14, 0x02, 0x00, 0x41, 0x08, 0x0b, 0x05, 0x68, 0x65, 0x6c, 0x6c,
    0x6f, 0x01, 0x07, 0x70, 0x61, 0x73, 0x73, 0x69, 0x76, 0x65};

/* tests/wasm-corpus/valid-compact-imports.hex: a 0x7f group (func, global), a 0x7e group (two
 * funcs of one type), a single import, and a function calling import 3. */
static const uint8_t compact_imports[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x02, 0x24, 0x03, 0x03, 0x65, 0x6e, 0x76, 0x00, 0x7f, 0x02, 0x01, 0x61, 0x00, 0x00,
    0x01, 0x62, 0x03, 0x7f, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x00, 0x7e, 0x00, 0x00, 0x02,
    0x01, 0x63, 0x01, 0x64, 0x01, 0x78, 0x01, 0x79, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
    0x0a, 0x0b, 0x01, 0x09, 0x00, 0x10, 0x03, 0x10, 0x04, 0x23, 0x00, 0x1a, 0x0b};

/* The same module with a custom section after the type section (id 0, name "x", 2 bytes). */
static size_t with_custom(uint8_t *out)
{
    const size_t type_end = 8 + 2 + 0x0a;
    memcpy(out, full_module, type_end);
    const uint8_t custom[] = {0x00, 0x04, 0x01, 'x', 0xab, 0xcd};
    memcpy(out + type_end, custom, sizeof custom);
    memcpy(out + type_end + sizeof custom, full_module + type_end, sizeof full_module - type_end);
    return sizeof full_module + sizeof custom;
}

static void test_decode_builds_the_ir(void **state)
{
    witc_ctx *ctx = *state;
    witc_wasm_module *m = NULL;
    assert_int_equal(witc_wasm_decode(ctx, NULL, full_module, sizeof full_module, "t.wasm", 0, &m),
                     WITC_OK);
    assert_int_equal(m->n_types, 2);
    assert_int_equal(m->types[0].n_params, 1);
    assert_int_equal(m->types[0].params[0], WITC_TYPE_I32);
    assert_int_equal(m->n_imports, 3);
    assert_int_equal(m->n_imported_funcs, 1);
    assert_int_equal(m->n_imported_globals, 1);
    assert_int_equal(m->n_imported_memories, 1);
    assert_true(m->imports[2].memory.limits.has_max);
    assert_int_equal(m->imports[2].memory.limits.max, 2);
    assert_int_equal(m->n_tables, 1);
    assert_int_equal(m->tables[0].elem, WITC_VT_FUNCREF);
    assert_int_equal(m->n_globals, 1);
    assert_true(m->globals[0].type.mut);
    assert_int_equal(m->n_tags, 1);
    assert_int_equal(m->n_exports, 2);
    assert_memory_equal(m->exports[1].name.ptr, "tab", 3);
    assert_int_equal(m->n_elems, 2);
    assert_int_equal(m->elems[1].mode, WITC_SEG_DECLARATIVE);
    assert_int_equal(m->n_codes, 1);
    assert_int_equal(m->codes[0].n_runs, 2);
    assert_int_equal(m->codes[0].n_locals, 3);
    assert_int_equal(m->n_datas, 2);
    assert_int_equal(m->datas[1].mode, WITC_SEG_PASSIVE);
    assert_int_equal(m->datas[0].bytes.len, 5);
    assert_int_equal(witc_wasm_validate_module(ctx, NULL, m), WITC_OK);
    witc_wasm_module_free(m);
}

static void roundtrip(witc_ctx *ctx, const uint8_t *bytes, size_t len)
{
    witc_wasm_module *m = NULL;
    assert_int_equal(witc_wasm_decode(ctx, NULL, bytes, len, "t.wasm", 0, &m), WITC_OK);
    uint8_t *out = NULL;
    size_t out_len = 0;
    assert_int_equal(witc_wasm_encode(ctx, m, &out, &out_len), WITC_OK);
    assert_int_equal(out_len, len);
    assert_memory_equal(out, bytes, len);
    /* decode(encode(ir)) == ir: the second decoding has the same shape and payloads. */
    witc_wasm_module *m2 = NULL;
    assert_int_equal(witc_wasm_decode(ctx, NULL, out, out_len, "t2.wasm", 0, &m2), WITC_OK);
    assert_int_equal(m2->n_sections, m->n_sections);
    for (uint32_t i = 0; i < m->n_sections; i++)
        assert_int_equal(m2->sections[i].id, m->sections[i].id);
    assert_int_equal(m2->n_customs, m->n_customs);
    assert_int_equal(m2->n_codes, m->n_codes);
    for (uint32_t i = 0; i < m->n_codes; i++) {
        assert_int_equal(m2->codes[i].body.len, m->codes[i].body.len);
        assert_memory_equal(m2->codes[i].body.ptr, m->codes[i].body.ptr, m->codes[i].body.len);
    }
    witc_wasm_module_free(m2);
    witc_ctx_dealloc(ctx, out);
    witc_wasm_module_free(m);
}

static void test_roundtrip_is_exact(void **state)
{
    roundtrip(*state, full_module, sizeof full_module);
    uint8_t buf[sizeof full_module + 16];
    size_t len = with_custom(buf);
    roundtrip(*state, buf, len);
    const uint8_t empty[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    roundtrip(*state, empty, sizeof empty);
    roundtrip(*state, compact_imports, sizeof compact_imports);
}

static void test_encode_module_without_section_list(void **state)
{
    witc_ctx *ctx = *state;
    witc_wasm_module *m = NULL;
    assert_int_equal(witc_wasm_decode(ctx, NULL, full_module, sizeof full_module, "t", 0, &m),
                     WITC_OK);
    m->n_sections = 0; /* as if built by hand: canonical order */
    uint8_t *out = NULL;
    size_t out_len = 0;
    assert_int_equal(witc_wasm_encode(ctx, m, &out, &out_len), WITC_OK);
    assert_int_equal(out_len, sizeof full_module);
    assert_memory_equal(out, full_module, out_len);
    witc_ctx_dealloc(ctx, out);
    witc_wasm_module_free(m);
}

/* Validates bytes and returns the status and the first diagnostic's offset and text. */
static witc_status check(witc_ctx *ctx, const witc_wasm_features *f, const uint8_t *b, size_t len,
                         uint64_t base, uint64_t *off, const char **msg)
{
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_status st = witc_wasm_validate_core(ctx, f, b, len, "t.wasm", base);
    if (st != WITC_OK) {
        assert_true(witc_diag_count(witc_ctx_diags(ctx)) >= 1);
        *off = witc_diag_get(witc_ctx_diags(ctx), 0)->offset;
        *msg = witc_diag_get(witc_ctx_diags(ctx), 0)->msg;
    }
    return st;
}

static void test_malformed_invalid_unsupported(void **state)
{
    witc_ctx *ctx = *state;
    uint64_t off = 0;
    const char *msg = NULL;
    /* i32.add on an empty stack, in a function of type [] -> [] */
    const uint8_t invalid[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01,
                               0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
                               0x0a, 0x05, 0x01, 0x03, 0x00, 0x6a, 0x0b};
    assert_int_equal(check(ctx, NULL, invalid, sizeof invalid, 0, &off, &msg), WITC_E_INVALID);
    assert_int_equal(off, 0x17);
    assert_non_null(strstr(msg, "type mismatch"));
    /* The same bytes embedded at offset 0x100 of a component report 0x117. */
    assert_int_equal(check(ctx, NULL, invalid, sizeof invalid, 0x100, &off, &msg), WITC_E_INVALID);
    assert_int_equal(off, 0x117);
    /* A truncated file: the code section claims more bytes than are left. */
    assert_int_equal(check(ctx, NULL, invalid, sizeof invalid - 1, 0, &off, &msg),
                     WITC_E_MALFORMED);
    assert_string_equal(msg, "length out of bounds (section)");
    assert_int_equal(off, 0x13);
    /* A struct type: GC is on by default but not implemented. */
    const uint8_t gc[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                          0x01, 0x05, 0x01, 0x5f, 0x01, 0x7f, 0x01};
    assert_int_equal(check(ctx, NULL, gc, sizeof gc, 0, &off, &msg), WITC_E_UNSUPPORTED);
    assert_non_null(strstr(msg, "not supported yet"));
    /* With gc off it is a plain invalid module. */
    witc_wasm_features f;
    witc_wasm_features_default(&f);
    assert_int_equal(witc_wasm_features_parse(ctx, &f, "-gc"), WITC_OK);
    assert_int_equal(check(ctx, &f, gc, sizeof gc, 0, &off, &msg), WITC_E_INVALID);
    witc_diag_clear(witc_ctx_diags(ctx));
}

static void test_features_gate_validation(void **state)
{
    witc_ctx *ctx = *state;
    uint64_t off = 0;
    const char *msg = NULL;
    /* (memory i64 1) */
    const uint8_t mem64[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00,
                             0x00, 0x05, 0x03, 0x01, 0x04, 0x01};
    assert_int_equal(check(ctx, NULL, mem64, sizeof mem64, 0, &off, &msg), WITC_OK);
    witc_wasm_features f;
    witc_wasm_features_default(&f);
    assert_int_equal(witc_wasm_features_parse(ctx, &f, "wasm2"), WITC_OK);
    assert_false(f.memory64);
    assert_true(f.simd);
    assert_int_equal(check(ctx, &f, mem64, sizeof mem64, 0, &off, &msg), WITC_E_INVALID);
    assert_int_equal(off, 0xb);
    assert_int_equal(witc_wasm_features_parse(ctx, &f, "all,-simd"), WITC_OK);
    assert_true(f.memory64);
    assert_false(f.simd);
    assert_int_equal(witc_wasm_features_parse(ctx, &f, "no-such-feature"), WITC_E_USAGE);
    witc_diag_clear(witc_ctx_diags(ctx));
}

static void test_compact_imports_expand(void **state)
{
    witc_ctx *ctx = *state;
    witc_wasm_module *m = NULL;
    assert_int_equal(
        witc_wasm_decode(ctx, NULL, compact_imports, sizeof compact_imports, "t", 0, &m), WITC_OK);
    assert_int_equal(m->n_import_groups, 3);
    assert_int_equal(m->n_imports, 5);
    assert_int_equal(m->n_imported_funcs, 4);
    assert_int_equal(m->n_imported_globals, 1);
    assert_int_equal(m->imports[1].compact, 0x7f);
    assert_int_equal(m->imports[3].compact, 0x7e);
    assert_int_equal(m->imports[3].kind, WITC_EXTERN_FUNC);
    assert_memory_equal(m->imports[3].name.ptr, "d", 1);
    assert_int_equal(m->imports[4].compact, 0);
    assert_int_equal(witc_wasm_validate_module(ctx, NULL, m), WITC_OK);
    witc_wasm_module_free(m);
}

/* The opcode tables: known rows have text, params and a feature; unknown codes give NULL. */
static void test_opcode_tables(void **state)
{
    (void)state;
    const witc_op_info *add = witc_op_info_get(0, 0x6a);
    assert_non_null(add);
    assert_string_equal(add->text, "i32.add");
    assert_string_equal(add->params, "ii");
    assert_int_equal(add->n_params, 2);
    assert_string_equal(witc_op_info_get(0xfd, 0x113)->text, "i32x4.relaxed_dot_i8x16_i7x16_add_s");
    assert_int_equal(witc_op_info_get(0xfd, 0x113)->feature, WITC_FEAT_relaxed_simd);
    assert_string_equal(witc_op_info_get(0xfe, 0x4e)->text, "i64.atomic.rmw32.cmpxchg_u");
    assert_string_equal(witc_op_info_get(0xfc, 17)->text, "table.fill");
    assert_null(witc_op_info_get(0, 0xff));
    assert_null(witc_op_info_get(0xfd, 0x9a));
    assert_null(witc_op_info_get(0xfd, 100000));
    assert_null(witc_op_info_get(0xfe, 0x04));
    size_t known = 0;
    const uint8_t prefixes[] = {0, 0xfc, 0xfd, 0xfe};
    for (size_t p = 0; p < sizeof prefixes; p++)
        for (uint32_t code = 0; code < 0x200; code++) {
            const witc_op_info *i = witc_op_info_get(prefixes[p], code);
            if (!i)
                continue;
            known++;
            assert_true(i->feature < WITC_FEAT_COUNT_PLUS_ONE);
            assert_int_equal(i->n_params, strlen(i->params));
        }
    assert_int_equal(known, 544); /* the rows of opcodes.def */
}

static void test_preamble_detection(void **state)
{
    (void)state;
    const uint8_t core[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    const uint8_t comp[] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    assert_true(witc_wasm_is_core_module(core, 8));
    assert_false(witc_wasm_is_component(core, 8));
    assert_true(witc_wasm_is_component(comp, 8));
    assert_false(witc_wasm_is_core_module(comp, 7));
}

/* ---- function bodies on several threads ---- */

static void put_leb(uint8_t *out, size_t *len, uint32_t x)
{
    do {
        uint8_t b = x & 0x7f;
        x >>= 7;
        out[(*len)++] = (uint8_t)(b | (x ? 0x80 : 0));
    } while (x);
}

enum { BODY_VALID, BODY_INVALID_ADD, BODY_INVALID_END, BODY_MALFORMED };

/* A module of n functions of type [] -> [], body i of kind kinds[i] (valid bodies get
 * i % 13 + 1 `i32.const 1; drop` pairs, so their sizes differ). Returns the length. */
static size_t build_bodies_module(uint8_t *out, const uint8_t *kinds, uint32_t n)
{
    static const uint8_t head[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00,
                                   0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00};
    size_t len = sizeof head;
    memcpy(out, head, len);
    uint8_t funcs[4096], code[65536];
    size_t nf = 0, nc = 0;
    put_leb(funcs, &nf, n);
    for (uint32_t i = 0; i < n; i++)
        funcs[nf++] = 0x00;
    put_leb(code, &nc, n);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t body[64];
        size_t nb = 0;
        body[nb++] = 0x00; /* no locals */
        switch (kinds[i]) {
        case BODY_VALID:
            for (uint32_t k = 0; k < i % 13 + 1; k++) {
                body[nb++] = 0x41;
                body[nb++] = 0x01;
                body[nb++] = 0x1a;
            }
            break;
        case BODY_INVALID_ADD:
            body[nb++] = 0x6a;
            break;
        case BODY_INVALID_END:
            body[nb++] = 0x41;
            body[nb++] = 0x02;
            break;
        default:
            body[nb++] = 0xff;
            break;
        }
        body[nb++] = 0x0b;
        put_leb(code, &nc, (uint32_t)nb);
        memcpy(code + nc, body, nb);
        nc += nb;
    }
    out[len++] = 0x03;
    put_leb(out, &len, (uint32_t)nf);
    memcpy(out + len, funcs, nf);
    len += nf;
    out[len++] = 0x0a;
    put_leb(out, &len, (uint32_t)nc);
    memcpy(out + len, code, nc);
    return len + nc;
}

/* Validates with `threads` threads and at most `max_errors` errors; writes every diagnostic
 * (file, offset, message, one per line) into text. */
static witc_status validate_threaded(const uint8_t *bytes, size_t len, uint32_t threads,
                                     uint32_t max_errors, char *text, size_t size)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    assert_non_null(ctx);
    witc_ctx_limits(ctx)->validate_threads = threads;
    witc_ctx_limits(ctx)->max_errors = max_errors;
    witc_status st = witc_wasm_validate_core(ctx, NULL, bytes, len, "m.wasm", 0);
    size_t used = 0;
    text[0] = 0;
    const witc_diag_list *d = witc_ctx_diags(ctx);
    for (size_t i = 0; i < witc_diag_count(d) && used < size; i++) {
        const witc_diag *g = witc_diag_get(d, i);
        int k = snprintf(text + used, size - used, "%s:0x%llx: %s\n", g->file ? g->file : "-",
                         (unsigned long long)g->offset, g->msg);
        used += k > 0 ? (size_t)k : 0;
    }
    witc_ctx_free(ctx);
    return st;
}

/* Every thread count gives the serial status and diagnostics, byte for byte. */
static void expect_same_as_serial(const uint8_t *kinds, uint32_t n, uint32_t max_errors,
                                  witc_status want, size_t want_diags)
{
    static uint8_t wasm[80000];
    static char serial[65536], threaded[65536];
    size_t len = build_bodies_module(wasm, kinds, n);
    assert_int_equal(validate_threaded(wasm, len, 1, max_errors, serial, sizeof serial), want);
    size_t lines = 0;
    for (const char *c = serial; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, want_diags);
    static const uint32_t counts[] = {0, 2, 3, 4, 7, 64, 1000};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        witc_status st =
            validate_threaded(wasm, len, counts[i], max_errors, threaded, sizeof threaded);
        assert_int_equal(st, want);
        assert_string_equal(threaded, serial);
    }
}

static void test_threads_same_diagnostics(void **state)
{
    (void)state;
    enum { N = 300 };
    uint8_t kinds[N];
    /* All valid. */
    memset(kinds, BODY_VALID, sizeof kinds);
    expect_same_as_serial(kinds, N, 20, WITC_OK, 0);
    /* Invalid bodies scattered over every worker's range: all reported, in order. */
    uint32_t n_invalid = 0;
    for (uint32_t i = 0; i < N; i++) {
        kinds[i] = i % 23 == 5 ? BODY_INVALID_ADD : i % 31 == 2 ? BODY_INVALID_END : BODY_VALID;
        n_invalid += kinds[i] != BODY_VALID;
    }
    expect_same_as_serial(kinds, N, 1000, WITC_E_INVALID, n_invalid);
    /* The error cap cuts the list at the same body, then one "too many errors". */
    expect_same_as_serial(kinds, N, 4, WITC_E_INVALID, 5);
    /* A malformed body stops everything after it; invalid ones before it are kept. */
    kinds[150] = BODY_MALFORMED;
    uint32_t before = 0;
    for (uint32_t i = 0; i < 150; i++)
        before += kinds[i] != BODY_VALID;
    expect_same_as_serial(kinds, N, 1000, WITC_E_MALFORMED, before + 1);
    /* Two functions and many threads; a single function. */
    expect_same_as_serial(kinds + 5, 2, 20, WITC_E_INVALID, 1);
    expect_same_as_serial(kinds + 5, 1, 20, WITC_E_INVALID, 1);
}

/* The core limits are read through the context, so they can be lowered. */
static void test_limits_from_context(void **state)
{
    witc_ctx *ctx = *state;
    static uint8_t wasm[4096];
    uint8_t kinds[5] = {0};
    size_t len = build_bodies_module(wasm, kinds, 5);
    witc_limits *l = witc_ctx_limits(ctx);
    const witc_limits saved = *l;
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, wasm, len, "m", 0), WITC_OK);
    l->wasm_functions = 4;
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, wasm, len, "m", 0), WITC_E_LIMIT);
    assert_string_equal(witc_diag_get(witc_ctx_diags(ctx), 0)->msg,
                        "functions count exceeds limit of 4");
    witc_diag_clear(witc_ctx_diags(ctx));
    l->wasm_functions = 5;
    l->wasm_function_size = 7; /* instructions of body i: 4, 7, 10, ... bytes */
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, wasm, len, "m", 0), WITC_E_LIMIT);
    assert_string_equal(witc_diag_get(witc_ctx_diags(ctx), 0)->msg,
                        "function body size out of bounds (limit 7 bytes)");
    witc_diag_clear(witc_ctx_diags(ctx));
    *l = saved;
    /* One function with 5 i32 locals, then a limit of 4 locals. */
    const uint8_t locals[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01,
                              0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
                              0x0a, 0x06, 0x01, 0x04, 0x01, 0x05, 0x7f, 0x0b};
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, locals, sizeof locals, "m", 0), WITC_OK);
    l->wasm_function_locals = 4;
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, locals, sizeof locals, "m", 0),
                     WITC_E_MALFORMED);
    assert_non_null(strstr(witc_diag_get(witc_ctx_diags(ctx), 0)->msg, "too many locals"));
    witc_diag_clear(witc_ctx_diags(ctx));
    *l = saved;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_builds_the_ir),
        cmocka_unit_test(test_roundtrip_is_exact),
        cmocka_unit_test(test_encode_module_without_section_list),
        cmocka_unit_test(test_malformed_invalid_unsupported),
        cmocka_unit_test(test_features_gate_validation),
        cmocka_unit_test(test_compact_imports_expand),
        cmocka_unit_test(test_opcode_tables),
        cmocka_unit_test(test_preamble_detection),
        cmocka_unit_test(test_threads_same_diagnostics),
        cmocka_unit_test(test_limits_from_context),
    };
    return cmocka_run_group_tests_name("wasm_core", tests, setup, teardown);
}

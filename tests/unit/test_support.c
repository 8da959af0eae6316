/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/support: arena, buffers and LEB writers, hash index, source map and
 * diagnostic rendering. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/arena.h"
#include "support/buf.h"
#include "support/hash.h"
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

static void test_arena_alloc_is_zeroed_and_aligned(void **state)
{
    witc_arena a;
    witc_arena_init(&a, *state);
    for (int i = 1; i < 5000; i += 37) {
        unsigned char *p = witc_arena_alloc(&a, (size_t)i);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (int k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xab, (size_t)i);
    }
    assert_non_null(witc_arena_alloc(&a, 3 << 20)); /* bigger than a chunk */
    witc_arena_release(&a);
}

static void test_arena_array_overflow_fails(void **state)
{
    witc_arena a;
    witc_arena_init(&a, *state);
    assert_null(witc_arena_alloc_array(&a, SIZE_MAX / 2, 4));
    assert_non_null(witc_arena_alloc_array(&a, 10, 4));
    char *s = witc_arena_printf(&a, "%s-%d", "x", 42);
    assert_string_equal(s, "x-42");
    witc_arena_release(&a);
}

static void test_buf_leb_encodings(void **state)
{
    static const struct {
        int64_t v;
        int sign;
        unsigned char bytes[10];
        size_t n;
    } cases[] = {
        {0, 0, {0x00}, 1},
        {127, 0, {0x7f}, 1},
        {128, 0, {0x80, 0x01}, 2},
        {624485, 0, {0xe5, 0x8e, 0x26}, 3},
        {0, 1, {0x00}, 1},
        {-1, 1, {0x7f}, 1},
        {63, 1, {0x3f}, 1},
        {64, 1, {0xc0, 0x00}, 2},
        {-64, 1, {0x40}, 1},
        {-65, 1, {0xbf, 0x7f}, 2},
        {-123456, 1, {0xc0, 0xbb, 0x78}, 3},
        {INT64_MIN, 1, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}, 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        witc_buf b;
        witc_buf_init(&b, *state);
        if (cases[i].sign)
            witc_buf_sleb(&b, cases[i].v);
        else
            witc_buf_uleb(&b, (uint64_t)cases[i].v);
        assert_int_equal(b.len, cases[i].n);
        assert_memory_equal(b.data, cases[i].bytes, cases[i].n);
        witc_buf_release(&b);
    }
}

static void test_buf_printf_grows(void **state)
{
    witc_buf b;
    witc_buf_init(&b, *state);
    for (int i = 0; i < 1000; i++)
        witc_buf_printf(&b, "%d,", i);
    assert_false(b.failed);
    assert_true(strncmp(witc_buf_cstr(&b), "0,1,2,", 6) == 0);
    witc_buf_release(&b);
}

static void test_vec_push(void **state)
{
    WITC_VEC(int) v = {0};
    for (int i = 0; i < 100; i++)
        assert_true(WITC_VEC_PUSH(*state, &v, i));
    assert_int_equal(v.len, 100);
    assert_int_equal(v.items[99], 99);
    WITC_VEC_FREE(*state, &v);
}

static void test_hash_put_get(void **state)
{
    witc_hash h;
    witc_hash_init(&h, *state);
    char keys[500][8];
    for (int i = 0; i < 500; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        assert_true(witc_hash_put(&h, keys[i], strlen(keys[i]), (uint32_t)i));
    }
    for (int i = 0; i < 500; i++) {
        uint32_t v;
        assert_true(witc_hash_get(&h, keys[i], strlen(keys[i]), &v));
        assert_int_equal(v, i);
    }
    uint32_t v;
    assert_false(witc_hash_get(&h, "nope", 4, &v));
    assert_true(witc_hash_put(&h, "k7", 2, 9999));
    assert_true(witc_hash_get(&h, "k7", 2, &v));
    assert_int_equal(v, 9999);
    assert_int_equal(h.count, 500);
    witc_hash_release(&h);
}

static void test_source_line_col(void **state)
{
    witc_ctx *ctx = *state;
    const witc_source_file *a, *b;
    assert_int_equal(witc_source_add(witc_ctx_sources(ctx), "a.wit", "ab\ncd\n", 6, &a), WITC_OK);
    assert_int_equal(witc_source_add(witc_ctx_sources(ctx), "b.wit", "x\ny", 3, &b), WITC_OK);
    uint32_t line, col;
    witc_source_line_col(witc_ctx_sources(ctx), a->base + 4, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 2);
    witc_source_line_col(witc_ctx_sources(ctx), b->base + 2, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    assert_ptr_equal(witc_source_find(witc_ctx_sources(ctx), b->base), b);
}

static void test_diag_render_caret(void **state)
{
    witc_ctx *ctx = *state;
    const witc_source_file *f;
    const char *text = "package a:b;\nrecord r { a: bar }\n";
    assert_int_equal(witc_source_add(witc_ctx_sources(ctx), "t.wit", text, strlen(text), &f),
                     WITC_OK);
    uint32_t at = f->base + (uint32_t)(strstr(text, "bar") - text);
    witc_diag *d = witc_diag_error(witc_ctx_diags(ctx), (witc_span){at, at + 3},
                                   "type `%s` does not exist", "bar");
    witc_diag_note(witc_ctx_diags(ctx), d, (witc_span){f->base, f->base + 7}, "defined here");
    witc_diag_error_at(witc_ctx_diags(ctx), "m.wasm", 0x1a, "integer too large");
    char out[1024] = {0};
    FILE *mem = fmemopen(out, sizeof out - 1, "w");
    assert_non_null(mem);
    witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), mem, 0);
    fclose(mem);
    assert_string_equal(out, "t.wit:2:15: error: type `bar` does not exist\n"
                             " 2 | record r { a: bar }\n"
                             "   |               ^~~\n"
                             "t.wit:1:1: note: defined here\n"
                             " 1 | package a:b;\n"
                             "   | ^~~~~~~\n"
                             "m.wasm:0x1a: error: integer too large\n");
    assert_int_equal(witc_diag_error_count(witc_ctx_diags(ctx)), 2);
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_diag_count(witc_ctx_diags(ctx)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc_is_zeroed_and_aligned),
        cmocka_unit_test(test_arena_array_overflow_fails),
        cmocka_unit_test(test_buf_leb_encodings),
        cmocka_unit_test(test_buf_printf_grows),
        cmocka_unit_test(test_vec_push),
        cmocka_unit_test(test_hash_put_get),
        cmocka_unit_test(test_source_line_col),
        cmocka_unit_test(test_diag_render_caret),
    };
    return cmocka_run_group_tests_name("support", tests, setup, teardown);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/wasm-format/reader.c: the generic LEB128 decoder at each width (0, max,
 * max+1, over-long encodings, the first too-long length, truncation, negative bounds), the
 * distinct failure messages and their offsets, names, counts and sub-readers. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "wasm-format/reader.h"
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

enum { OK, END, LONG, LARGE };

typedef struct leb_case {
    unsigned bits;
    bool is_signed;
    uint8_t bytes[12];
    size_t len;
    int expect;     /* OK or the failure */
    int64_t value;  /* signed value, or unsigned bits reinterpreted */
    size_t fail_at; /* offset of the offending byte */
} leb_case;

static const leb_case cases[] = {
    /* u32 */
    {32, false, {0x00}, 1, OK, 0, 0},
    {32, false, {0x7f}, 1, OK, 127, 0},
    {32, false, {0x80, 0x01}, 2, OK, 128, 0},
    {32, false, {0xff, 0xff, 0xff, 0xff, 0x0f}, 5, OK, 0xffffffff, 0},
    {32, false, {0x80, 0x80, 0x80, 0x80, 0x00}, 5, OK, 0, 0},         /* over-long zero */
    {32, false, {0xff, 0xff, 0xff, 0xff, 0x1f}, 5, LARGE, 0, 4},      /* max + 1 bit */
    {32, false, {0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 6, LONG, 0, 4}, /* 6 bytes */
    {32, false, {0x80, 0x80}, 2, END, 0, 2},                          /* truncated */
    {32, false, {0}, 0, END, 0, 0},
    /* u64 */
    {64, false, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, 10, OK, -1, 0},
    {64, false, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, 10, LARGE, 0, 9},
    {64, false, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 11, LONG, 0, 9},
    {64, false, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 10, OK, 0, 0},
    /* s32 */
    {32, true, {0x7f}, 1, OK, -1, 0},
    {32, true, {0x3f}, 1, OK, 63, 0},
    {32, true, {0xc0, 0x00}, 2, OK, 64, 0},
    {32, true, {0xff, 0xff, 0xff, 0xff, 0x07}, 5, OK, INT32_MAX, 0},
    {32, true, {0x80, 0x80, 0x80, 0x80, 0x78}, 5, OK, INT32_MIN, 0},
    {32, true, {0xff, 0xff, 0xff, 0xff, 0x0f}, 5, LARGE, 0, 4}, /* INT32_MAX + 1 .. */
    {32, true, {0xff, 0xff, 0xff, 0xff, 0x77}, 5, LARGE, 0, 4}, /* INT32_MIN - 1 */
    {32, true, {0xff, 0xff, 0xff, 0xff, 0x7f}, 5, OK, -1, 0},   /* over-long -1 */
    {32, true, {0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 6, LONG, 0, 4},
    /* s33 (block types) */
    {33, true, {0x40}, 1, OK, -64, 0},
    {33, true, {0xff, 0xff, 0xff, 0xff, 0x0f}, 5, OK, 0xffffffffll, 0},
    {33, true, {0xff, 0xff, 0xff, 0xff, 0x1f}, 5, LARGE, 0, 4},
    {33, true, {0x80, 0x80, 0x80, 0x80, 0x70}, 5, OK, -(1ll << 32), 0},
    {33, true, {0x80, 0x80, 0x80, 0x80, 0x60}, 5, LARGE, 0, 4},
    /* s64 */
    {64, true, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}, 10, OK, INT64_MAX, 0},
    {64, true, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}, 10, OK, INT64_MIN, 0},
    {64, true, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, 10, LARGE, 0, 9},
    {64, true, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e}, 10, LARGE, 0, 9},
    {64, true, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 11, LONG, 0, 9},
    {64, true, {0xff}, 1, END, 0, 1},
};

static void test_leb_table(void **state)
{
    witc_ctx *ctx = *state;
    witc_diag_list *diags = witc_ctx_diags(ctx);
    static const char *const words[] = {NULL, "unexpected end", "integer representation too long",
                                        "integer too large"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const leb_case *c = &cases[i];
        witc_diag_clear(diags);
        witc_reader r;
        witc_reader_init(&r, c->bytes, c->len, 0x100, "t.wasm", diags);
        witc_status st;
        int64_t sv = 0;
        uint64_t uv = 0;
        if (c->is_signed)
            st = witc_leb_read_s(&r, c->bits, "value", &sv);
        else
            st = witc_leb_read_u(&r, c->bits, "value", &uv);
        if (c->expect == OK) {
            if (st != WITC_OK)
                fail_msg("case %zu: unexpected failure", i);
            assert_int_equal(c->is_signed ? sv : (int64_t)uv, c->value);
            assert_true(witc_reader_at_end(&r));
            continue;
        }
        if (st != WITC_E_MALFORMED)
            fail_msg("case %zu: expected a failure", i);
        assert_int_equal(witc_diag_count(diags), 1);
        const witc_diag *d = witc_diag_get(diags, 0);
        char want[128];
        snprintf(want, sizeof want, "%s (value)", words[c->expect]);
        assert_string_equal(d->msg, want);
        assert_int_equal(d->offset, 0x100 + c->fail_at);
    }
    witc_diag_clear(diags);
}

static void test_reader_names_and_utf8(void **state)
{
    witc_diag_list *diags = witc_ctx_diags(*state);
    const uint8_t good[] = {0x03, 'a', 0xc3, 0xa9};
    const uint8_t bad[] = {0x02, 0xc0, 0x80}; /* overlong NUL */
    const uint8_t surrogate[] = {0x03, 0xed, 0xa0, 0x80};
    const uint8_t short_name[] = {0x05, 'a'};
    witc_reader r;
    const uint8_t *p = NULL;
    uint32_t len = 0;
    witc_reader_init(&r, good, sizeof good, 0, "t", diags);
    assert_int_equal(witc_reader_name(&r, "name", &p, &len), WITC_OK);
    assert_int_equal(len, 3);
    witc_reader_init(&r, bad, sizeof bad, 0, "t", diags);
    assert_int_equal(witc_reader_name(&r, "name", &p, &len), WITC_E_MALFORMED);
    witc_reader_init(&r, surrogate, sizeof surrogate, 0, "t", diags);
    assert_int_equal(witc_reader_name(&r, "name", &p, &len), WITC_E_MALFORMED);
    witc_reader_init(&r, short_name, sizeof short_name, 0, "t", diags);
    assert_int_equal(witc_reader_name(&r, "name", &p, &len), WITC_E_MALFORMED);
    assert_int_equal(witc_diag_count(diags), 3);
    assert_string_equal(witc_diag_get(diags, 0)->msg, "malformed UTF-8 encoding (name)");
    assert_string_equal(witc_diag_get(diags, 2)->msg, "length out of bounds (name)");
    assert_true(witc_utf8_is_valid((const uint8_t *)"\xf0\x9f\x98\x80", 4));
    assert_false(witc_utf8_is_valid((const uint8_t *)"\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    witc_diag_clear(diags);
}

static void test_reader_count_and_sub(void **state)
{
    witc_diag_list *diags = witc_ctx_diags(*state);
    const uint8_t bytes[] = {0x05, 0x01, 0x02, 0x03, 0x02, 0xaa, 0xbb, 0xcc};
    witc_reader r;
    uint32_t n = 0;
    witc_reader_init(&r, bytes, 3, 0, "t", diags);
    assert_int_equal(witc_reader_count(&r, "items", &n), WITC_E_MALFORMED); /* 5 > 2 left */
    witc_reader_init(&r, bytes + 4, 4, 4, "t", diags);
    witc_reader sub;
    uint32_t size = 0;
    const uint8_t *size_at = r.cur;
    assert_int_equal(witc_reader_u32(&r, "size", &size), WITC_OK);
    assert_int_equal(witc_reader_sub(&r, size, size_at, "section", &sub), WITC_OK);
    assert_int_equal(witc_reader_offset(&sub), 5);
    uint8_t b = 0;
    assert_int_equal(witc_reader_u8(&sub, "byte", &b), WITC_OK);
    assert_int_equal(witc_reader_finish(&sub, "section"), WITC_E_MALFORMED);
    assert_string_equal(witc_diag_get(diags, 1)->msg, "section size mismatch (section)");
    assert_int_equal(witc_diag_get(diags, 1)->offset, 6);
    assert_int_equal(witc_reader_u8(&sub, "byte", &b), WITC_OK);
    assert_int_equal(witc_reader_finish(&sub, "section"), WITC_OK);
    assert_int_equal(witc_reader_left(&r), 1); /* the parent moved past the section */
    assert_int_equal(witc_reader_sub(&r, 2, r.cur, "section", &sub), WITC_E_MALFORMED);
    witc_diag_clear(diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leb_table),
        cmocka_unit_test(test_reader_names_and_utf8),
        cmocka_unit_test(test_reader_count_and_sub),
    };
    return cmocka_run_group_tests_name("leb", tests, setup, teardown);
}

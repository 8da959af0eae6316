/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for WIT as binary (include/witc/wit-binary.h): exact encodings checked against
 * bytes produced by wit-component 0.259 (shared/ref/component-binary.md §7), decoding back to
 * text, and malformed or hostile binaries (each must give a `file:0xOFF` diagnostic). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "witc/wit-binary.h"
#include "witc/wit-print.h"
#include "witc/wit.h"
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

static witc_graph *resolve(witc_ctx *ctx, const char *wit, witc_package_id *out_pkg)
{
    witc_graph *g = NULL;
    witc_diag_clear(witc_ctx_diags(ctx));
    if (witc_wit_resolve_text(ctx, "test.wit", wit, strlen(wit), NULL, &g, out_pkg) != WITC_OK) {
        witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, 0);
        return NULL;
    }
    return g;
}

static void assert_bytes(const uint8_t *got, size_t got_len, const uint8_t *want, size_t want_len)
{
    if (got_len != want_len || memcmp(got, want, want_len) != 0) {
        for (size_t i = 0; i < got_len; i++)
            fprintf(stderr, "%02x%s", got[i], (i + 1) % 16 ? " " : "\n");
        fprintf(stderr, "\n");
    }
    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want, want_len);
}

/* Decodes `bytes` and prints the main package; NULL when decoding failed. */
static char *decode_print(witc_ctx *ctx, const uint8_t *bytes, size_t len)
{
    witc_graph *g = NULL;
    witc_package_id pkg;
    witc_diag_clear(witc_ctx_diags(ctx));
    if (witc_wit_decode(ctx, bytes, len, "t.wasm", &g, &pkg) != WITC_OK)
        return NULL;
    char *text = NULL, *copy = NULL;
    size_t tlen;
    if (witc_wit_print(ctx, g, pkg, WITC_WIT_PRINT_MAIN_ONLY, &text, &tlen) == WITC_OK) {
        copy = strdup(text);
        witc_ctx_dealloc(ctx, text);
    }
    witc_graph_free(g);
    return copy;
}

static const char console_wit[] = "package foo:console;\n"
                                  "\n"
                                  "interface console {\n"
                                  "  log: func(arg: string);\n"
                                  "}\n"
                                  "\n";

/* `wasm-tools component wit --wasm` of console_wit, without the producers section. */
/* clang-format off */
static const uint8_t console_wasm[] = {
    /* component preamble */
    0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
    /* type section: (component (type (instance */
    0x07, 0x30, 0x01, 0x41, 0x02, 0x01, 0x42, 0x02,
    /*   (type (func (param "arg" string))) */
    0x01, 0x40, 0x01, 0x03, 'a', 'r', 'g', 0x73, 0x01, 0x00,
    /*   (export "log" (func (type 0)))) */
    0x04, 0x00, 0x03, 'l', 'o', 'g', 0x01, 0x00,
    /* (export "foo:console/console" (instance (type 0)))) */
    0x04, 0x00, 0x13, 'f', 'o', 'o', ':', 'c', 'o', 'n', 's', 'o', 'l', 'e',
    '/', 'c', 'o', 'n', 's', 'o', 'l', 'e', 0x05, 0x00,
    /* export section: "console" = type 0 */
    0x0b, 0x0d, 0x01, 0x00, 0x07, 'c', 'o', 'n', 's', 'o', 'l', 'e', 0x03, 0x00, 0x00,
    /* custom section package-docs: version 1, "{}" */
    0x00, 0x10, 0x0c, 'p', 'a', 'c', 'k', 'a', 'g', 'e', '-', 'd', 'o', 'c', 's', 0x01, '{', '}',
};
/* clang-format on */

static void test_wit_binary_encode_package_exact(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx, console_wit, &pkg);
    assert_non_null(g);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(witc_wit_encode_package(ctx, g, pkg, &bytes, &len), WITC_OK);
    assert_bytes(bytes, len, console_wasm, sizeof console_wasm);
    witc_ctx_dealloc(ctx, bytes);
    witc_graph_free(g);
}

/* The component-type payload of component-binary.md worked example 2 (minus producers). */
static void test_wit_binary_encode_world_exact(void **state)
{
    static const uint8_t want[] = {
        0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x00, 0x19, 0x16, 'w',  'i',  't',
        '-',  'c',  'o',  'm',  'p',  'o',  'n',  'e',  'n',  't',  '-',  'e',  'n',  'c',
        'o',  'd',  'i',  'n',  'g',  0x04, 0x02, /* version 4, string encoding latin1+utf16 */
        0x07, 0x5c, 0x01, 0x41, 0x02, 0x01, 0x41, 0x04, 0x01, 0x40, 0x01, 0x03, 'm',  's',
        'g',  0x73, 0x01, 0x00, 0x03, 0x00, 0x03, 'l',  'o',  'g',  0x01, 0x00, 0x01, 0x42,
        0x02, 0x01, 0x40, 0x02, 0x01, 'a',  0x79, 0x01, 'b',  0x79, 0x00, 0x79, 0x04, 0x00,
        0x03, 'a',  'd',  'd',  0x01, 0x00, 0x04, 0x00, 0x12, 'e',  'x',  ':',  'd',  'e',
        'm',  'o',  '/',  'm',  'a',  't',  'h',  '@',  '0',  '.',  '1',  '.',  '0',  0x05,
        0x01, 0x04, 0x00, 0x12, 'e',  'x',  ':',  'd',  'e',  'm',  'o',  '/',  'c',  'a',
        'l',  'c',  '@',  '0',  '.',  '1',  '.',  '0',  0x04, 0x00, 0x0b, 0x0a, 0x01, 0x00,
        0x04, 'c',  'a',  'l',  'c',  0x03, 0x00, 0x00,
    };
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx,
                            "package ex:demo@0.1.0;\n"
                            "interface math { add: func(a: u32, b: u32) -> u32; }\n"
                            "world calc { import log: func(msg: string); export math; }\n",
                            &pkg);
    assert_non_null(g);
    const witc_package *p = witc_graph_package(g, pkg);
    assert_int_equal(p->n_worlds, 1);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(witc_wit_encode_world(ctx, g, p->worlds[0], WITC_STRING_ENCODING_COMPACT_UTF16,
                                           &bytes, &len),
                     WITC_OK);
    assert_bytes(bytes, len, want, sizeof want);
    witc_ctx_dealloc(ctx, bytes);
    witc_graph_free(g);
}

static void test_wit_binary_decode_console(void **state)
{
    char *text = decode_print(*state, console_wasm, sizeof console_wasm);
    assert_non_null(text);
    assert_string_equal(text, console_wit);
    free(text);
}

/* Everything the encoder writes decodes to a package that prints as the source does, docs
 * and resources included. */
static void test_wit_binary_round_trip(void **state)
{
    static const char wit[] = "/// package docs\n"
                              "package a:b@1.0.0;\n"
                              "\n"
                              "interface types {\n"
                              "  /// a resource\n"
                              "  resource r {\n"
                              "    constructor(x: u32);\n"
                              "    /// method docs\n"
                              "    get: func() -> list<option<u8>>;\n"
                              "    make: static func() -> r;\n"
                              "  }\n"
                              "\n"
                              "  record point {\n"
                              "    /// x docs\n"
                              "    x: s32,\n"
                              "    y: s32,\n"
                              "  }\n"
                              "\n"
                              "  variant v {\n"
                              "    a,\n"
                              "    b(tuple<string, char>),\n"
                              "  }\n"
                              "\n"
                              "  type res = result<point, v>;\n"
                              "}\n"
                              "\n"
                              "@since(version = 1.0.0)\n"
                              "interface user {\n"
                              "  use types.{r, point as p};\n"
                              "\n"
                              "  @since(version = 1.0.0)\n"
                              "  @deprecated(version = 1.0.1)\n"
                              "  f: func(a: borrow<r>, b: p) -> result;\n"
                              "}\n"
                              "\n"
                              "world w {\n"
                              "  import types;\n"
                              "  import x: interface {\n"
                              "    g: func();\n"
                              "  }\n"
                              "\n"
                              "  export user;\n"
                              "  /// run docs\n"
                              "  export run: func() -> u64;\n"
                              "}\n";
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx, wit, &pkg);
    assert_non_null(g);
    char *want = NULL;
    size_t want_len;
    assert_int_equal(witc_wit_print(ctx, g, pkg, WITC_WIT_PRINT_MAIN_ONLY, &want, &want_len),
                     WITC_OK);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(witc_wit_encode_package(ctx, g, pkg, &bytes, &len), WITC_OK);
    witc_graph_free(g);
    char *text = decode_print(ctx, bytes, len);
    witc_ctx_dealloc(ctx, bytes);
    assert_non_null(text);
    assert_string_equal(text, want);
    assert_non_null(strstr(text, "/// x docs\n"));
    assert_non_null(strstr(text, "/// method docs\n"));
    assert_non_null(strstr(text, "@deprecated(version = 1.0.1)\n"));
    witc_ctx_dealloc(ctx, want);
    free(text);
}

static void expect_decode_error(witc_ctx *ctx, const uint8_t *bytes, size_t len, witc_status status,
                                uint64_t offset);

/* A core module carrying a world in a `component-type:calc` custom section decodes to that
 * world's package; two such sections are reported as unsupported, none as invalid. */
static void test_wit_binary_decode_module(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx,
                            "package ex:demo@0.1.0;\n"
                            "interface math { add: func(a: u32, b: u32) -> u32; }\n"
                            "world calc { import log: func(msg: string); export math; }\n",
                            &pkg);
    assert_non_null(g);
    uint8_t *payload = NULL;
    size_t plen = 0;
    assert_int_equal(witc_wit_encode_world(ctx, g, witc_graph_package(g, pkg)->worlds[0],
                                           WITC_STRING_ENCODING_UTF8, &payload, &plen),
                     WITC_OK);
    witc_graph_free(g);
    static const char name[] = "component-type:calc";
    const size_t body = 1 + sizeof name - 1 + plen;
    assert_true(body < 16384);
    uint8_t *mod = malloc(8 + 2 * (3 + body));
    assert_non_null(mod);
    static const uint8_t pre[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    size_t n = 0;
    memcpy(mod, pre, 8);
    n = 8;
    for (int copy = 0; copy < 2; copy++) {
        mod[n++] = 0x00;
        mod[n++] = (uint8_t)(0x80 | (body & 0x7f));
        mod[n++] = (uint8_t)(body >> 7);
        mod[n++] = (uint8_t)(sizeof name - 1);
        memcpy(mod + n, name, sizeof name - 1);
        n += sizeof name - 1;
        memcpy(mod + n, payload, plen);
        n += plen;
        if (copy == 0) {
            char *text = decode_print(ctx, mod, n);
            assert_non_null(text);
            assert_non_null(strstr(text, "package ex:demo@0.1.0;\n"));
            assert_non_null(strstr(text, "interface math {\n  add: func(a: u32, b: u32) -> u32;"));
            assert_non_null(strstr(text, "world calc {\n  import log: func(msg: string);"));
            free(text);
        }
    }
    expect_decode_error(ctx, mod, n, WITC_E_UNSUPPORTED, 8 + 3 + body);
    expect_decode_error(ctx, mod, 8, WITC_E_INVALID, 0);
    free(mod);
    witc_ctx_dealloc(ctx, payload);
}

/* `@external-id` rides in name attributes (`02 name vec(02 id)`) and comes back. */
static void test_wit_binary_external_id_round_trip(void **state)
{
    static const char wit[] = "package a:b;\n"
                              "interface i {\n"
                              "  @external-id(\"x-1\")\n"
                              "  f: func();\n"
                              "  @external-id(\"rid\")\n"
                              "  resource r;\n"
                              "  @external-id(\"tid\")\n"
                              "  type t = u32;\n"
                              "}\n"
                              "world w {\n"
                              "  @external-id(\"imp\")\n"
                              "  import i;\n"
                              "}\n";
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx, wit, &pkg);
    assert_non_null(g);
    char *want = NULL;
    size_t want_len;
    assert_int_equal(witc_wit_print(ctx, g, pkg, WITC_WIT_PRINT_MAIN_ONLY, &want, &want_len),
                     WITC_OK);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(witc_wit_encode_package(ctx, g, pkg, &bytes, &len), WITC_OK);
    witc_graph_free(g);
    char *text = decode_print(ctx, bytes, len);
    witc_ctx_dealloc(ctx, bytes);
    assert_non_null(text);
    assert_string_equal(text, want);
    assert_non_null(strstr(text, "@external-id(\"imp\")"));
    witc_ctx_dealloc(ctx, want);
    free(text);
}

/* Decoding fails with `status` and one error at byte `offset`. */
static void expect_decode_error(witc_ctx *ctx, const uint8_t *bytes, size_t len, witc_status status,
                                uint64_t offset)
{
    witc_graph *g = NULL;
    witc_package_id pkg;
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_wit_decode(ctx, bytes, len, "bad.wasm", &g, &pkg), status);
    assert_null(g);
    assert_true(witc_diag_error_count(witc_ctx_diags(ctx)) >= 1);
    const witc_diag *dg = witc_diag_get(witc_ctx_diags(ctx), 0);
    assert_non_null(dg->file);
    assert_int_equal(dg->offset, offset);
}

static void test_wit_binary_decode_malformed(void **state)
{
    witc_ctx *ctx = *state;
    static const uint8_t not_wasm[] = {'n', 'o', 'p', 'e', 0, 0, 0, 0};
    expect_decode_error(ctx, not_wasm, sizeof not_wasm, WITC_E_MALFORMED, 0);
    expect_decode_error(ctx, not_wasm, 3, WITC_E_MALFORMED, 0);

    static const uint8_t future[] = {0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00};
    expect_decode_error(ctx, future, sizeof future, WITC_E_UNSUPPORTED, 4);

    /* every truncation of a valid package is reported, never read past */
    const size_t docs_at = 73; /* cutting just before package-docs leaves a valid package */
    for (size_t cut = 9; cut < sizeof console_wasm; cut++) {
        if (cut == docs_at)
            continue;
        witc_graph *g = NULL;
        witc_package_id pkg;
        witc_diag_clear(witc_ctx_diags(ctx));
        uint8_t *copy = malloc(cut);
        assert_non_null(copy);
        memcpy(copy, console_wasm, cut);
        witc_status st = witc_wit_decode(ctx, copy, cut, "cut.wasm", &g, &pkg);
        free(copy);
        assert_int_not_equal(st, WITC_OK);
        assert_true(witc_diag_error_count(witc_ctx_diags(ctx)) >= 1);
    }

    /* a section size past the end */
    uint8_t big[sizeof console_wasm];
    memcpy(big, console_wasm, sizeof big);
    big[9] = 0x7f;
    expect_decode_error(ctx, big, sizeof big, WITC_E_MALFORMED, 9);

    /* a name that is no WIT name: "l;g" */
    memcpy(big, console_wasm, sizeof big);
    big[30] = ';';
    expect_decode_error(ctx, big, sizeof big, WITC_E_MALFORMED, 28);
}

/* Anonymous types that refer to each other in a cycle, and ones that double at each level:
 * both stop at a limit instead of recursing forever or writing exponential text. */
static void test_wit_binary_decode_hostile_types(void **state)
{
    witc_ctx *ctx = *state;
    /* (component (type (component (type (instance
         (type (list 1)) (type (list 0)) (export "t" (type (eq 0)))))
         (export "a:b/i" (instance (type 0))))) (export "i" (type 0))) */
    static const uint8_t cycle[] = {
        0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x1d, 0x01, 0x41,
        0x02, 0x01, 0x42, 0x03, 0x01, 0x70, 0x01, 0x01, 0x70, 0x00, 0x04, 0x00,
        0x01, 't',  0x03, 0x00, 0x00, 0x04, 0x00, 0x05, 'a',  ':',  'b',  '/',
        'i',  0x05, 0x00, 0x0b, 0x07, 0x01, 0x00, 0x01, 'i',  0x03, 0x00, 0x00,
    };
    expect_decode_error(ctx, cycle, sizeof cycle, WITC_E_MALFORMED, 0x15);

    /* 40 levels of (tuple i i): 2^40 leaves if written out */
    uint8_t buf[512];
    size_t n = 0;
    const uint8_t pre[] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    memcpy(buf, pre, sizeof pre);
    n = sizeof pre;
    size_t sec_size_at = n + 1, inst_count_at;
    buf[n++] = 0x07;
    buf[n++] = 0; /* section size, patched below (< 128) */
    buf[n++] = 0x01;
    buf[n++] = 0x41;
    buf[n++] = 0x02;
    buf[n++] = 0x01;
    buf[n++] = 0x42;
    inst_count_at = n;
    buf[n++] = 0;
    uint8_t decls = 0;
    buf[n++] = 0x01; /* type 0 = u8 */
    buf[n++] = 0x7d;
    decls++;
    for (int i = 1; i <= 40; i++) {
        buf[n++] = 0x01;
        buf[n++] = 0x6f;
        buf[n++] = 0x02;
        buf[n++] = (uint8_t)(i - 1);
        buf[n++] = (uint8_t)(i - 1);
        decls++;
    }
    const uint8_t tail[] = {0x04, 0x00, 0x01, 't', 0x03, 0x00, 40,   0x04, 0x00,
                            0x05, 'a',  ':',  'b', '/',  'i',  0x05, 0x00};
    memcpy(buf + n, tail, sizeof tail);
    n += sizeof tail;
    decls++;
    buf[inst_count_at] = decls;
    buf[sec_size_at] = (uint8_t)(n - sec_size_at - 1);
    assert_true(n - sec_size_at - 1 < 128 + 128);
    /* the section size needs two LEB bytes: rebuild with a 2-byte size */
    size_t body = n - sec_size_at - 1;
    memmove(buf + sec_size_at + 2, buf + sec_size_at + 1, body);
    buf[sec_size_at] = (uint8_t)(0x80 | (body & 0x7f));
    buf[sec_size_at + 1] = (uint8_t)(body >> 7);
    n++;
    const uint8_t exp[] = {0x0b, 0x07, 0x01, 0x00, 0x01, 'i', 0x03, 0x00, 0x00};
    memcpy(buf + n, exp, sizeof exp);
    n += sizeof exp;
    witc_graph *g = NULL;
    witc_package_id pkg;
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_status st = witc_wit_decode(ctx, buf, n, "wide.wasm", &g, &pkg);
    assert_int_not_equal(st, WITC_OK);
    assert_true(witc_diag_error_count(witc_ctx_diags(ctx)) >= 1);
}

static void test_wit_binary_bad_ids(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id pkg;
    witc_graph *g = resolve(ctx, console_wit, &pkg);
    assert_non_null(g);
    uint8_t *bytes = NULL;
    size_t len = 0;
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_wit_encode_package(ctx, g, (witc_package_id){99}, &bytes, &len),
                     WITC_E_USAGE);
    assert_int_equal(
        witc_wit_encode_world(ctx, g, (witc_world_id){99}, WITC_STRING_ENCODING_UTF8, &bytes, &len),
        WITC_E_USAGE);
    assert_null(bytes);
    witc_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wit_binary_encode_package_exact),
        cmocka_unit_test(test_wit_binary_encode_world_exact),
        cmocka_unit_test(test_wit_binary_decode_console),
        cmocka_unit_test(test_wit_binary_round_trip),
        cmocka_unit_test(test_wit_binary_external_id_round_trip),
        cmocka_unit_test(test_wit_binary_decode_malformed),
        cmocka_unit_test(test_wit_binary_decode_module),
        cmocka_unit_test(test_wit_binary_decode_hostile_types),
        cmocka_unit_test(test_wit_binary_bad_ids),
    };
    return cmocka_run_group_tests_name("wit-binary", tests, setup, teardown);
}

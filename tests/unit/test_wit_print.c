/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/wit-print: each construct is resolved from WIT text through the public
 * API, printed, and compared with the text `wasm-tools component wit` prints for it. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

/* Resolves `wit` (one file) and prints its package with `flags`; returns the text (free with
 * free()) or NULL when resolving or printing failed. */
static char *print_text_flags(witc_ctx *ctx, const char *wit, unsigned flags)
{
    witc_graph *g = NULL;
    witc_package_id pkg;
    witc_diag_clear(witc_ctx_diags(ctx));
    if (witc_wit_resolve_text(ctx, "test.wit", wit, strlen(wit), NULL, &g, &pkg) != WITC_OK) {
        witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, 0);
        return NULL;
    }
    char *text = NULL;
    size_t len = 0;
    char *copy = NULL;
    if (witc_wit_print(ctx, g, pkg, flags, &text, &len) == WITC_OK) {
        assert_int_equal(strlen(text), len);
        copy = strdup(text);
        witc_ctx_dealloc(ctx, text);
    }
    witc_graph_free(g);
    return copy;
}

static void check_flags(void **state, const char *wit, const char *expected, unsigned flags)
{
    char *got = print_text_flags(*state, wit, flags);
    assert_non_null(got);
    assert_string_equal(got, expected);
    free(got);
}

/* Printing the printed text again gives the same text (the printer's fixed point). */
static void check(void **state, const char *wit, const char *expected)
{
    check_flags(state, wit, expected, 0);
    check_flags(state, expected, expected, 0);
}

static void test_wit_print_empty_package(void **state)
{
    check(state, "package a:b;\n", "package a:b;\n\n");
    check(state, "package a:b@1.2.3-rc.1+x;\n", "package a:b@1.2.3-rc.1+x;\n\n");
}

static void test_wit_print_interface_items_blank_lines(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i { f: func(); type t = u32; g: func(x: t) -> t; }\n"
          "interface j {}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  type t = u32;\n\n"
          "  f: func();\n\n"
          "  g: func(x: t) -> t;\n"
          "}\n\n"
          "interface j {\n"
          "}\n\n");
}

static void test_wit_print_keywords_are_escaped(void **state)
{
    check(state,
          "package a:b;\n"
          "interface %interface { type %type = u32; record %record { %variant: %type } }\n",
          "package a:b;\n\n"
          "interface %interface {\n"
          "  type %type = u32;\n\n"
          "  record %record {\n"
          "    %variant: %type,\n"
          "  }\n"
          "}\n\n");
}

static void test_wit_print_anonymous_types(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i {\n"
          "  f: func(a: list<u8>, b: option<string>, c: tuple<u32, s64>, d: list<f32, 4>,\n"
          "          e: map<string, list<char>>, f: future, g: future<bool>, h: stream,\n"
          "          i: stream<u16>, j: error-context);\n"
          "  g: func() -> result;\n"
          "  h: func() -> result<u8>;\n"
          "  i: func() -> result<_, s8>;\n"
          "  j: func() -> result<f64, s16>;\n"
          "}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  f: func(a: list<u8>, b: option<string>, c: tuple<u32, s64>, d: list<f32, 4>, "
          "e: map<string, list<char>>, f: future, g: future<bool>, h: stream, i: stream<u16>, "
          "j: error-context);\n\n"
          "  g: func() -> result;\n\n"
          "  h: func() -> result<u8>;\n\n"
          "  i: func() -> result<_, s8>;\n\n"
          "  j: func() -> result<f64, s16>;\n"
          "}\n\n");
}

static void test_wit_print_named_type_declarations(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i {\n"
          "  record r2 {}\n"
          "  /// a record\n"
          "  record r { /// field\n x: u32, y: list<r2> }\n"
          "  variant v { a, b(u8), /// c\n c(r) }\n"
          "  enum e { x, %enum }\n"
          "  flags f { p, q }\n"
          "  type l = list<u8>;\n"
          "  type o = option<r>;\n"
          "  type res = result<_, e>;\n"
          "  type t = tuple<u8>;\n"
          "  type fut = future<u8>;\n"
          "  type st = stream;\n"
          "  type m = map<u8, u8>;\n"
          "}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  record r2 {\n"
          "  }\n\n"
          "  /// a record\n"
          "  record r {\n"
          "    /// field\n"
          "    x: u32,\n"
          "    y: list<r2>,\n"
          "  }\n\n"
          "  variant v {\n"
          "    a,\n"
          "    b(u8),\n"
          "    /// c\n"
          "    c(r),\n"
          "  }\n\n"
          "  enum e {\n"
          "    x,\n"
          "    %enum,\n"
          "  }\n\n"
          "  flags f {\n"
          "    p,\n"
          "    q,\n"
          "  }\n\n"
          "  type l = list<u8>;\n\n"
          "  type o = option<r>;\n\n"
          "  type res = result<_, e>;\n\n"
          "  type t = tuple<u8>;\n\n"
          "  type fut = future<u8>;\n\n"
          "  type st = stream;\n\n"
          "  type m = map<u8, u8>;\n"
          "}\n\n");
}

static void test_wit_print_resources(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i {\n"
          "  resource r {\n"
          "    constructor(x: u32);\n"
          "    /// m docs\n"
          "    m: func(y: borrow<r>) -> own<r>;\n"
          "    s: static func() -> r;\n"
          "    am: async func();\n"
          "  }\n"
          "  resource plain;\n"
          "  resource fallible { constructor() -> result<fallible, string>; }\n"
          "  type alias = r;\n"
          "  type owned = own<r>;\n"
          "  type borrowed = borrow<r>;\n"
          "}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  resource r {\n"
          "    constructor(x: u32);\n"
          "    /// m docs\n"
          "    m: func(y: borrow<r>) -> r;\n"
          "    s: static func() -> r;\n"
          "    am: async func();\n"
          "  }\n\n"
          "  resource plain;\n\n"
          "  resource fallible {\n"
          "    constructor() -> result<fallible, string>;\n"
          "  }\n\n"
          "  type alias = r;\n\n"
          "  type owned = own<r>;\n\n"
          "  type borrowed = borrow<r>;\n"
          "}\n\n");
}

static void test_wit_print_uses_are_grouped(void **state)
{
    check(state,
          "package a:b;\n"
          "interface base { type x = u8; type y = u8; type z = u8; }\n"
          "interface other { type w = u8; }\n"
          "interface user {\n"
          "  use base.{x};\n"
          "  type local = u32;\n"
          "  use base.{y as why};\n"
          "  use other.{w};\n"
          "  use base.{z};\n"
          "}\n",
          "package a:b;\n\n"
          "interface base {\n"
          "  type x = u8;\n\n"
          "  type y = u8;\n\n"
          "  type z = u8;\n"
          "}\n\n"
          "interface other {\n"
          "  type w = u8;\n"
          "}\n\n"
          "interface user {\n"
          "  use base.{x, y as why};\n"
          "  use other.{w};\n"
          "  use base.{z};\n\n"
          "  type local = u32;\n"
          "}\n\n");
}

static void test_wit_print_world_order(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i { type t = u32; }\n"
          "world w {\n"
          "  export e: func();\n"
          "  import f: func(x: t);\n"
          "  use i.{t};\n"
          "  import i;\n"
          "  export j: interface { g: func(); }\n"
          "  type u = u8;\n"
          "  import k: interface {}\n"
          "}\n"
          "world v {}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  type t = u32;\n"
          "}\n\n"
          "world w {\n"
          "  import i;\n"
          "  import k: interface {\n"
          "  }\n"
          "  use i.{t};\n\n"
          "  type u = u8;\n"
          "  import f: func(x: t);\n\n"
          "  export e: func();\n"
          "  export j: interface {\n"
          "    g: func();\n"
          "  }\n"
          "}\n"
          "world v {\n"
          "}\n");
}

static void test_wit_print_stability_attributes(void **state)
{
    check(state,
          "package a:b@1.0.0;\n"
          "@since(version = 1.0.0)\n"
          "interface i {\n"
          "  @since(version = 0.2.0)\n"
          "  @deprecated(version = 0.3.0)\n"
          "  f: func();\n"
          "  @unstable(feature = fancy)\n"
          "  g: func();\n"
          "}\n"
          "/// w docs\n"
          "@since(version = 1.0.0)\n"
          "world w {\n"
          "  @since(version = 1.0.0)\n"
          "  import i;\n"
          "}\n",
          "package a:b@1.0.0;\n\n"
          "@since(version = 1.0.0)\n"
          "interface i {\n"
          "  @since(version = 0.2.0)\n"
          "  @deprecated(version = 0.3.0)\n"
          "  f: func();\n"
          "}\n\n"
          "/// w docs\n"
          "@since(version = 1.0.0)\n"
          "world w {\n"
          "  @since(version = 1.0.0)\n"
          "  import i;\n"
          "}\n");
}

static void test_wit_print_docs_and_no_docs(void **state)
{
    const char *wit = "/// pkg\npackage a:b;\n/// two\n/// lines\ninterface i {\n"
                      "  ///\n  /// after empty\n  f: func();\n}\n";
    check(state, wit,
          "/// pkg\npackage a:b;\n\n/// two\n/// lines\ninterface i {\n"
          "  ///\n  /// after empty\n  f: func();\n}\n\n");
    check_flags(state, wit, "package a:b;\n\ninterface i {\n  f: func();\n}\n\n",
                WITC_WIT_PRINT_NO_DOCS);
}

static void test_wit_print_nested_packages(void **state)
{
    const char *wit = "package a:main;\n"
                      "interface i { use a:dep/d@1.0.0.{t}; }\n"
                      "world w { import a:dep/d@1.0.0; }\n"
                      "package a:dep@1.0.0 { interface d { type t = u8; } interface e {} }\n";
    check_flags(state, wit,
                "package a:main;\n\n"
                "interface i {\n"
                "  use a:dep/d@1.0.0.{t};\n"
                "}\n\n"
                "world w {\n"
                "  import a:dep/d@1.0.0;\n"
                "}\n"
                "package a:dep@1.0.0 {\n"
                "  interface d {\n"
                "    type t = u8;\n"
                "  }\n"
                "  interface e {\n"
                "  }\n"
                "}\n",
                0);
    check_flags(state, wit,
                "package a:main;\n\n"
                "interface i {\n"
                "  use a:dep/d@1.0.0.{t};\n"
                "}\n\n"
                "world w {\n"
                "  import a:dep/d@1.0.0;\n"
                "}\n",
                WITC_WIT_PRINT_MAIN_ONLY);
}

static void test_wit_print_external_ids_are_escaped(void **state)
{
    check(state,
          "package a:b;\n"
          "interface i {\n"
          "  @external-id(\"plain-id_1./: ok\")\n"
          "  type t = u32;\n"
          "  @external-id(\"q\\\"b\\\\s\\n\\u{e9}\")\n"
          "  f: func();\n"
          "}\n",
          "package a:b;\n\n"
          "interface i {\n"
          "  @external-id(\"plain-id_1./: ok\")\n"
          "  type t = u32;\n\n"
          "  @external-id(\"q\\\"b\\\\s\\n\\u{e9}\")\n"
          "  f: func();\n"
          "}\n\n");
}

static void test_wit_print_uses_split_on_attributes(void **state)
{
    check(state,
          "package a:b@1.0.0;\n"
          "interface base { type x = u8; type y = u8; }\n"
          "interface user {\n"
          "  use base.{x};\n"
          "  @since(version = 1.0.0)\n"
          "  use base.{y};\n"
          "}\n",
          "package a:b@1.0.0;\n\n"
          "interface base {\n"
          "  type x = u8;\n\n"
          "  type y = u8;\n"
          "}\n\n"
          "interface user {\n"
          "  use base.{x};\n"
          "  @since(version = 1.0.0)\n"
          "  use base.{y};\n"
          "}\n\n");
}

static void test_wit_print_world_item_docs(void **state)
{
    check(state,
          "package a:b;\n"
          "/// i docs\n"
          "interface i {}\n"
          "world w {\n"
          "  import i;\n"
          "  /// statement docs\n"
          "  export i;\n"
          "  /// inline docs\n"
          "  import x: interface {}\n"
          "  import y: i;\n"
          "}\n",
          "package a:b;\n\n"
          "/// i docs\n"
          "interface i {\n"
          "}\n\n"
          "world w {\n"
          "  import i;\n"
          "  /// inline docs\n"
          "  import x: interface {\n"
          "  }\n"
          "  /// i docs\n"
          "  import y: i;\n\n"
          "  /// statement docs\n"
          "  export i;\n"
          "}\n");
}

static void test_wit_print_bad_package_id_fails(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = NULL;
    witc_package_id pkg;
    const char *wit = "package a:b;\n";
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_wit_resolve_text(ctx, "t.wit", wit, strlen(wit), NULL, &g, &pkg),
                     WITC_OK);
    char *text = NULL;
    size_t len = 7;
    assert_int_equal(witc_wit_print(ctx, g, (witc_package_id){pkg.i + 1}, 0, &text, &len),
                     WITC_E_USAGE);
    assert_null(text);
    assert_int_equal(len, 7);
    assert_true(witc_diag_error_count(witc_ctx_diags(ctx)) > 0);
    witc_graph_free(g);
}

static void test_wit_print_is_deterministic(void **state)
{
    const char *wit = "package a:b;\n"
                      "interface i { resource r { constructor(); m: func(); } f: func(x: r); }\n"
                      "world w { import i; export g: func(); }\n";
    char *first = print_text_flags(*state, wit, 0);
    char *second = print_text_flags(*state, wit, 0);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

static void test_wit_print_depth_limit_fails_cleanly(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = NULL;
    witc_package_id pkg;
    const char *wit =
        "package a:b;\ninterface i { f: func(x: list<list<list<list<list<u8>>>>>); }\n";
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_wit_resolve_text(ctx, "t.wit", wit, strlen(wit), NULL, &g, &pkg),
                     WITC_OK);
    /* Printing allows 2 * wit_type_depth + 2 levels: 4 here, one short of the five lists. */
    uint32_t saved = witc_ctx_limits(ctx)->wit_type_depth;
    witc_ctx_limits(ctx)->wit_type_depth = 1;
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(witc_wit_print(ctx, g, pkg, 0, &text, &len), WITC_E_LIMIT);
    assert_null(text);
    witc_ctx_limits(ctx)->wit_type_depth = 2;
    assert_int_equal(witc_wit_print(ctx, g, pkg, 0, &text, &len), WITC_OK);
    assert_non_null(strstr(text, "f: func(x: list<list<list<list<list<u8>>>>>);"));
    witc_ctx_dealloc(ctx, text);
    witc_ctx_limits(ctx)->wit_type_depth = saved;
    witc_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wit_print_empty_package),
        cmocka_unit_test(test_wit_print_interface_items_blank_lines),
        cmocka_unit_test(test_wit_print_keywords_are_escaped),
        cmocka_unit_test(test_wit_print_anonymous_types),
        cmocka_unit_test(test_wit_print_named_type_declarations),
        cmocka_unit_test(test_wit_print_resources),
        cmocka_unit_test(test_wit_print_uses_are_grouped),
        cmocka_unit_test(test_wit_print_world_order),
        cmocka_unit_test(test_wit_print_stability_attributes),
        cmocka_unit_test(test_wit_print_docs_and_no_docs),
        cmocka_unit_test(test_wit_print_nested_packages),
        cmocka_unit_test(test_wit_print_external_ids_are_escaped),
        cmocka_unit_test(test_wit_print_uses_split_on_attributes),
        cmocka_unit_test(test_wit_print_world_item_docs),
        cmocka_unit_test(test_wit_print_bad_package_id_fails),
        cmocka_unit_test(test_wit_print_is_deterministic),
        cmocka_unit_test(test_wit_print_depth_limit_fails_cleanly),
    };
    return cmocka_run_group_tests_name("wit-print", tests, setup, teardown);
}

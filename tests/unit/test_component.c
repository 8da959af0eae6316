/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the component decoder, encoder, validator and name grammar. Inputs are small
 * hand-assembled binaries, annotated byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support/arena.h"
#include "support/buf.h"
#include "validate/component-internal.h"
#include "validate/component-names.h"
#include "witc/component.h"
#include "witc/ctx.h"
#include "witc/wasm.h"

static int setup(void **state)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return -1;
    *state = ctx;
    return 0;
}

static int teardown(void **state)
{
    witc_ctx_free(*state);
    return 0;
}

#define PREAMBLE 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00

/* (module (func (export "f") (param i32) (result i32) local.get 0)) : 35 bytes */
#define CORE_MODULE_F                                                                              \
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, /* preamble */                                 \
        0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, /* type: [i32] -> [i32] */                 \
        0x03, 0x02, 0x01, 0x00,                         /* func: type 0 */                         \
        0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,       /* export "f" func 0 */                    \
        0x0a, 0x06, 0x01, 0x04, 0x00, 0x20, 0x00, 0x0b  /* code: local.get 0 */

/* A component lifting the core function with `result` as the component result type. */
#define LIFT_COMPONENT(result)                                                                     \
    PREAMBLE, 0x01, 0x23, CORE_MODULE_F,                  /* core module */                        \
        0x02, 0x04, 0x01, 0x00, 0x00, 0x00,               /* core instance: instantiate 0 */        \
        0x06, 0x07, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x66, /* alias core export 0 "f" */        \
        0x07, 0x08, 0x01, 0x40, 0x01, 0x01, 0x78, 0x79, 0x00, (result), /* func (x: u32) */        \
        0x08, 0x06, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,   /* canon lift core func 0 type 0 */      \
        0x0b, 0x07, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00, 0x00 /* export "f" func 0 */

static witc_status validate(witc_ctx *ctx, const uint8_t *bytes, size_t len)
{
    witc_diag_clear(witc_ctx_diags(ctx));
    return witc_component_validate(ctx, NULL, bytes, len, "test.wasm");
}

static void test_component_empty_is_valid(void **state)
{
    static const uint8_t bytes[] = {PREAMBLE};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_OK);
    assert_int_equal(witc_diag_count(witc_ctx_diags(*state)), 0);
}

static void test_component_bad_version_is_malformed(void **state)
{
    static const uint8_t bytes[] = {0x00, 0x61, 0x73, 0x6d, 0x0c, 0x00, 0x01, 0x00};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_MALFORMED);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(*state), 0);
    assert_non_null(d);
    assert_int_equal(d->offset, 4);
}

static void test_component_truncated_section_is_malformed(void **state)
{
    static const uint8_t bytes[] = {PREAMBLE, 0x07, 0x05, 0x01, 0x40};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_MALFORMED);
}

static void test_component_lift_valid(void **state)
{
    static const uint8_t bytes[] = {LIFT_COMPONENT(0x79)};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_OK);
}

static void test_component_lift_signature_mismatch(void **state)
{
    /* result u64 lowers to i64, but the core function returns i32 */
    static const uint8_t bytes[] = {LIFT_COMPONENT(0x77)};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_INVALID);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(*state), 0);
    assert_non_null(d);
    assert_non_null(strstr(d->msg, "lowered result types"));
}

static void test_component_export_index_out_of_bounds(void **state)
{
    static const uint8_t bytes[] = {PREAMBLE, 0x0b, 0x07, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00, 0x00};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_INVALID);
}

static void test_component_duplicate_import_names(void **state)
{
    /* `a` and `A` are the same name under strong uniqueness */
    static const uint8_t dup[] = {PREAMBLE,
                                  0x07, 0x05, 0x01, 0x40, 0x00, 0x01, 0x00, /* func() */
                                  0x0a, 0x0b, 0x02,                   /* import section: 2 */
                                  0x00, 0x01, 0x61, 0x01, 0x00,       /* "a" func type 0 */
                                  0x00, 0x01, 0x41, 0x01, 0x00};      /* "A" func type 0 */
    assert_int_equal(validate(*state, dup, sizeof dup), WITC_E_INVALID);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(*state), 0);
    assert_non_null(strstr(d->msg, "conflicts with previous name"));
}

static void test_component_borrow_result_rejected(void **state)
{
    /* type 0 = resource (rep i32); type 1 = borrow 0; type 2 = func() -> borrow */
    static const uint8_t bytes[] = {PREAMBLE, 0x07, 0x0a, 0x03, 0x3f, 0x7f, 0x00, 0x68,
                                    0x00, 0x40, 0x00, 0x00, 0x01};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_INVALID);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(*state), 0);
    assert_non_null(strstr(d->msg, "borrow"));
}

static void test_component_type_depth_limit(void **state)
{
    witc_ctx *ctx = *state;
    /* instance types nested three deep */
    static const uint8_t nested[] = {PREAMBLE, 0x07, 0x09, 0x01,
                                     0x42, 0x01, 0x01, /* instance: 1 decl: type */
                                     0x42, 0x01, 0x01, /* instance: 1 decl: type */
                                     0x42, 0x00};      /* instance: no decls */
    assert_int_equal(validate(ctx, nested, sizeof nested), WITC_OK);
    witc_limits *lim = witc_ctx_limits(ctx);
    const uint32_t saved = lim->component_type_depth;
    lim->component_type_depth = 2;
    assert_int_not_equal(validate(ctx, nested, sizeof nested), WITC_OK);
    lim->component_type_depth = saved;
}

static void test_component_resource_new_needs_local_resource(void **state)
{
    static const uint8_t imported[] = {PREAMBLE,
                                       0x0a, 0x06, 0x01, 0x00, 0x01, 0x72, 0x03, 0x01, /* r */
                                       0x08, 0x03, 0x01, 0x02, 0x00}; /* resource.new 0 */
    assert_int_equal(validate(*state, imported, sizeof imported), WITC_E_INVALID);
    assert_non_null(strstr(witc_diag_get(witc_ctx_diags(*state), 0)->msg, "local resource"));
    static const uint8_t local[] = {PREAMBLE,
                                    0x07, 0x04, 0x01, 0x3f, 0x7f, 0x00, /* resource (rep i32) */
                                    0x08, 0x03, 0x01, 0x02, 0x00};      /* resource.new 0 */
    assert_int_equal(validate(*state, local, sizeof local), WITC_OK);
}

static void test_component_instantiate_checks_imports(void **state)
{
    /* nested component importing "r" (type (sub resource)) */
#define INNER 0x04, 0x10, PREAMBLE, 0x0a, 0x06, 0x01, 0x00, 0x01, 0x72, 0x03, 0x01
    static const uint8_t missing[] = {PREAMBLE, INNER, 0x05, 0x04, 0x01, 0x00, 0x00, 0x00};
    assert_int_equal(validate(*state, missing, sizeof missing), WITC_E_INVALID);
    assert_non_null(strstr(witc_diag_get(witc_ctx_diags(*state), 0)->msg, "missing import"));
    static const uint8_t given[] = {PREAMBLE, INNER,
                                    0x07, 0x04, 0x01, 0x3f, 0x7f, 0x00, /* resource */
                                    0x05, 0x08, 0x01, 0x00, 0x00, 0x01, /* instantiate 0 */
                                    0x01, 0x72, 0x03, 0x00};            /* with "r" type 0 */
    assert_int_equal(validate(*state, given, sizeof given), WITC_OK);
    static const uint8_t wrong_kind[] = {PREAMBLE, INNER,
                                         0x07, 0x05, 0x01, 0x40, 0x00, 0x01, 0x00, /* func() */
                                         0x05, 0x08, 0x01, 0x00, 0x00, 0x01,
                                         0x01, 0x72, 0x03, 0x00}; /* "r" = a func type */
    assert_int_equal(validate(*state, wrong_kind, sizeof wrong_kind), WITC_E_INVALID);
#undef INNER
}

static void test_component_outer_alias_count(void **state)
{
    static const uint8_t bytes[] = {PREAMBLE, 0x07, 0x02, 0x01, 0x79, /* type 0 = u32 */
                                    0x06, 0x05, 0x01, 0x03, 0x02, 0x01, 0x00};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_E_INVALID);
    assert_non_null(strstr(witc_diag_get(witc_ctx_diags(*state), 0)->msg, "outer alias count"));
}

/* import "f" (func (param "a" u32) ... n params); lower it with no options */
static witc_status lower_many_params(witc_ctx *ctx, unsigned n)
{
    uint8_t bytes[256];
    size_t len = 0;
    static const uint8_t pre[] = {PREAMBLE};
    memcpy(bytes, pre, sizeof pre);
    len = sizeof pre;
    bytes[len++] = 0x07;                                  /* type section */
    bytes[len++] = (uint8_t)(1 + 1 + 1 + 3 * n + 2);     /* size */
    bytes[len++] = 0x01;                                  /* one type */
    bytes[len++] = 0x40;                                  /* func */
    bytes[len++] = (uint8_t)n;                            /* params */
    for (unsigned i = 0; i < n; i++) {
        bytes[len++] = 0x01;
        bytes[len++] = (uint8_t)('a' + i);
        bytes[len++] = 0x79; /* u32 */
    }
    bytes[len++] = 0x01; /* no result */
    bytes[len++] = 0x00;
    static const uint8_t rest[] = {0x0a, 0x06, 0x01, 0x00, 0x01, 0x66, 0x01, 0x00, /* import */
                                   0x08, 0x05, 0x01, 0x01, 0x00, 0x00, 0x00};     /* lower */
    memcpy(bytes + len, rest, sizeof rest);
    len += sizeof rest;
    return validate(ctx, bytes, len);
}

static void test_component_lower_flattening_limit(void **state)
{
    /* 16 flat parameters are passed directly; the 17th spills them to memory */
    assert_int_equal(lower_many_params(*state, 16), WITC_OK);
    assert_int_equal(lower_many_params(*state, 17), WITC_E_INVALID);
    assert_non_null(strstr(witc_diag_get(witc_ctx_diags(*state), 0)->msg, "`memory` is required"));
}

static void roundtrip(witc_ctx *ctx, const uint8_t *bytes, size_t len)
{
    witc_arena arena;
    witc_arena_init(&arena, ctx);
    witc_component *c = NULL;
    assert_int_equal(witc_cm_decode(ctx, &arena, bytes, len, "rt", 0, 0, &c), WITC_OK);
    witc_buf out;
    witc_buf_init(&out, ctx);
    witc_cm_encode(c, &out);
    assert_false(out.failed);
    assert_int_equal(out.len, len);
    assert_memory_equal(out.data, bytes, len);
    witc_buf_release(&out);
    witc_arena_release(&arena);
}

static void test_component_roundtrip_lift(void **state)
{
    static const uint8_t bytes[] = {LIFT_COMPONENT(0x79)};
    roundtrip(*state, bytes, sizeof bytes);
}

static void test_component_roundtrip_s33_type_index(void **state)
{
    /* `(list 65)` writes the type index as s33: 70 c1 00 (not 70 41) */
    static const uint8_t bytes[] = {PREAMBLE, 0x07, 0x04, 0x01, 0x70, 0xc1, 0x00};
    roundtrip(*state, bytes, sizeof bytes);
    witc_arena arena;
    witc_arena_init(&arena, *state);
    witc_component *c = NULL;
    assert_int_equal(witc_cm_decode(*state, &arena, bytes, sizeof bytes, "rt", 0, 0, &c),
                     WITC_OK);
    assert_int_equal(c->n_sections, 1);
    assert_int_equal(c->sections[0].u.types[0]->kind, WITC_CM_DT_LIST);
    assert_int_equal(c->sections[0].u.types[0]->a.idx, 65);
    witc_arena_release(&arena);
}

static void test_component_roundtrip_nested_and_names(void **state)
{
    static const uint8_t bytes[] = {
        PREAMBLE,
        0x04, 0x0b, PREAMBLE, 0x00, 0x01, 0x00, /* nested component: custom section "" */
        0x00, 0x05, 0x03, 0x61, 0x62, 0x63, 0x7a, /* custom "abc" payload z */
        0x07, 0x09, 0x01, 0x42, 0x01,           /* instance type, 1 decl */
        0x04, 0x00, 0x01, 0x78, 0x03, 0x01,     /* export "x" (type (sub resource)) */
    };
    roundtrip(*state, bytes, sizeof bytes);
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_OK);
}

static void test_component_decode_overlong_leb(void **state)
{
    /* a section count written with five bytes is valid (not canonical) */
    static const uint8_t bytes[] = {PREAMBLE, 0x07, 0x05, 0x80, 0x80, 0x80, 0x80, 0x00};
    assert_int_equal(validate(*state, bytes, sizeof bytes), WITC_OK);
    static const uint8_t too_long[] = {PREAMBLE, 0x07, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    assert_int_equal(validate(*state, too_long, sizeof too_long), WITC_E_MALFORMED);
}

static void test_component_names_kebab(void **state)
{
    (void)state;
    assert_true(witc_cm_is_kebab("a", 1));
    assert_true(witc_cm_is_kebab("a-b1", 4));
    assert_true(witc_cm_is_kebab("HTTP-ok", 7));
    assert_false(witc_cm_is_kebab("aB", 2));
    assert_false(witc_cm_is_kebab("1a", 2));
    assert_false(witc_cm_is_kebab("a--b", 4));
    assert_false(witc_cm_is_kebab("a-", 2));
    assert_false(witc_cm_is_kebab("", 0));
}

static void test_component_names_grammar(void **state)
{
    (void)state;
    witc_cm_name_info info;
#define OK(s) assert_null(witc_cm_name_check((s), strlen(s), false, &info))
#define BAD(s) assert_non_null(witc_cm_name_check((s), strlen(s), false, &info))
    OK("foo");
    OK("wasi:http/types@0.2.0");
    OK("[constructor]r");
    OK("[method]r.get");
    assert_int_equal(info.kind, WITC_CM_NAME_METHOD);
    assert_int_equal(info.resource_len, 1);
    OK("[static]r.make");
    OK("locked-dep=<a:b@1.0.0>");
    OK("unlocked-dep=<a:b@{>=1.0.0 <2.0.0}>");
    OK("url=<https://example.com>");
    OK("integrity=<sha256-abc=>");
    BAD("");
    BAD("[method]r");
    BAD("Ab:c/d");
    BAD("a:b:c/d");      /* nested namespaces need cm-nested-names */
    BAD("[unknown]x");
    BAD("integrity=<md5-abc>");
    assert_null(witc_cm_name_check("a:b:c/d", 7, true, &info));
#undef OK
#undef BAD
}

static void test_component_names_strong_uniqueness(void **state)
{
    (void)state;
    char a[64], b[64];
    size_t la = witc_cm_name_key("[method]a.a", 11, a);
    size_t lb = witc_cm_name_key("a", 1, b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    la = witc_cm_name_key("FOO", 3, a);
    lb = witc_cm_name_key("foo", 3, b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    la = witc_cm_name_key("[constructor]a", 14, a);
    lb = witc_cm_name_key("a", 1, b);
    assert_true(la != lb || memcmp(a, b, la) != 0);
}

static void test_component_semver(void **state)
{
    (void)state;
    assert_true(witc_cm_is_semver("1.2.3", 5));
    assert_true(witc_cm_is_semver("0.2.0-rc.1+build", 16));
    assert_false(witc_cm_is_semver("1.2", 3));
    assert_false(witc_cm_is_semver("01.2.3", 6));
    assert_false(witc_cm_is_semver("1.2.3-", 6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_component_empty_is_valid),
        cmocka_unit_test(test_component_bad_version_is_malformed),
        cmocka_unit_test(test_component_truncated_section_is_malformed),
        cmocka_unit_test(test_component_lift_valid),
        cmocka_unit_test(test_component_lift_signature_mismatch),
        cmocka_unit_test(test_component_export_index_out_of_bounds),
        cmocka_unit_test(test_component_duplicate_import_names),
        cmocka_unit_test(test_component_borrow_result_rejected),
        cmocka_unit_test(test_component_type_depth_limit),
        cmocka_unit_test(test_component_resource_new_needs_local_resource),
        cmocka_unit_test(test_component_instantiate_checks_imports),
        cmocka_unit_test(test_component_outer_alias_count),
        cmocka_unit_test(test_component_lower_flattening_limit),
        cmocka_unit_test(test_component_roundtrip_lift),
        cmocka_unit_test(test_component_roundtrip_s33_type_index),
        cmocka_unit_test(test_component_roundtrip_nested_and_names),
        cmocka_unit_test(test_component_decode_overlong_leb),
        cmocka_unit_test(test_component_names_kebab),
        cmocka_unit_test(test_component_names_grammar),
        cmocka_unit_test(test_component_names_strong_uniqueness),
        cmocka_unit_test(test_component_semver),
    };
    return cmocka_run_group_tests_name("component", tests, setup, teardown);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for include/witc/embed.h: the custom-section writer, world selection after
 * wit-parser's `select_world`, and embedding (the input is kept, one section is appended and
 * decodes back to the world). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/buf.h"
#include "witc/embed.h"
#include "witc/wasm.h"
#include "witc/wit-binary.h"
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

static const char two_worlds[] = "package ex:a@1.2.0;\n"
                                 "interface i { f: func(s: string) -> u32; }\n"
                                 "world w { import i; export g: func(); }\n"
                                 "world %type { export i; }\n";

/* A module with one exported function and nothing else (type, function, export, code). */
static const uint8_t small_module[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
    0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 'f',  0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};

static witc_graph *resolve(witc_ctx *ctx, const char *text, witc_package_id *out_main)
{
    witc_graph *g = NULL;
    assert_int_equal(witc_wit_resolve_text(ctx, "t.wit", text, strlen(text), NULL, &g, out_main),
                     WITC_OK);
    return g;
}

static const char *first_error(witc_ctx *ctx)
{
    const witc_diag *d = witc_diag_get(witc_ctx_diags(ctx), 0);
    return d ? d->msg : "";
}

static void test_custom_section_layout(void **state)
{
    (void)state;
    uint8_t out[300];
    size_t len = 0;
    const uint8_t payload[3] = {7, 8, 9};
    assert_int_equal(witc_embed_custom_section_size(4, 3), 1 + 1 + 1 + 4 + 3);
    witc_embed_write_custom_section(out, &len, "name", 4, payload, 3);
    const uint8_t want[] = {0, 8, 4, 'n', 'a', 'm', 'e', 7, 8, 9};
    assert_int_equal(len, sizeof want);
    assert_memory_equal(out, want, sizeof want);

    /* A section body of 128 bytes needs a two-byte size. */
    uint8_t big[200];
    memset(big, 0xee, sizeof big);
    len = 0;
    assert_int_equal(witc_embed_custom_section_size(1, 126), 1 + 2 + 128);
    witc_embed_write_custom_section(out, &len, "x", 1, big, 126);
    assert_int_equal(len, 131);
    assert_int_equal(out[1], 0x80);
    assert_int_equal(out[2], 0x01);
    assert_int_equal(out[3], 1);
    assert_int_equal(out[4], 'x');
}

static void test_select_world_rules(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx, two_worlds, &main);
    witc_world_id w, w2;

    assert_int_equal(witc_embed_select_world(ctx, g, main, NULL, &w), WITC_E_RESOLVE);
    assert_non_null(strstr(first_error(ctx), "multiple worlds in `ex:a@1.2.0`"));
    assert_non_null(strstr(first_error(ctx), "\n  ex:a/type@1.2.0"));
    witc_diag_clear(witc_ctx_diags(ctx));

    assert_int_equal(witc_embed_select_world(ctx, g, main, "w", &w), WITC_OK);
    assert_true(witc_str_eq_c(witc_graph_world(g, w)->name, "w"));
    assert_int_equal(witc_embed_select_world(ctx, g, main, "ex:a/w@1.2.0", &w2), WITC_OK);
    assert_int_equal(w.i, w2.i);
    /* Without a version, the single versioned package of that name. */
    assert_int_equal(witc_embed_select_world(ctx, g, main, "ex:a/w", &w2), WITC_OK);
    assert_int_equal(w.i, w2.i);
    assert_int_equal(witc_embed_select_world(ctx, g, main, "%type", &w2), WITC_OK);
    assert_true(witc_str_eq_c(witc_graph_world(g, w2)->name, "type"));

    assert_int_equal(witc_embed_select_world(ctx, g, main, "nope", &w), WITC_E_RESOLVE);
    assert_string_equal(first_error(ctx), "world `nope` not found in package `ex:a@1.2.0`");
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_embed_select_world(ctx, g, main, "ex:b/w", &w), WITC_E_RESOLVE);
    assert_string_equal(first_error(ctx), "unknown package `ex:b`");
    witc_diag_clear(witc_ctx_diags(ctx));
    assert_int_equal(witc_embed_select_world(ctx, g, main, "ex:a", &w), WITC_E_RESOLVE);
    assert_string_equal(first_error(ctx), "failed to parse world specifier `ex:a`");
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_graph_free(g);

    g = resolve(ctx, "package ex:none;\ninterface i {}\n", &main);
    assert_int_equal(witc_embed_select_world(ctx, g, main, NULL, &w), WITC_E_RESOLVE);
    assert_string_equal(first_error(ctx), "the main package `ex:none` contains no worlds");
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_graph_free(g);
}

static void test_embed_appends_world_section(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx, two_worlds, &main);
    witc_world_id w;
    assert_int_equal(witc_embed_select_world(ctx, g, main, "w", &w), WITC_OK);

    uint8_t *payload = NULL, *out = NULL;
    size_t payload_len = 0, len = 0;
    assert_int_equal(
        witc_wit_encode_world(ctx, g, w, WITC_STRING_ENCODING_UTF16, &payload, &payload_len),
        WITC_OK);
    assert_int_equal(witc_embed_module(ctx, g, w, WITC_STRING_ENCODING_UTF16, small_module,
                                       sizeof small_module, "m.wasm", &out, &len),
                     WITC_OK);
    /* Input first, byte for byte, then exactly one custom section with the payload. */
    const size_t name_len = strlen(WITC_EMBED_SECTION_NAME);
    assert_int_equal(len,
                     sizeof small_module + witc_embed_custom_section_size(name_len, payload_len));
    assert_memory_equal(out, small_module, sizeof small_module);
    assert_int_equal(out[sizeof small_module], 0);
    assert_memory_equal(out + len - payload_len, payload, payload_len);
    assert_memory_equal(out + len - payload_len - name_len, WITC_EMBED_SECTION_NAME, name_len);
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, out, len, "out.wasm", 0), WITC_OK);

    /* The section decodes back to a graph holding world `w`. */
    witc_graph *back = NULL;
    witc_package_id back_main;
    assert_int_equal(witc_wit_decode(ctx, out, len, "out.wasm", &back, &back_main), WITC_OK);
    witc_world_id bw;
    assert_true(witc_graph_find_world(back, back_main, witc_str_from("w"), &bw));
    assert_int_equal(witc_graph_world(back, bw)->n_imports, 1);
    assert_int_equal(witc_graph_world(back, bw)->n_exports, 1);
    witc_graph_free(back);

    witc_ctx_dealloc(ctx, out);
    witc_ctx_dealloc(ctx, payload);
    witc_graph_free(g);
}

static void test_embed_rejects_bad_modules(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx, two_worlds, &main);
    witc_world_id w;
    assert_int_equal(witc_embed_select_world(ctx, g, main, "w", &w), WITC_OK);
    uint8_t *out = NULL;
    size_t len = 0;

    /* A truncated type section: malformed, reported at a byte offset. */
    const uint8_t truncated[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05};
    assert_int_equal(witc_embed_module(ctx, g, w, WITC_STRING_ENCODING_UTF8, truncated,
                                       sizeof truncated, "bad.wasm", &out, &len),
                     WITC_E_MALFORMED);
    assert_null(out);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(ctx), 0);
    assert_non_null(d);
    assert_int_equal(d->offset, 9);
    witc_diag_clear(witc_ctx_diags(ctx));

    const uint8_t component[] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    assert_int_equal(witc_embed_module(ctx, g, w, WITC_STRING_ENCODING_UTF8, component,
                                       sizeof component, "c.wasm", &out, &len),
                     WITC_E_UNSUPPORTED);
    assert_null(out);
    witc_diag_clear(witc_ctx_diags(ctx));

    const uint8_t not_wasm[] = {'h', 'e', 'l', 'l', 'o'};
    assert_int_not_equal(witc_embed_module(ctx, g, w, WITC_STRING_ENCODING_UTF8, not_wasm,
                                           sizeof not_wasm, "t.txt", &out, &len),
                         WITC_OK);
    assert_null(out);
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_graph_free(g);
}

/* The ex:abi WIT of /work/shared/ref/canonical-abi.md section 7, whose signatures were checked
 * against wit-component. */
static const char abi_wit[] =
    "package ex:abi@1.2.3;\n"
    "interface types {\n"
    "  resource blob { constructor(init: list<u8>); read: func(n: u32) -> list<u8>;\n"
    "                  merge: static func(a: blob, b: blob) -> blob; }\n"
    "  record point { x: f64, y: f64, label: string }\n"
    "  flags perms { read, write, exec }\n"
    "  enum color { red, green, blue }\n"
    "  variant shape { circle(f32), rect(tuple<u32, u32>), nothing }\n"
    "  big: func(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, i: u64,\n"
    "            j: u64, k: u64, l: u64, m: u64, n: u64, o: u64, p: u64, q: u64);\n"
    "  pt: func(p: point) -> point;\n"
    "  try: func(x: u32) -> result<u64, string>;\n"
    "  shape-area: func(s: shape) -> f32;\n"
    "  maybe: func(x: option<f32>) -> option<char>;\n"
    "  perms-of: func(c: color, p: perms) -> perms;\n"
    "  sixteen: func(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, i: u64,\n"
    "            j: u64, k: u64, l: u64, m: u64, n: u64, o: u64, p: u64);\n"
    "  pair: func(a: u8, b: s16) -> tuple<u8, s16>;\n"
    "  vf: func(v: variant2) -> result<_, u8>;\n"
    "  variant variant2 { a(f32), b(u64) }\n"
    "  type int-alias = s32;\n"
    "  fixed: func(x: list<int-alias, 20>) -> list<u8, 1>;\n"
    "}\n"
    "world w { import types; }\n";

/* Signature text: params then `->` then results, one letter per type (i I f F). */
static void sig_text(const witc_abi_sig *sig, char *out)
{
    size_t n = 0;
    for (unsigned i = 0; i < sig->n_params; i++)
        out[n++] = sig->params[i] == WITC_ABI_I32   ? 'i'
                   : sig->params[i] == WITC_ABI_I64 ? 'I'
                   : sig->params[i] == WITC_ABI_F32 ? 'f'
                                                    : 'F';
    out[n++] = '>';
    for (unsigned i = 0; i < sig->n_results; i++)
        out[n++] = sig->results[i] == WITC_ABI_I32   ? 'i'
                   : sig->results[i] == WITC_ABI_I64 ? 'I'
                   : sig->results[i] == WITC_ABI_F32 ? 'f'
                                                     : 'F';
    out[n] = 0;
}

static void test_abi_signatures_match_the_oracle(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx, abi_wit, &main);
    witc_interface_id types_id;
    assert_true(witc_graph_find_interface(g, main, witc_str_from("types"), &types_id));
    const witc_interface *iface = witc_graph_interface(g, types_id);
    static const struct {
        const char *func, *import, *export;
    } cases[] = {
        {"[constructor]blob", "ii>i", "ii>i"},
        {"[method]blob.read", "iii>", "ii>i"},
        {"[static]blob.merge", "ii>i", "ii>i"},
        {"big", "i>", "i>"},
        {"sixteen", "IIIIIIIIIIIIIIII>", "IIIIIIIIIIIIIIII>"},
        {"pt", "FFiii>", "FFii>i"},
        {"try", "ii>", "i>i"},
        {"shape-area", "iii>f", "iii>f"},
        {"maybe", "ifi>", "if>i"},
        {"perms-of", "ii>i", "ii>i"},
        {"pair", "iii>", "ii>i"},
        {"vf", "iIi>", "iI>i"},
        {"fixed", "i>i", "i>i"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const witc_function *f = NULL;
        for (uint32_t i = 0; i < iface->n_funcs; i++)
            if (witc_str_eq_c(iface->funcs[i].name, cases[c].func))
                f = &iface->funcs[i];
        assert_non_null(f);
        witc_abi_sig sig;
        char text[64];
        assert_int_equal(witc_abi_signature(g, f, WITC_ABI_IMPORT, &sig), WITC_OK);
        sig_text(&sig, text);
        assert_string_equal(text, cases[c].import);
        assert_int_equal(witc_abi_signature(g, f, WITC_ABI_EXPORT, &sig), WITC_OK);
        sig_text(&sig, text);
        assert_string_equal(text, cases[c].export);
    }
    witc_graph_free(g);
}

static void test_abi_flatten_types(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx,
                            "package ex:f;\n"
                            "interface t {\n"
                            "  record r { a: u8, b: u64, c: u16, d: string }\n"
                            "  variant v { c(f32), r(tuple<u32, u32>), n }\n"
                            "  flags f9 { a, b, c, d, e, f, g, h, i }\n"
                            "  type wide = list<r, 5>;\n"
                            "}\n",
                            &main);
    static const struct {
        const char *name;
        const char *flat; /* letters as sig_text, or "+" for overflow */
    } cases[] = {{"r", "iIiii"}, {"v", "iii"}, {"f9", "i"}, {"wide", "+"}};
    witc_interface_id t_id;
    assert_true(witc_graph_find_interface(g, main, witc_str_from("t"), &t_id));
    const witc_interface *iface = witc_graph_interface(g, t_id);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        witc_type_ref ref = {WITC_PRIM_ID, {WITC_ID_NONE}};
        for (uint32_t i = 0; i < iface->n_types; i++)
            if (witc_str_eq_c(witc_graph_type(g, iface->types[i])->name, cases[c].name))
                ref.id = iface->types[i];
        assert_int_not_equal(ref.id.i, WITC_ID_NONE);
        witc_abi_type flat[WITC_ABI_FLAT_CAP];
        unsigned n = 0;
        bool overflow = false;
        assert_int_equal(witc_abi_flatten_type(g, ref, flat, &n, &overflow), WITC_OK);
        if (!strcmp(cases[c].flat, "+")) {
            assert_true(overflow);
            assert_int_equal(n, WITC_ABI_FLAT_CAP);
            continue;
        }
        assert_false(overflow);
        witc_abi_sig sig = {.n_params = n};
        memcpy(sig.params, flat, n * sizeof flat[0]);
        char text[64];
        sig_text(&sig, text);
        text[strlen(text) - 1] = 0; /* drop the `>` */
        assert_string_equal(text, cases[c].flat);
    }
    witc_graph_free(g);
}

static void test_dummy_module_names_and_validity(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main;
    witc_graph *g = resolve(ctx, abi_wit, &main);
    witc_world_id w;
    assert_int_equal(witc_embed_select_world(ctx, g, main, NULL, &w), WITC_OK);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(witc_embed_dummy_module(ctx, g, w, &bytes, &len), WITC_OK);
    assert_int_equal(witc_wasm_validate_core(ctx, NULL, bytes, len, "dummy.wasm", 0), WITC_OK);
    /* A few legacy names, found as length-prefixed strings in the binary. */
    static const char *const names[] = {"ex:abi/types@1.2.3", "[resource-drop]blob",
                                        "[method]blob.read",  "cabi_realloc",
                                        "_initialize",        "memory"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const size_t n = strlen(names[i]);
        bool found = false;
        for (size_t at = 1; at + n <= len && !found; at++)
            found = bytes[at - 1] == n && !memcmp(bytes + at, names[i], n);
        assert_true(found);
    }
    witc_ctx_dealloc(ctx, bytes);
    witc_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_custom_section_layout),
        cmocka_unit_test(test_select_world_rules),
        cmocka_unit_test(test_embed_appends_world_section),
        cmocka_unit_test(test_embed_rejects_bad_modules),
        cmocka_unit_test(test_abi_signatures_match_the_oracle),
        cmocka_unit_test(test_abi_flatten_types),
        cmocka_unit_test(test_dummy_module_names_and_validity),
    };
    return cmocka_run_group_tests_name("embed", tests, setup, teardown);
}

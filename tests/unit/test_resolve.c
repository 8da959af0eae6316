/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/resolve: the deterministic toposort, semver precedence, and resolving
 * small packages from text (arena order, interning, `own` handles, gates, includes, world
 * elaboration, errors and their spans, JSON). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "resolve/internal.h"
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

static witc_str S(const char *s)
{
    return (witc_str){s, strlen(s)};
}

/* Resolves `text`; on failure returns NULL and leaves the first message in *out_msg. */
static witc_graph *resolve(witc_ctx *ctx, const char *text, const witc_wit_options *opts,
                           witc_package_id *out_main, const char **out_msg)
{
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_graph *g = NULL;
    witc_package_id main_pkg = {0};
    witc_status st = witc_wit_resolve_text(ctx, "t.wit", text, strlen(text), opts, &g, &main_pkg);
    if (out_msg)
        *out_msg = NULL;
    if (st != WITC_OK) {
        const witc_diag *d = witc_diag_get(witc_ctx_diags(ctx), 0);
        if (out_msg && d)
            *out_msg = d->msg;
        return NULL;
    }
    if (out_main)
        *out_main = main_pkg;
    return g;
}

/* The 1-based line of the first diagnostic. */
static uint32_t first_line(witc_ctx *ctx)
{
    const witc_diag *d = witc_diag_get(witc_ctx_diags(ctx), 0);
    if (!d || d->span.start == WITC_POS_NONE)
        return 0;
    uint32_t line, col;
    witc_source_line_col(witc_ctx_sources(ctx), d->span.start, &line, &col);
    return line;
}

static const witc_typedef *type_named(const witc_graph *g, const char *name)
{
    for (uint32_t i = 0; i < witc_graph_type_count(g); i++) {
        const witc_typedef *t = witc_graph_type(g, (witc_type_id){i});
        if (t->has_name && witc_str_eq(t->name, S(name)))
            return t;
    }
    return NULL;
}

/* ---- toposort ---- */

static void toposort_case(witc_ctx *ctx, const char **names, uint32_t n, const uint32_t *start,
                          const topo_edge *edges, const uint32_t *want, witc_status want_st)
{
    omap index = {0};
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(omap_put(ctx, &index, S(names[i]), i, NULL), WITC_OK);
    uint32_t order[16];
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_status st = witc_toposort(ctx, "type", &index, n, start, edges, order);
    assert_int_equal(st, want_st);
    if (st == WITC_OK)
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(order[i], want[i]);
    omap_free(ctx, &index);
}

static void test_toposort_keeps_source_order_on_ties(void **state)
{
    const char *names[] = {"b", "a", "c"};
    uint32_t start[] = {0, 0, 0, 0};
    uint32_t want[] = {0, 1, 2};
    toposort_case(*state, names, 3, start, NULL, want, WITC_OK);
}

static void test_toposort_puts_dependencies_first(void **state)
{
    /* a needs c, b needs a: c, then a, then b. */
    const char *names[] = {"a", "b", "c"};
    topo_edge edges[] = {{{"c", 1}, {0, 1}}, {{"a", 1}, {2, 3}}};
    uint32_t start[] = {0, 1, 2, 2};
    uint32_t want[] = {2, 0, 1};
    toposort_case(*state, names, 3, start, edges, want, WITC_OK);
}

static void test_toposort_reports_missing_and_cycles(void **state)
{
    witc_ctx *ctx = *state;
    const char *names[] = {"a", "b"};
    topo_edge missing[] = {{{"zz", 2}, {0, 2}}};
    uint32_t start1[] = {0, 1, 1};
    toposort_case(ctx, names, 2, start1, missing, NULL, WITC_E_RESOLVE);
    assert_string_equal(witc_diag_get(witc_ctx_diags(ctx), 0)->msg, "type `zz` does not exist");
    topo_edge cycle[] = {{{"b", 1}, {0, 1}}, {{"a", 1}, {2, 3}}};
    uint32_t start2[] = {0, 1, 2};
    toposort_case(ctx, names, 2, start2, cycle, NULL, WITC_E_RESOLVE);
    assert_string_equal(witc_diag_get(witc_ctx_diags(ctx), 0)->msg, "type `b` depends on itself");
}

/* ---- semver ---- */

static void test_semver_precedence(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int sign;
    } cases[] = {
        {"1.0.0", "1.0.0", 0},
        {"1.0.0", "2.0.0", -1},
        {"0.2.10", "0.2.9", 1},
        {"1.0.0-alpha", "1.0.0", -1},
        {"1.0.0-alpha", "1.0.0-alpha.1", -1},
        {"1.0.0-alpha.1", "1.0.0-alpha.beta", -1},
        {"1.0.0-beta.2", "1.0.0-beta.11", -1},
        {"1.0.0-rc.1", "1.0.0-beta.11", 1},
        {"1.0.0", "1.0.0+build", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int c = semver_cmp(S(cases[i].a), S(cases[i].b));
        int sign = c < 0 ? -1 : c > 0 ? 1 : 0;
        if (sign != cases[i].sign)
            fail_msg("%s vs %s: got %d", cases[i].a, cases[i].b, sign);
        c = semver_cmp(S(cases[i].b), S(cases[i].a));
        assert_int_equal(c < 0 ? -1 : c > 0 ? 1 : 0, -cases[i].sign);
    }
}

/* ---- resolving ---- */

static void test_resolve_interns_anonymous_types(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = resolve(ctx,
                            "package a:b;\n"
                            "interface i {\n"
                            "  type x = list<u32>;\n"
                            "  f: func(a: list<u32>) -> option<list<u32>>;\n"
                            "}\n",
                            NULL, NULL, NULL);
    assert_non_null(g);
    /* x, list<u32>, option<list<u32>>: the list is shared. */
    assert_int_equal(witc_graph_type_count(g), 3);
    const witc_typedef *x = witc_graph_type(g, (witc_type_id){0});
    assert_int_equal(x->kind, WITC_TYPEDEF_LIST);
    assert_true(x->has_name);
    const witc_interface *i = witc_graph_interface(g, (witc_interface_id){0});
    assert_int_equal(i->n_funcs, 1);
    assert_int_equal(i->funcs[0].params[0].type.id.i, 1);
    assert_int_equal(i->funcs[0].result.id.i, 2);
    witc_graph_free(g);
}

static void test_resolve_use_makes_alias_and_own_handles(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = resolve(ctx,
                            "package a:b;\n"
                            "interface types { resource r; }\n"
                            "interface user {\n"
                            "  use types.{r as res};\n"
                            "  f: func(x: res) -> borrow<res>;\n"
                            "}\n",
                            NULL, NULL, NULL);
    assert_null(g); /* returning a borrow is rejected */
    g = resolve(ctx,
                "package a:b;\n"
                "interface types { resource r; }\n"
                "interface user {\n"
                "  use types.{r as res};\n"
                "  f: func(x: res, y: borrow<res>);\n"
                "}\n",
                NULL, NULL, NULL);
    assert_non_null(g);
    const witc_typedef *res = type_named(g, "res");
    assert_non_null(res);
    assert_int_equal(res->kind, WITC_TYPEDEF_ALIAS);
    assert_int_equal(res->owner.kind, WITC_OWNER_INTERFACE);
    assert_int_equal(witc_graph_dealias(g, res->target.id).i, 0);
    const witc_interface *user = witc_graph_interface(g, (witc_interface_id){1});
    const witc_typedef *p0 = witc_graph_type(g, user->funcs[0].params[0].type.id);
    assert_int_equal(p0->kind, WITC_TYPEDEF_OWN); /* a resource by value is `own<res>` */
    const witc_typedef *p1 = witc_graph_type(g, user->funcs[0].params[1].type.id);
    assert_int_equal(p1->kind, WITC_TYPEDEF_BORROW);
    witc_graph_free(g);
}

static void test_resolve_feature_gates(void **state)
{
    witc_ctx *ctx = *state;
    const char *text = "package a:b;\n"
                       "interface i {\n"
                       "  @unstable(feature = fancy)\n"
                       "  f: func();\n"
                       "  g: func();\n"
                       "}\n";
    witc_graph *g = resolve(ctx, text, NULL, NULL, NULL);
    assert_non_null(g);
    assert_int_equal(witc_graph_interface(g, (witc_interface_id){0})->n_funcs, 1);
    witc_graph_free(g);
    witc_str feats[] = {{"fancy", 5}};
    witc_wit_options opts = {feats, 1, false};
    g = resolve(ctx, text, &opts, NULL, NULL);
    assert_non_null(g);
    const witc_interface *i = witc_graph_interface(g, (witc_interface_id){0});
    assert_int_equal(i->n_funcs, 2);
    assert_int_equal(i->funcs[0].stability.kind, WITC_STABILITY_UNSTABLE);
    witc_graph_free(g);
}

static void test_resolve_world_elaboration_adds_imports(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = resolve(ctx,
                            "package a:b;\n"
                            "interface base { type t = u32; }\n"
                            "interface mid { use base.{t}; }\n"
                            "interface top { use mid.{t}; }\n"
                            "world w { export top; }\n",
                            NULL, NULL, NULL);
    assert_non_null(g);
    const witc_world *w = witc_graph_world(g, (witc_world_id){0});
    assert_int_equal(w->n_imports, 2);
    assert_false(w->imports[0].has_name);
    assert_int_equal(w->imports[0].interface.i, 0); /* base before mid */
    assert_int_equal(w->imports[1].interface.i, 1);
    assert_int_equal(w->n_exports, 1);
    assert_int_equal(w->exports[0].interface.i, 2);
    witc_graph_free(g);
}

static void test_resolve_include_with_rename(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = resolve(ctx,
                            "package a:b;\n"
                            "world base { import f: func(); }\n"
                            "world w { include base with { f as g } }\n",
                            NULL, NULL, NULL);
    assert_non_null(g);
    const witc_world *w = witc_graph_world(g, (witc_world_id){1});
    assert_int_equal(w->n_imports, 1);
    assert_true(witc_str_eq(w->imports[0].name, S("g")));
    assert_true(witc_str_eq(w->imports[0].func.name, S("g")));
    witc_graph_free(g);
    const char *msg;
    g = resolve(ctx,
                "package a:b;\n"
                "world base { import f: func(); }\n"
                "world w { import f: func(); include base; }\n",
                NULL, NULL, &msg);
    assert_null(g);
    assert_string_equal(msg, "import of `f` shadows previously imported items");
}

static void test_resolve_errors_at_wit_parser_spans(void **state)
{
    witc_ctx *ctx = *state;
    static const struct {
        const char *text, *msg;
        uint32_t line;
    } cases[] = {
        {"package a:b;\ninterface i {\n  type a = b;\n  type b = a;\n}\n",
         "type `b` depends on itself", 3},
        {"package a:b;\ninterface i {\n  type a = u32;\n  type a = u64;\n}\n",
         "name `a` is defined more than once", 4},
        {"package a:b;\ninterface i {\n  f: func() -> nope;\n}\n", "name `nope` does not exist", 3},
        {"package a:b;\ninterface i { use j.{x}; }\n", "interface or world `j` does not exist", 2},
        {"package a:b;\ninterface i {\n  type t = u32;\n  type h = borrow<t>;\n}\n",
         "type `t` used in a handle must be a resource", 4},
        {"package a:b;\ninterface i {}\nworld i {}\n", "duplicate item named `i`", 3},
        {"interface i {}\n", "no `package` header was found in any WIT file for this package", 0},
        {"package a:b;\ninterface i { use c:d/e.{x}; }\n",
         "package 'c:d' not found. known "
         "packages:\n    a:b",
         2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *msg;
        witc_graph *g = resolve(ctx, cases[i].text, NULL, NULL, &msg);
        assert_null(g);
        assert_non_null(msg);
        if (strcmp(msg, cases[i].msg) != 0)
            fail_msg("case %zu: got `%s`", i, msg);
        assert_int_equal(first_line(ctx), cases[i].line);
    }
}

static void test_resolve_nested_packages_and_lookup(void **state)
{
    witc_ctx *ctx = *state;
    witc_package_id main_pkg;
    witc_graph *g = resolve(ctx,
                            "package a:main;\n"
                            "package b:dep@1.2.0 { interface i { type t = u8; } }\n"
                            "interface user { use b:dep/i@1.2.0.{t}; }\n",
                            NULL, &main_pkg, NULL);
    assert_non_null(g);
    assert_int_equal(witc_graph_package_count(g), 2);
    witc_package_id dep;
    assert_true(witc_graph_find_package(g, S("b:dep@1.2.0"), &dep));
    assert_int_equal(dep.i, 0); /* dependencies first */
    assert_int_equal(main_pkg.i, 1);
    const witc_package *p = witc_graph_package(g, dep);
    assert_true(p->has_version);
    assert_true(witc_str_eq(p->version, S("1.2.0")));
    assert_false(witc_graph_find_package(g, S("b:dep"), &dep));
    witc_interface_id iface;
    assert_true(witc_graph_find_interface(g, dep, S("i"), &iface));
    assert_int_equal(iface.i, 0);
    assert_false(witc_graph_find_interface(g, main_pkg, S("i"), &iface));
    assert_true(witc_graph_find_interface(g, main_pkg, S("user"), &iface));
    witc_world_id world;
    assert_false(witc_graph_find_world(g, main_pkg, S("user"), &world));
    assert_null(witc_graph_package(g, (witc_package_id){7}));
    assert_null(witc_graph_type(g, (witc_type_id){WITC_ID_NONE}));
    witc_graph_free(g);
}

static void test_resolve_json_shape(void **state)
{
    witc_ctx *ctx = *state;
    witc_graph *g = resolve(ctx, "package a:b;\ninterface i { type t = u32; }\n", NULL, NULL, NULL);
    assert_non_null(g);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(witc_graph_to_json(ctx, g, &text, &len), WITC_OK);
    const char *want = "{\n"
                       "  \"worlds\": [],\n"
                       "  \"interfaces\": [\n"
                       "    {\n"
                       "      \"name\": \"i\",\n"
                       "      \"types\": {\n"
                       "        \"t\": 0\n"
                       "      },\n"
                       "      \"functions\": {},\n"
                       "      \"package\": 0\n"
                       "    }\n"
                       "  ],\n"
                       "  \"types\": [\n"
                       "    {\n"
                       "      \"name\": \"t\",\n"
                       "      \"kind\": {\n"
                       "        \"type\": \"u32\"\n"
                       "      },\n"
                       "      \"owner\": {\n"
                       "        \"interface\": 0\n"
                       "      }\n"
                       "    }\n"
                       "  ],\n"
                       "  \"packages\": [\n"
                       "    {\n"
                       "      \"name\": \"a:b\",\n"
                       "      \"interfaces\": {\n"
                       "        \"i\": 0\n"
                       "      },\n"
                       "      \"worlds\": {}\n"
                       "    }\n"
                       "  ]\n"
                       "}\n";
    assert_string_equal(text, want);
    assert_int_equal(len, strlen(want));
    witc_ctx_dealloc(ctx, text);
    witc_graph_free(g);
}

static void test_resolve_long_use_chain_is_linear(void **state)
{
    witc_ctx *ctx = *state;
    /* 3000 interfaces, each using the previous one: wit-parser's recursive walks are deep
     * here; ours use explicit stacks. */
    witc_buf b;
    witc_buf_init(&b, ctx);
    witc_buf_puts(&b, "package a:b;\ninterface i0 { type t = u32; }\n");
    for (int i = 1; i < 3000; i++)
        witc_buf_printf(&b, "interface i%d { use i%d.{t}; }\n", i, i - 1);
    witc_buf_puts(&b, "world w { export i2999; }\n");
    witc_graph *g = resolve(ctx, witc_buf_cstr(&b), NULL, NULL, NULL);
    witc_buf_release(&b);
    assert_non_null(g);
    const witc_world *w = witc_graph_world(g, (witc_world_id){0});
    assert_int_equal(w->n_imports, 2999);
    assert_int_equal(w->n_exports, 1);
    witc_graph_free(g);
}

static void test_graph_builder(void **state)
{
    witc_ctx *ctx = *state;
    witc_diag_clear(witc_ctx_diags(ctx));
    witc_graph *g = witc_graph_new(ctx);
    assert_non_null(g);
    witc_package_id pkg;
    witc_str ver = S("0.1.0");
    assert_int_equal(witc_graph_add_package(g, S("a"), S("b"), &ver, NULL, &pkg), WITC_OK);
    witc_typedef t;
    memset(&t, 0, sizeof t);
    t.kind = WITC_TYPEDEF_LIST;
    t.elem = (witc_type_ref){WITC_PRIM_ID, {5}}; /* not defined yet: rejected */
    witc_type_id tid;
    assert_int_equal(witc_graph_add_type(g, &t, &tid), WITC_E_USAGE);
    t.kind = WITC_TYPEDEF_ALIAS;
    t.has_name = true;
    t.name = S("t");
    t.target = (witc_type_ref){WITC_PRIM_U8, {WITC_ID_NONE}};
    t.owner = (witc_type_owner){WITC_OWNER_INTERFACE, 0}; /* the interface added next */
    assert_int_equal(witc_graph_add_type(g, &t, &tid), WITC_OK);
    witc_interface iface;
    memset(&iface, 0, sizeof iface);
    iface.has_name = true;
    iface.name = S("i");
    iface.types = &tid;
    iface.n_types = 1;
    iface.package = pkg;
    witc_interface_id iid;
    assert_int_equal(witc_graph_add_interface(g, &iface, &iid), WITC_OK);
    assert_int_equal(witc_graph_add_interface(g, &iface, &iid), WITC_E_USAGE); /* same name */
    assert_int_equal(witc_graph_finish(g), WITC_OK);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(witc_graph_to_json(ctx, g, &text, &len), WITC_OK);
    assert_non_null(strstr(text, "\"name\": \"a:b@0.1.0\""));
    assert_non_null(strstr(text, "\"i\": 0"));
    witc_ctx_dealloc(ctx, text);
    const witc_interface *got = witc_graph_interface(g, (witc_interface_id){0});
    assert_int_equal(got->n_types, 1);
    assert_true(witc_str_eq(witc_graph_type(g, got->types[0])->name, S("t")));
    witc_graph_free(g);
}

static void test_prim_names(void **state)
{
    (void)state;
    assert_string_equal(witc_prim_name(WITC_PRIM_ERROR_CONTEXT), "error-context");
    assert_string_equal(witc_prim_name(WITC_PRIM_U32), "u32");
    assert_null(witc_prim_name(WITC_PRIM_ID));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_toposort_keeps_source_order_on_ties),
        cmocka_unit_test(test_toposort_puts_dependencies_first),
        cmocka_unit_test(test_toposort_reports_missing_and_cycles),
        cmocka_unit_test(test_semver_precedence),
        cmocka_unit_test(test_resolve_interns_anonymous_types),
        cmocka_unit_test(test_resolve_use_makes_alias_and_own_handles),
        cmocka_unit_test(test_resolve_feature_gates),
        cmocka_unit_test(test_resolve_world_elaboration_adds_imports),
        cmocka_unit_test(test_resolve_include_with_rename),
        cmocka_unit_test(test_resolve_errors_at_wit_parser_spans),
        cmocka_unit_test(test_resolve_nested_packages_and_lookup),
        cmocka_unit_test(test_resolve_json_shape),
        cmocka_unit_test(test_resolve_long_use_chain_is_linear),
        cmocka_unit_test(test_graph_builder),
        cmocka_unit_test(test_prim_names),
    };
    return cmocka_run_group_tests_name("resolve", tests, setup, teardown);
}

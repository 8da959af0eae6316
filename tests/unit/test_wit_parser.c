/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/wit-parser: each construct builds the AST the resolver expects, docs and
 * attributes land on the right nodes, and each error is reported once, at wit-parser's
 * position, in wit-parser's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "wit-parser/ast.h"
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

/* Parses `text`; on failure returns NULL and describes the one diagnostic as
 * "LINE:COL: message" in `out`. */
static witc_ast *parse(witc_ctx *ctx, const char *text, char *out, size_t out_size)
{
    const witc_source_file *file;
    witc_diag_clear(witc_ctx_diags(ctx));
    if (witc_source_add(witc_ctx_sources(ctx), "test.wit", text, strlen(text), &file) != WITC_OK)
        return NULL;
    witc_ast *ast = NULL;
    const witc_status st = witc_wit_parse(ctx, file, &ast);
    if (st == WITC_OK) {
        assert_int_equal(witc_diag_count(witc_ctx_diags(ctx)), 0);
        return ast;
    }
    assert_null(ast);
    /* Exactly one error: the parser stops at the first. */
    assert_int_equal(witc_diag_count(witc_ctx_diags(ctx)), 1);
    const witc_diag *d = witc_diag_get(witc_ctx_diags(ctx), 0);
    uint32_t line = 0, col = 0;
    witc_source_line_col(witc_ctx_sources(ctx), d->span.start, &line, &col);
    snprintf(out, out_size, "%u:%u: %s", line, col, d->msg);
    return NULL;
}

static witc_ast *parse_ok(witc_ctx *ctx, const char *text)
{
    char msg[256] = "";
    witc_ast *ast = parse(ctx, text, msg, sizeof msg);
    if (!ast)
        fail_msg("unexpected error: %s\n%s", msg, text);
    return ast;
}

static void assert_str(witc_str s, const char *want)
{
    if (s.len != strlen(want) || memcmp(s.ptr, want, s.len) != 0)
        fail_msg("got `%.*s`, want `%s`", (int)s.len, s.ptr, want);
}

static void test_wit_parser_package_header_and_docs(void **state)
{
    witc_ast *ast = parse_ok(*state, "/// The package.\n"
                                     "/// Second line.\n"
                                     "package my:pkg@1.2.3-rc.1+build.5;\n"
                                     "interface i {}\n");
    const witc_ast_package_file *f = ast->root;
    assert_true(f->has_package);
    assert_str(f->package.namespace_.name, "my");
    assert_str(f->package.name.name, "pkg");
    assert_true(f->package.has_version);
    assert_str(f->package.version.text, "1.2.3-rc.1+build.5");
    assert_int_equal(f->package.version.major, 1);
    assert_int_equal(f->package.version.minor, 2);
    assert_int_equal(f->package.version.patch, 3);
    assert_str(f->package.version.pre, "rc.1");
    assert_str(f->package.version.build, "build.5");
    assert_true(f->package.docs.present);
    assert_str(f->package.docs.text, "The package.\nSecond line.");
    assert_int_equal(f->n_decls, 1);
    assert_int_equal(f->decls[0].kind, WITC_AST_DECL_INTERFACE);
    assert_str(f->decls[0].interface.name.name, "i");
    assert_false(f->decls[0].interface.docs.present);
    witc_ast_free(ast);
}

static void test_wit_parser_docs_stripping(void **state)
{
    witc_ast *ast = parse_ok(*state, "package a:b;\n"
                                     "/**\n"
                                     " * Block.\n"
                                     " */\n"
                                     "interface i {\n"
                                     "  //   indented\n"
                                     "  //     more\n"
                                     "  //\n"
                                     "  f: func();\n"
                                     "  /* plain */ type t = u8;\n"
                                     "  record r {\n"
                                     "    /// field doc\n"
                                     "    a: u32,\n"
                                     "    b: u32,\n"
                                     "  }\n"
                                     "}\n");
    const witc_ast_interface *i = &ast->root->decls[0].interface;
    assert_true(i->docs.present);
    assert_str(i->docs.text, "\n * Block.");
    assert_int_equal(i->n_items, 3);
    assert_str(i->items[0].func.docs.text, "indented\n  more");
    assert_str(i->items[1].typedef_.docs.text, "* plain */");
    const witc_ast_type *r = i->items[2].typedef_.type;
    assert_int_equal(r->kind, WITC_AST_RECORD);
    assert_int_equal(r->n_fields, 2);
    assert_str(r->fields[0].docs.text, "field doc");
    assert_false(r->fields[1].docs.present);
    witc_ast_free(ast);
}

static void test_wit_parser_type_definitions(void **state)
{
    witc_ast *ast = parse_ok(*state, "package a:b;\n"
                                     "interface i {\n"
                                     "  type t = list<u8>;\n"
                                     "  record r { a: u32, b: string, }\n"
                                     "  record empty {}\n"
                                     "  variant v { none, some(u64), }\n"
                                     "  enum e { x, y }\n"
                                     "  flags f { p, q, }\n"
                                     "  resource res;\n"
                                     "  resource file {\n"
                                     "    constructor(path: string);\n"
                                     "    read: func(n: u32) -> list<u8>;\n"
                                     "    open: static func() -> file;\n"
                                     "    wait: async func();\n"
                                     "    make: static async func() -> own<file>;\n"
                                     "  }\n"
                                     "  use other.{a, b as c,};\n"
                                     "  %interface: func(%type: borrow<file>) -> result<_, e>;\n"
                                     "}\n");
    const witc_ast_interface *i = &ast->root->decls[0].interface;
    assert_int_equal(i->n_items, 10);
    assert_int_equal(i->items[0].kind, WITC_AST_ITEM_TYPEDEF);
    assert_str(i->items[0].typedef_.name.name, "t");
    assert_int_equal(i->items[0].typedef_.type->kind, WITC_AST_LIST);
    assert_int_equal(i->items[0].typedef_.type->elem->kind, WITC_AST_U8);
    const witc_ast_type *r = i->items[1].typedef_.type;
    assert_int_equal(r->kind, WITC_AST_RECORD);
    assert_int_equal(r->n_fields, 2);
    assert_str(r->fields[1].name.name, "b");
    assert_int_equal(r->fields[1].type->kind, WITC_AST_STRING);
    assert_int_equal(i->items[2].typedef_.type->n_fields, 0);
    const witc_ast_type *v = i->items[3].typedef_.type;
    assert_int_equal(v->kind, WITC_AST_VARIANT);
    assert_int_equal(v->n_fields, 2);
    assert_null(v->fields[0].type);
    assert_int_equal(v->fields[1].type->kind, WITC_AST_U64);
    assert_int_equal(i->items[4].typedef_.type->kind, WITC_AST_ENUM);
    assert_int_equal(i->items[4].typedef_.type->n_fields, 2);
    assert_int_equal(i->items[5].typedef_.type->kind, WITC_AST_FLAGS);
    assert_int_equal(i->items[5].typedef_.type->n_fields, 2);
    const witc_ast_type *res = i->items[6].typedef_.type;
    assert_int_equal(res->kind, WITC_AST_RESOURCE);
    assert_false(res->resource_has_body);
    const witc_ast_type *file = i->items[7].typedef_.type;
    assert_true(file->resource_has_body);
    assert_int_equal(file->n_funcs, 5);
    assert_int_equal(file->funcs[0].kind, WITC_AST_FUNC_CONSTRUCTOR);
    assert_str(file->funcs[0].name.name, "constructor");
    assert_int_equal(file->funcs[0].func.n_params, 1);
    assert_int_equal(file->funcs[1].kind, WITC_AST_FUNC_METHOD);
    assert_int_equal(file->funcs[1].func.result->kind, WITC_AST_LIST);
    assert_int_equal(file->funcs[2].kind, WITC_AST_FUNC_STATIC);
    assert_true(file->funcs[3].func.is_async);
    assert_int_equal(file->funcs[3].kind, WITC_AST_FUNC_METHOD);
    assert_true(file->funcs[4].func.is_async);
    assert_int_equal(file->funcs[4].kind, WITC_AST_FUNC_STATIC);
    assert_int_equal(file->funcs[4].func.result->kind, WITC_AST_OWN);
    assert_str(file->funcs[4].func.result->name.name, "file");
    const witc_ast_use *u = &i->items[8].use;
    assert_int_equal(i->items[8].kind, WITC_AST_ITEM_USE);
    assert_false(u->from.is_package);
    assert_str(u->from.name.name, "other");
    assert_int_equal(u->n_names, 2);
    assert_false(u->names[0].has_as);
    assert_true(u->names[1].has_as);
    assert_str(u->names[1].as.name, "c");
    const witc_ast_named_func *f = &i->items[9].func;
    assert_int_equal(i->items[9].kind, WITC_AST_ITEM_FUNC);
    assert_str(f->name.name, "interface");
    assert_str(f->func.params[0].name.name, "type");
    assert_int_equal(f->func.params[0].type->kind, WITC_AST_BORROW);
    assert_null(f->func.result->ok);
    assert_int_equal(f->func.result->err->kind, WITC_AST_NAME);
    witc_ast_free(ast);
}

static void test_wit_parser_every_type(void **state)
{
    witc_ast *ast =
        parse_ok(*state, "interface i {\n"
                         "  f: func(\n"
                         "    a: bool, b: u8, c: u16, d: u32, e: u64, f: s8, g: s16,\n"
                         "    h: s32, i: s64, j: f32, k: f64, l: char, m: string,\n"
                         "    n: error-context, o: list<u32, 4>, p: map<string, u8>,\n"
                         "    q: option<x>, r: result, s: result<u8>, t: result<u8, u16>,\n"
                         "    u: result<_, u8>, v: tuple<>, w: tuple<u8, u16, u32,>,\n"
                         "    x: future, y: future<u8>, z: stream, aa: stream<u8>,\n"
                         "    bb: own<x>, cc: borrow<x>, dd: list<list<u8>>,\n"
                         "  ) -> tuple<u8>;\n"
                         "}\n");
    const witc_ast_func *f = &ast->root->decls[0].interface.items[0].func.func;
    static const witc_ast_type_kind kinds[] = {WITC_AST_BOOL,       WITC_AST_U8,
                                               WITC_AST_U16,        WITC_AST_U32,
                                               WITC_AST_U64,        WITC_AST_S8,
                                               WITC_AST_S16,        WITC_AST_S32,
                                               WITC_AST_S64,        WITC_AST_F32,
                                               WITC_AST_F64,        WITC_AST_CHAR,
                                               WITC_AST_STRING,     WITC_AST_ERROR_CONTEXT,
                                               WITC_AST_FIXED_LIST, WITC_AST_MAP,
                                               WITC_AST_OPTION,     WITC_AST_RESULT,
                                               WITC_AST_RESULT,     WITC_AST_RESULT,
                                               WITC_AST_RESULT,     WITC_AST_TUPLE,
                                               WITC_AST_TUPLE,      WITC_AST_FUTURE,
                                               WITC_AST_FUTURE,     WITC_AST_STREAM,
                                               WITC_AST_STREAM,     WITC_AST_OWN,
                                               WITC_AST_BORROW,     WITC_AST_LIST};
    assert_int_equal(f->n_params, sizeof kinds / sizeof kinds[0]);
    for (size_t k = 0; k < f->n_params; k++)
        assert_int_equal(f->params[k].type->kind, kinds[k]);
    const witc_ast_param *p = f->params;
    assert_int_equal(p[14].type->size, 4);
    assert_int_equal(p[14].type->elem->kind, WITC_AST_U32);
    assert_int_equal(p[15].type->key->kind, WITC_AST_STRING);
    assert_int_equal(p[15].type->elem->kind, WITC_AST_U8);
    assert_str(p[16].type->elem->name.name, "x");
    assert_null(p[17].type->ok);
    assert_null(p[17].type->err);
    assert_int_equal(p[18].type->ok->kind, WITC_AST_U8);
    assert_null(p[18].type->err);
    assert_int_equal(p[19].type->err->kind, WITC_AST_U16);
    assert_null(p[20].type->ok);
    assert_int_equal(p[20].type->err->kind, WITC_AST_U8);
    assert_int_equal(p[21].type->n_types, 0);
    assert_int_equal(p[22].type->n_types, 3);
    assert_int_equal(p[22].type->types[2]->kind, WITC_AST_U32);
    assert_null(p[23].type->elem);
    assert_int_equal(p[24].type->elem->kind, WITC_AST_U8);
    assert_null(p[25].type->elem);
    assert_int_equal(p[29].type->elem->elem->kind, WITC_AST_U8);
    assert_int_equal(f->result->kind, WITC_AST_TUPLE);
    assert_int_equal(f->result->n_types, 1);
    witc_ast_free(ast);
}

static void test_wit_parser_worlds(void **state)
{
    witc_ast *ast = parse_ok(*state, "package a:b@0.1.0;\n"
                                     "world w {\n"
                                     "  /// imported\n"
                                     "  import i;\n"
                                     "  import wasi:io/streams@0.2.0;\n"
                                     "  import label: wasi:io/poll@0.2.0;\n"
                                     "  export local: i;\n"
                                     "  import f: async func(x: u32) -> u32;\n"
                                     "  export inline: interface { g: func(); }\n"
                                     "  use i.{t};\n"
                                     "  type u = t;\n"
                                     "  record r { a: u8 }\n"
                                     "  include other;\n"
                                     "  include foo:bar/w@1.0.0 with { a as b, c as d, }\n"
                                     "}\n");
    const witc_ast_world *w = &ast->root->decls[0].world;
    assert_int_equal(w->n_items, 11);
    const witc_ast_world_item *it = w->items;
    assert_int_equal(it[0].kind, WITC_AST_WORLD_IMPORT);
    assert_str(it[0].docs.text, "imported");
    assert_int_equal(it[0].ext.kind, WITC_AST_EXTERN_PATH);
    assert_false(it[0].ext.path.is_package);
    assert_int_equal(it[1].ext.kind, WITC_AST_EXTERN_PATH);
    assert_true(it[1].ext.path.is_package);
    assert_str(it[1].ext.path.package.namespace_.name, "wasi");
    assert_str(it[1].ext.path.package.name.name, "io");
    assert_str(it[1].ext.path.name.name, "streams");
    assert_str(it[1].ext.path.package.version.text, "0.2.0");
    assert_int_equal(it[2].ext.kind, WITC_AST_EXTERN_NAMED_PATH);
    assert_str(it[2].ext.name.name, "label");
    assert_str(it[2].ext.path.name.name, "poll");
    assert_int_equal(it[3].kind, WITC_AST_WORLD_EXPORT);
    assert_int_equal(it[3].ext.kind, WITC_AST_EXTERN_NAMED_PATH);
    assert_false(it[3].ext.path.is_package);
    assert_int_equal(it[4].ext.kind, WITC_AST_EXTERN_FUNC);
    assert_true(it[4].ext.func.is_async);
    assert_int_equal(it[5].ext.kind, WITC_AST_EXTERN_INTERFACE);
    assert_int_equal(it[5].ext.n_items, 1);
    assert_int_equal(it[6].kind, WITC_AST_WORLD_USE);
    assert_int_equal(it[7].kind, WITC_AST_WORLD_TYPE);
    assert_int_equal(it[8].kind, WITC_AST_WORLD_TYPE);
    assert_int_equal(it[9].kind, WITC_AST_WORLD_INCLUDE);
    assert_int_equal(it[9].include.n_names, 0);
    assert_int_equal(it[10].include.n_names, 2);
    assert_str(it[10].include.names[1].as.name, "d");
    assert_true(it[10].include.from.package.has_version);
    witc_ast_free(ast);
}

static void test_wit_parser_nested_packages_and_toplevel_use(void **state)
{
    witc_ast *ast = parse_ok(*state, "use a:b/c@1.0.0 as d;\n"
                                     "/// nested docs\n"
                                     "package x:y {\n"
                                     "  interface i {}\n"
                                     "  package deeper:z@2.0.0 { world w {} }\n"
                                     "}\n"
                                     "package x:z {}\n");
    const witc_ast_package_file *f = ast->root;
    assert_false(f->has_package);
    assert_int_equal(f->n_decls, 3);
    assert_int_equal(f->decls[0].kind, WITC_AST_DECL_USE);
    assert_true(f->decls[0].use.has_as);
    assert_str(f->decls[0].use.as.name, "d");
    assert_true(f->decls[0].use.item.is_package);
    assert_int_equal(f->decls[1].kind, WITC_AST_DECL_PACKAGE);
    const witc_ast_package_file *p = f->decls[1].package;
    assert_str(p->package.name.name, "y");
    assert_str(p->package.docs.text, "nested docs");
    assert_int_equal(p->n_decls, 2);
    assert_int_equal(p->decls[1].kind, WITC_AST_DECL_PACKAGE);
    assert_str(p->decls[1].package->package.version.text, "2.0.0");
    assert_int_equal(p->decls[1].package->n_decls, 1);
    assert_int_equal(f->decls[2].package->n_decls, 0);
    witc_ast_free(ast);
}

static void test_wit_parser_attributes(void **state)
{
    witc_ast *ast =
        parse_ok(*state, "package a:b@1.0.0;\n"
                         "/// docs before attributes\n"
                         "@since(version = 1.0.0)\n"
                         "@deprecated(version = 1.1.0)\n"
                         "interface i {\n"
                         "  @unstable(feature = fancy-thing)\n"
                         "  f: func();\n"
                         "  @external-id(\"id:\\u{1F600}\")\n"
                         "  type t = u8;\n"
                         "  resource r { @since(version = 1.0.0) constructor(); }\n"
                         "}\n"
                         "world w { @since(version = 1.0.0) include x; "
                         "@unstable(feature = y) import i; @since(version = 1.0.0) use i.{t}; }\n");
    const witc_ast_interface *i = &ast->root->decls[0].interface;
    assert_str(i->docs.text, "docs before attributes");
    assert_int_equal(i->attrs.count, 2);
    assert_int_equal(i->attrs.items[0].kind, WITC_ATTR_SINCE);
    assert_int_equal(i->attrs.items[0].version.minor, 0);
    assert_int_equal(i->attrs.items[1].kind, WITC_ATTR_DEPRECATED);
    assert_int_equal(i->attrs.items[1].version.minor, 1);
    assert_int_equal(i->items[0].func.attrs.count, 1);
    assert_int_equal(i->items[0].func.attrs.items[0].kind, WITC_ATTR_UNSTABLE);
    assert_str(i->items[0].func.attrs.items[0].feature.name, "fancy-thing");
    assert_int_equal(i->items[1].typedef_.attrs.items[0].kind, WITC_ATTR_EXTERNAL_ID);
    assert_str(i->items[1].typedef_.attrs.items[0].string, "id:\xf0\x9f\x98\x80");
    assert_int_equal(i->items[2].typedef_.type->funcs[0].attrs.count, 1);
    const witc_ast_world *w = &ast->root->decls[1].world;
    assert_int_equal(w->items[0].include.attrs.count, 1);
    assert_int_equal(w->items[1].attrs.items[0].kind, WITC_ATTR_UNSTABLE);
    assert_int_equal(w->items[2].use.attrs.count, 1);
    witc_ast_free(ast);
}

static void test_wit_parser_version_forms(void **state)
{
    /* wit-parser's eat_ids: `.` followed by `{` ends the version (use x@1.0.0-a.{...}). */
    witc_ast *ast = parse_ok(*state, "package a:b;\n"
                                     "interface i {\n"
                                     "  use c:d/e@1.0.0-alpha.{t};\n"
                                     "  use c:d/e@1.0.0+build.{u};\n"
                                     "  use c:d/e@1.0.0-x-1.2+b-3.{v};\n"
                                     "  use c:d/e@1.0.0 . { w };\n"
                                     "}\n");
    const witc_ast_interface *i = &ast->root->decls[0].interface;
    assert_str(i->items[0].use.from.package.version.text, "1.0.0-alpha");
    assert_str(i->items[1].use.from.package.version.build, "build");
    assert_str(i->items[2].use.from.package.version.pre, "x-1.2");
    assert_str(i->items[2].use.from.package.version.build, "b-3");
    assert_str(i->items[3].use.from.package.version.text, "1.0.0");
    witc_ast_free(ast);
}

static void test_wit_parser_crlf_bom_and_comments(void **state)
{
    witc_ast *ast = parse_ok(*state, "\xef\xbb\xbfpackage a:b;\r\n"
                                     "/* a /* nested */ comment */\r\n"
                                     "interface i {\r\n"
                                     "  // doc\r\n"
                                     "  f: func();\r\n"
                                     "}\r\n");
    const witc_ast_interface *i = &ast->root->decls[0].interface;
    assert_str(i->docs.text, "* a /* nested */ comment */");
    assert_str(i->items[0].func.docs.text, "doc"); /* common indentation goes */
    witc_ast_free(ast);
}

static void test_wit_parser_empty_inputs(void **state)
{
    witc_ast *ast = parse_ok(*state, "");
    assert_int_equal(ast->root->n_decls, 0);
    assert_false(ast->root->has_package);
    witc_ast_free(ast);
    ast = parse_ok(*state, "// only a comment\n");
    assert_int_equal(ast->root->n_decls, 0);
    witc_ast_free(ast);
}

static void test_wit_parser_errors(void **state)
{
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        {"interface", "1:10: expected an identifier or string, found eof"},
        {"interface i { abcd\n}", "2:1: expected ':', found '}'"},
        {"foo", "1:1: expected `world`, `interface` or `use`, found an identifier"},
        {"world w { fn() }", "1:11: expected `import`, `export`, `include`, `use`, or type "
                             "definition, found an identifier"},
        {"interface i { type }", "1:20: expected an identifier or string, found '}'"},
        {"interface i { type x = ; }", "1:24: expected a type, found ';'"},
        {"interface i { f: func() }", "1:25: expected ';', found '}'"},
        {"interface i { f: func(a: u32 b) ; }", "1:30: expected ')', found an identifier"},
        {"interface i { f: async x(); }", "1:24: expected keyword `func`, found an identifier"},
        {"interface i { type x = list<u32; }", "1:32: expected '>', found ';'"},
        {"interface i { type x = list<u32, u8>; }",
         "1:34: expected fixed-length, found keyword `u8`"},
        {"interface i { type x = list<u8, 4294967296>; }",
         "1:33: invalid list size: number too large to fit in target type"},
        {"interface i { record r { a: u32 b: u32 } }", "1:33: expected '}', found an identifier"},
        {"interface i { resource r { async constructor(); } }",
         "1:28: expected `constructor` or identifier, found keyword `async`"},
        {"interface i { resource r x }", "1:26: expected ';', found an identifier"},
        {"interface i { use x.y; }", "1:21: expected '{', found an identifier"},
        {"interface i { use x; }", "1:20: expected '.', found ';'"},
        {"world w { import x@1.0.0; }", "1:19: expected ';', found `@`"},
        {"world w { include x with { a: b } }", "1:29: expected keyword `as`, found ':'"},
        {"package a:b x", "1:13: expected '{', found an identifier"},
        {"package a:b; package c:d;", "1:25: expected '{', found ';'"},
        {"package a;", "1:10: expected ':', found ';'"},
        {"package a:b@1.x;", "1:15: expected an integer, found an identifier"},
        {"package a:b@1;", "1:14: expected '.', found ';'"},
        {"interface i { type x = 1.0.0; }", "1:24: expected a type, found an integer"},
        {"@1.0.0 interface i {}", "1:2: expected an identifier or string, found an integer"},
        {"package a:b@01.0.0;", "1:13: invalid leading zero in major version number"},
        {"package a:b@1.0.0-rc.1 .2;",
         "1:13: unexpected character ' ' after pre-release identifier"},
        {"package a:b@1.0.99999999999999999999;",
         "1:13: value of patch version number exceeds u64::MAX"},
        {"package a:b@1.0.0-a..b;", "1:20: expected '{', found '.'"},
        {"package a:b@1.0.0-+x;", "1:13: empty identifier segment in pre-release identifier"},
        {"package a:b@1.0.0-;", NULL},
        {"package a:b@1.0.0-01;", "1:13: invalid leading zero in pre-release identifier"},
        {"package a:b@1.0.0+;", NULL},
        {"@foo interface i {}", "1:2: unknown attribute `foo`"},
        {"@since(feature = x) interface i {}", "1:8: expected `version`, found `feature`"},
        {"@since(version = x) interface i {}", "1:18: expected an integer, found an identifier"},
        {"@unstable(version = 1.0.0) interface i {}", "1:11: expected `feature`, found `version`"},
        {"@unstable(feature = 1.0.0) interface i {}",
         "1:21: expected an identifier or string, found an integer"},
        {"@external-id(x) interface i {}", "1:14: expected a string literal, found an identifier"},
        {"@since(\"x\") interface i {}",
         "1:8: expected an identifier or string, found a string literal"},
        {"@since(version = 1.0.0) package a:b {}",
         "1:25: cannot place attributes on nested packages"},
        {"@since interface i {}", "1:8: expected '(', found keyword `interface`"},
        /* Attribute checks come before the next token is even lexed, as in wit-parser. */
        {"@d\\eprecated(version = 1.0.0) interface i {}", "1:2: unknown attribute `d`"},
        {"@since(feature \\", "1:8: expected `version`, found `feature`"},
        {"@unstable(\"s\" = x) interface i {}",
         "1:11: expected an identifier or string, found a string literal"},
        {"@since(version = reuse x)", "1:18: expected an integer, found an identifier"},
        /* lemon's default reductions must not narrow "expected": an empty list is still a
         * list that could have had an element. */
        {"interface i { f: func(@since(version = 1.0.0)) -> x; }",
         "1:23: expected an identifier or string, found `@`"},
        {"interface i { record r {", "1:25: expected an identifier or string, found eof"},
        {"interface i { use foo.{;bar}; }", "1:24: expected an identifier or string, found ';'"},
        {"interface i { f: func() -> tuple<u8,; }", "1:37: expected a type, found ';'"},
        {"interface Foo-bar {}", "1:11: invalid character in identifier 'o'"},
        {"interface a--b {}", "1:11: identifiers must have characters between '-'s"},
        {"interface % {}", "1:11: identifiers must have characters between '-'s"},
        {"interface a_b {}", "1:11: invalid character in identifier '_'"},
        {"interface i { f: func(x: u32) -> x-; }",
         "1:34: identifiers must have characters between '-'s"},
        {"interface i {} #", "1:16: unexpected character '#'"},
        {"interface i { /* open", "1:15: unterminated block comment"},
        {"interface i {}\n\n  \x01", "3:3: Control code '\\u{1}'"},
        {"syntax error here; \xe2\x80\xae", "1:20: Input contains bidirectional override codepoint "
                                            "EscapeUnicode(EscapeIterInner('\\u{202e}'))"},
        {"interface i {}\xff", "1:15: invalid UTF-8 (byte 0xff)"},
        {"@external-id(\"\\q\") interface i {}", "1:16: invalid string escape 'q'"},
        {"interface i { f: func(x: u32) -> u32 }", "1:38: expected ';', found '}'"},
        {"interface i { f: func(); } }", "1:28: expected `world`, `interface` or `use`, found '}'"},
        {"package a:b { interface i {}", "1:29: expected `world`, `interface` or `use`, found eof"},
        {"world w { import a: b:c/d@1.0.0 x }", "1:33: expected ';', found an identifier"},
        {"world w { import a: b x }", "1:23: expected ';', found an identifier"},
        {"world w { import a: }", "1:21: expected an identifier or string, found '}'"},
        {"interface i { type x = result<_ u8>; }", "1:33: expected ',', found keyword `u8`"},
        {"interface i { type x = own<u8>; }",
         "1:28: expected an identifier or string, found keyword `u8`"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[512] = "";
        witc_ast *ast = parse(*state, cases[i].text, msg, sizeof msg);
        if (ast) {
            witc_ast_free(ast);
            if (cases[i].want)
                fail_msg("case %zu parsed, want error: %s\n%s", i, cases[i].want, cases[i].text);
            continue;
        }
        if (!cases[i].want)
            continue; /* must only fail cleanly */
        if (strcmp(msg, cases[i].want) != 0)
            fail_msg("case %zu: got `%s`\nwant `%s`\n%s", i, msg, cases[i].want, cases[i].text);
    }
}

/* Builds `prefix` + n openers + innermost + n closers into buf. */
static void nest(char *buf, size_t size, const char *prefix, const char *open, const char *inner,
                 const char *close, const char *suffix, int n)
{
    size_t len = (size_t)snprintf(buf, size, "%s", prefix);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s", open);
    len += (size_t)snprintf(buf + len, size - len, "%s", inner);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s", close);
    snprintf(buf + len, size - len, "%s", suffix);
}

static void test_wit_parser_depth_limits(void **state)
{
    witc_ctx *ctx = *state;
    static char buf[64 * 1024];
    char msg[512];
    /* 99 nested lists hold 100 types: fine. One more is "type nesting too deep", reported
     * at the innermost type's first token. */
    nest(buf, sizeof buf, "interface i { type t = ", "list<", "u8", ">", "; }", 99);
    witc_ast *ast = parse_ok(ctx, buf);
    witc_ast_free(ast);
    nest(buf, sizeof buf, "interface i { type t = ", "list<", "u8", ">", "; }", 100);
    assert_null(parse(ctx, buf, msg, sizeof msg));
    assert_string_equal(msg, "1:524: type nesting too deep");
    nest(buf, sizeof buf, "interface i { type t = ", "tuple<u8, ", "u8", ">", "; }", 100);
    assert_null(parse(ctx, buf, msg, sizeof msg));
    assert_true(strstr(msg, "type nesting too deep") != NULL);
    /* The limit comes from the context. */
    witc_limits *limits = witc_ctx_limits(ctx);
    const uint32_t saved = limits->wit_type_depth;
    limits->wit_type_depth = 2;
    assert_null(parse(ctx, "interface i { type t = option<option<u8>>; }", msg, sizeof msg));
    assert_string_equal(msg, "1:38: type nesting too deep");
    limits->wit_type_depth = saved;
    /* Packages: a 101st level is too deep (wit-parser MAX_ITEM_DEPTH counts from 0). */
    nest(buf, sizeof buf, "", "package a:b {\n", "", "}\n", "", 101);
    assert_null(parse(ctx, buf, msg, sizeof msg));
    assert_string_equal(msg, "101:1: package nesting too deep");
    nest(buf, sizeof buf, "", "package a:b {\n", "", "}\n", "", 100);
    ast = parse_ok(ctx, buf);
    witc_ast_free(ast);
    /* Past what the parser stack holds, with the limits raised: an error, not a crash. */
    limits->wit_type_depth = 100000;
    nest(buf, sizeof buf, "interface i { type t = ", "tuple<u8, ", "u8", ">", "; }", 2000);
    assert_null(parse(ctx, buf, msg, sizeof msg));
    assert_true(strstr(msg, "nesting too deep") != NULL);
    limits->wit_type_depth = saved;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wit_parser_package_header_and_docs),
        cmocka_unit_test(test_wit_parser_docs_stripping),
        cmocka_unit_test(test_wit_parser_type_definitions),
        cmocka_unit_test(test_wit_parser_every_type),
        cmocka_unit_test(test_wit_parser_worlds),
        cmocka_unit_test(test_wit_parser_nested_packages_and_toplevel_use),
        cmocka_unit_test(test_wit_parser_attributes),
        cmocka_unit_test(test_wit_parser_version_forms),
        cmocka_unit_test(test_wit_parser_crlf_bom_and_comments),
        cmocka_unit_test(test_wit_parser_empty_inputs),
        cmocka_unit_test(test_wit_parser_errors),
        cmocka_unit_test(test_wit_parser_depth_limits),
    };
    return cmocka_run_group_tests_name("wit-parser", tests, setup, teardown);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT grammar (component-model design/mvp/WIT.md, shaped like wit-parser's ast.rs) for
** lemon. The grammar only gives the shape: every action is one call into ast-build.c, which
** builds nodes in the AST arena and reports the few checks that need names (attributes,
** nesting depth, a second `package x;` header). The driver (parse.c) is the only code that
** feeds tokens in; it folds `maj.min.patch[-pre][+build]` into one VERSION token and stops at
** the first error, as SQLite's YYNOERRORRECOVERY does.
*/

%name witc_wit_parser
%token_prefix WITC_TK_
%token_type {witc_token}
%extra_context {witc_parse_state *ps}
%stack_size 1024
%start_symbol file

/* Terminals in a fixed order, so token codes do not move when rules change. Rows after
** STRLIT are keywords; ID/EXPLICIT_ID/INTEGER come from the lexer as well; VERSION is made
** by the driver. STAR, PLUS and MINUS never reach the grammar but keep a code so every
** lexer token has a description. */
%token EQUALS COMMA COLON PERIOD SEMICOLON LPAREN RPAREN LBRACE RBRACE LT GT RARROW STAR AT
       SLASH PLUS MINUS STRLIT
       USE TYPE FUNC U8 U16 U32 U64 S8 S16 S32 S64 F32 F64 CHAR RECORD RESOURCE OWN BORROW
       FLAGS VARIANT ENUM BOOL STRING OPTION RESULT FUTURE STREAM ERROR_CONTEXT LIST MAP
       UNDERSCORE AS FROM STATIC INTERFACE TUPLE IMPORT EXPORT WORLD PACKAGE CONSTRUCTOR
       ASYNC INCLUDE WITH
       ID EXPLICIT_ID INTEGER VERSION.

%include {
#include "wit-parser/internal.h"

#include <assert.h>

/* Stop at the first error: no error symbol, no recovery (SQLite). */
#define YYNOERRORRECOVERY 1
#define YYPARSEFREENEVERNULL 1
#define YYMALLOCARGTYPE size_t

static void report_syntax_error(witc_parse_state *ps, const void *parser, int major,
                                witc_token tok);
}

%syntax_error { report_syntax_error(ps, yypParser, yymajor, TOKEN); }
%stack_overflow { witc_astb_nesting_too_deep(ps); }

%code {
/* Whether the parser, in its current state, would shift `tok` after any reductions. Used
** for "expected X" messages and by the driver to decide whether a malformed identifier is
** where an identifier belongs. It only reads the parser. */
bool witc_wit_parser_accepts(const void *parser, int tok)
{
    const yyParser *p = parser;
    /* The real stack is read, never written: reductions pop into it (`real` moves down) and
    ** their gotos are pushed on a small overlay instead. */
    int real = (int)(p->yytos - p->yystack);
    YYACTIONTYPE overlay[64];
    int n_overlay = 0;
    for (int guard = 0; guard < 10000; guard++) {
        const YYACTIONTYPE state = n_overlay ? overlay[n_overlay - 1] : p->yystack[real].stateno;
        const YYACTIONTYPE act = yy_find_shift_action((YYCODETYPE)tok, state);
        if (act >= YY_MIN_REDUCE && act <= YY_MAX_REDUCE) {
            const unsigned rule = act - YY_MIN_REDUCE;
            const int pop = -yyRuleInfoNRhs[rule];
            if (pop <= n_overlay) {
                n_overlay -= pop;
            } else {
                real -= pop - n_overlay;
                n_overlay = 0;
                if (real < 0)
                    return false;
            }
            const YYACTIONTYPE below = n_overlay ? overlay[n_overlay - 1] : p->yystack[real].stateno;
            if (n_overlay == (int)(sizeof overlay / sizeof overlay[0]))
                return true; /* deeper than any WIT rule chain; let the parser decide */
            overlay[n_overlay++] = yy_find_reduce_action(below, yyRuleInfoLhs[rule]);
        } else {
            return act <= YY_MAX_SHIFTREDUCE || act == YY_ACCEPT_ACTION;
        }
    }
    return false;
}

size_t witc_wit_parser_size(void)
{
    return sizeof(yyParser);
}

int witc_wit_parser_token_count(void)
{
    return YYNTOKEN;
}

static void report_syntax_error(witc_parse_state *ps, const void *parser, int major,
                                witc_token tok)
{
    witc_astb_syntax_error(ps, parser, major, tok);
}
}

%type id {witc_ast_id}
%type version {witc_ast_version *}
%type pkgname {witc_ast_package_name *}
%type usepath {witc_ast_use_path *}
%type decls {witc_plist}
%type decl {witc_slot}
%type pkg_kw {witc_token}
%type pkg_open {witc_ast_package_file *}
%type as_opt {witc_ast_id *}
%type attrs {witc_plist}
%type attr {witc_slot}
%type attr_name {witc_slot}
%type attr_key {witc_ast_id}
%type iface_items {witc_plist}
%type iface_item {witc_slot}
%type world_items {witc_plist}
%type world_item {witc_slot}
%type typedef {witc_ast_typedef *}
%type use {witc_ast_use *}
%type use_names {witc_plist}
%type use_names1 {witc_plist}
%type use_name {witc_slot}
%type include_names {witc_plist}
%type include_names1 {witc_plist}
%type include_name {witc_slot}
%type extern {witc_ast_extern *}
%type func {witc_ast_func *}
%type func_kw {witc_ast_func *}
%type params {witc_plist}
%type params1 {witc_plist}
%type param {witc_slot}
%type result_opt {witc_ast_type *}
%type fields {witc_plist}
%type fields1 {witc_plist}
%type field {witc_slot}
%type field_name {witc_slot}
%type flags {witc_plist}
%type flags1 {witc_plist}
%type cases {witc_plist}
%type cases1 {witc_plist}
%type case {witc_slot}
%type resource_items {witc_plist}
%type resource_item {witc_slot}
%type ctor_head {witc_slot}
%type type {witc_ast_type *}
%type list_open {witc_ast_type *}
%type map_open {witc_ast_type *}
%type option_open {witc_ast_type *}
%type result_open {witc_ast_type *}
%type future_open {witc_ast_type *}
%type stream_open {witc_ast_type *}
%type tuple_open {witc_ast_type *}
%type types {witc_plist}
%type types1 {witc_plist}

/* ---- Files and packages ------------------------------------------------------------- */

file ::= decls(D). { witc_astb_file(ps, D); }

decls(L) ::= . { L = witc_astb_list_empty(); }
decls(L) ::= decls(A) decl(D). { L = witc_astb_decls_push(ps, A, D); }

decl(D) ::= attrs(A) INTERFACE(K) id(N) LBRACE iface_items(I) RBRACE.
    { D = witc_astb_decl_interface(ps, A, K, N, I); }
decl(D) ::= attrs(A) WORLD(K) id(N) LBRACE world_items(I) RBRACE.
    { D = witc_astb_decl_world(ps, A, K, N, I); }
decl(D) ::= attrs(A) USE(K) usepath(P) as_opt(S) SEMICOLON.
    { D = witc_astb_decl_use(ps, A, K, P, S); }
decl(D) ::= pkg_kw(K) pkgname(N) SEMICOLON(S). { D = witc_astb_decl_header(ps, K, N, S); }
decl(D) ::= pkg_open(P) decls(L) RBRACE. { D = witc_astb_decl_package(ps, P, L); }

pkg_kw(K) ::= attrs(A) PACKAGE(T). { K = witc_astb_package_keyword(ps, A, T); }
pkg_open(P) ::= pkg_kw(K) pkgname(N) LBRACE. { P = witc_astb_package_open(ps, K, N); }

pkgname(P) ::= id(A) COLON id(B). { P = witc_astb_pkgname(ps, A, B, NULL); }
pkgname(P) ::= id(A) COLON id(B) AT version(V). { P = witc_astb_pkgname(ps, A, B, V); }

version(V) ::= VERSION(T). { V = witc_astb_version(ps, T); }

usepath(P) ::= id(N). { P = witc_astb_usepath_local(ps, N); }
usepath(P) ::= id(A) COLON id(B) SLASH id(N).
    { P = witc_astb_usepath_package(ps, A, B, N, NULL); }
usepath(P) ::= id(A) COLON id(B) SLASH id(N) AT version(V).
    { P = witc_astb_usepath_package(ps, A, B, N, V); }

as_opt(S) ::= . { S = NULL; }
as_opt(S) ::= AS id(N). { S = witc_astb_id_copy(ps, N); }

id(I) ::= ID(T). { I = witc_astb_id(ps, T); }
id(I) ::= EXPLICIT_ID(T). { I = witc_astb_id(ps, T); }

/* ---- Attributes: @since(version = V) @unstable(feature = F) @deprecated(version = V)
** @external-id("s"). The name and key are checked as soon as they are read, as wit-parser
** does, so a later syntax error does not hide them. */

attrs(L) ::= . { L = witc_astb_list_empty(); }
attrs(L) ::= attrs(A) attr(X). { L = witc_astb_attrs_push(ps, A, X); }

attr_name(X) ::= AT(T) id(N). { X = witc_astb_attr_name(ps, T, N); }
attr_key(K) ::= id(N). { K = witc_astb_attr_key(ps, N); }

attr(X) ::= attr_name(A) LPAREN attr_key EQUALS version(V) RPAREN.
    { X = witc_astb_attr_version(ps, A, V); }
attr(X) ::= attr_name(A) LPAREN attr_key EQUALS id(F) RPAREN.
    { X = witc_astb_attr_feature(ps, A, F); }
attr(X) ::= attr_name(A) LPAREN STRLIT(S) RPAREN. { X = witc_astb_attr_string(ps, A, S); }

/* ---- Interfaces ----------------------------------------------------------------------- */

iface_items(L) ::= . { L = witc_astb_list_empty(); }
iface_items(L) ::= iface_items(A) iface_item(I). { L = witc_astb_list_add(ps, A, I); }

iface_item(I) ::= typedef(T). { I = witc_astb_iface_typedef(ps, T); }
iface_item(I) ::= attrs(A) id(N) COLON func(F) SEMICOLON.
    { I = witc_astb_iface_func(ps, A, N, F); }
iface_item(I) ::= use(U). { I = witc_astb_iface_use(ps, U); }

use(U) ::= attrs(A) USE(K) usepath(P) PERIOD LBRACE use_names(N) RBRACE SEMICOLON.
    { U = witc_astb_use(ps, A, K, P, N); }

use_names(L) ::= . { L = witc_astb_list_empty(); }
use_names(L) ::= use_names1(A). { L = A; }
use_names(L) ::= use_names1(A) COMMA. { L = A; }
use_names1(L) ::= use_name(N). { L = witc_astb_list_add(ps, witc_astb_list_empty(), N); }
use_names1(L) ::= use_names1(A) COMMA use_name(N). { L = witc_astb_list_add(ps, A, N); }
use_name(U) ::= id(N). { U = witc_astb_use_name(ps, N, NULL); }
use_name(U) ::= id(N) AS id(S). { U = witc_astb_use_name(ps, N, &S); }

/* ---- Type definitions (interfaces and worlds) ---------------------------------------- */

typedef(T) ::= attrs(A) TYPE(K) id(N) EQUALS type(Y) SEMICOLON.
    { T = witc_astb_typedef_alias(ps, A, K, N, Y); }
typedef(T) ::= attrs(A) RECORD(K) id(N) LBRACE fields(F) RBRACE.
    { T = witc_astb_typedef_fields(ps, A, K, N, WITC_AST_RECORD, F); }
typedef(T) ::= attrs(A) FLAGS(K) id(N) LBRACE flags(F) RBRACE.
    { T = witc_astb_typedef_fields(ps, A, K, N, WITC_AST_FLAGS, F); }
typedef(T) ::= attrs(A) VARIANT(K) id(N) LBRACE cases(F) RBRACE.
    { T = witc_astb_typedef_fields(ps, A, K, N, WITC_AST_VARIANT, F); }
typedef(T) ::= attrs(A) ENUM(K) id(N) LBRACE flags(F) RBRACE.
    { T = witc_astb_typedef_fields(ps, A, K, N, WITC_AST_ENUM, F); }
typedef(T) ::= attrs(A) RESOURCE(K) id(N) SEMICOLON.
    { T = witc_astb_typedef_resource(ps, A, K, N, NULL); }
typedef(T) ::= attrs(A) RESOURCE(K) id(N) LBRACE resource_items(R) RBRACE.
    { T = witc_astb_typedef_resource(ps, A, K, N, &R); }

fields(L) ::= . { L = witc_astb_list_empty(); }
fields(L) ::= fields1(A). { L = A; }
fields(L) ::= fields1(A) COMMA. { L = A; }
fields1(L) ::= field(F). { L = witc_astb_list_add(ps, witc_astb_list_empty(), F); }
fields1(L) ::= fields1(A) COMMA field(F). { L = witc_astb_list_add(ps, A, F); }
field(F) ::= id(N) COLON type(T). { F = witc_astb_field(ps, N, T); }

flags(L) ::= . { L = witc_astb_list_empty(); }
flags(L) ::= flags1(A). { L = A; }
flags(L) ::= flags1(A) COMMA. { L = A; }
flags1(L) ::= field_name(F). { L = witc_astb_list_add(ps, witc_astb_list_empty(), F); }
flags1(L) ::= flags1(A) COMMA field_name(F). { L = witc_astb_list_add(ps, A, F); }
field_name(F) ::= id(N). { F = witc_astb_field(ps, N, NULL); }

cases(L) ::= . { L = witc_astb_list_empty(); }
cases(L) ::= cases1(A). { L = A; }
cases(L) ::= cases1(A) COMMA. { L = A; }
cases1(L) ::= case(F). { L = witc_astb_list_add(ps, witc_astb_list_empty(), F); }
cases1(L) ::= cases1(A) COMMA case(F). { L = witc_astb_list_add(ps, A, F); }
case(F) ::= id(N). { F = witc_astb_field(ps, N, NULL); }
case(F) ::= id(N) LPAREN type(T) RPAREN. { F = witc_astb_field(ps, N, T); }

resource_items(L) ::= . { L = witc_astb_list_empty(); }
resource_items(L) ::= resource_items(A) resource_item(F). { L = witc_astb_list_add(ps, A, F); }

resource_item(F) ::= ctor_head(C) SEMICOLON. { F = C; }
resource_item(F) ::= ctor_head(C) RARROW type(T) SEMICOLON. { F = witc_astb_ctor_result(ps, C, T); }
ctor_head(F) ::= attrs(A) CONSTRUCTOR(K) LPAREN params(P) RPAREN.
    { F = witc_astb_ctor(ps, A, K, P); }
resource_item(F) ::= attrs(A) id(N) COLON func(U) SEMICOLON.
    { F = witc_astb_resource_func(ps, A, N, WITC_AST_FUNC_METHOD, U); }
resource_item(F) ::= attrs(A) id(N) COLON STATIC func(U) SEMICOLON.
    { F = witc_astb_resource_func(ps, A, N, WITC_AST_FUNC_STATIC, U); }

/* ---- Functions ------------------------------------------------------------------------ */

func_kw(F) ::= FUNC(K). { F = witc_astb_func_begin(ps, K, false); }
func_kw(F) ::= ASYNC FUNC(K). { F = witc_astb_func_begin(ps, K, true); }
func(F) ::= func_kw(B) LPAREN params(P) RPAREN result_opt(R). { F = witc_astb_func(ps, B, P, R); }

result_opt(R) ::= . { R = NULL; }
result_opt(R) ::= RARROW type(T). { R = T; }

params(L) ::= . { L = witc_astb_list_empty(); }
params(L) ::= params1(A). { L = A; }
params(L) ::= params1(A) COMMA. { L = A; }
params1(L) ::= param(P). { L = witc_astb_list_add(ps, witc_astb_list_empty(), P); }
params1(L) ::= params1(A) COMMA param(P). { L = witc_astb_list_add(ps, A, P); }
param(P) ::= id(N) COLON type(T). { P = witc_astb_param(ps, N, T); }

/* ---- Worlds --------------------------------------------------------------------------- */

world_items(L) ::= . { L = witc_astb_list_empty(); }
world_items(L) ::= world_items(A) world_item(I). { L = witc_astb_list_add(ps, A, I); }

world_item(I) ::= attrs(A) IMPORT(K) extern(E). { I = witc_astb_world_extern(ps, A, K, WITC_AST_WORLD_IMPORT, E); }
world_item(I) ::= attrs(A) EXPORT(K) extern(E). { I = witc_astb_world_extern(ps, A, K, WITC_AST_WORLD_EXPORT, E); }
world_item(I) ::= use(U). { I = witc_astb_world_use(ps, U); }
world_item(I) ::= typedef(T). { I = witc_astb_world_typedef(ps, T); }
world_item(I) ::= attrs(A) INCLUDE(K) usepath(P) SEMICOLON.
    { I = witc_astb_world_include(ps, A, K, P, NULL); }
world_item(I) ::= attrs(A) INCLUDE(K) usepath(P) WITH LBRACE include_names(N) RBRACE.
    { I = witc_astb_world_include(ps, A, K, P, &N); }

include_names(L) ::= . { L = witc_astb_list_empty(); }
include_names(L) ::= include_names1(A). { L = A; }
include_names(L) ::= include_names1(A) COMMA. { L = A; }
include_names1(L) ::= include_name(N). { L = witc_astb_list_add(ps, witc_astb_list_empty(), N); }
include_names1(L) ::= include_names1(A) COMMA include_name(N). { L = witc_astb_list_add(ps, A, N); }
include_name(I) ::= id(N) AS id(S). { I = witc_astb_include_name(ps, N, S); }

extern(E) ::= id(N) COLON func(F) SEMICOLON. { E = witc_astb_extern_func(ps, N, F); }
extern(E) ::= id(N) COLON INTERFACE LBRACE iface_items(I) RBRACE.
    { E = witc_astb_extern_interface(ps, N, I); }
extern(E) ::= id(N) SEMICOLON. { E = witc_astb_extern_path(ps, NULL, witc_astb_usepath_local(ps, N)); }
extern(E) ::= id(A) COLON id(B) SLASH id(N) SEMICOLON.
    { E = witc_astb_extern_path(ps, NULL, witc_astb_usepath_package(ps, A, B, N, NULL)); }
extern(E) ::= id(A) COLON id(B) SLASH id(N) AT version(V) SEMICOLON.
    { E = witc_astb_extern_path(ps, NULL, witc_astb_usepath_package(ps, A, B, N, V)); }
extern(E) ::= id(L) COLON id(N) SEMICOLON.
    { E = witc_astb_extern_path(ps, &L, witc_astb_usepath_local(ps, N)); }
extern(E) ::= id(L) COLON id(A) COLON id(B) SLASH id(N) SEMICOLON.
    { E = witc_astb_extern_path(ps, &L, witc_astb_usepath_package(ps, A, B, N, NULL)); }
extern(E) ::= id(L) COLON id(A) COLON id(B) SLASH id(N) AT version(V) SEMICOLON.
    { E = witc_astb_extern_path(ps, &L, witc_astb_usepath_package(ps, A, B, N, V)); }

/* ---- Types: each one checks the nesting depth at its first token, as wit-parser's
** Type::parse_at_depth does; `type_open` rules raise the depth, the closing rules lower it. */

type(T) ::= BOOL(K). { T = witc_astb_type_simple(ps, WITC_AST_BOOL, K); }
type(T) ::= U8(K). { T = witc_astb_type_simple(ps, WITC_AST_U8, K); }
type(T) ::= U16(K). { T = witc_astb_type_simple(ps, WITC_AST_U16, K); }
type(T) ::= U32(K). { T = witc_astb_type_simple(ps, WITC_AST_U32, K); }
type(T) ::= U64(K). { T = witc_astb_type_simple(ps, WITC_AST_U64, K); }
type(T) ::= S8(K). { T = witc_astb_type_simple(ps, WITC_AST_S8, K); }
type(T) ::= S16(K). { T = witc_astb_type_simple(ps, WITC_AST_S16, K); }
type(T) ::= S32(K). { T = witc_astb_type_simple(ps, WITC_AST_S32, K); }
type(T) ::= S64(K). { T = witc_astb_type_simple(ps, WITC_AST_S64, K); }
type(T) ::= F32(K). { T = witc_astb_type_simple(ps, WITC_AST_F32, K); }
type(T) ::= F64(K). { T = witc_astb_type_simple(ps, WITC_AST_F64, K); }
type(T) ::= CHAR(K). { T = witc_astb_type_simple(ps, WITC_AST_CHAR, K); }
type(T) ::= STRING(K). { T = witc_astb_type_simple(ps, WITC_AST_STRING, K); }
type(T) ::= ERROR_CONTEXT(K). { T = witc_astb_type_simple(ps, WITC_AST_ERROR_CONTEXT, K); }
type(T) ::= RESULT(K). { T = witc_astb_type_simple(ps, WITC_AST_RESULT, K); }
type(T) ::= FUTURE(K). { T = witc_astb_type_simple(ps, WITC_AST_FUTURE, K); }
type(T) ::= STREAM(K). { T = witc_astb_type_simple(ps, WITC_AST_STREAM, K); }
type(T) ::= id(N). { T = witc_astb_type_name(ps, N); }
type(T) ::= OWN(K) LT id(N) GT(E). { T = witc_astb_type_handle(ps, WITC_AST_OWN, K, N, E); }
type(T) ::= BORROW(K) LT id(N) GT(E). { T = witc_astb_type_handle(ps, WITC_AST_BORROW, K, N, E); }

list_open(T) ::= LIST(K) LT. { T = witc_astb_type_open(ps, WITC_AST_LIST, K); }
map_open(T) ::= MAP(K) LT. { T = witc_astb_type_open(ps, WITC_AST_MAP, K); }
option_open(T) ::= OPTION(K) LT. { T = witc_astb_type_open(ps, WITC_AST_OPTION, K); }
result_open(T) ::= RESULT(K) LT. { T = witc_astb_type_open(ps, WITC_AST_RESULT, K); }
future_open(T) ::= FUTURE(K) LT. { T = witc_astb_type_open(ps, WITC_AST_FUTURE, K); }
stream_open(T) ::= STREAM(K) LT. { T = witc_astb_type_open(ps, WITC_AST_STREAM, K); }
tuple_open(T) ::= TUPLE(K) LT. { T = witc_astb_type_open(ps, WITC_AST_TUPLE, K); }

type(T) ::= list_open(O) type(A) GT(E). { T = witc_astb_type_close(ps, O, A, NULL, E); }
type(T) ::= list_open(O) type(A) COMMA INTEGER(N) GT(E). { T = witc_astb_type_fixed(ps, O, A, N, E); }
type(T) ::= map_open(O) type(A) COMMA type(B) GT(E). { T = witc_astb_type_close(ps, O, A, B, E); }
type(T) ::= option_open(O) type(A) GT(E). { T = witc_astb_type_close(ps, O, A, NULL, E); }
type(T) ::= result_open(O) type(A) GT(E). { T = witc_astb_type_close(ps, O, A, NULL, E); }
type(T) ::= result_open(O) type(A) COMMA type(B) GT(E). { T = witc_astb_type_close(ps, O, A, B, E); }
type(T) ::= result_open(O) UNDERSCORE COMMA type(B) GT(E). { T = witc_astb_type_close(ps, O, NULL, B, E); }
type(T) ::= future_open(O) type(A) GT(E). { T = witc_astb_type_close(ps, O, A, NULL, E); }
type(T) ::= stream_open(O) type(A) GT(E). { T = witc_astb_type_close(ps, O, A, NULL, E); }
type(T) ::= tuple_open(O) types(L) GT(E). { T = witc_astb_type_tuple(ps, O, L, E); }

types(L) ::= . { L = witc_astb_list_empty(); }
types(L) ::= types1(A). { L = A; }
types(L) ::= types1(A) COMMA. { L = A; }
types1(L) ::= type(T). { L = witc_astb_list_push_ptr(ps, witc_astb_list_empty(), T); }
types1(L) ::= types1(A) COMMA type(T). { L = witc_astb_list_push_ptr(ps, A, T); }

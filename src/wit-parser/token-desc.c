/* SPDX-License-Identifier: Apache-2.0 */
/* How messages name each token, in wit-parser's words (ast/lex.rs Token::describe), indexed
 * by the grammar's WITC_TK_* codes. The unit tests check every code has an entry. */
#include "wit-parser/internal.h"

/* Fixed-size rows rather than pointers: no relocations, so the table stays read-only even in
 * position-independent code (tests/check-no-globals.sh). */
static const char token_descriptions[][28] = {
    [0] = "eof",
    [WITC_TK_EQUALS] = "'='",
    [WITC_TK_COMMA] = "','",
    [WITC_TK_COLON] = "':'",
    [WITC_TK_PERIOD] = "'.'",
    [WITC_TK_SEMICOLON] = "';'",
    [WITC_TK_LPAREN] = "'('",
    [WITC_TK_RPAREN] = "')'",
    [WITC_TK_LBRACE] = "'{'",
    [WITC_TK_RBRACE] = "'}'",
    [WITC_TK_LT] = "'<'",
    [WITC_TK_GT] = "'>'",
    [WITC_TK_RARROW] = "`->`",
    [WITC_TK_STAR] = "`*`",
    [WITC_TK_AT] = "`@`",
    [WITC_TK_SLASH] = "`/`",
    [WITC_TK_PLUS] = "`+`",
    [WITC_TK_MINUS] = "`-`",
    [WITC_TK_STRLIT] = "a string literal",
    [WITC_TK_USE] = "keyword `use`",
    [WITC_TK_TYPE] = "keyword `type`",
    [WITC_TK_FUNC] = "keyword `func`",
    [WITC_TK_U8] = "keyword `u8`",
    [WITC_TK_U16] = "keyword `u16`",
    [WITC_TK_U32] = "keyword `u32`",
    [WITC_TK_U64] = "keyword `u64`",
    [WITC_TK_S8] = "keyword `s8`",
    [WITC_TK_S16] = "keyword `s16`",
    [WITC_TK_S32] = "keyword `s32`",
    [WITC_TK_S64] = "keyword `s64`",
    [WITC_TK_F32] = "keyword `f32`",
    [WITC_TK_F64] = "keyword `f64`",
    [WITC_TK_CHAR] = "keyword `char`",
    [WITC_TK_RECORD] = "keyword `record`",
    [WITC_TK_RESOURCE] = "keyword `resource`",
    [WITC_TK_OWN] = "keyword `own`",
    [WITC_TK_BORROW] = "keyword `borrow`",
    [WITC_TK_FLAGS] = "keyword `flags`",
    [WITC_TK_VARIANT] = "keyword `variant`",
    [WITC_TK_ENUM] = "keyword `enum`",
    [WITC_TK_BOOL] = "keyword `bool`",
    [WITC_TK_STRING] = "keyword `string`",
    [WITC_TK_OPTION] = "keyword `option`",
    [WITC_TK_RESULT] = "keyword `result`",
    [WITC_TK_FUTURE] = "keyword `future`",
    [WITC_TK_STREAM] = "keyword `stream`",
    [WITC_TK_ERROR_CONTEXT] = "keyword `error-context`",
    [WITC_TK_LIST] = "keyword `list`",
    [WITC_TK_MAP] = "keyword `map`",
    [WITC_TK_UNDERSCORE] = "keyword `_`",
    [WITC_TK_AS] = "keyword `as`",
    [WITC_TK_FROM] = "keyword `from`",
    [WITC_TK_STATIC] = "keyword `static`",
    [WITC_TK_INTERFACE] = "keyword `interface`",
    [WITC_TK_TUPLE] = "keyword `tuple`",
    [WITC_TK_IMPORT] = "keyword `import`",
    [WITC_TK_EXPORT] = "keyword `export`",
    [WITC_TK_WORLD] = "keyword `world`",
    [WITC_TK_PACKAGE] = "keyword `package`",
    [WITC_TK_CONSTRUCTOR] = "keyword `constructor`",
    [WITC_TK_ASYNC] = "keyword `async`",
    [WITC_TK_INCLUDE] = "keyword `include`",
    [WITC_TK_WITH] = "keyword `with`",
    [WITC_TK_ID] = "an identifier",
    [WITC_TK_EXPLICIT_ID] = "an '%' identifier",
    [WITC_TK_INTEGER] = "an integer",
    /* The driver folds `1.2.3-pre+build` into one token that starts with an integer. */
    [WITC_TK_VERSION] = "an integer",
};

const char *witc_wit_token_describe(int kind)
{
    if (kind < 0 || (size_t)kind >= sizeof token_descriptions / sizeof token_descriptions[0] ||
        !token_descriptions[kind][0])
        return "a token";
    return token_descriptions[kind];
}

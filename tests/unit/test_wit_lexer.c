/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for src/wit-lexer: every token kind, every error kind, identifier validation
 * (wit-parser's validate_id cases), string decoding and error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "wit-lexer/lexer.h"
#include "wit-parser/internal.h"

/* Lexes the first token of `s` (NUL-terminated, as the source map guarantees). */
static int lex1(const char *s, uint32_t *end, witc_lex_error *err)
{
    return witc_wit_lex(s, (uint32_t)strlen(s), 0, end, err);
}

static void test_wit_lexer_each_token_kind(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int kind;
        uint32_t end;
    } cases[] = {
        {"=", WITC_TK_EQUALS, 1},
        {",", WITC_TK_COMMA, 1},
        {":", WITC_TK_COLON, 1},
        {".", WITC_TK_PERIOD, 1},
        {";", WITC_TK_SEMICOLON, 1},
        {"(", WITC_TK_LPAREN, 1},
        {")", WITC_TK_RPAREN, 1},
        {"{", WITC_TK_LBRACE, 1},
        {"}", WITC_TK_RBRACE, 1},
        {"<", WITC_TK_LT, 1},
        {">", WITC_TK_GT, 1},
        {"->", WITC_TK_RARROW, 2},
        {"*", WITC_TK_STAR, 1},
        {"@", WITC_TK_AT, 1},
        {"/", WITC_TK_SLASH, 1},
        {"+", WITC_TK_PLUS, 1},
        {"-", WITC_TK_MINUS, 1},
        {"-x", WITC_TK_MINUS, 1},
        {"\"a\\\"b\" x", WITC_TK_STRLIT, 6},
        {"use", WITC_TK_USE, 3},
        {"type", WITC_TK_TYPE, 4},
        {"func", WITC_TK_FUNC, 4},
        {"u8", WITC_TK_U8, 2},
        {"u16", WITC_TK_U16, 3},
        {"u32", WITC_TK_U32, 3},
        {"u64", WITC_TK_U64, 3},
        {"s8", WITC_TK_S8, 2},
        {"s16", WITC_TK_S16, 3},
        {"s32", WITC_TK_S32, 3},
        {"s64", WITC_TK_S64, 3},
        {"f32", WITC_TK_F32, 3},
        {"f64", WITC_TK_F64, 3},
        {"char", WITC_TK_CHAR, 4},
        {"record", WITC_TK_RECORD, 6},
        {"resource", WITC_TK_RESOURCE, 8},
        {"own", WITC_TK_OWN, 3},
        {"borrow", WITC_TK_BORROW, 6},
        {"flags", WITC_TK_FLAGS, 5},
        {"variant", WITC_TK_VARIANT, 7},
        {"enum", WITC_TK_ENUM, 4},
        {"bool", WITC_TK_BOOL, 4},
        {"string", WITC_TK_STRING, 6},
        {"option", WITC_TK_OPTION, 6},
        {"result", WITC_TK_RESULT, 6},
        {"future", WITC_TK_FUTURE, 6},
        {"stream", WITC_TK_STREAM, 6},
        {"error-context", WITC_TK_ERROR_CONTEXT, 13},
        {"list", WITC_TK_LIST, 4},
        {"map", WITC_TK_MAP, 3},
        {"_", WITC_TK_UNDERSCORE, 1},
        {"as", WITC_TK_AS, 2},
        {"from", WITC_TK_FROM, 4},
        {"static", WITC_TK_STATIC, 6},
        {"interface", WITC_TK_INTERFACE, 9},
        {"tuple", WITC_TK_TUPLE, 5},
        {"import", WITC_TK_IMPORT, 6},
        {"export", WITC_TK_EXPORT, 6},
        {"world", WITC_TK_WORLD, 5},
        {"package", WITC_TK_PACKAGE, 7},
        {"constructor", WITC_TK_CONSTRUCTOR, 11},
        {"async", WITC_TK_ASYNC, 5},
        {"include", WITC_TK_INCLUDE, 7},
        {"with", WITC_TK_WITH, 4},
        /* Identifiers: longest match wins over keywords, lexed broadly. */
        {"u8x", WITC_TK_ID, 3},
        {"error-contexts", WITC_TK_ID, 14},
        {"foo-bar2 x", WITC_TK_ID, 8},
        {"_foo", WITC_TK_ID, 4},
        {"Foo_Bar", WITC_TK_ID, 7},
        {"caf\xc3\xa9;", WITC_TK_ID, 5},
        {"%interface", WITC_TK_EXPLICIT_ID, 10},
        {"%", WITC_TK_EXPLICIT_ID, 1},
        {"%1", WITC_TK_EXPLICIT_ID, 1},
        {"%-a", WITC_TK_EXPLICIT_ID, 3},
        {"0", WITC_TK_INTEGER, 1},
        {"123abc", WITC_TK_INTEGER, 3},
        /* Trivia. */
        {" \t\n\r\n x", WITC_LEX_WHITESPACE, 6},
        {"// c\nx", WITC_LEX_COMMENT, 5},
        {"// c\r\nx", WITC_LEX_COMMENT, 6},
        {"// at eof", WITC_LEX_COMMENT, 9},
        {"/// doc\n", WITC_LEX_COMMENT, 8},
        {"/* a /* b */ c */x", WITC_LEX_COMMENT, 17},
        {"/**/x", WITC_LEX_COMMENT, 4},
        {"/*/ */x", WITC_LEX_COMMENT, 6},
        {"", WITC_LEX_EOF, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t end = 12345;
        witc_lex_error err = {0};
        const int kind = lex1(cases[i].text, &end, &err);
        if (kind != cases[i].kind || end != cases[i].end)
            fail_msg("case %zu `%s`: kind %d end %u, want %d end %u", i, cases[i].text, kind, end,
                     cases[i].kind, cases[i].end);
    }
}

static void test_wit_lexer_cursor_is_pure(void **state)
{
    (void)state;
    const char *text = "interface foo { }";
    const uint32_t len = (uint32_t)strlen(text);
    static const int kinds[] = {WITC_TK_INTERFACE,   WITC_LEX_WHITESPACE, WITC_TK_ID,
                                WITC_LEX_WHITESPACE, WITC_TK_LBRACE,      WITC_LEX_WHITESPACE,
                                WITC_TK_RBRACE,      WITC_LEX_EOF};
    uint32_t pos = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        uint32_t end, again;
        witc_lex_error err;
        assert_int_equal(witc_wit_lex(text, len, pos, &end, &err), kinds[i]);
        /* Same cursor, same answer: nothing is remembered between calls. */
        assert_int_equal(witc_wit_lex(text, len, pos, &again, &err), kinds[i]);
        assert_int_equal(end, again);
        pos = end;
    }
    assert_int_equal(pos, len);
}

static void test_wit_lexer_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        witc_lex_error_kind kind;
        uint32_t pos;
        const char *msg;
    } cases[] = {
        {"#", WITC_LEX_E_UNEXPECTED, 0, "unexpected character '#'"},
        {"\r x", WITC_LEX_E_UNEXPECTED, 0, "unexpected character '\\r'"},
        {"/* a /* b */", WITC_LEX_E_UNTERMINATED_COMMENT, 0, "unterminated block comment"},
        {"\"abc", WITC_LEX_E_EOF, 4, "unexpected end of file"},
        {"\"a\tb\"", WITC_LEX_E_STRING_CHAR, 2, "invalid string character '\\t'"},
        {"\"a\r\nb\"", WITC_LEX_E_STRING_CHAR, 2, "invalid string character '\\n'"},
        {"\"\\q\"", WITC_LEX_E_STRING_ESCAPE, 2, "invalid string escape 'q'"},
        {"\"\\u0041\"", WITC_LEX_E_WANTED_CHAR, 3, "expected character '{'"},
        {"\"\\u{41\"", WITC_LEX_E_WANTED_CHAR, 6, "expected character '}'"},
        {"\"\\u{zz}\"", WITC_LEX_E_HEX_DIGIT, 4, "invalid hex digit 'z'"},
        {"\"\\4z\"", WITC_LEX_E_HEX_DIGIT, 3, "invalid hex digit 'z'"},
        {"\"\\u{41_}\"", WITC_LEX_E_LONE_UNDERSCORE, 4, "trailing underscore in number"},
        {"\"\\u{d800}\"", WITC_LEX_E_UNICODE_VALUE, 2, "invalid unicode value 0xd800"},
        {"\"\\u{110000}\"", WITC_LEX_E_UNICODE_VALUE, 2, "invalid unicode value 0x110000"},
        {"\"\\u{123456789}\"", WITC_LEX_E_NUMBER_TOO_BIG, 12, "number is too big to fit in a u32"},
        {"\"\\ff\"", WITC_LEX_E_STRING_UTF8, 0, "invalid UTF-8 in string literal"},
        {"\"\\", WITC_LEX_E_EOF, 2, "unexpected end of file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t end;
        witc_lex_error err = {0};
        const int kind = lex1(cases[i].text, &end, &err);
        if (kind != WITC_LEX_ERROR || err.kind != cases[i].kind || err.pos != cases[i].pos)
            fail_msg("case %zu: kind %d error %d at %u, want error %d at %u", i, kind,
                     (int)err.kind, err.pos, (int)cases[i].kind, cases[i].pos);
        char msg[128];
        witc_wit_lex_error_message(&err, msg, sizeof msg);
        assert_string_equal(msg, cases[i].msg);
    }
}

static void test_wit_lexer_check_input(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        witc_lex_error_kind kind;
        uint32_t pos;
        const char *msg;
    } cases[] = {
        {"ok\x01", 3, WITC_LEX_E_CONTROL, 2, "Control code '\\u{1}'"},
        {"a\0b", 3, WITC_LEX_E_CONTROL, 1, "Control code '\\u{0}'"},
        {"abcdefghij\x7f", 11, WITC_LEX_E_CONTROL, 10, "Control code '\\u{7f}'"},
        {"x \xc2\x85", 4, WITC_LEX_E_CONTROL, 2, "Control code '\\u{85}'"},
        {"// \xe2\x80\xae", 6, WITC_LEX_E_BIDI, 3,
         "Input contains bidirectional override codepoint "
         "EscapeUnicode(EscapeIterInner('\\u{202e}'))"},
        {"\xe2\x81\xa6", 3, WITC_LEX_E_BIDI, 0, NULL},
        {"\xc5\x89", 2, WITC_LEX_E_DEPRECATED, 0,
         "Codepoint EscapeUnicode(EscapeIterInner('\\u{149}')) is discouraged by Unicode"},
        {"abc\xff", 4, WITC_LEX_E_UTF8, 3, "invalid UTF-8 (byte 0xff)"},
        {"\xc0\x80", 2, WITC_LEX_E_UTF8, 0, NULL},         /* overlong */
        {"\xed\xa0\x80", 3, WITC_LEX_E_UTF8, 0, NULL},     /* surrogate */
        {"\xf4\x90\x80\x80", 4, WITC_LEX_E_UTF8, 0, NULL}, /* past U+10FFFF */
        {"abc\xe2\x82", 5, WITC_LEX_E_UTF8, 3, NULL},      /* truncated */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        witc_lex_error err = {0};
        assert_false(witc_wit_lex_check_input(cases[i].text, (uint32_t)cases[i].len, &err));
        if (err.kind != cases[i].kind || err.pos != cases[i].pos)
            fail_msg("case %zu: error %d at %u, want %d at %u", i, (int)err.kind, err.pos,
                     (int)cases[i].kind, cases[i].pos);
        if (cases[i].msg) {
            char msg[128];
            witc_wit_lex_error_message(&err, msg, sizeof msg);
            assert_string_equal(msg, cases[i].msg);
        }
    }
    witc_lex_error err;
    const char *good = "package a:b;\r\n\t// caf\xc3\xa9 \xf0\x9f\x8e\x89 \xe2\x82\xac\n";
    assert_true(witc_wit_lex_check_input(good, (uint32_t)strlen(good), &err));
    assert_int_equal(witc_wit_lex_start("\xef\xbb\xbfx", 4), 3);
    assert_int_equal(witc_wit_lex_start("x", 1), 0);
}

static void test_wit_lexer_validate_id(void **state)
{
    (void)state;
    /* wit-parser lex.rs test_validate_id. */
    static const char *const good[] = {"apple",
                                       "apple-pear",
                                       "apple-pear-grape",
                                       "a0",
                                       "a",
                                       "a-a",
                                       "bool",
                                       "APPLE",
                                       "APPLE-PEAR",
                                       "APPLE-PEAR-GRAPE",
                                       "apple-PEAR-grape",
                                       "APPLE-pear-GRAPE",
                                       "ENOENT",
                                       "is-XML",
                                       "apple-0",
                                       "a0-000-3d4a-54FF"};
    static const struct {
        const char *id;
        witc_lex_error_kind kind;
        const char *msg;
    } bad[] = {
        {"", WITC_LEX_E_ID_EMPTY, "identifiers must have characters between '-'s"},
        {"0", WITC_LEX_E_ID_CHAR, "invalid character in identifier '0'"},
        {"%", WITC_LEX_E_ID_CHAR, NULL},
        {"$", WITC_LEX_E_ID_CHAR, NULL},
        {"0a", WITC_LEX_E_ID_CHAR, NULL},
        {".", WITC_LEX_E_ID_CHAR, NULL},
        {"·", WITC_LEX_E_ID_CHAR, NULL},
        {"a a", WITC_LEX_E_ID_CHAR, NULL},
        {"_", WITC_LEX_E_ID_CHAR, "invalid character in identifier '_'"},
        {"-", WITC_LEX_E_ID_EMPTY, NULL},
        {"a-", WITC_LEX_E_ID_EMPTY, NULL},
        {"-a", WITC_LEX_E_ID_EMPTY, NULL},
        {"Apple", WITC_LEX_E_ID_CHAR, "invalid character in identifier 'p'"},
        {"applE", WITC_LEX_E_ID_CHAR, NULL},
        {"-apple-pear", WITC_LEX_E_ID_EMPTY, NULL},
        {"apple-pear-", WITC_LEX_E_ID_EMPTY, NULL},
        {"apple_pear", WITC_LEX_E_ID_CHAR, NULL},
        {"apple.pear", WITC_LEX_E_ID_CHAR, NULL},
        {"apple pear", WITC_LEX_E_ID_CHAR, NULL},
        {"apple/pear", WITC_LEX_E_ID_CHAR, NULL},
        {"apple|pear", WITC_LEX_E_ID_CHAR, NULL},
        {"apple-Pear", WITC_LEX_E_ID_CHAR, NULL},
        {"()()", WITC_LEX_E_ID_CHAR, NULL},
        {"", WITC_LEX_E_ID_EMPTY, NULL},
        {"**", WITC_LEX_E_ID_CHAR, NULL},
        {"caf\xc3\xa9", WITC_LEX_E_ID_CHAR, "invalid character in identifier '\xc3\xa9'"},
        {"a--b", WITC_LEX_E_ID_EMPTY, NULL},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        witc_lex_error err;
        if (!witc_wit_validate_id(good[i], strlen(good[i]), 0, &err))
            fail_msg("`%s` should be a valid identifier", good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        witc_lex_error err = {0};
        if (witc_wit_validate_id(bad[i].id, strlen(bad[i].id), 7, &err))
            fail_msg("`%s` should be rejected", bad[i].id);
        assert_int_equal(err.kind, bad[i].kind);
        assert_int_equal(err.pos, 7); /* reported at the identifier's start */
        if (bad[i].msg) {
            char msg[128];
            witc_wit_lex_error_message(&err, msg, sizeof msg);
            assert_string_equal(msg, bad[i].msg);
        }
    }
}

static void test_wit_lexer_string_decode(void **state)
{
    (void)state;
    const char *text = "\"a\\n\\t\\r\\\\\\\"\\'\\u{1F600}\\u{4_1}\\41\xc3\xa9\"";
    const uint32_t len = (uint32_t)strlen(text);
    uint32_t end;
    witc_lex_error err;
    assert_int_equal(witc_wit_lex(text, len, 0, &end, &err), WITC_TK_STRLIT);
    assert_int_equal(end, len);
    char out[64];
    const size_t n = witc_wit_lex_string_decode(text, 0, end, out);
    const char want[] = "a\n\t\r\\\"'\xf0\x9f\x98\x80"
                        "AA\xc3\xa9";
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
}

static void test_wit_lexer_token_descriptions(void **state)
{
    (void)state;
    const int ntok = witc_wit_parser_token_count();
    assert_true(ntok > WITC_TK_VERSION);
    for (int t = 0; t < ntok; t++) {
        const char *d = witc_wit_token_describe(t);
        assert_non_null(d);
        if (strcmp(d, "a token") == 0)
            fail_msg("token %d has no description", t);
    }
    assert_string_equal(witc_wit_token_describe(0), "eof");
    assert_string_equal(witc_wit_token_describe(WITC_TK_SEMICOLON), "';'");
    assert_string_equal(witc_wit_token_describe(WITC_TK_ERROR_CONTEXT), "keyword `error-context`");
    assert_string_equal(witc_wit_token_describe(WITC_TK_EXPLICIT_ID), "an '%' identifier");
    assert_string_equal(witc_wit_token_describe(-5), "a token");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wit_lexer_each_token_kind),
        cmocka_unit_test(test_wit_lexer_cursor_is_pure),
        cmocka_unit_test(test_wit_lexer_errors),
        cmocka_unit_test(test_wit_lexer_check_input),
        cmocka_unit_test(test_wit_lexer_validate_id),
        cmocka_unit_test(test_wit_lexer_string_decode),
        cmocka_unit_test(test_wit_lexer_token_descriptions),
    };
    return cmocka_run_group_tests_name("wit-lexer", tests, NULL, NULL);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT lexer (component-model design/mvp/WIT.md "Lexical structure", following
 * wit-parser's ast/lex.rs). It is pure: a cursor goes in, a token kind and end offset come
 * out; it never allocates or copies token text and never counts lines.
 *
 * Token kinds are the grammar's WITC_TK_* codes (src/wit-parser/grammar.h, generated), plus
 * the negative pseudo-kinds below; 0 is the end of input. Offsets are file-relative. The
 * text must be NUL-terminated at text[len] (the source map guarantees it). */
#ifndef WITC_WIT_LEXER_H
#define WITC_WIT_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wit-parser/grammar.h"

enum {
    WITC_LEX_EOF = 0,
    WITC_LEX_WHITESPACE = -1, /* spaces, tabs, LF, CRLF */
    WITC_LEX_COMMENT = -2,    /* `// ...` (with its newline) or a nested block comment */
    WITC_LEX_ERROR = -3       /* see the witc_lex_error filled in */
};

typedef enum witc_lex_error_kind {
    WITC_LEX_E_NONE = 0,
    WITC_LEX_E_CONTROL,              /* a control character other than TAB, LF, CR */
    WITC_LEX_E_DEPRECATED,           /* a codepoint Unicode deprecates or discourages */
    WITC_LEX_E_BIDI,                 /* a bidirectional override (CVE-2021-42574) */
    WITC_LEX_E_UTF8,                 /* the file is not valid UTF-8 */
    WITC_LEX_E_UNEXPECTED,           /* a character no token starts with */
    WITC_LEX_E_UNTERMINATED_COMMENT, /* a block comment that never ends */
    WITC_LEX_E_EOF,                  /* end of file inside a string literal */
    WITC_LEX_E_STRING_CHAR,          /* a control character inside a string literal */
    WITC_LEX_E_STRING_ESCAPE,        /* an unknown `\x` escape */
    WITC_LEX_E_WANTED_CHAR,          /* `\u` not followed by `{`, or no closing `}` */
    WITC_LEX_E_HEX_DIGIT,            /* a non-hex digit in an escape */
    WITC_LEX_E_NUMBER_TOO_BIG,       /* `\u{...}` over 32 bits */
    WITC_LEX_E_LONE_UNDERSCORE,      /* `\u{41_}` */
    WITC_LEX_E_UNICODE_VALUE,        /* `\u{d800}`: not a Unicode scalar value */
    WITC_LEX_E_STRING_UTF8,          /* hex escapes that decode to invalid UTF-8 */
    WITC_LEX_E_ID_CHAR,              /* identifier with a character outside kebab-case */
    WITC_LEX_E_ID_EMPTY              /* identifier with an empty `-` part */
} witc_lex_error_kind;

typedef struct witc_lex_error {
    witc_lex_error_kind kind;
    uint32_t pos; /* file-relative offset wit-parser reports */
    uint32_t ch;  /* the offending codepoint (or value), when there is one */
} witc_lex_error;

/* Checks the whole text once, before any token, as wit-parser's Tokenizer::new does: valid
 * UTF-8, no control characters except TAB/LF/CR, no bidi overrides or deprecated codepoints.
 * Returns true when clean; otherwise fills *out_err with the first problem. */
bool witc_wit_lex_check_input(const char *text, uint32_t len, witc_lex_error *out_err);

/* Offset of the first token: 3 after a UTF-8 byte-order mark, else 0. */
uint32_t witc_wit_lex_start(const char *text, uint32_t len);

/* Scans the token starting at `pos` (< len, or == len for the end). Returns its kind and
 * sets *out_end; on WITC_LEX_ERROR fills *out_err instead. Identifiers are lexed broadly
 * (any letters, digits, `_`, `-` and non-ASCII); witc_wit_validate_id checks them. */
int witc_wit_lex(const char *text, uint32_t len, uint32_t pos, uint32_t *out_end,
                 witc_lex_error *out_err);

/* wit-parser validate_id: `-`-separated parts, each non-empty, all lower or all upper case
 * ASCII letters and digits, the first part starting with a letter. `pos` is the offset the
 * error reports (the identifier's start). */
bool witc_wit_validate_id(const char *id, size_t len, uint32_t pos, witc_lex_error *out_err);

/* Decodes the string literal text[start..end) (quotes included, already scanned without
 * error) into out, which needs end - start bytes; returns the decoded length. */
size_t witc_wit_lex_string_decode(const char *text, uint32_t start, uint32_t end, char *out);

/* wit-parser's message for an error, e.g. "unexpected character '#'". */
void witc_wit_lex_error_message(const witc_lex_error *err, char *buf, size_t size);

#endif

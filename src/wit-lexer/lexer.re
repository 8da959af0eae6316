/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT lexer: an re2c scanner over the whole file in memory (`re2c:eof` with YYLIMIT, no
 * YYFILL), plus small hand loops for what regular expressions cannot do: nested block
 * comments (a depth counter) and string literals with escapes. Follows WIT.md "Lexical
 * structure" and wit-parser ast/lex.rs: CRLF counts as one newline, keywords are exact
 * words, identifiers are lexed broadly and validated later by witc_wit_validate_id. */
#include "wit-lexer/lexer.h"

#include <stdio.h>
#include <string.h>

/* Decodes the (already validated) UTF-8 sequence at s[0..n); 0 when n is 0. */
static uint32_t decode_at(const unsigned char *s, size_t n, uint32_t *out_len)
{
    if (n == 0) {
        *out_len = 0;
        return 0;
    }
    uint32_t c = s[0];
    uint32_t len = 1;
    if (c >= 0xf0 && n >= 4) {
        c = ((c & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
        len = 4;
    } else if (c >= 0xe0 && n >= 3) {
        c = ((c & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        len = 3;
    } else if (c >= 0xc0 && n >= 2) {
        c = ((c & 0x1fu) << 6) | (s[1] & 0x3fu);
        len = 2;
    }
    *out_len = len;
    return c;
}

/* Length of a valid UTF-8 sequence at s[0..n), or 0 (RFC 3629: no overlongs, surrogates or
 * values past U+10FFFF). */
static uint32_t utf8_valid_len(const unsigned char *s, size_t n)
{
    const unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xc2)
        return 0;
    if (c < 0xe0)
        return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c < 0xf0) {
        if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
            return 0;
        if (c == 0xe0 && s[1] < 0xa0)
            return 0; /* overlong */
        if (c == 0xed && s[1] >= 0xa0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xf5) {
        if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
            return 0;
        if (c == 0xf0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xf4 && s[1] >= 0x90)
            return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

bool witc_wit_lex_check_input(const char *text, uint32_t len, witc_lex_error *out_err)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t i = 0;
    while (i < len) {
        /* Fast path: eight printable ASCII bytes or TAB/LF/CR at a time. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            const uint64_t low = (w - ones * 0x20) & ~w & highs;          /* byte < 0x20 */
            const uint64_t del = ((w ^ (ones * 0x7f)) - ones) & ~(w ^ (ones * 0x7f)) & highs;
            if ((w & highs) | low | del)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        const unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7f) {
            i++;
            continue;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        if (c < 0x80) {
            *out_err = (witc_lex_error){WITC_LEX_E_CONTROL, i, c};
            return false;
        }
        const uint32_t n = utf8_valid_len(s + i, len - i);
        if (n == 0) {
            *out_err = (witc_lex_error){WITC_LEX_E_UTF8, i, c};
            return false;
        }
        uint32_t dummy;
        const uint32_t cp = decode_at(s + i, n, &dummy);
        if (cp >= 0x80 && cp <= 0x9f) {
            *out_err = (witc_lex_error){WITC_LEX_E_CONTROL, i, cp};
            return false;
        }
        if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
            *out_err = (witc_lex_error){WITC_LEX_E_BIDI, i, cp};
            return false;
        }
        if (cp == 0x149 || cp == 0x673 || cp == 0xf77 || cp == 0xf79 || cp == 0x17a3 ||
            cp == 0x17a4 || cp == 0x17b4 || cp == 0x17b5) {
            *out_err = (witc_lex_error){WITC_LEX_E_DEPRECATED, i, cp};
            return false;
        }
        i += n;
    }
    return true;
}

uint32_t witc_wit_lex_start(const char *text, uint32_t len)
{
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        return 3;
    return 0;
}

/* A nested block comment starting at `pos` (at its slash-star). wit-parser reads one
 * character at a time: slash then star opens, star then slash closes, and each pair is
 * consumed whole. */
static int lex_block_comment(const char *text, uint32_t len, uint32_t pos, uint32_t *out_end,
                             witc_lex_error *out_err)
{
    uint32_t depth = 1;
    uint32_t i = pos + 2;
    while (depth > 0) {
        if (i >= len) {
            *out_err = (witc_lex_error){WITC_LEX_E_UNTERMINATED_COMMENT, pos, 0};
            return WITC_LEX_ERROR;
        }
        const char c = text[i];
        if (c == '/' && i + 1 < len && text[i + 1] == '*') {
            depth++;
            i += 2;
        } else if (c == '*' && i + 1 < len && text[i + 1] == '/') {
            depth--;
            i += 2;
        } else {
            i++;
        }
    }
    *out_end = i;
    return WITC_LEX_COMMENT;
}

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hex_value(unsigned char c)
{
    if (c >= 'a')
        return c - 'a' + 10u;
    if (c >= 'A')
        return c - 'A' + 10u;
    return c - '0';
}

/* Tracks whether the bytes a string decodes to are valid UTF-8 (hex escapes can produce
 * any byte), without storing them. */
typedef struct utf8_stream {
    unsigned need;    /* continuation bytes still expected */
    unsigned char lo, hi; /* allowed range of the next continuation byte */
    bool bad;
} utf8_stream;

static void utf8_stream_push(utf8_stream *u, unsigned char b)
{
    if (u->need > 0) {
        if (b < u->lo || b > u->hi)
            u->bad = true;
        u->lo = 0x80;
        u->hi = 0xbf;
        u->need--;
        return;
    }
    u->lo = 0x80;
    u->hi = 0xbf;
    if (b < 0x80)
        return;
    if (b < 0xc2 || b > 0xf4) {
        u->bad = true;
    } else if (b < 0xe0) {
        u->need = 1;
    } else if (b < 0xf0) {
        u->need = 2;
        if (b == 0xe0)
            u->lo = 0xa0;
        if (b == 0xed)
            u->hi = 0x9f;
    } else {
        u->need = 3;
        if (b == 0xf0)
            u->lo = 0x90;
        if (b == 0xf4)
            u->hi = 0x8f;
    }
}

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* A string literal starting at `pos` (at the opening quote), as wit-parser's
 * expect_string_literal reads it. When `out` is not NULL the decoded bytes go there. */
static int lex_string(const char *text, uint32_t len, uint32_t pos, uint32_t *out_end,
                      witc_lex_error *out_err, char *out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)text;
    utf8_stream u = {0, 0x80, 0xbf, false};
    size_t n = 0;
    uint32_t i = pos + 1;
    for (;;) {
        if (i >= len) {
            *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
            return WITC_LEX_ERROR;
        }
        const unsigned char c = s[i];
        if (c == '"') {
            i++;
            break;
        }
        if (c == '\\') {
            const uint32_t esc = i + 1;
            if (esc >= len) {
                *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
                return WITC_LEX_ERROR;
            }
            const unsigned char e = s[esc];
            unsigned char byte;
            i = esc + 1;
            switch (e) {
            case '"': byte = '"'; break;
            case '\'': byte = '\''; break;
            case 't': byte = '\t'; break;
            case 'n': byte = '\n'; break;
            case 'r': byte = '\r'; break;
            case '\\': byte = '\\'; break;
            case 'u': {
                if (i >= len) {
                    *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
                    return WITC_LEX_ERROR;
                }
                if (s[i] != '{') {
                    *out_err = (witc_lex_error){WITC_LEX_E_WANTED_CHAR, i, '{'};
                    return WITC_LEX_ERROR;
                }
                i++;
                if (i >= len) {
                    *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
                    return WITC_LEX_ERROR;
                }
                if (!is_hex(s[i])) {
                    uint32_t cl;
                    *out_err = (witc_lex_error){WITC_LEX_E_HEX_DIGIT, i,
                                                decode_at(s + i, len - i, &cl)};
                    return WITC_LEX_ERROR;
                }
                const uint32_t first = i;
                uint64_t value = hex_value(s[i++]);
                bool last_underscore = false;
                for (;;) {
                    if (i < len && s[i] == '_') {
                        last_underscore = true;
                        i++;
                        continue;
                    }
                    if (i >= len) {
                        *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
                        return WITC_LEX_ERROR;
                    }
                    if (!is_hex(s[i]))
                        break;
                    last_underscore = false;
                    value = value * 16 + hex_value(s[i]);
                    if (value > UINT32_MAX) {
                        *out_err = (witc_lex_error){WITC_LEX_E_NUMBER_TOO_BIG, i, 0};
                        return WITC_LEX_ERROR;
                    }
                    i++;
                }
                if (last_underscore) {
                    *out_err = (witc_lex_error){WITC_LEX_E_LONE_UNDERSCORE, first, 0};
                    return WITC_LEX_ERROR;
                }
                if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    *out_err = (witc_lex_error){WITC_LEX_E_UNICODE_VALUE, esc, (uint32_t)value};
                    return WITC_LEX_ERROR;
                }
                if (s[i] != '}') {
                    *out_err = (witc_lex_error){WITC_LEX_E_WANTED_CHAR, i, '}'};
                    return WITC_LEX_ERROR;
                }
                i++;
                char tmp[4];
                const size_t k = put_utf8(tmp, (uint32_t)value);
                for (size_t j = 0; j < k; j++)
                    utf8_stream_push(&u, (unsigned char)tmp[j]);
                if (out)
                    memcpy(out + n, tmp, k);
                n += k;
                continue;
            }
            default:
                if (is_hex(e)) {
                    if (i >= len) {
                        *out_err = (witc_lex_error){WITC_LEX_E_EOF, len, 0};
                        return WITC_LEX_ERROR;
                    }
                    if (!is_hex(s[i])) {
                        uint32_t cl;
                        *out_err = (witc_lex_error){WITC_LEX_E_HEX_DIGIT, i,
                                                    decode_at(s + i, len - i, &cl)};
                        return WITC_LEX_ERROR;
                    }
                    byte = (unsigned char)(hex_value(e) * 16 + hex_value(s[i]));
                    i++;
                } else {
                    uint32_t cl;
                    *out_err = (witc_lex_error){WITC_LEX_E_STRING_ESCAPE, esc,
                                                decode_at(s + esc, len - esc, &cl)};
                    return WITC_LEX_ERROR;
                }
                break;
            }
            utf8_stream_push(&u, byte);
            if (out)
                out[n] = (char)byte;
            n++;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            /* CRLF reads as one LF, which is reported at the CR. */
            *out_err = (witc_lex_error){WITC_LEX_E_STRING_CHAR, i,
                                        (c == '\r' && i + 1 < len && s[i + 1] == '\n') ? '\n'
                                                                                       : c};
            return WITC_LEX_ERROR;
        }
        uint32_t cl;
        (void)decode_at(s + i, len - i, &cl);
        for (uint32_t j = 0; j < cl; j++)
            utf8_stream_push(&u, s[i + j]);
        if (out)
            memcpy(out + n, s + i, cl);
        n += cl;
        i += cl;
    }
    if (u.bad || u.need > 0) {
        *out_err = (witc_lex_error){WITC_LEX_E_STRING_UTF8, pos, 0};
        return WITC_LEX_ERROR;
    }
    *out_end = i;
    if (out_len)
        *out_len = n;
    return WITC_TK_STRLIT;
}

size_t witc_wit_lex_string_decode(const char *text, uint32_t start, uint32_t end, char *out)
{
    uint32_t e;
    witc_lex_error err;
    size_t n = 0;
    if (lex_string(text, end, start, &e, &err, out, &n) != WITC_TK_STRLIT)
        return 0;
    return n;
}

int witc_wit_lex(const char *text, uint32_t len, uint32_t pos, uint32_t *out_end,
                 witc_lex_error *out_err)
{
    const unsigned char *YYCURSOR = (const unsigned char *)text + pos;
    const unsigned char *const YYLIMIT = (const unsigned char *)text + len;
    const unsigned char *YYMARKER = YYCURSOR;
    const unsigned char *const tok = YYCURSOR;
    int kind;
    (void)YYMARKER;
    /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:yyfill:enable = 0;
        re2c:eof = 0;

        start = [a-zA-Z_] | [\x80-\xff];
        cont = [a-zA-Z0-9_-] | [\x80-\xff];

        $ { *out_end = len; return WITC_LEX_EOF; }
        ([ \t\n] | "\r\n")+ { kind = WITC_LEX_WHITESPACE; goto done; }
        "//" [^\n]* "\n"? { kind = WITC_LEX_COMMENT; goto done; }
        "/*" { return lex_block_comment(text, len, pos, out_end, out_err); }
        "\"" { return lex_string(text, len, pos, out_end, out_err, NULL, NULL); }

        "=" { kind = WITC_TK_EQUALS; goto done; }
        "," { kind = WITC_TK_COMMA; goto done; }
        ":" { kind = WITC_TK_COLON; goto done; }
        "." { kind = WITC_TK_PERIOD; goto done; }
        ";" { kind = WITC_TK_SEMICOLON; goto done; }
        "(" { kind = WITC_TK_LPAREN; goto done; }
        ")" { kind = WITC_TK_RPAREN; goto done; }
        "{" { kind = WITC_TK_LBRACE; goto done; }
        "}" { kind = WITC_TK_RBRACE; goto done; }
        "<" { kind = WITC_TK_LT; goto done; }
        ">" { kind = WITC_TK_GT; goto done; }
        "->" { kind = WITC_TK_RARROW; goto done; }
        "*" { kind = WITC_TK_STAR; goto done; }
        "@" { kind = WITC_TK_AT; goto done; }
        "/" { kind = WITC_TK_SLASH; goto done; }
        "+" { kind = WITC_TK_PLUS; goto done; }
        "-" { kind = WITC_TK_MINUS; goto done; }

        "use" { kind = WITC_TK_USE; goto done; }
        "type" { kind = WITC_TK_TYPE; goto done; }
        "func" { kind = WITC_TK_FUNC; goto done; }
        "u8" { kind = WITC_TK_U8; goto done; }
        "u16" { kind = WITC_TK_U16; goto done; }
        "u32" { kind = WITC_TK_U32; goto done; }
        "u64" { kind = WITC_TK_U64; goto done; }
        "s8" { kind = WITC_TK_S8; goto done; }
        "s16" { kind = WITC_TK_S16; goto done; }
        "s32" { kind = WITC_TK_S32; goto done; }
        "s64" { kind = WITC_TK_S64; goto done; }
        "f32" { kind = WITC_TK_F32; goto done; }
        "f64" { kind = WITC_TK_F64; goto done; }
        "char" { kind = WITC_TK_CHAR; goto done; }
        "resource" { kind = WITC_TK_RESOURCE; goto done; }
        "own" { kind = WITC_TK_OWN; goto done; }
        "borrow" { kind = WITC_TK_BORROW; goto done; }
        "record" { kind = WITC_TK_RECORD; goto done; }
        "flags" { kind = WITC_TK_FLAGS; goto done; }
        "variant" { kind = WITC_TK_VARIANT; goto done; }
        "enum" { kind = WITC_TK_ENUM; goto done; }
        "bool" { kind = WITC_TK_BOOL; goto done; }
        "string" { kind = WITC_TK_STRING; goto done; }
        "option" { kind = WITC_TK_OPTION; goto done; }
        "result" { kind = WITC_TK_RESULT; goto done; }
        "future" { kind = WITC_TK_FUTURE; goto done; }
        "stream" { kind = WITC_TK_STREAM; goto done; }
        "error-context" { kind = WITC_TK_ERROR_CONTEXT; goto done; }
        "list" { kind = WITC_TK_LIST; goto done; }
        "map" { kind = WITC_TK_MAP; goto done; }
        "_" { kind = WITC_TK_UNDERSCORE; goto done; }
        "as" { kind = WITC_TK_AS; goto done; }
        "from" { kind = WITC_TK_FROM; goto done; }
        "static" { kind = WITC_TK_STATIC; goto done; }
        "interface" { kind = WITC_TK_INTERFACE; goto done; }
        "tuple" { kind = WITC_TK_TUPLE; goto done; }
        "world" { kind = WITC_TK_WORLD; goto done; }
        "import" { kind = WITC_TK_IMPORT; goto done; }
        "export" { kind = WITC_TK_EXPORT; goto done; }
        "package" { kind = WITC_TK_PACKAGE; goto done; }
        "constructor" { kind = WITC_TK_CONSTRUCTOR; goto done; }
        "include" { kind = WITC_TK_INCLUDE; goto done; }
        "with" { kind = WITC_TK_WITH; goto done; }
        "async" { kind = WITC_TK_ASYNC; goto done; }

        start cont* { kind = WITC_TK_ID; goto done; }
        "%" ([a-zA-Z_-] | [\x80-\xff]) cont* { kind = WITC_TK_EXPLICIT_ID; goto done; }
        "%" { kind = WITC_TK_EXPLICIT_ID; goto done; }
        [0-9]+ { kind = WITC_TK_INTEGER; goto done; }

        * {
            uint32_t cl;
            *out_err = (witc_lex_error){WITC_LEX_E_UNEXPECTED, pos,
                                        decode_at(tok, len - pos, &cl)};
            return WITC_LEX_ERROR;
        }
    */
done:
    *out_end = (uint32_t)(YYCURSOR - (const unsigned char *)text);
    return kind;
}

bool witc_wit_validate_id(const char *id, size_t len, uint32_t pos, witc_lex_error *out_err)
{
    const unsigned char *s = (const unsigned char *)id;
    if (len == 0) {
        *out_err = (witc_lex_error){WITC_LEX_E_ID_EMPTY, pos, 0};
        return false;
    }
    size_t i = 0;
    bool first_part = true;
    for (;;) {
        /* One part: up to the next '-' or the end. */
        if (i >= len || s[i] == '-') {
            *out_err = (witc_lex_error){WITC_LEX_E_ID_EMPTY, pos, 0};
            return false;
        }
        if (first_part && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            uint32_t cl;
            *out_err = (witc_lex_error){WITC_LEX_E_ID_CHAR, pos, decode_at(s + i, len - i, &cl)};
            return false;
        }
        int upper = -1; /* unknown until the first letter */
        for (; i < len && s[i] != '-'; i++) {
            const unsigned char c = s[i];
            int is_upper;
            if (c >= '0' && c <= '9')
                continue;
            if (c >= 'A' && c <= 'Z')
                is_upper = 1;
            else if (c >= 'a' && c <= 'z')
                is_upper = 0;
            else {
                uint32_t cl;
                *out_err = (witc_lex_error){WITC_LEX_E_ID_CHAR, pos,
                                            decode_at(s + i, len - i, &cl)};
                return false;
            }
            if (upper < 0)
                upper = is_upper;
            else if (upper != is_upper) {
                *out_err = (witc_lex_error){WITC_LEX_E_ID_CHAR, pos, c};
                return false;
            }
        }
        if (i >= len)
            return true;
        i++; /* the '-' */
        first_part = false;
    }
}

/* Rust's `{:?}` of a char, closely enough: quoted, with escapes for quotes, backslashes and
 * control characters. */
static void format_char(char *buf, size_t size, uint32_t c)
{
    char enc[5] = {0};
    if (c == '\'')
        snprintf(buf, size, "'\\''");
    else if (c == '\\')
        snprintf(buf, size, "'\\\\'");
    else if (c == '\n')
        snprintf(buf, size, "'\\n'");
    else if (c == '\r')
        snprintf(buf, size, "'\\r'");
    else if (c == '\t')
        snprintf(buf, size, "'\\t'");
    else if (c == 0)
        snprintf(buf, size, "'\\0'");
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c > 0x10ffff)
        snprintf(buf, size, "'\\u{%x}'", (unsigned)c);
    else {
        enc[put_utf8(enc, c)] = 0;
        snprintf(buf, size, "'%s'", enc);
    }
}

void witc_wit_lex_error_message(const witc_lex_error *err, char *buf, size_t size)
{
    char ch[24];
    format_char(ch, sizeof ch, err->ch);
    switch (err->kind) {
    case WITC_LEX_E_NONE:
        snprintf(buf, size, "no error");
        break;
    case WITC_LEX_E_CONTROL:
        snprintf(buf, size, "Control code '\\u{%x}'", (unsigned)err->ch);
        break;
    /* wit-parser formats these two with `{:?}` of char::escape_unicode(), and so do we. */
    case WITC_LEX_E_DEPRECATED:
        snprintf(buf, size,
                 "Codepoint EscapeUnicode(EscapeIterInner('\\u{%x}')) is discouraged by Unicode",
                 (unsigned)err->ch);
        break;
    case WITC_LEX_E_BIDI:
        snprintf(buf, size,
                 "Input contains bidirectional override codepoint "
                 "EscapeUnicode(EscapeIterInner('\\u{%x}'))",
                 (unsigned)err->ch);
        break;
    case WITC_LEX_E_UTF8:
        snprintf(buf, size, "invalid UTF-8 (byte 0x%02x)", (unsigned)err->ch);
        break;
    case WITC_LEX_E_UNEXPECTED:
        snprintf(buf, size, "unexpected character %s", ch);
        break;
    case WITC_LEX_E_UNTERMINATED_COMMENT:
        snprintf(buf, size, "unterminated block comment");
        break;
    case WITC_LEX_E_EOF:
        snprintf(buf, size, "unexpected end of file");
        break;
    case WITC_LEX_E_STRING_CHAR:
        snprintf(buf, size, "invalid string character %s", ch);
        break;
    case WITC_LEX_E_STRING_ESCAPE:
        snprintf(buf, size, "invalid string escape %s", ch);
        break;
    case WITC_LEX_E_WANTED_CHAR:
        snprintf(buf, size, "expected character %s", ch);
        break;
    case WITC_LEX_E_HEX_DIGIT:
        snprintf(buf, size, "invalid hex digit %s", ch);
        break;
    case WITC_LEX_E_NUMBER_TOO_BIG:
        snprintf(buf, size, "number is too big to fit in a u32");
        break;
    case WITC_LEX_E_LONE_UNDERSCORE:
        snprintf(buf, size, "trailing underscore in number");
        break;
    case WITC_LEX_E_UNICODE_VALUE:
        snprintf(buf, size, "invalid unicode value 0x%x", (unsigned)err->ch);
        break;
    case WITC_LEX_E_STRING_UTF8:
        snprintf(buf, size, "invalid UTF-8 in string literal");
        break;
    case WITC_LEX_E_ID_CHAR:
        snprintf(buf, size, "invalid character in identifier %s", ch);
        break;
    case WITC_LEX_E_ID_EMPTY:
        snprintf(buf, size, "identifiers must have characters between '-'s");
        break;
    }
}

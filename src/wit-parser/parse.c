/* SPDX-License-Identifier: Apache-2.0 */
/* The parse driver: the only place the lexer and the lemon parser meet (SQLite's
 * sqlite3RunParser). It checks the whole file once (UTF-8, control and bidi characters),
 * skips whitespace and comments while noting where comments sit (for docs), folds a
 * semantic version into one VERSION token as wit-parser's parse_version reads it, validates
 * identifiers where the grammar takes one, feeds the end token and stops at the first error. */
#include "wit-parser/internal.h"

#include <string.h>

/* The next token that is not whitespace or a comment, from file offset `pos`. */
static int next_token(witc_parse_state *ps, uint32_t pos, uint32_t *out_start, uint32_t *out_end,
                      witc_lex_error *err)
{
    for (;;) {
        uint32_t end;
        const int kind = witc_wit_lex(ps->text, ps->len, pos, &end, err);
        if (kind == WITC_LEX_WHITESPACE || kind == WITC_LEX_COMMENT) {
            pos = end;
            continue;
        }
        *out_start = pos;
        *out_end = end;
        return kind;
    }
}

static void lex_error(witc_parse_state *ps, const witc_lex_error *err)
{
    char msg[160];
    witc_wit_lex_error_message(err, msg, sizeof msg);
    const uint32_t at = ps->base + err->pos;
    witc_astb_error(ps, at, at + (err->pos < ps->len ? 1 : 0), "%s", msg);
}

/* "expected X, found Y" at the token found (the end of file for kind 0). */
static void expected_error(witc_parse_state *ps, int want, int found, uint32_t start, uint32_t end)
{
    witc_astb_error(ps, ps->base + start, ps->base + end, "expected %s, found %s",
                    witc_wit_token_describe(want), witc_wit_token_describe(found));
}

static bool is_version_part(int kind)
{
    return kind == WITC_TK_ID || kind == WITC_TK_INTEGER || kind == WITC_TK_MINUS;
}

/* After `prefix` (`-` or `+`), wit-parser's eat_ids takes identifiers, integers and `-`,
 * and a `.` only when one of those follows it (else the `.` belongs to `use x@1.0.0.{`).
 * The prefix itself does not extend the version's span. */
static bool eat_version_ids(witc_parse_state *ps, int prefix, uint32_t *pos, uint32_t *vend)
{
    witc_lex_error err;
    uint32_t s, e;
    int kind = next_token(ps, *pos, &s, &e, &err);
    if (kind == WITC_LEX_ERROR) {
        lex_error(ps, &err);
        return false;
    }
    if (kind != prefix)
        return true;
    *pos = e;
    for (;;) {
        kind = next_token(ps, *pos, &s, &e, &err);
        if (kind == WITC_LEX_ERROR) {
            lex_error(ps, &err);
            return false;
        }
        if (is_version_part(kind)) {
            *pos = e;
            *vend = e;
            continue;
        }
        if (kind != WITC_TK_PERIOD)
            return true;
        uint32_t s2, e2;
        const int after = next_token(ps, e, &s2, &e2, &err);
        if (after == WITC_LEX_ERROR) {
            lex_error(ps, &err);
            return false;
        }
        if (!is_version_part(after))
            return true;
        *pos = e2;
        *vend = e2;
    }
}

/* `maj.min.patch[-pre][+build]`, starting at the integer that ends at `end`. On success the
 * version's text runs to *out_end and lexing resumes at *out_resume, which is later when a
 * lone `-` or `+` was eaten without extending the span (as in wit-parser). */
static bool read_version(witc_parse_state *ps, uint32_t end, uint32_t *out_end,
                         uint32_t *out_resume)
{
    static const int shape[] = {WITC_TK_PERIOD, WITC_TK_INTEGER, WITC_TK_PERIOD, WITC_TK_INTEGER};
    uint32_t pos = end, vend = end;
    for (size_t i = 0; i < sizeof shape / sizeof shape[0]; i++) {
        witc_lex_error err;
        uint32_t s, e;
        const int kind = next_token(ps, pos, &s, &e, &err);
        if (kind == WITC_LEX_ERROR) {
            lex_error(ps, &err);
            return false;
        }
        if (kind != shape[i]) {
            expected_error(ps, shape[i], kind, s, kind == WITC_LEX_EOF ? s : e);
            return false;
        }
        pos = vend = e;
    }
    if (!eat_version_ids(ps, WITC_TK_MINUS, &pos, &vend) ||
        !eat_version_ids(ps, WITC_TK_PLUS, &pos, &vend))
        return false;
    *out_end = vend;
    *out_resume = pos;
    return true;
}

static bool token_is(const witc_parse_state *ps, uint32_t pos, uint32_t end, const char *word)
{
    const size_t n = strlen(word);
    return end - pos == n && memcmp(ps->text + pos, word, n) == 0;
}

/* wit-parser checks an attribute's name, key and value as soon as it has read each one, before
 * it looks at the next token; the grammar's reductions would only run once the next token is
 * lexed, so these checks run here, in token order. Returns false after reporting an error. */
static bool attr_check(witc_parse_state *ps, const void *parser, int kind, uint32_t pos,
                       uint32_t end)
{
    const bool is_id = kind == WITC_TK_ID || kind == WITC_TK_EXPLICIT_ID;
    const uint32_t skip = kind == WITC_TK_EXPLICIT_ID ? 1 : 0;
    const uint32_t at = ps->base + pos;
    switch (ps->attr_stage) {
    case 1: /* after `@name`: `(` */
        ps->attr_stage = kind == WITC_TK_LPAREN ? 2 : 0;
        return true;
    case 2: /* the key: `version`, `feature`, or a string for external-id */
        ps->attr_stage = 0;
        if (kind == WITC_TK_STRLIT && ps->attr_early != WITC_ATTR_EXTERNAL_ID) {
            witc_astb_error(ps, at, ps->base + end, "expected %s, found %s",
                            "an identifier or string", witc_wit_token_describe(kind));
            return false;
        }
        if (!is_id)
            return true;
        if (ps->attr_early == WITC_ATTR_EXTERNAL_ID) {
            witc_astb_error(ps, at, ps->base + end, "expected %s, found %s",
                            witc_wit_token_describe(WITC_TK_STRLIT), witc_wit_token_describe(kind));
            return false;
        }
        const char *want = ps->attr_early == WITC_ATTR_UNSTABLE ? "feature" : "version";
        if (!token_is(ps, pos + skip, end, want)) {
            witc_astb_error(ps, at, ps->base + end, "expected `%s`, found `%.*s`", want,
                            (int)(end - pos - skip), ps->text + pos + skip);
            return false;
        }
        ps->attr_stage = 3;
        return true;
    case 3: /* `=` */
        ps->attr_stage = kind == WITC_TK_EQUALS ? 4 : 0;
        return true;
    case 4: /* the value */
        ps->attr_stage = 0;
        if (is_id && ps->attr_early != WITC_ATTR_UNSTABLE) {
            witc_astb_error(ps, at, ps->base + end, "expected %s, found %s",
                            witc_wit_token_describe(WITC_TK_INTEGER),
                            witc_wit_token_describe(kind));
            return false;
        }
        if (kind == WITC_TK_VERSION && ps->attr_early == WITC_ATTR_UNSTABLE) {
            witc_astb_error(ps, at, ps->base + end, "expected %s, found %s",
                            "an identifier or string", witc_wit_token_describe(WITC_TK_INTEGER));
            return false;
        }
        return true;
    default:
        break;
    }
    /* `@` then a name where the grammar takes an attribute (not a package version). */
    if (ps->prev_kind != WITC_TK_AT || !is_id || !witc_wit_parser_accepts(parser, kind))
        return true;
    static const struct {
        char name[12]; /* inline text: no relocations, so the table stays read-only */
        witc_ast_attr_kind kind;
    } names[] = {{"since", WITC_ATTR_SINCE},
                 {"unstable", WITC_ATTR_UNSTABLE},
                 {"deprecated", WITC_ATTR_DEPRECATED},
                 {"external-id", WITC_ATTR_EXTERNAL_ID}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (token_is(ps, pos + skip, end, names[i].name)) {
            ps->attr_early = names[i].kind;
            ps->attr_stage = 1;
            return true;
        }
    }
    witc_astb_error(ps, at, ps->base + end, "unknown attribute `%.*s`", (int)(end - pos - skip),
                    ps->text + pos + skip);
    return false;
}

static bool push_doc_run(witc_parse_state *ps, uint32_t token_start, uint32_t start, uint32_t end)
{
    const witc_doc_run run = {token_start, start, end};
    if (!WITC_VEC_PUSH(ps->ctx, &ps->docs, run)) {
        witc_astb_nomem(ps);
        return false;
    }
    return true;
}

/* Lexes and feeds tokens until the end, an error, or (when replaying) token number `stop`,
 * where it records what the parser expected instead of feeding it. */
static void run_parser(witc_parse_state *ps, void *parser, uint32_t stop)
{
    witc_lex_error err;
    if (!witc_wit_lex_check_input(ps->text, ps->len, &err)) {
        lex_error(ps, &err);
        return;
    }
    uint32_t pos = witc_wit_lex_start(ps->text, ps->len);
    for (;;) {
        uint32_t doc_start = UINT32_MAX, doc_end = 0, end = 0, resume;
        int kind;
        for (;;) {
            kind = witc_wit_lex(ps->text, ps->len, pos, &end, &err);
            if (kind == WITC_LEX_WHITESPACE) {
                pos = end;
            } else if (kind == WITC_LEX_COMMENT) {
                if (doc_start == UINT32_MAX)
                    doc_start = pos;
                doc_end = end;
                pos = end;
            } else {
                break;
            }
        }
        if (kind == WITC_LEX_ERROR) {
            lex_error(ps, &err);
            return;
        }
        uint32_t pos_after = end;
        if (doc_start != UINT32_MAX && kind != WITC_LEX_EOF &&
            !push_doc_run(ps, pos, doc_start, doc_end))
            return;
        /* A version follows `@` in a package name or `version =` in an attribute; elsewhere
         * (`type x = 1`, `@1 interface`) the integer goes in alone and is an error there. */
        if (kind == WITC_TK_INTEGER &&
            (ps->prev_kind == WITC_TK_AT || ps->prev_kind == WITC_TK_EQUALS) &&
            witc_wit_parser_accepts(parser, WITC_TK_VERSION)) {
            if (!read_version(ps, end, &end, &resume))
                return;
            kind = WITC_TK_VERSION;
            pos_after = resume;
        } else if (kind == WITC_TK_ID || kind == WITC_TK_EXPLICIT_ID) {
            const uint32_t skip = kind == WITC_TK_EXPLICIT_ID ? 1 : 0;
            if (!witc_wit_validate_id(ps->text + pos + skip, end - pos - skip, pos, &err) &&
                witc_wit_parser_accepts(parser, kind)) {
                lex_error(ps, &err);
                return;
            }
        }
        if (!attr_check(ps, parser, kind, pos, end))
            return;
        const witc_token tok = {kind, ps->base + pos, ps->base + end};
        ps->cur = tok;
        if (ps->n_fed == stop) {
            ps->expected = witc_astb_expected(ps, parser);
            return;
        }
        ps->n_fed++;
        witc_wit_parser(parser, kind, tok);
        if (ps->failed || kind == WITC_LEX_EOF)
            return;
        ps->prev_kind = kind;
        pos = pos_after;
    }
}

static void state_init(witc_parse_state *ps, witc_ctx *ctx, const witc_source_file *file,
                       witc_arena *arena)
{
    memset(ps, 0, sizeof *ps);
    ps->ctx = ctx;
    ps->diags = witc_ctx_diags(ctx);
    ps->arena = arena;
    ps->file = file;
    ps->text = file->text;
    ps->base = file->base;
    ps->len = file->len;
    const witc_limits *limits = witc_ctx_limits(ctx);
    ps->type_depth_limit = limits->wit_type_depth;
    ps->item_depth_limit = limits->wit_item_depth;
}

/* Runs a fresh parse of `file` over its first `stop` tokens (into its own arena, no
 * diagnostics). Returns the heap parser, to free, or NULL when out of memory. */
static void *parse_prefix(witc_parse_state *ps, witc_arena *arena, uint32_t stop)
{
    ps->root = witc_arena_alloc(arena, sizeof *ps->root);
    void *parser = witc_ctx_alloc(ps->ctx, witc_wit_parser_size());
    if (!ps->root || !parser) {
        witc_ctx_dealloc(ps->ctx, parser);
        witc_astb_nomem(ps);
        return NULL;
    }
    ps->root->source = ps->file;
    witc_wit_parserInit(parser, ps);
    ps->parser = parser;
    run_parser(ps, parser, stop);
    return parser;
}

static void state_release(witc_parse_state *ps, void *parser)
{
    if (parser) {
        witc_wit_parserFinalize(parser);
        witc_ctx_dealloc(ps->ctx, parser);
    }
    WITC_VEC_FREE(ps->ctx, &ps->docs);
    witc_ctx_dealloc(ps->ctx, ps->scratch);
}

/* What the parser expected in place of token number `index`. lemon has already applied its
 * default reductions to the bad token when it reports the error, which can hide
 * alternatives (an empty parameter list reduces before `(@` fails), so the words come from
 * a replay that stops just before that token. Errors are rare; the fast path pays nothing. */
static const char *expected_before(witc_ctx *ctx, const witc_source_file *file, uint32_t index)
{
    witc_arena arena;
    witc_arena_init(&arena, ctx);
    witc_parse_state replay;
    state_init(&replay, ctx, file, &arena);
    void *parser = parse_prefix(&replay, &arena, index);
    const char *expected = replay.failed ? NULL : replay.expected;
    state_release(&replay, parser);
    witc_arena_release(&arena);
    return expected;
}

witc_status witc_wit_parse(witc_ctx *ctx, const witc_source_file *file, witc_ast **out_ast)
{
    witc_ast *ast = witc_ctx_alloc(ctx, sizeof *ast);
    if (!ast) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "out of memory while parsing %s", file->path);
        return WITC_E_NOMEM;
    }
    memset(ast, 0, sizeof *ast);
    witc_arena_init(&ast->arena, ctx);

    witc_parse_state ps;
    state_init(&ps, ctx, file, &ast->arena);
    void *parser = parse_prefix(&ps, &ast->arena, UINT32_MAX);
    state_release(&ps, parser);
    if (ps.syntax_pending) {
        const char *expected = expected_before(ctx, file, ps.n_fed - 1);
        witc_diag_error(ps.diags, (witc_span){ps.syntax_tok.start, ps.syntax_tok.end},
                        "expected %s, found %s", expected ? expected : ps.expected,
                        witc_wit_token_describe(ps.syntax_tok.kind));
    }
    if (ps.failed) {
        witc_ast_free(ast);
        return ps.status != WITC_OK ? ps.status : WITC_E_SYNTAX;
    }
    ast->root = ps.root;
    *out_ast = ast;
    return WITC_OK;
}

void witc_ast_free(witc_ast *ast)
{
    if (!ast)
        return;
    witc_ctx *ctx = ast->arena.ctx;
    witc_arena_release(&ast->arena);
    if (ctx)
        witc_ctx_dealloc(ctx, ast);
}

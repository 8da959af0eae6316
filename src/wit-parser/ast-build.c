/* SPDX-License-Identifier: Apache-2.0 */
/* AST builders: the work behind grammar.y's one-line actions. Nodes come from the AST arena;
 * lists are collected as arena links and flattened into arrays when their owner is built.
 * The few checks that are not about shape live here, worded as wit-parser words them
 * (ast.rs): attribute names and keys, nesting depth, a second `package x;` header, list
 * sizes and semantic versions. After the first error every builder does nothing. */
#include "wit-parser/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FAILED(ps) ((ps)->failed)

void witc_astb_error(witc_parse_state *ps, uint32_t start, uint32_t end, const char *fmt, ...)
{
    if (ps->failed)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    witc_diag_error(ps->diags, (witc_span){start, end}, "%s", msg);
    ps->failed = true;
    ps->status = WITC_E_SYNTAX;
}

void witc_astb_nomem(witc_parse_state *ps)
{
    if (ps->failed)
        return;
    witc_diag_error_plain(ps->diags, "out of memory while parsing %s", ps->file->path);
    ps->failed = true;
    ps->status = WITC_E_NOMEM;
}

void witc_astb_nesting_too_deep(witc_parse_state *ps)
{
    if (ps->failed)
        return;
    witc_astb_error(ps, ps->cur.start, ps->cur.end, "nesting too deep");
    ps->status = WITC_E_LIMIT;
}

/* Nodes are aligned only as their type needs (not to max_align_t): the AST is the largest
 * product of a parse, and its memory is touched for the first time here. */
static void *node(witc_parse_state *ps, size_t size, size_t align)
{
    if (ps->failed)
        return NULL;
    void *p = witc_arena_alloc_aligned(ps->arena, size, align);
    if (!p)
        witc_astb_nomem(ps);
    return p;
}
#define NEW(ps, T) ((T *)node((ps), sizeof(T), _Alignof(T)))

/* A zeroed transient slot (see witc_parse_state.tmp); NULL after a failure. */
#define TMP(ps, field) ((ps)->failed ? NULL : memset(&(ps)->tmp.field, 0, sizeof(ps)->tmp.field))

/* ---- Syntax errors ---------------------------------------------------------------------- */

static bool set_has(const bool *set, int tok)
{
    return set[tok];
}

/* wit-parser reports the token its recursive descent was expecting. An LR parser knows the
 * whole set of acceptable tokens instead; this maps each set back to wit-parser's words. */
static const char *describe_expected(witc_parse_state *ps, bool *set, int ntok)
{
    if (set_has(set, WITC_TK_INTERFACE) && set_has(set, WITC_TK_WORLD))
        return "`world`, `interface` or `use`";
    if (set_has(set, WITC_TK_IMPORT))
        return "`import`, `export`, `include`, `use`, or type definition";
    if (set_has(set, WITC_TK_CONSTRUCTOR))
        return "`constructor` or identifier";
    if (set_has(set, WITC_TK_TYPE) && set_has(set, WITC_TK_ID))
        return "`type`, `resource` or `func`";
    if (set_has(set, WITC_TK_U32))
        return "a type";
    if (set_has(set, WITC_TK_VERSION) && set_has(set, WITC_TK_ID))
        /* `@since(version = ` wants a version, `@unstable(feature = ` a name. */
        return ps->attr_early == WITC_ATTR_UNSTABLE ? "an identifier or string"
                                                    : witc_wit_token_describe(WITC_TK_INTEGER);
    if (set_has(set, WITC_TK_ID))
        return "an identifier or string";
    if (set_has(set, WITC_TK_INTEGER))
        return "fixed-length"; /* only `list<T, N>` wants a bare integer */
    if (set_has(set, WITC_TK_VERSION))
        return witc_wit_token_describe(WITC_TK_INTEGER);
    if (set_has(set, WITC_TK_SEMICOLON) && set_has(set, WITC_TK_LBRACE))
        /* `package x:y` wants its `{` (a header `;` is only peeked for); `resource r` its
         * `;`. */
        return witc_wit_token_describe(ps->in_package_name ? WITC_TK_LBRACE : WITC_TK_SEMICOLON);
    /* Tokens wit-parser only tries to eat before it expects the one it reports. */
    static const int optional[] = {WITC_TK_AT,    WITC_TK_RARROW, WITC_TK_COMMA,  WITC_TK_AS,
                                   WITC_TK_WITH,  WITC_TK_COLON,  WITC_TK_LPAREN, WITC_TK_STATIC,
                                   WITC_TK_ASYNC, WITC_TK_SLASH,  WITC_TK_LT};
    int count = 0;
    for (int t = 0; t < ntok; t++)
        count += set[t];
    int left = count;
    for (size_t i = 0; i < sizeof optional / sizeof optional[0] && left > 1; i++) {
        if (set[optional[i]]) {
            set[optional[i]] = false;
            left--;
        }
    }
    static const int priority[] = {WITC_TK_SEMICOLON, WITC_TK_RBRACE, WITC_TK_GT,
                                   WITC_TK_RPAREN,    WITC_TK_LBRACE, WITC_TK_EQUALS,
                                   WITC_TK_PERIOD,    WITC_TK_COLON,  WITC_TK_FUNC};
    for (size_t i = 0; i < sizeof priority / sizeof priority[0]; i++)
        if (set[priority[i]])
            return witc_wit_token_describe(priority[i]);
    for (int t = 0; t < ntok; t++)
        if (set[t])
            return witc_wit_token_describe(t);
    return "something else";
}

const char *witc_astb_expected(witc_parse_state *ps, const void *parser)
{
    bool set[256] = {false};
    int ntok = witc_wit_parser_token_count();
    if (ntok > 256)
        ntok = 256;
    for (int t = 0; t < ntok; t++)
        set[t] = witc_wit_parser_accepts(parser, t);
    return describe_expected(ps, set, ntok);
}

void witc_astb_syntax_error(witc_parse_state *ps, const void *parser, int major, witc_token tok)
{
    if (ps->failed)
        return;
    /* Reported by the driver once it knows the words (see parse.c expected_before); this
     * state's own expectation is the fallback. */
    ps->expected = witc_astb_expected(ps, parser);
    tok.kind = major;
    ps->syntax_tok = tok;
    ps->syntax_pending = true;
    ps->failed = true;
    ps->status = WITC_E_SYNTAX;
}

/* ---- Docs --------------------------------------------------------------------------------- */

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* One comment's contents as wit-parser's resolver keeps it (ast/resolve.rs `docs`): a
 * slash-star-star block loses its markers, other comments lose their leading slashes, and
 * trailing whitespace goes. */
static witc_str comment_contents(const char *c, size_t n)
{
    witc_str s;
    if (n >= 3 && memcmp(c, "/**", 3) == 0) {
        s.ptr = c + 3;
        s.len = n - 3;
        if (s.len >= 2 && memcmp(s.ptr + s.len - 2, "*/", 2) == 0)
            s.len -= 2;
        else
            s.len = 0; /* the empty block comment: wit-parser panics; keep nothing */
    } else {
        size_t i = 0;
        while (i < n && c[i] == '/')
            i++;
        s.ptr = c + i;
        s.len = n - i;
    }
    while (s.len > 0 && is_ws(s.ptr[s.len - 1]))
        s.len--;
    return s;
}

witc_ast_docs witc_astb_docs_at(witc_parse_state *ps, uint32_t start)
{
    witc_ast_docs docs = {false, {"", 0}, {WITC_POS_NONE, WITC_POS_NONE}};
    if (ps->failed || ps->docs.len == 0 || start < ps->base)
        return docs;
    const uint32_t rel = start - ps->base;
    /* The first run at or after `rel`. An item is built when its last token is read, so
     * usually no run lies at or after its first token (the last run is before it); else the
     * run the previous lookup found, or the next one, is often it; else binary search. */
    const witc_doc_run *runs = ps->docs.items;
    if (runs[ps->docs.len - 1].token_start < rel)
        return docs;
    size_t lo = 0, hi = ps->docs.len;
    for (size_t h = ps->docs_hint; h < ps->docs.len && h <= ps->docs_hint + 1; h++) {
        if (runs[h].token_start >= rel && (h == 0 || runs[h - 1].token_start < rel)) {
            lo = hi = h;
            break;
        }
    }
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (runs[mid].token_start < rel)
            lo = mid + 1;
        else
            hi = mid;
    }
    ps->docs_hint = lo;
    if (lo >= ps->docs.len || ps->docs.items[lo].token_start != rel)
        return docs;
    const witc_doc_run run = ps->docs.items[lo];

    /* First pass: the comments' contents and the smallest indentation of non-empty ones. */
    size_t n_comments = 0, total = 0, min_ws = SIZE_MAX;
    uint32_t last_end = run.start;
    for (uint32_t pos = run.start; pos < run.end;) {
        uint32_t end;
        witc_lex_error err;
        const int kind = witc_wit_lex(ps->text, ps->len, pos, &end, &err);
        if (kind == WITC_LEX_COMMENT) {
            const witc_str s = comment_contents(ps->text + pos, end - pos);
            n_comments++;
            total += s.len + 1;
            if (s.len > 0) {
                size_t w = 0;
                while (w < s.len && is_ws(s.ptr[w]))
                    w++;
                if (w < min_ws)
                    min_ws = w;
            }
            last_end = end;
            while (last_end > pos && is_ws(ps->text[last_end - 1]))
                last_end--;
        } else if (kind != WITC_LEX_WHITESPACE) {
            break;
        }
        pos = end;
    }
    if (n_comments == 0)
        return docs;
    if (min_ws == SIZE_MAX)
        min_ws = 0;
    char *out = node(ps, total + 1, 1);
    if (!out)
        return docs;
    size_t n = 0;
    for (uint32_t pos = run.start; pos < run.end;) {
        uint32_t end;
        witc_lex_error err;
        const int kind = witc_wit_lex(ps->text, ps->len, pos, &end, &err);
        if (kind == WITC_LEX_COMMENT) {
            witc_str s = comment_contents(ps->text + pos, end - pos);
            /* Strip exactly min_ws spaces when the line starts with them. */
            bool spaces = s.len >= min_ws;
            for (size_t k = 0; spaces && k < min_ws; k++)
                spaces = s.ptr[k] == ' ';
            if (min_ws > 0 && spaces) {
                s.ptr += min_ws;
                s.len -= min_ws;
            }
            if (s.len == 0) {
                out[n++] = '\n';
            } else {
                /* str::lines(): split at LF, drop one CR before it, no empty last line. */
                size_t i = 0;
                while (i < s.len) {
                    size_t j = i;
                    while (j < s.len && s.ptr[j] != '\n')
                        j++;
                    size_t line_end = j;
                    if (line_end > i && s.ptr[line_end - 1] == '\r')
                        line_end--;
                    memcpy(out + n, s.ptr + i, line_end - i);
                    n += line_end - i;
                    out[n++] = '\n';
                    i = j < s.len ? j + 1 : j;
                }
            }
        } else if (kind != WITC_LEX_WHITESPACE) {
            break;
        }
        pos = end;
    }
    while (n > 0 && out[n - 1] == '\n')
        n--;
    out[n] = 0;
    docs.present = true;
    docs.text = (witc_str){out, n};
    docs.span = (witc_span){ps->base + run.start, ps->base + last_end};
    return docs;
}

/* ---- Lists and the scratch stack -------------------------------------------------------- */

/* A zeroed element slot on top of the scratch stack. */
static witc_slot slot_new(witc_parse_state *ps, size_t size)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    const size_t top = (ps->scratch_top + 7) & ~(size_t)7;
    if (size > ps->scratch_cap || top > ps->scratch_cap - size) {
        size_t cap = ps->scratch_cap ? ps->scratch_cap : 4096;
        while (cap < top + size && cap < SIZE_MAX / 2)
            cap *= 2;
        if (cap < top + size || cap > UINT32_MAX) {
            witc_astb_nomem(ps);
            return WITC_SLOT_NONE;
        }
        unsigned char *p = witc_ctx_realloc(ps->ctx, ps->scratch, cap);
        if (!p) {
            witc_astb_nomem(ps);
            return WITC_SLOT_NONE;
        }
        ps->scratch = p;
        ps->scratch_cap = cap;
    }
    memset(ps->scratch + top, 0, size);
    ps->scratch_top = top + size;
    return (witc_slot)top;
}

#define SLOT(ps, T, slot) ((T *)(void *)((ps)->scratch + (slot)))

witc_plist witc_astb_list_empty(void)
{
    return (witc_plist){0, 0, WITC_POS_NONE};
}

witc_plist witc_astb_list_add(witc_parse_state *ps, witc_plist l, witc_slot item)
{
    if (ps->failed || item == WITC_SLOT_NONE)
        return l;
    if (l.n == 0)
        l.off = item;
    l.n++;
    return l;
}

witc_plist witc_astb_list_push_ptr(witc_parse_state *ps, witc_plist l, void *ptr)
{
    if (ps->failed || !ptr)
        return l;
    const witc_slot s = slot_new(ps, sizeof(void *));
    if (s == WITC_SLOT_NONE)
        return l;
    memcpy(ps->scratch + s, &ptr, sizeof ptr);
    return witc_astb_list_add(ps, l, s);
}

/* Copies a finished list into one arena array and pops it (and anything above it) off the
 * scratch stack. */
static void *flatten(witc_parse_state *ps, witc_plist l, size_t elem_size, size_t align,
                     uint32_t *out_n)
{
    *out_n = 0;
    if (ps->failed || l.n == 0)
        return NULL;
    size_t bytes;
    char *arr = __builtin_mul_overflow(l.n, elem_size, &bytes)
                    ? NULL
                    : witc_arena_alloc_aligned(ps->arena, bytes, align);
    if (!arr) {
        witc_astb_nomem(ps);
        return NULL;
    }
    memcpy(arr, ps->scratch + l.off, elem_size * l.n);
    if (l.off < ps->scratch_top)
        ps->scratch_top = l.off;
    *out_n = l.n;
    return arr;
}
#define FLATTEN(ps, l, T, out_n) ((T *)flatten((ps), (l), sizeof(T), _Alignof(T), (out_n)))

static witc_ast_attrs attrs_of(witc_parse_state *ps, witc_plist l)
{
    witc_ast_attrs a;
    a.items = FLATTEN(ps, l, witc_ast_attr, &a.count);
    return a;
}

/* The first token of an item: its first attribute's `@`, else `fallback`. */
static uint32_t item_start(witc_plist attrs, uint32_t fallback)
{
    return attrs.n > 0 ? attrs.start : fallback;
}

/* ---- Files, packages, names ---------------------------------------------------------------- */

void witc_astb_file(witc_parse_state *ps, witc_plist decls)
{
    if (ps->failed)
        return;
    ps->root->decls = FLATTEN(ps, decls, witc_ast_decl, &ps->root->n_decls);
}

witc_plist witc_astb_decls_push(witc_parse_state *ps, witc_plist l, witc_slot d)
{
    if (ps->failed || d == WITC_SLOT_NONE)
        return l;
    if (ps->pkg_depth == 0)
        ps->n_top_decls++;
    return witc_astb_list_add(ps, l, d);
}

witc_slot witc_astb_decl_interface(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                   witc_ast_id name, witc_plist items)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    witc_ast_interface i = {0};
    const uint32_t start = item_start(attrs, kw.start);
    i.docs = witc_astb_docs_at(ps, start);
    i.attrs = attrs_of(ps, attrs);
    i.name = name;
    i.span = (witc_span){start, name.span.end};
    i.items = FLATTEN(ps, items, witc_ast_iface_item, &i.n_items);
    const witc_slot s = slot_new(ps, sizeof(witc_ast_decl));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_decl *d = SLOT(ps, witc_ast_decl, s);
    d->kind = WITC_AST_DECL_INTERFACE;
    d->interface = i;
    return s;
}

witc_slot witc_astb_decl_world(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                               witc_ast_id name, witc_plist items)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    witc_ast_world w = {0};
    const uint32_t start = item_start(attrs, kw.start);
    w.docs = witc_astb_docs_at(ps, start);
    w.attrs = attrs_of(ps, attrs);
    w.name = name;
    w.span = (witc_span){start, name.span.end};
    w.items = FLATTEN(ps, items, witc_ast_world_item, &w.n_items);
    const witc_slot s = slot_new(ps, sizeof(witc_ast_decl));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_decl *d = SLOT(ps, witc_ast_decl, s);
    d->kind = WITC_AST_DECL_WORLD;
    d->world = w;
    return s;
}

witc_slot witc_astb_decl_use(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                             witc_ast_use_path *path, witc_ast_id *as)
{
    if (ps->failed || !path)
        return WITC_SLOT_NONE;
    witc_ast_toplevel_use u = {0};
    u.attrs = attrs_of(ps, attrs);
    u.span = (witc_span){kw.start, kw.end};
    u.item = *path;
    if (as) {
        u.has_as = true;
        u.as = *as;
    }
    const witc_slot s = slot_new(ps, sizeof(witc_ast_decl));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_decl *d = SLOT(ps, witc_ast_decl, s);
    d->kind = WITC_AST_DECL_USE;
    d->use = u;
    return s;
}

witc_token witc_astb_package_keyword(witc_parse_state *ps, witc_plist attrs, witc_token kw)
{
    if (ps->failed)
        return kw;
    ps->in_package_name = true;
    if (attrs.n > 0)
        witc_astb_error(ps, kw.start, kw.end, "cannot place attributes on nested packages");
    else if (ps->pkg_depth >= ps->item_depth_limit) {
        witc_astb_error(ps, kw.start, kw.end, "package nesting too deep");
        ps->status = WITC_E_LIMIT;
    }
    return kw;
}

witc_slot witc_astb_decl_header(witc_parse_state *ps, witc_token kw, witc_ast_package_name *name,
                                witc_token semi)
{
    ps->in_package_name = false;
    if (ps->failed || !name)
        return WITC_SLOT_NONE;
    /* Only the very first thing in a file may be `package x:y;` (wit-parser peeks for it
     * once); anywhere else a package needs a `{ ... }` body. */
    if (ps->pkg_depth != 0 || ps->n_top_decls != 0 || ps->root->has_package) {
        witc_astb_error(ps, semi.start, semi.end, "expected %s, found %s",
                        witc_wit_token_describe(WITC_TK_LBRACE),
                        witc_wit_token_describe(WITC_TK_SEMICOLON));
        return WITC_SLOT_NONE;
    }
    ps->root->has_package = true;
    ps->root->package = *name;
    ps->root->package.docs = witc_astb_docs_at(ps, kw.start);
    return WITC_SLOT_NONE;
}

witc_ast_package_file *witc_astb_package_open(witc_parse_state *ps, witc_token kw,
                                              witc_ast_package_name *name)
{
    ps->in_package_name = false;
    witc_ast_package_file *p = NEW(ps, witc_ast_package_file);
    if (!p || !name)
        return NULL;
    ps->pkg_depth++;
    p->has_package = true;
    p->package = *name;
    p->package.docs = witc_astb_docs_at(ps, kw.start);
    p->source = ps->file;
    return p;
}

witc_slot witc_astb_decl_package(witc_parse_state *ps, witc_ast_package_file *pkg, witc_plist decls)
{
    if (ps->failed || !pkg)
        return WITC_SLOT_NONE;
    ps->pkg_depth--;
    pkg->decls = FLATTEN(ps, decls, witc_ast_decl, &pkg->n_decls);
    const witc_slot s = slot_new(ps, sizeof(witc_ast_decl));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_decl *d = SLOT(ps, witc_ast_decl, s);
    d->kind = WITC_AST_DECL_PACKAGE;
    d->package = pkg;
    return s;
}

witc_ast_package_name *witc_astb_pkgname(witc_parse_state *ps, witc_ast_id ns, witc_ast_id name,
                                         witc_ast_version *version)
{
    witc_ast_package_name *p = TMP(ps, pkgname);
    if (!p)
        return NULL;
    p->namespace_ = ns;
    p->name = name;
    p->span = (witc_span){ns.span.start, version ? version->span.end : name.span.end};
    if (version) {
        p->has_version = true;
        p->version = *version;
    }
    return p;
}

/* Semantic versions, checked as the semver crate does (wit-parser calls Version::parse on the
 * version's text) and with its messages. `pos` names the part being read. */
typedef struct semver_error {
    char msg[96];
} semver_error;

static void semver_fail(semver_error *e, const char *what, const char *pos, const char *rest,
                        size_t rest_len)
{
    if (!rest) {
        snprintf(e->msg, sizeof e->msg, "%s %s", what, pos);
        return;
    }
    /* The offending character, quoted (a whole UTF-8 sequence when it is one). */
    size_t n = 1;
    const unsigned char c = (unsigned char)rest[0];
    if (c >= 0xf0)
        n = 4;
    else if (c >= 0xe0)
        n = 3;
    else if (c >= 0xc0)
        n = 2;
    if (n > rest_len)
        n = rest_len;
    snprintf(e->msg, sizeof e->msg, "unexpected character '%.*s' %s %s", (int)n, rest, what, pos);
}

static bool semver_number(const char **s, const char *end, const char *pos, uint64_t *out,
                          semver_error *e)
{
    const char *p = *s;
    uint64_t v = 0;
    size_t len = 0;
    while (p + len < end && p[len] >= '0' && p[len] <= '9') {
        if (v == 0 && len > 0) {
            snprintf(e->msg, sizeof e->msg, "invalid leading zero in %s", pos);
            return false;
        }
        const unsigned d = (unsigned)(p[len] - '0');
        if (v > (UINT64_MAX - d) / 10) {
            snprintf(e->msg, sizeof e->msg, "value of %s exceeds u64::MAX", pos);
            return false;
        }
        v = v * 10 + d;
        len++;
    }
    if (len == 0) {
        if (p < end)
            semver_fail(e, "while parsing", pos, p, (size_t)(end - p));
        else
            semver_fail(e, "unexpected end of input while parsing", pos, NULL, 0);
        return false;
    }
    *s = p + len;
    *out = v;
    return true;
}

static bool semver_dot(const char **s, const char *end, const char *pos, semver_error *e)
{
    if (*s < end && **s == '.') {
        (*s)++;
        return true;
    }
    if (*s < end)
        semver_fail(e, "after", pos, *s, (size_t)(end - *s));
    else
        semver_fail(e, "unexpected end of input while parsing", pos, NULL, 0);
    return false;
}

/* Dot-separated [0-9A-Za-z-] segments; `pre` adds the no-leading-zero rule for numbers. */
static bool semver_idents(const char **s, const char *end, bool pre, witc_str *out, semver_error *e)
{
    const char *pos = pre ? "pre-release identifier" : "build metadata";
    const char *p = *s;
    size_t acc = 0, seg = 0;
    bool nondigit = false;
    for (;;) {
        const char *at = p + acc + seg;
        const char c = at < end ? *at : 0;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-') {
            seg++;
            nondigit = true;
            continue;
        }
        if (c >= '0' && c <= '9') {
            seg++;
            continue;
        }
        if (seg == 0) {
            if (acc == 0 && c != '.')
                break; /* empty: reported by the caller */
            snprintf(e->msg, sizeof e->msg, "empty identifier segment in %s", pos);
            return false;
        }
        if (pre && seg > 1 && !nondigit && p[acc] == '0') {
            snprintf(e->msg, sizeof e->msg, "invalid leading zero in %s", pos);
            return false;
        }
        acc += seg;
        if (c == '.') {
            acc++;
            seg = 0;
            nondigit = false;
            continue;
        }
        break;
    }
    if (acc == 0) {
        snprintf(e->msg, sizeof e->msg, "empty identifier segment in %s", pos);
        return false;
    }
    *out = (witc_str){p, acc};
    *s = p + acc;
    return true;
}

witc_ast_version *witc_astb_version(witc_parse_state *ps, witc_token tok)
{
    witc_ast_version *v = TMP(ps, version);
    if (!v)
        return NULL;
    const char *s = ps->text + (tok.start - ps->base);
    const char *end = s + (tok.end - tok.start);
    v->text = (witc_str){s, (size_t)(end - s)};
    v->span = (witc_span){tok.start, tok.end};
    v->pre = v->build = (witc_str){"", 0};
    semver_error e = {""};
    const char *pos = "patch version number";
    bool ok = semver_number(&s, end, "major version number", &v->major, &e) &&
              semver_dot(&s, end, "major version number", &e) &&
              semver_number(&s, end, "minor version number", &v->minor, &e) &&
              semver_dot(&s, end, "minor version number", &e) &&
              semver_number(&s, end, "patch version number", &v->patch, &e);
    if (ok && s < end && *s == '-') {
        s++;
        pos = "pre-release identifier";
        ok = semver_idents(&s, end, true, &v->pre, &e);
    }
    if (ok && s < end && *s == '+') {
        s++;
        pos = "build metadata";
        ok = semver_idents(&s, end, false, &v->build, &e);
    }
    if (ok && s < end) {
        semver_fail(&e, "after", pos, s, (size_t)(end - s));
        ok = false;
    }
    if (!ok) {
        witc_astb_error(ps, tok.start, tok.end, "%s", e.msg);
        return NULL;
    }
    return v;
}

witc_ast_use_path *witc_astb_usepath_local(witc_parse_state *ps, witc_ast_id name)
{
    witc_ast_use_path *p = TMP(ps, path);
    if (!p)
        return NULL;
    p->name = name;
    p->span = name.span;
    return p;
}

witc_ast_use_path *witc_astb_usepath_package(witc_parse_state *ps, witc_ast_id ns, witc_ast_id pkg,
                                             witc_ast_id name, witc_ast_version *version)
{
    witc_ast_use_path *p = TMP(ps, path);
    if (!p)
        return NULL;
    p->is_package = true;
    p->package.namespace_ = ns;
    p->package.name = pkg;
    p->package.span = (witc_span){ns.span.start, pkg.span.end};
    if (version) {
        p->package.has_version = true;
        p->package.version = *version;
    }
    p->name = name;
    p->span = (witc_span){ns.span.start, version ? version->span.end : name.span.end};
    return p;
}

witc_ast_id *witc_astb_id_copy(witc_parse_state *ps, witc_ast_id id)
{
    witc_ast_id *p = TMP(ps, id);
    if (p)
        *p = id;
    return p;
}

witc_ast_id witc_astb_id(witc_parse_state *ps, witc_token tok)
{
    witc_ast_id id;
    const char *s = ps->text + (tok.start - ps->base);
    size_t n = tok.end - tok.start;
    if (tok.kind == WITC_TK_EXPLICIT_ID && n > 0) {
        s++;
        n--;
    }
    id.name = (witc_str){s, n};
    id.span = (witc_span){tok.start, tok.end};
    return id;
}

/* ---- Attributes ---------------------------------------------------------------------------- */

witc_plist witc_astb_attrs_push(witc_parse_state *ps, witc_plist l, witc_slot a)
{
    if (ps->failed || a == WITC_SLOT_NONE)
        return l;
    if (l.n == 0)
        l.start = SLOT(ps, witc_ast_attr, a)->at_span.start;
    return witc_astb_list_add(ps, l, a);
}

witc_slot witc_astb_attr_name(witc_parse_state *ps, witc_token at, witc_ast_id name)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    witc_ast_attr_kind kind;
    if (witc_str_eq_c(name.name, "since"))
        kind = WITC_ATTR_SINCE;
    else if (witc_str_eq_c(name.name, "unstable"))
        kind = WITC_ATTR_UNSTABLE;
    else if (witc_str_eq_c(name.name, "deprecated"))
        kind = WITC_ATTR_DEPRECATED;
    else if (witc_str_eq_c(name.name, "external-id"))
        kind = WITC_ATTR_EXTERNAL_ID;
    else {
        witc_astb_error(ps, name.span.start, name.span.end, "unknown attribute `%.*s`",
                        (int)name.name.len, name.name.ptr);
        return WITC_SLOT_NONE;
    }
    const witc_slot s = slot_new(ps, sizeof(witc_ast_attr));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_attr *a = SLOT(ps, witc_ast_attr, s);
    a->kind = kind;
    a->span = name.span;
    a->at_span = (witc_span){at.start, at.end};
    ps->attr_kind = kind;
    return s;
}

witc_ast_id witc_astb_attr_key(witc_parse_state *ps, witc_ast_id key)
{
    if (ps->failed)
        return key;
    const char *want = NULL;
    switch (ps->attr_kind) {
    case WITC_ATTR_SINCE:
    case WITC_ATTR_DEPRECATED:
        want = "version";
        break;
    case WITC_ATTR_UNSTABLE:
        want = "feature";
        break;
    case WITC_ATTR_EXTERNAL_ID:
        witc_astb_error(ps, key.span.start, key.span.end, "expected %s, found %s",
                        witc_wit_token_describe(WITC_TK_STRLIT),
                        witc_wit_token_describe(WITC_TK_ID));
        return key;
    }
    if (!witc_str_eq_c(key.name, want))
        witc_astb_error(ps, key.span.start, key.span.end, "expected `%s`, found `%.*s`", want,
                        (int)key.name.len, key.name.ptr);
    return key;
}

witc_slot witc_astb_attr_version(witc_parse_state *ps, witc_slot a, witc_ast_version *v)
{
    if (ps->failed || a == WITC_SLOT_NONE || !v)
        return WITC_SLOT_NONE;
    witc_ast_attr *attr = SLOT(ps, witc_ast_attr, a);
    if (attr->kind == WITC_ATTR_UNSTABLE) {
        witc_astb_error(ps, v->span.start, v->span.end, "expected %s, found %s",
                        "an identifier or string", witc_wit_token_describe(WITC_TK_INTEGER));
        return WITC_SLOT_NONE;
    }
    attr->version = *v;
    return a;
}

witc_slot witc_astb_attr_feature(witc_parse_state *ps, witc_slot a, witc_ast_id f)
{
    if (ps->failed || a == WITC_SLOT_NONE)
        return WITC_SLOT_NONE;
    witc_ast_attr *attr = SLOT(ps, witc_ast_attr, a);
    if (attr->kind != WITC_ATTR_UNSTABLE) {
        witc_astb_error(ps, f.span.start, f.span.end, "expected %s, found %s",
                        witc_wit_token_describe(WITC_TK_INTEGER),
                        witc_wit_token_describe(WITC_TK_ID));
        return WITC_SLOT_NONE;
    }
    attr->feature = f;
    return a;
}

bool witc_astb_string_value(witc_parse_state *ps, witc_token tok, witc_str *out)
{
    char *buf = node(ps, tok.end - tok.start + 1, 1);
    if (!buf)
        return false;
    const size_t n =
        witc_wit_lex_string_decode(ps->text, tok.start - ps->base, tok.end - ps->base, buf);
    buf[n] = 0;
    *out = (witc_str){buf, n};
    return true;
}

witc_slot witc_astb_attr_string(witc_parse_state *ps, witc_slot a, witc_token s)
{
    if (ps->failed || a == WITC_SLOT_NONE)
        return WITC_SLOT_NONE;
    if (SLOT(ps, witc_ast_attr, a)->kind != WITC_ATTR_EXTERNAL_ID) {
        witc_astb_error(ps, s.start, s.end, "expected %s, found %s", "an identifier or string",
                        witc_wit_token_describe(WITC_TK_STRLIT));
        return WITC_SLOT_NONE;
    }
    witc_str value;
    if (!witc_astb_string_value(ps, s, &value))
        return WITC_SLOT_NONE;
    SLOT(ps, witc_ast_attr, a)->string = value;
    return a;
}

/* ---- Interfaces and their items ------------------------------------------------------------ */

static witc_slot iface_item_new(witc_parse_state *ps, witc_ast_iface_item_kind kind)
{
    const witc_slot s = slot_new(ps, sizeof(witc_ast_iface_item));
    if (s != WITC_SLOT_NONE)
        SLOT(ps, witc_ast_iface_item, s)->kind = kind;
    return s;
}

witc_slot witc_astb_iface_typedef(witc_parse_state *ps, witc_ast_typedef *t)
{
    if (ps->failed || !t)
        return WITC_SLOT_NONE;
    const witc_slot s = iface_item_new(ps, WITC_AST_ITEM_TYPEDEF);
    if (s != WITC_SLOT_NONE)
        SLOT(ps, witc_ast_iface_item, s)->typedef_ = *t;
    return s;
}

witc_slot witc_astb_iface_func(witc_parse_state *ps, witc_plist attrs, witc_ast_id name,
                               witc_ast_func *f)
{
    if (ps->failed || !f)
        return WITC_SLOT_NONE;
    witc_ast_named_func nf = {0};
    nf.docs = witc_astb_docs_at(ps, item_start(attrs, name.span.start));
    nf.attrs = attrs_of(ps, attrs);
    nf.kind = WITC_AST_FUNC_FREE;
    nf.name = name;
    nf.func = *f;
    const witc_slot s = iface_item_new(ps, WITC_AST_ITEM_FUNC);
    if (s != WITC_SLOT_NONE)
        SLOT(ps, witc_ast_iface_item, s)->func = nf;
    return s;
}

witc_slot witc_astb_iface_use(witc_parse_state *ps, witc_ast_use *u)
{
    if (ps->failed || !u)
        return WITC_SLOT_NONE;
    const witc_slot s = iface_item_new(ps, WITC_AST_ITEM_USE);
    if (s != WITC_SLOT_NONE)
        SLOT(ps, witc_ast_iface_item, s)->use = *u;
    return s;
}

witc_ast_use *witc_astb_use(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                            witc_ast_use_path *path, witc_plist names)
{
    if (ps->failed || !path)
        return NULL;
    witc_ast_attrs a = attrs_of(ps, attrs);
    uint32_t n_names;
    witc_ast_use_name *list = FLATTEN(ps, names, witc_ast_use_name, &n_names);
    witc_ast_use *u = TMP(ps, use);
    if (!u)
        return NULL;
    u->attrs = a;
    u->span = (witc_span){kw.start, path->span.end};
    u->from = *path;
    u->names = list;
    u->n_names = n_names;
    return u;
}

witc_slot witc_astb_use_name(witc_parse_state *ps, witc_ast_id name, witc_ast_id *as)
{
    const witc_slot s = slot_new(ps, sizeof(witc_ast_use_name));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_use_name *u = SLOT(ps, witc_ast_use_name, s);
    u->name = name;
    if (as) {
        u->has_as = true;
        u->as = *as;
    }
    return s;
}

static witc_ast_typedef *typedef_new(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                     witc_ast_id name)
{
    if (ps->failed)
        return NULL;
    const witc_ast_docs docs = witc_astb_docs_at(ps, item_start(attrs, kw.start));
    const witc_ast_attrs a = attrs_of(ps, attrs);
    witc_ast_typedef *t = TMP(ps, typedef_);
    if (!t)
        return NULL;
    t->docs = docs;
    t->attrs = a;
    t->name = name;
    return t;
}

witc_ast_typedef *witc_astb_typedef_alias(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                          witc_ast_id name, witc_ast_type *type)
{
    witc_ast_typedef *t = typedef_new(ps, attrs, kw, name);
    if (!t || !type)
        return NULL;
    t->type = type;
    return t;
}

witc_ast_typedef *witc_astb_typedef_fields(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                           witc_ast_id name, witc_ast_type_kind kind,
                                           witc_plist fields)
{
    if (ps->failed)
        return NULL;
    uint32_t n;
    witc_ast_field *list = FLATTEN(ps, fields, witc_ast_field, &n);
    witc_ast_typedef *t = typedef_new(ps, attrs, kw, name);
    witc_ast_type *ty = NEW(ps, witc_ast_type);
    if (!t || !ty)
        return NULL;
    ty->kind = kind;
    ty->span = name.span;
    ty->fields = list;
    ty->n_fields = n;
    t->type = ty;
    return t;
}

witc_ast_typedef *witc_astb_typedef_resource(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                             witc_ast_id name, const witc_plist *funcs)
{
    if (ps->failed)
        return NULL;
    uint32_t n = 0;
    witc_ast_named_func *list = funcs ? FLATTEN(ps, *funcs, witc_ast_named_func, &n) : NULL;
    witc_ast_typedef *t = typedef_new(ps, attrs, kw, name);
    witc_ast_type *ty = NEW(ps, witc_ast_type);
    if (!t || !ty)
        return NULL;
    ty->kind = WITC_AST_RESOURCE;
    ty->span = name.span;
    ty->resource_has_body = funcs != NULL;
    ty->funcs = list;
    ty->n_funcs = n;
    t->type = ty;
    return t;
}

witc_slot witc_astb_field(witc_parse_state *ps, witc_ast_id name, witc_ast_type *type)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    const witc_ast_docs docs = witc_astb_docs_at(ps, name.span.start);
    const witc_slot s = slot_new(ps, sizeof(witc_ast_field));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_field *f = SLOT(ps, witc_ast_field, s);
    f->docs = docs;
    f->name = name;
    f->type = type;
    return s;
}

witc_slot witc_astb_ctor(witc_parse_state *ps, witc_plist attrs, witc_token kw, witc_plist params)
{
    if (ps->failed)
        return WITC_SLOT_NONE;
    witc_ast_named_func nf = {0};
    nf.docs = witc_astb_docs_at(ps, item_start(attrs, kw.start));
    nf.func.params = FLATTEN(ps, params, witc_ast_param, &nf.func.n_params);
    nf.attrs = attrs_of(ps, attrs);
    nf.kind = WITC_AST_FUNC_CONSTRUCTOR;
    nf.name.name = WITC_STR_LIT("constructor");
    nf.name.span = (witc_span){kw.start, kw.end};
    nf.func.span = nf.name.span;
    const witc_slot s = slot_new(ps, sizeof(witc_ast_named_func));
    if (s != WITC_SLOT_NONE)
        *SLOT(ps, witc_ast_named_func, s) = nf;
    return s;
}

witc_slot witc_astb_ctor_result(witc_parse_state *ps, witc_slot f, witc_ast_type *result)
{
    if (ps->failed || f == WITC_SLOT_NONE)
        return WITC_SLOT_NONE;
    SLOT(ps, witc_ast_named_func, f)->func.result = result;
    return f;
}

witc_slot witc_astb_resource_func(witc_parse_state *ps, witc_plist attrs, witc_ast_id name,
                                  witc_ast_func_kind kind, witc_ast_func *fn)
{
    if (ps->failed || !fn)
        return WITC_SLOT_NONE;
    witc_ast_named_func nf = {0};
    nf.docs = witc_astb_docs_at(ps, item_start(attrs, name.span.start));
    nf.attrs = attrs_of(ps, attrs);
    nf.kind = kind;
    nf.name = name;
    nf.func = *fn;
    const witc_slot s = slot_new(ps, sizeof(witc_ast_named_func));
    if (s != WITC_SLOT_NONE)
        *SLOT(ps, witc_ast_named_func, s) = nf;
    return s;
}

witc_ast_func *witc_astb_func_begin(witc_parse_state *ps, witc_token kw, bool is_async)
{
    witc_ast_func *f = TMP(ps, func);
    if (!f)
        return NULL;
    f->span = (witc_span){kw.start, kw.end};
    f->is_async = is_async;
    return f;
}

witc_ast_func *witc_astb_func(witc_parse_state *ps, witc_ast_func *f, witc_plist params,
                              witc_ast_type *result)
{
    if (ps->failed || !f)
        return NULL;
    f->params = FLATTEN(ps, params, witc_ast_param, &f->n_params);
    f->result = result;
    return f;
}

witc_slot witc_astb_param(witc_parse_state *ps, witc_ast_id name, witc_ast_type *type)
{
    const witc_slot s = slot_new(ps, sizeof(witc_ast_param));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_param *p = SLOT(ps, witc_ast_param, s);
    p->name = name;
    p->type = type;
    return s;
}

/* ---- Worlds ---------------------------------------------------------------------------------- */

static witc_slot world_item_new(witc_parse_state *ps, witc_ast_world_item_kind kind)
{
    const witc_slot s = slot_new(ps, sizeof(witc_ast_world_item));
    if (s != WITC_SLOT_NONE)
        SLOT(ps, witc_ast_world_item, s)->kind = kind;
    return s;
}

witc_slot witc_astb_world_extern(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                 witc_ast_world_item_kind kind, witc_ast_extern *e)
{
    if (ps->failed || !e)
        return WITC_SLOT_NONE;
    const witc_ast_docs docs = witc_astb_docs_at(ps, item_start(attrs, kw.start));
    const witc_ast_attrs a = attrs_of(ps, attrs);
    const witc_slot s = world_item_new(ps, kind);
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_world_item *w = SLOT(ps, witc_ast_world_item, s);
    w->docs = docs;
    w->attrs = a;
    w->ext = *e;
    w->ext.span.start = kw.start;
    return s;
}

witc_slot witc_astb_world_use(witc_parse_state *ps, witc_ast_use *u)
{
    if (ps->failed || !u)
        return WITC_SLOT_NONE;
    const witc_slot s = world_item_new(ps, WITC_AST_WORLD_USE);
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_world_item *w = SLOT(ps, witc_ast_world_item, s);
    w->use = *u;
    w->attrs = u->attrs;
    return s;
}

witc_slot witc_astb_world_typedef(witc_parse_state *ps, witc_ast_typedef *t)
{
    if (ps->failed || !t)
        return WITC_SLOT_NONE;
    const witc_slot s = world_item_new(ps, WITC_AST_WORLD_TYPE);
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_world_item *w = SLOT(ps, witc_ast_world_item, s);
    w->typedef_ = *t;
    w->docs = t->docs;
    w->attrs = t->attrs;
    return s;
}

witc_slot witc_astb_world_include(witc_parse_state *ps, witc_plist attrs, witc_token kw,
                                  witc_ast_use_path *path, const witc_plist *names)
{
    if (ps->failed || !path)
        return WITC_SLOT_NONE;
    witc_ast_include inc = {0};
    if (names)
        inc.names = FLATTEN(ps, *names, witc_ast_include_name, &inc.n_names);
    inc.attrs = attrs_of(ps, attrs);
    inc.span = (witc_span){kw.start, path->span.end};
    inc.from = *path;
    const witc_slot s = world_item_new(ps, WITC_AST_WORLD_INCLUDE);
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_world_item *w = SLOT(ps, witc_ast_world_item, s);
    w->include = inc;
    w->attrs = inc.attrs;
    return s;
}

witc_slot witc_astb_include_name(witc_parse_state *ps, witc_ast_id name, witc_ast_id as)
{
    const witc_slot s = slot_new(ps, sizeof(witc_ast_include_name));
    if (s == WITC_SLOT_NONE)
        return s;
    witc_ast_include_name *n = SLOT(ps, witc_ast_include_name, s);
    n->name = name;
    n->as = as;
    return s;
}

witc_ast_extern *witc_astb_extern_func(witc_parse_state *ps, witc_ast_id name, witc_ast_func *f)
{
    witc_ast_extern *e = TMP(ps, ext);
    if (!e || !f)
        return NULL;
    e->kind = WITC_AST_EXTERN_FUNC;
    e->name = name;
    e->func = *f;
    e->span = name.span;
    return e;
}

witc_ast_extern *witc_astb_extern_interface(witc_parse_state *ps, witc_ast_id name,
                                            witc_plist items)
{
    if (ps->failed)
        return NULL;
    uint32_t n;
    witc_ast_iface_item *list = FLATTEN(ps, items, witc_ast_iface_item, &n);
    witc_ast_extern *e = TMP(ps, ext);
    if (!e)
        return NULL;
    e->kind = WITC_AST_EXTERN_INTERFACE;
    e->name = name;
    e->items = list;
    e->n_items = n;
    e->span = name.span;
    return e;
}

witc_ast_extern *witc_astb_extern_path(witc_parse_state *ps, const witc_ast_id *label,
                                       witc_ast_use_path *path)
{
    witc_ast_extern *e = TMP(ps, ext);
    if (!e || !path)
        return NULL;
    e->kind = label ? WITC_AST_EXTERN_NAMED_PATH : WITC_AST_EXTERN_PATH;
    if (label)
        e->name = *label;
    e->path = *path;
    e->span = path->span;
    return e;
}

/* ---- Types ------------------------------------------------------------------------------------
 */

/* wit-parser checks the depth when it starts reading a type, at that type's first token. */
static bool type_depth_ok(witc_parse_state *ps, uint32_t start, uint32_t end)
{
    if (ps->failed)
        return false;
    if (ps->type_depth >= ps->type_depth_limit) {
        witc_astb_error(ps, start, end, "type nesting too deep");
        ps->status = WITC_E_LIMIT;
        return false;
    }
    return true;
}

witc_ast_type *witc_astb_type_simple(witc_parse_state *ps, witc_ast_type_kind kind, witc_token tok)
{
    if (!type_depth_ok(ps, tok.start, tok.end))
        return NULL;
    witc_ast_type *t = NEW(ps, witc_ast_type);
    if (!t)
        return NULL;
    t->kind = kind;
    t->span = (witc_span){tok.start, tok.end};
    return t;
}

witc_ast_type *witc_astb_type_name(witc_parse_state *ps, witc_ast_id name)
{
    if (!type_depth_ok(ps, name.span.start, name.span.end))
        return NULL;
    witc_ast_type *t = NEW(ps, witc_ast_type);
    if (!t)
        return NULL;
    t->kind = WITC_AST_NAME;
    t->span = name.span;
    t->name = name;
    return t;
}

witc_ast_type *witc_astb_type_handle(witc_parse_state *ps, witc_ast_type_kind kind, witc_token kw,
                                     witc_ast_id name, witc_token close)
{
    (void)close;
    if (!type_depth_ok(ps, kw.start, kw.end))
        return NULL;
    witc_ast_type *t = NEW(ps, witc_ast_type);
    if (!t)
        return NULL;
    t->kind = kind;
    t->span = name.span; /* wit-parser's Handle::span */
    t->name = name;
    return t;
}

witc_ast_type *witc_astb_type_open(witc_parse_state *ps, witc_ast_type_kind kind, witc_token kw)
{
    if (!type_depth_ok(ps, kw.start, kw.end))
        return NULL;
    witc_ast_type *t = NEW(ps, witc_ast_type);
    if (!t)
        return NULL;
    t->kind = kind;
    t->span = (witc_span){kw.start, kw.end};
    ps->type_depth++;
    return t;
}

witc_ast_type *witc_astb_type_close(witc_parse_state *ps, witc_ast_type *t, witc_ast_type *a,
                                    witc_ast_type *b, witc_token close)
{
    (void)close;
    if (ps->failed || !t)
        return NULL;
    ps->type_depth--;
    switch (t->kind) {
    case WITC_AST_MAP:
        t->key = a;
        t->elem = b;
        break;
    case WITC_AST_RESULT:
        t->ok = a;
        t->err = b;
        break;
    default:
        t->elem = a;
        break;
    }
    return t;
}

witc_ast_type *witc_astb_type_fixed(witc_parse_state *ps, witc_ast_type *t, witc_ast_type *elem,
                                    witc_token size, witc_token close)
{
    if (ps->failed || !t)
        return NULL;
    const char *s = ps->text + (size.start - ps->base);
    const size_t n = size.end - size.start;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > UINT32_MAX) {
            witc_astb_error(ps, size.start, size.end,
                            "invalid list size: number too large to fit in target type");
            return NULL;
        }
    }
    t = witc_astb_type_close(ps, t, elem, NULL, close);
    if (!t)
        return NULL;
    t->kind = WITC_AST_FIXED_LIST;
    t->size = (uint32_t)v;
    return t;
}

witc_ast_type *witc_astb_type_tuple(witc_parse_state *ps, witc_ast_type *t, witc_plist types,
                                    witc_token close)
{
    t = witc_astb_type_close(ps, t, NULL, NULL, close);
    if (!t)
        return NULL;
    t->types = FLATTEN(ps, types, witc_ast_type *, &t->n_types);
    return t;
}

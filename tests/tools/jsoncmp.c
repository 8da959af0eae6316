/* SPDX-License-Identifier: Apache-2.0 */
/* jsoncmp EXPECTED ACTUAL: compares two JSON documents. Object members may come in any order;
 * arrays, strings, numbers, booleans and null must be equal (numbers by their text, after
 * parsing as doubles when the texts differ). Prints the first difference with its path, e.g.
 * `$.types[3].kind: expected "resource", found {"type": 2}`, and exits 1; exits 0 when equal
 * and 2 when a file cannot be read or is not JSON. Used by the conformance harnesses so that
 * CI needs no python or node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
    int kind;
    const char *text; /* NUM, STR: the raw text (STR without quotes, escapes kept) */
    size_t len;
    struct jv *items;  /* ARR elements, OBJ values */
    const char **keys; /* OBJ: raw key texts */
    size_t *key_lens;
    size_t n;
} jv;

typedef struct parser {
    const char *start, *p, *end;
    const char *file;
    int depth;
} parser;

#define MAX_DEPTH 512

static int fail(parser *ps, const char *what)
{
    fprintf(stderr, "jsoncmp: %s: %s at byte %ld\n", ps->file, what, (long)(ps->p - ps->start));
    return 0;
}

static void ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
        ps->p++;
}

static int parse_value(parser *ps, jv *out);
static void jv_free(jv *v);

static int parse_string(parser *ps, const char **text, size_t *len)
{
    ps->p++; /* opening quote */
    const char *start = ps->p;
    while (ps->p < ps->end && *ps->p != '"') {
        if (*ps->p == '\\') {
            if (ps->end - ps->p < 2)
                return fail(ps, "bad escape");
            ps->p++;
        }
        ps->p++;
    }
    if (ps->p >= ps->end)
        return fail(ps, "unterminated string");
    *text = start;
    *len = (size_t)(ps->p - start);
    ps->p++;
    return 1;
}

static int push(jv *v, size_t *cap, jv item, const char *key, size_t key_len)
{
    if (v->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        jv *items = realloc(v->items, nc * sizeof *items);
        if (!items)
            return 0;
        v->items = items;
        if (v->kind == J_OBJ) {
            const char **keys = realloc((void *)v->keys, nc * sizeof *keys);
            size_t *lens = realloc(v->key_lens, nc * sizeof *lens);
            if (!keys || !lens)
                return 0;
            v->keys = keys;
            v->key_lens = lens;
        }
        *cap = nc;
    }
    v->items[v->n] = item;
    if (v->kind == J_OBJ) {
        v->keys[v->n] = key;
        v->key_lens[v->n] = key_len;
    }
    v->n++;
    return 1;
}

static int parse_container(parser *ps, jv *out, int kind)
{
    char close = kind == J_ARR ? ']' : '}';
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (++ps->depth > MAX_DEPTH)
        return fail(ps, "nesting too deep");
    ps->p++;
    ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return 1;
    }
    for (;;) {
        const char *key = NULL;
        size_t key_len = 0;
        ws(ps);
        if (kind == J_OBJ) {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, "expected a key");
            if (!parse_string(ps, &key, &key_len))
                return 0;
            ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail(ps, "expected ':'");
            ps->p++;
        }
        jv item;
        if (!parse_value(ps, &item)) {
            jv_free(&item);
            return 0;
        }
        if (!push(out, &cap, item, key, key_len)) {
            jv_free(&item);
            return fail(ps, "out of memory");
        }
        ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return 1;
        }
        return fail(ps, kind == J_ARR ? "expected ',' or ']'" : "expected ',' or '}'");
    }
}

static int parse_value(parser *ps, jv *out)
{
    ws(ps);
    memset(out, 0, sizeof *out);
    if (ps->p >= ps->end)
        return fail(ps, "unexpected end");
    char c = *ps->p;
    if (c == '{')
        return parse_container(ps, out, J_OBJ);
    if (c == '[')
        return parse_container(ps, out, J_ARR);
    if (c == '"') {
        out->kind = J_STR;
        return parse_string(ps, &out->text, &out->len);
    }
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"null", J_NULL}, {"true", J_TRUE}, {"false", J_FALSE}};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, words[i].word, n)) {
            out->kind = words[i].kind;
            ps->p += n;
            return 1;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        const char *start = ps->p;
        while (ps->p < ps->end && strchr("+-0123456789.eE", *ps->p))
            ps->p++;
        out->kind = J_NUM;
        out->text = start;
        out->len = (size_t)(ps->p - start);
        return 1;
    }
    return fail(ps, "unexpected character");
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap *= 2);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* A short rendering of a value for messages. */
static void show(const jv *v)
{
    switch (v->kind) {
    case J_NULL:
        fputs("null", stdout);
        break;
    case J_TRUE:
        fputs("true", stdout);
        break;
    case J_FALSE:
        fputs("false", stdout);
        break;
    case J_NUM:
        fwrite(v->text, 1, v->len, stdout);
        break;
    case J_STR:
        putchar('"');
        fwrite(v->text, 1, v->len > 60 ? 60 : v->len, stdout);
        fputs(v->len > 60 ? "...\"" : "\"", stdout);
        break;
    case J_ARR:
        printf("[... %zu items]", v->n);
        break;
    case J_OBJ:
        fputs("{", stdout);
        for (size_t i = 0; i < v->n && i < 3; i++)
            printf("%s\"%.*s\"", i ? ", " : "", (int)v->key_lens[i], v->keys[i]);
        fputs(v->n > 3 ? ", ...}" : "}", stdout);
        break;
    }
}

typedef struct path {
    char buf[4096];
    size_t len;
} path;

static void differ(const path *p, const char *what, const jv *a, const jv *b)
{
    printf("%.*s: %s: expected ", (int)p->len, p->buf, what);
    if (a)
        show(a);
    else
        fputs("nothing", stdout);
    fputs(", found ", stdout);
    if (b)
        show(b);
    else
        fputs("nothing", stdout);
    putchar('\n');
}

static int equal(const jv *a, const jv *b, path *p);

/* Compares under the path extended by `seg` (already formatted). */
static int equal_at(const jv *a, const jv *b, path *p, const char *seg)
{
    size_t saved = p->len, n = strlen(seg);
    if (n < sizeof p->buf - p->len) {
        memcpy(p->buf + p->len, seg, n);
        p->len += n;
    }
    int r = equal(a, b, p);
    p->len = saved;
    return r;
}

static int equal(const jv *a, const jv *b, path *p)
{
    if (a->kind != b->kind) {
        differ(p, "different kinds", a, b);
        return 0;
    }
    switch (a->kind) {
    case J_NUM:
        if ((a->len != b->len || memcmp(a->text, b->text, a->len)) &&
            strtod(a->text, NULL) != strtod(b->text, NULL)) {
            differ(p, "different numbers", a, b);
            return 0;
        }
        return 1;
    case J_STR:
        if (a->len != b->len || memcmp(a->text, b->text, a->len)) {
            differ(p, "different strings", a, b);
            return 0;
        }
        return 1;
    case J_ARR:
        for (size_t i = 0; i < a->n && i < b->n; i++) {
            char seg[32];
            snprintf(seg, sizeof seg, "[%zu]", i);
            if (!equal_at(&a->items[i], &b->items[i], p, seg))
                return 0;
        }
        if (a->n != b->n) {
            differ(p, a->n > b->n ? "array too short" : "array too long",
                   a->n > b->n ? &a->items[b->n] : NULL, a->n > b->n ? NULL : &b->items[a->n]);
            return 0;
        }
        return 1;
    case J_OBJ: {
        /* Members are few; a linear search per key is fine for test files. */
        for (size_t i = 0; i < a->n; i++) {
            size_t j = 0;
            while (j < b->n && (b->key_lens[j] != a->key_lens[i] ||
                                memcmp(b->keys[j], a->keys[i], a->key_lens[i])))
                j++;
            if (j == b->n) {
                size_t saved = p->len;
                int w = snprintf(p->buf + p->len, sizeof p->buf - p->len, ".%.*s",
                                 (int)a->key_lens[i], a->keys[i]);
                if (w > 0 && (size_t)w < sizeof p->buf - p->len)
                    p->len += (size_t)w;
                differ(p, "missing member", &a->items[i], NULL);
                p->len = saved;
                return 0;
            }
            char seg[256];
            snprintf(seg, sizeof seg, ".%.*s", (int)a->key_lens[i], a->keys[i]);
            if (!equal_at(&a->items[i], &b->items[j], p, seg))
                return 0;
        }
        if (a->n != b->n) {
            for (size_t j = 0; j < b->n; j++) {
                size_t i = 0;
                while (i < a->n && (a->key_lens[i] != b->key_lens[j] ||
                                    memcmp(a->keys[i], b->keys[j], b->key_lens[j])))
                    i++;
                if (i == a->n) {
                    printf("%.*s.%.*s: unexpected member: found ", (int)p->len, p->buf,
                           (int)b->key_lens[j], b->keys[j]);
                    show(&b->items[j]);
                    putchar('\n');
                    return 0;
                }
            }
            differ(p, "duplicate members", a, b);
            return 0;
        }
        return 1;
    }
    default:
        return 1;
    }
}

static void jv_free(jv *v)
{
    for (size_t i = 0; i < v->n; i++)
        jv_free(&v->items[i]);
    free(v->items);
    free((void *)v->keys);
    free(v->key_lens);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: jsoncmp EXPECTED ACTUAL\n", stderr);
        return 2;
    }
    jv docs[2];
    char *texts[2] = {NULL, NULL};
    memset(docs, 0, sizeof docs);
    int rc = 2;
    for (int i = 0; i < 2; i++) {
        size_t len;
        texts[i] = read_file(argv[i + 1], &len);
        if (!texts[i]) {
            fprintf(stderr, "jsoncmp: cannot read %s\n", argv[i + 1]);
            goto out;
        }
        parser ps = {texts[i], texts[i], texts[i] + len, argv[i + 1], 0};
        if (!parse_value(&ps, &docs[i]))
            goto out;
        ws(&ps);
        if (ps.p != ps.end) {
            fail(&ps, "trailing data");
            goto out;
        }
    }
    path p;
    strcpy(p.buf, "$");
    p.len = 1;
    rc = equal(&docs[0], &docs[1], &p) ? 0 : 1;
out:
    for (int i = 0; i < 2; i++) {
        jv_free(&docs[i]);
        free(texts[i]);
    }
    return rc;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* hexasm IN.hex OUT.wasm: textual bytes to a binary (wabt's gen-wasm.py notation), so test
 * inputs are text and a bad LEB is a one-line case.
 *
 *   7f 0x7f         a byte (two hex digits, optional 0x)
 *   ; ...           comment to the end of the line
 *   leb(N) sleb(N)  unsigned / signed LEB128 (N decimal, 0x hex, or -N for sleb)
 *   str("...")      u32 length + bytes (\\ \" \n \t and \xx hex escapes)
 *   section(ID) { ... }  id byte (number or type, import, function, table, memory, global,
 *                   export, start, elem, code, data, datacount, tag, custom) + size + content
 *   section(ID, N) { ... } the same with the size N written instead of the real one
 *   vec { ... }     count of the top-level items inside + the items; vec(N) writes N instead
 *   size { ... }    u32 size of the content + the content (function bodies)
 *   raw(7f 80 ...)  bytes written as they are (deliberately wrong encodings)
 *   magic version   the preamble `00 61 73 6d` and `01 00 00 00`
 * A `{ ... }` alone groups items (one vec item). Errors name the line and exit 2. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
    unsigned char *data;
    size_t len, cap;
} out;

typedef struct src {
    const char *p;
    int line;
    int depth;
} src;

static void die(const src *s, const char *msg)
{
    fprintf(stderr, "hexasm: line %d: %s\n", s->line, msg);
    exit(2);
}

static void put(out *o, unsigned char b)
{
    if (o->len == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 256;
        o->data = realloc(o->data, o->cap);
        if (!o->data) {
            fputs("hexasm: out of memory\n", stderr);
            exit(2);
        }
    }
    o->data[o->len++] = b;
}

static void put_uleb(out *o, uint64_t v)
{
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        put(o, (unsigned char)(b | (v ? 0x80 : 0)));
    } while (v);
}

static void put_sleb(out *o, int64_t v)
{
    for (;;) {
        unsigned char b = (unsigned char)(v & 0x7f);
        v = v < 0 ? ~(~v >> 7) : v >> 7; /* arithmetic shift */
        bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
        put(o, (unsigned char)(b | (done ? 0 : 0x80)));
        if (done)
            return;
    }
}

static void skip_space(src *s)
{
    for (;;) {
        while (isspace((unsigned char)*s->p)) {
            if (*s->p == '\n')
                s->line++;
            s->p++;
        }
        if (*s->p != ';')
            return;
        while (*s->p && *s->p != '\n')
            s->p++;
    }
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool word(src *s, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(s->p, w, n) != 0 || isalnum((unsigned char)s->p[n]) || s->p[n] == '_')
        return false;
    s->p += n;
    return true;
}

static int64_t number(src *s)
{
    skip_space(s);
    char *end;
    int64_t v = strtoll(s->p, &end, 0);
    if (end == s->p) {
        uint64_t u = strtoull(s->p, &end, 0);
        if (end == s->p)
            die(s, "expected a number");
        v = (int64_t)u;
    } else if (v == INT64_MAX) {
        v = (int64_t)strtoull(s->p, &end, 0);
    }
    s->p = end;
    return v;
}

static void expect(src *s, char c)
{
    skip_space(s);
    if (*s->p != c) {
        char msg[32];
        snprintf(msg, sizeof msg, "expected `%c`", c);
        die(s, msg);
    }
    s->p++;
}

static int section_id(src *s)
{
    static const char *const names[] = {"custom", "type",   "import",    "function", "table",
                                        "memory", "global", "export",    "start",    "elem",
                                        "code",   "data",   "datacount", "tag"};
    skip_space(s);
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (word(s, names[i]))
            return i;
    return (int)number(s);
}

static int items(src *s, out *o);

/* `{ ... }` into a fresh buffer; returns the item count. */
static int group(src *s, out *inner)
{
    expect(s, '{');
    if (++s->depth > 100)
        die(s, "nesting too deep");
    int n = items(s, inner);
    expect(s, '}');
    s->depth--;
    return n;
}

static void append(out *o, const out *x)
{
    for (size_t i = 0; i < x->len; i++)
        put(o, x->data[i]);
}

/* One item; returns false at `}` or end of input. */
static bool item(src *s, out *o)
{
    skip_space(s);
    if (!*s->p || *s->p == '}')
        return false;
    if (*s->p == '{') {
        out inner = {0};
        group(s, &inner);
        append(o, &inner);
        free(inner.data);
        return true;
    }
    if (word(s, "magic")) {
        put(o, 0x00), put(o, 0x61), put(o, 0x73), put(o, 0x6d);
    } else if (word(s, "version")) {
        put(o, 0x01), put(o, 0x00), put(o, 0x00), put(o, 0x00);
    } else if (word(s, "leb")) {
        expect(s, '(');
        put_uleb(o, (uint64_t)number(s));
        expect(s, ')');
    } else if (word(s, "sleb")) {
        expect(s, '(');
        put_sleb(o, number(s));
        expect(s, ')');
    } else if (word(s, "str")) {
        expect(s, '(');
        expect(s, '"');
        out text = {0};
        while (*s->p && *s->p != '"') {
            int c = (unsigned char)*s->p++;
            if (c == '\\') {
                int e = (unsigned char)*s->p++;
                if (e == 'n')
                    c = '\n';
                else if (e == 't')
                    c = '\t';
                else if (hexval(e) >= 0 && hexval((unsigned char)*s->p) >= 0)
                    c = hexval(e) * 16 + hexval((unsigned char)*s->p++);
                else
                    c = e;
            }
            put(&text, (unsigned char)c);
        }
        expect(s, '"');
        expect(s, ')');
        put_uleb(o, text.len);
        append(o, &text);
        free(text.data);
    } else if (word(s, "raw")) {
        expect(s, '(');
        skip_space(s);
        while (*s->p && *s->p != ')') {
            if (s->p[0] == '0' && (s->p[1] == 'x' || s->p[1] == 'X'))
                s->p += 2;
            if (hexval((unsigned char)s->p[0]) < 0 || hexval((unsigned char)s->p[1]) < 0)
                die(s, "raw() takes hex bytes");
            put(o, (unsigned char)(hexval((unsigned char)s->p[0]) * 16 +
                                   hexval((unsigned char)s->p[1])));
            s->p += 2;
            skip_space(s);
        }
        expect(s, ')');
    } else if (word(s, "section")) {
        expect(s, '(');
        int id = section_id(s);
        skip_space(s);
        int64_t forced = -1;
        if (*s->p == ',') {
            s->p++;
            forced = number(s);
        }
        expect(s, ')');
        out inner = {0};
        group(s, &inner);
        put(o, (unsigned char)id);
        put_uleb(o, forced >= 0 ? (uint64_t)forced : inner.len);
        append(o, &inner);
        free(inner.data);
    } else if (word(s, "vec") || word(s, "size")) {
        bool is_vec = s->p[-1] == 'c';
        skip_space(s);
        int64_t forced = -1;
        if (*s->p == '(') {
            s->p++;
            forced = number(s);
            expect(s, ')');
        }
        out inner = {0};
        int n = group(s, &inner);
        put_uleb(o, forced >= 0 ? (uint64_t)forced : is_vec ? (uint64_t)n : inner.len);
        append(o, &inner);
        free(inner.data);
    } else {
        const char *p = s->p;
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
            p += 2;
        if (hexval((unsigned char)p[0]) < 0 || hexval((unsigned char)p[1]) < 0 ||
            isalnum((unsigned char)p[2]))
            die(s, "expected a hex byte or a directive");
        put(o, (unsigned char)(hexval((unsigned char)p[0]) * 16 + hexval((unsigned char)p[1])));
        s->p = p + 2;
    }
    return true;
}

static int items(src *s, out *o)
{
    int n = 0;
    while (item(s, o))
        n++;
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: hexasm IN.hex OUT.wasm\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    out text = {0};
    int c;
    while ((c = fgetc(f)) != EOF)
        put(&text, (unsigned char)c);
    put(&text, 0);
    fclose(f);
    src s = {(const char *)text.data, 1, 0};
    out o = {0};
    items(&s, &o);
    skip_space(&s);
    if (*s.p)
        die(&s, "unbalanced `}`");
    FILE *w = strcmp(argv[2], "-") ? fopen(argv[2], "wb") : stdout;
    if (!w || fwrite(o.data, 1, o.len, w) != o.len) {
        perror(argv[2]);
        return 2;
    }
    if (w != stdout)
        fclose(w);
    free(o.data);
    free(text.data);
    return 0;
}

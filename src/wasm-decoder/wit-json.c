/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON reader of src/wasm-decoder/wit-json.h (RFC 8259; \u escapes, surrogate pairs). */
#include "wasm-decoder/wit-json.h"

#include <string.h>

#define JSON_MAX_DEPTH 64

typedef struct jp {
    witc_arena *a;
    const uint8_t *p, *end;
} jp;

static void skip_ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_hex4(jp *j, uint32_t *out)
{
    if (j->end - j->p < 4)
        return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(j->p[i]);
        if (h < 0)
            return false;
        v = v * 16 + (uint32_t)h;
    }
    j->p += 4;
    *out = v;
    return true;
}

static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xc0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xe0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* A string after its opening quote. The unescaped text is never longer than the escaped. */
static bool read_string(jp *j, witc_str *out)
{
    const uint8_t *s = j->p;
    while (s < j->end && *s != '"') {
        if (*s == '\\') {
            if (j->end - s < 2)
                return false;
            s++;
        }
        s++;
    }
    if (s >= j->end)
        return false;
    char *o = witc_arena_alloc(j->a, (size_t)(s - j->p) + 1);
    if (!o)
        return false;
    size_t n = 0;
    while (*j->p != '"') {
        uint8_t c = *j->p++;
        if (c < 0x20)
            return false;
        if (c != '\\') {
            o[n++] = (char)c;
            continue;
        }
        uint8_t e = *j->p++;
        uint32_t cp;
        switch (e) {
        case '"':
            o[n++] = '"';
            break;
        case '\\':
            o[n++] = '\\';
            break;
        case '/':
            o[n++] = '/';
            break;
        case 'b':
            o[n++] = '\b';
            break;
        case 'f':
            o[n++] = '\f';
            break;
        case 'n':
            o[n++] = '\n';
            break;
        case 'r':
            o[n++] = '\r';
            break;
        case 't':
            o[n++] = '\t';
            break;
        case 'u':
            if (!read_hex4(j, &cp))
                return false;
            if (cp >= 0xd800 && cp < 0xdc00) {
                uint32_t lo;
                if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u')
                    return false;
                j->p += 2;
                if (!read_hex4(j, &lo) || lo < 0xdc00 || lo > 0xdfff)
                    return false;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                return false;
            }
            /* \uXXXX is 6 bytes (12 for a pair): always room for its UTF-8 */
            n += put_utf8(o + n, cp);
            break;
        default:
            return false;
        }
    }
    j->p++;
    o[n] = 0;
    *out = (witc_str){o, n};
    return true;
}

static jval *read_value(jp *j, unsigned depth);

static jval *read_container(jp *j, bool obj, unsigned depth)
{
    jval *v = witc_arena_alloc(j->a, sizeof *v);
    if (!v)
        return NULL;
    v->kind = obj ? J_OBJ : J_ARR;
    uint32_t cap = 0;
    skip_ws(j);
    if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
        j->p++;
        return v;
    }
    for (;;) {
        witc_str key = {0};
        skip_ws(j);
        if (obj) {
            if (j->p >= j->end || *j->p != '"')
                return NULL;
            j->p++;
            if (!read_string(j, &key))
                return NULL;
            skip_ws(j);
            if (j->p >= j->end || *j->p != ':')
                return NULL;
            j->p++;
        }
        jval *item = read_value(j, depth + 1);
        if (!item)
            return NULL;
        if (v->n == cap) {
            uint32_t ncap = cap ? cap * 2 : 4;
            jval **nv = witc_arena_grow_array(j->a, v->vals, cap, ncap, sizeof *nv);
            witc_str *nk = obj ? witc_arena_grow_array(j->a, v->keys, cap, ncap, sizeof *nk) : NULL;
            if (!nv || (obj && !nk))
                return NULL;
            v->vals = nv;
            v->keys = nk;
            cap = ncap;
        }
        if (obj)
            v->keys[v->n] = key;
        v->vals[v->n++] = item;
        skip_ws(j);
        if (j->p >= j->end)
            return NULL;
        uint8_t c = *j->p++;
        if (c == ',')
            continue;
        if (c == (obj ? '}' : ']'))
            return v;
        return NULL;
    }
}

static jval *read_value(jp *j, unsigned depth)
{
    if (depth > JSON_MAX_DEPTH)
        return NULL;
    skip_ws(j);
    if (j->p >= j->end)
        return NULL;
    uint8_t c = *j->p;
    if (c == '{' || c == '[') {
        j->p++;
        return read_container(j, c == '{', depth);
    }
    jval *v = witc_arena_alloc(j->a, sizeof *v);
    if (!v)
        return NULL;
    if (c == '"') {
        j->p++;
        v->kind = J_STR;
        return read_string(j, &v->str) ? v : NULL;
    }
    static const struct {
        const char *word;
        jkind kind;
    } words[] = {{"null", J_NULL}, {"true", J_BOOL}, {"false", J_BOOL}};
    for (size_t i = 0; i < 3; i++) {
        size_t wl = strlen(words[i].word);
        if ((size_t)(j->end - j->p) >= wl && memcmp(j->p, words[i].word, wl) == 0) {
            j->p += wl;
            v->kind = words[i].kind;
            return v;
        }
    }
    const uint8_t *start = j->p;
    while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9')))
        j->p++;
    if (j->p == start)
        return NULL;
    v->kind = J_NUM;
    return v;
}

const jval *witc_wjson_parse(witc_arena *a, const uint8_t *text, size_t len)
{
    jp j = {a, text, text + len};
    jval *v = read_value(&j, 0);
    skip_ws(&j);
    return v && j.p == j.end ? v : NULL;
}

const jval *witc_wjson_get(const jval *obj, witc_str key)
{
    if (!obj || obj->kind != J_OBJ)
        return NULL;
    for (uint32_t i = 0; i < obj->n; i++)
        if (obj->keys[i].len == key.len && memcmp(obj->keys[i].ptr, key.ptr, key.len) == 0)
            return obj->vals[i];
    return NULL;
}

const jval *witc_wjson_get_c(const jval *obj, const char *key)
{
    return witc_wjson_get(obj, (witc_str){key, strlen(key)});
}

void witc_wjson_put_docs(witc_buf *b, const jval *docs)
{
    if (!docs || docs->kind != J_STR)
        return;
    const char *p = docs->str.ptr, *end = p + docs->str.len;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        witc_buf_puts(b, "///");
        if (stop > p)
            witc_buf_putc(b, ' ');
        /* a lone CR would end the comment line early: dropped */
        for (const char *c = p; c < stop; c++)
            if (*c != '\r')
                witc_buf_putc(b, *c);
        witc_buf_putc(b, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

static bool plain_value(const jval *v, bool version)
{
    if (!v || v->kind != J_STR || v->str.len == 0)
        return false;
    for (size_t i = 0; i < v->str.len; i++) {
        char c = v->str.ptr[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || (version && (c == '.' || c == '+'));
        if (!ok)
            return false;
    }
    return true;
}

void witc_wjson_put_stability(witc_buf *b, const jval *stability)
{
    const jval *stable = witc_wjson_get_c(stability, "stable");
    const jval *unstable = witc_wjson_get_c(stability, "unstable");
    const jval *inner = stable ? stable : unstable;
    const jval *value = witc_wjson_get_c(inner, stable ? "since" : "feature");
    const jval *deprecated = witc_wjson_get_c(inner, "deprecated");
    if (!inner || !plain_value(value, stable != NULL) ||
        (deprecated && !plain_value(deprecated, true)))
        return;
    witc_buf_puts(b, stable ? "@since(version = " : "@unstable(feature = ");
    witc_buf_append(b, value->str.ptr, value->str.len);
    witc_buf_puts(b, ")\n");
    if (deprecated) {
        witc_buf_puts(b, "@deprecated(version = ");
        witc_buf_append(b, deprecated->str.ptr, deprecated->str.len);
        witc_buf_puts(b, ")\n");
    }
}

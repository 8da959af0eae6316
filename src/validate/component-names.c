/* SPDX-License-Identifier: Apache-2.0 */
/* The component-model import/export name grammar (Explainer.md "Import and Export
 * Definitions"), as wasmparser's ComponentName parser accepts it, and the strong-uniqueness
 * key used to compare names. */
#include <string.h>

#include "validate/component-names.h"

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}
static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool has_prefix(const char *s, size_t n, const char *p)
{
    const size_t pl = strlen(p);
    return n >= pl && memcmp(s, p, pl) == 0;
}

bool witc_cm_is_kebab(const char *s, size_t n)
{
    if (n == 0)
        return false;
    size_t i = 0;
    bool first = true;
    for (;;) {
        /* one fragment */
        const size_t start = i;
        if (i == n)
            return false;
        bool lower = false, upper = false;
        if (first && is_digit(s[i]))
            return false;
        while (i < n && s[i] != '-') {
            const char c = s[i];
            if (is_lower(c))
                lower = true;
            else if (is_upper(c))
                upper = true;
            else if (!is_digit(c))
                return false;
            i++;
        }
        if (i == start || (lower && upper))
            return false;
        if (first && is_digit(s[start]))
            return false;
        first = false;
        if (i == n)
            return true;
        i++; /* '-' */
    }
}

static bool semver_num(const char *s, size_t n)
{
    if (n == 0)
        return false;
    if (n > 1 && s[0] == '0')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

static bool semver_ids(const char *s, size_t n, bool numeric_rules)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '.')
            j++;
        if (j == i)
            return false;
        bool all_digits = true;
        for (size_t k = i; k < j; k++) {
            const char c = s[k];
            if (!(is_digit(c) || is_lower(c) || is_upper(c) || c == '-'))
                return false;
            if (!is_digit(c))
                all_digits = false;
        }
        if (numeric_rules && all_digits && j - i > 1 && s[i] == '0')
            return false;
        i = j + 1;
        if (j == n)
            break;
    }
    return true;
}

bool witc_cm_is_semver(const char *s, size_t n)
{
    size_t end = n, pre = n, build = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            build = i;
            break;
        }
    }
    for (size_t i = 0; i < build; i++) {
        if (s[i] == '-') {
            pre = i;
            break;
        }
    }
    end = pre < build ? pre : build;
    /* major.minor.patch */
    size_t i = 0, parts = 0;
    while (parts < 3) {
        size_t j = i;
        while (j < end && s[j] != '.')
            j++;
        if (!semver_num(s + i, j - i))
            return false;
        parts++;
        if (parts < 3) {
            if (j == end)
                return false;
            i = j + 1;
        } else if (j != end) {
            return false;
        }
    }
    if (pre < build && !semver_ids(s + pre + 1, build - pre - 1, true))
        return false;
    if (build < n && !semver_ids(s + build + 1, n - build - 1, false))
        return false;
    return true;
}

/* A cursor over the name, after wasmparser's ComponentNameParser grammar. */
typedef struct np {
    const char *s;
    size_t n; /* bytes left */
    bool nested;
} np;

static bool eat(np *p, const char *prefix)
{
    if (!has_prefix(p->s, p->n, prefix))
        return false;
    const size_t l = strlen(prefix);
    p->s += l;
    p->n -= l;
    return true;
}

/* everything up to (not including) c; false when c is absent */
static bool up_to(np *p, char c, const char **out, size_t *out_len)
{
    const char *hit = memchr(p->s, c, p->n);
    if (!hit)
        return false;
    *out = p->s;
    *out_len = (size_t)(hit - p->s);
    p->s = hit;
    p->n -= *out_len;
    return true;
}

static const char *take_kebab(np *p, bool lowercase)
{
    size_t i = 0;
    while (i < p->n &&
           (is_lower(p->s[i]) || is_upper(p->s[i]) || is_digit(p->s[i]) || p->s[i] == '-'))
        i++;
    if (!witc_cm_is_kebab(p->s, i))
        return "is not in kebab case";
    if (lowercase)
        for (size_t k = 0; k < i; k++)
            if (is_upper(p->s[k]))
                return "character is not lowercase in package name/namespace";
    p->s += i;
    p->n -= i;
    return NULL;
}

static const char *pkg_path(np *p, bool require_projection)
{
    const char *e;
    if ((e = take_kebab(p, true)))
        return e;
    if (!eat(p, ":"))
        return "expected `:`";
    if ((e = take_kebab(p, true)))
        return e;
    if (p->nested)
        while (p->n && p->s[0] == ':') {
            eat(p, ":");
            if ((e = take_kebab(p, true)))
                return e;
        }
    if (p->n && p->s[0] == '/') {
        eat(p, "/");
        if ((e = take_kebab(p, false)))
            return e;
        if (p->nested)
            while (p->n && p->s[0] == '/') {
                eat(p, "/");
                if ((e = take_kebab(p, false)))
                    return e;
            }
    } else if (require_projection) {
        return "expected `/` after package name";
    }
    return NULL;
}

static const char *pkg_name(np *p, bool interface, const char **out_ver, size_t *out_ver_len)
{
    const char *e = pkg_path(p, interface);
    if (e)
        return e;
    *out_ver = NULL;
    *out_ver_len = 0;
    if (eat(p, "@")) {
        const char *ver;
        size_t vl;
        if (!up_to(p, '>', &ver, &vl)) {
            ver = p->s;
            vl = p->n;
            p->s += p->n;
            p->n = 0;
        }
        *out_ver = ver;
        *out_ver_len = vl;
        if (!interface && !witc_cm_is_semver(ver, vl))
            return "is not a valid semver";
    }
    return NULL;
}

static const char *semver_range(const char *r, size_t n)
{
    if (n == 1 && r[0] == '*')
        return NULL;
    if (has_prefix(r, n, ">=")) {
        r += 2;
        n -= 2;
        const char *sp = memchr(r, ' ', n);
        if (!sp)
            return witc_cm_is_semver(r, n) ? NULL : "is not a valid semver";
        if (!witc_cm_is_semver(r, (size_t)(sp - r)))
            return "is not a valid semver";
        const size_t rest = n - (size_t)(sp - r) - 1;
        if (rest == 0 || sp[1] != '<')
            return "expected `<` at start of version range upper bounds";
        return witc_cm_is_semver(sp + 2, rest - 1) ? NULL : "is not a valid semver";
    }
    if (n && r[0] == '<')
        return witc_cm_is_semver(r + 1, n - 1) ? NULL : "is not a valid semver";
    return "expected `>=` or `<` at start of version range";
}

static bool is_base64(const char *s, size_t n)
{
    if (n == 0)
        return false;
    unsigned equals = 0;
    for (size_t i = 0; i < n; i++) {
        const char c = s[i];
        if ((is_digit(c) || is_lower(c) || is_upper(c) || c == '+' || c == '/') && equals == 0)
            continue;
        if (c == '=' && i > 0 && equals < 2) {
            equals++;
            continue;
        }
        return false;
    }
    return true;
}

static const char *parse_hash(np *p)
{
    const char *h;
    size_t hl;
    if (!up_to(p, '>', &h, &hl))
        return "failed to find `>` character";
    bool any = false;
    size_t i = 0;
    while (i < hl) {
        while (i < hl && (h[i] == ' ' || h[i] == '\t' || h[i] == '\n'))
            i++;
        if (i == hl)
            break;
        size_t j = i;
        while (j < hl && h[j] != ' ' && h[j] != '\t' && h[j] != '\n')
            j++;
        any = true;
        const char *e = h + i;
        size_t en = j - i;
        if (!(has_prefix(e, en, "sha256") || has_prefix(e, en, "sha384") ||
              has_prefix(e, en, "sha512")))
            return "unrecognized hash algorithm";
        e += 6;
        en -= 6;
        if (!en || e[0] != '-')
            return "expected `-` after hash algorithm";
        e++;
        en--;
        const char *q = memchr(e, '?', en);
        if (q)
            en = (size_t)(q - e);
        if (!is_base64(e, en))
            return "not valid base64";
        i = j;
    }
    if (!any)
        return "integrity hash cannot be empty";
    return NULL;
}

static const char *optional_hash(np *p)
{
    if (!eat(p, ","))
        return NULL;
    if (!eat(p, "integrity=<"))
        return "expected `integrity=<`";
    const char *e = parse_hash(p);
    if (e)
        return e;
    return eat(p, ">") ? NULL : "expected `>`";
}

static const char *parse_name(np *p, witc_cm_name_info *info)
{
    const char *e;
    if (eat(p, "[constructor]")) {
        info->kind = WITC_CM_NAME_CONSTRUCTOR;
        info->resource = p->s;
        info->resource_len = p->n;
        e = witc_cm_is_kebab(p->s, p->n) ? NULL : "is not in kebab case";
        p->n = 0;
        return e;
    }
    const bool method = eat(p, "[method]");
    if (method || eat(p, "[static]")) {
        info->kind = method ? WITC_CM_NAME_METHOD : WITC_CM_NAME_STATIC;
        const char *r;
        size_t rl;
        if (!up_to(p, '.', &r, &rl))
            return "failed to find `.` character";
        eat(p, ".");
        info->resource = r;
        info->resource_len = rl;
        info->method = p->s;
        info->method_len = p->n;
        p->n = 0;
        if (!witc_cm_is_kebab(r, rl) || !witc_cm_is_kebab(info->method, info->method_len))
            return "is not in kebab case";
        return NULL;
    }
    const char *ver;
    size_t vl;
    if (eat(p, "unlocked-dep=")) {
        info->kind = WITC_CM_NAME_DEP;
        if (!eat(p, "<"))
            return "expected `<`";
        if ((e = pkg_path(p, false)))
            return e;
        if (eat(p, "@") && !eat(p, "*")) {
            if (!eat(p, "{"))
                return "expected `{`";
            const char *r;
            size_t rl;
            if (!up_to(p, '}', &r, &rl))
                return "failed to find `}` character";
            eat(p, "}");
            if ((e = semver_range(r, rl)))
                return e;
        }
        return eat(p, ">") ? NULL : "expected `>`";
    }
    if (eat(p, "locked-dep=")) {
        info->kind = WITC_CM_NAME_DEP;
        if (!eat(p, "<"))
            return "expected `<`";
        if ((e = pkg_name(p, false, &ver, &vl)))
            return e;
        if (!eat(p, ">"))
            return "expected `>`";
        return optional_hash(p);
    }
    if (eat(p, "url=")) {
        info->kind = WITC_CM_NAME_URL;
        if (!eat(p, "<"))
            return "expected `<`";
        const char *u;
        size_t ul;
        if (!up_to(p, '>', &u, &ul))
            return "failed to find `>` character";
        if (memchr(u, '<', ul))
            return "url cannot contain `<`";
        eat(p, ">");
        return optional_hash(p);
    }
    if (eat(p, "integrity=")) {
        info->kind = WITC_CM_NAME_HASH;
        if (!eat(p, "<"))
            return "expected `<`";
        if ((e = parse_hash(p)))
            return e;
        return eat(p, ">") ? NULL : "expected `>`";
    }
    if (memchr(p->s, ':', p->n)) {
        info->kind = WITC_CM_NAME_INTERFACE;
        if ((e = pkg_name(p, true, &ver, &vl)))
            return e;
        info->version = ver;
        info->version_len = vl;
        return NULL;
    }
    info->kind = WITC_CM_NAME_LABEL;
    e = witc_cm_is_kebab(p->s, p->n) ? NULL : "is not in kebab case";
    p->n = 0;
    return e;
}

const char *witc_cm_name_check(const char *s, size_t n, bool nested_names, witc_cm_name_info *info)
{
    memset(info, 0, sizeof *info);
    if (n == 0)
        return "name cannot be empty";
    np p = {s, n, nested_names};
    const char *e = parse_name(&p, info);
    if (e)
        return e;
    if (p.n)
        return "trailing characters found";
    return NULL;
}

static void put_lower(char *out, size_t *len, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[(*len)++] = is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
}

static bool eq_nocase(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        const char x = is_upper(a[i]) ? (char)(a[i] - 'A' + 'a') : a[i];
        const char y = is_upper(b[i]) ? (char)(b[i] - 'A' + 'a') : b[i];
        if (x != y)
            return false;
    }
    return true;
}

size_t witc_cm_name_key(const char *s, size_t n, char *out)
{
    witc_cm_name_info info;
    size_t len = 0;
    if (witc_cm_name_check(s, n, true, &info) != NULL) {
        out[len++] = '?';
        memcpy(out + len, s, n);
        return len + n;
    }
    switch (info.kind) {
    case WITC_CM_NAME_LABEL:
        out[len++] = '0';
        put_lower(out, &len, s, n);
        return len;
    case WITC_CM_NAME_CONSTRUCTOR:
        out[len++] = '1';
        put_lower(out, &len, info.resource, info.resource_len);
        return len;
    case WITC_CM_NAME_METHOD:
    case WITC_CM_NAME_STATIC:
        /* `[method]l.l` is the same name as `l` */
        if (eq_nocase(info.resource, info.resource_len, info.method, info.method_len)) {
            out[len++] = '0';
            put_lower(out, &len, info.resource, info.resource_len);
            return len;
        }
        out[len++] = '2';
        put_lower(out, &len, info.resource, info.resource_len);
        out[len++] = '.';
        put_lower(out, &len, info.method, info.method_len);
        return len;
    default:
        out[len++] = (char)('3' + (info.kind - WITC_CM_NAME_INTERFACE));
        memcpy(out + len, s, n);
        return len + n;
    }
}

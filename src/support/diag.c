/* SPDX-License-Identifier: Apache-2.0 */
/* Source map and diagnostics (see witc/diag.h). Line tables are built lazily, the first time a
 * diagnostic in that file is rendered. */
#include "witc/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "support/fsutil.h"
#include "support/internal.h"

void witc_source_map_init_(struct witc_source_map *m, witc_ctx *ctx)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    witc_arena_init(&m->arena, ctx);
}

void witc_source_map_release_(struct witc_source_map *m)
{
    for (uint32_t i = 0; i < m->n_files; i++)
        witc_ctx_dealloc(m->ctx, m->files[i].line_starts);
    witc_ctx_dealloc(m->ctx, m->files);
    witc_arena_release(&m->arena);
}

witc_status witc_source_add(witc_source_map *m, const char *path, const char *text, size_t len,
                            const witc_source_file **out_file)
{
    /* One spare byte between files so an end-of-file span never lands in the next file. */
    if (len >= (size_t)(UINT32_MAX - 1) - m->next_base)
        return WITC_E_LIMIT;
    if (m->n_files == m->cap_files) {
        uint32_t cap = m->cap_files ? m->cap_files * 2 : 8;
        void *p = witc_ctx_realloc(m->ctx, m->files, (size_t)cap * sizeof *m->files);
        if (!p)
            return WITC_E_NOMEM;
        m->files = p;
        m->cap_files = cap;
    }
    char *copy = witc_arena_strndup(&m->arena, text, len);
    char *pcopy = witc_arena_strdup(&m->arena, path);
    if (!copy || !pcopy)
        return WITC_E_NOMEM;
    struct witc_source_entry *e = &m->files[m->n_files++];
    memset(e, 0, sizeof *e);
    e->file.path = pcopy;
    e->file.text = copy;
    e->file.len = (uint32_t)len;
    e->file.base = m->next_base;
    m->next_base += (uint32_t)len + 1;
    *out_file = &e->file;
    return WITC_OK;
}

witc_status witc_source_load(witc_source_map *m, witc_diag_list *diags, const char *path,
                             const witc_source_file **out_file)
{
    char *data;
    size_t len;
    witc_status st = witc_fs_read(m->ctx, path, &data, &len);
    if (st != WITC_OK)
        return st;
    st = witc_source_add(m, path, data, len, out_file);
    witc_ctx_dealloc(m->ctx, data);
    if (st == WITC_E_LIMIT)
        witc_diag_error_plain(diags, "`%s`: total WIT source exceeds 4 GiB", path);
    return st;
}

static struct witc_source_entry *find_entry(const witc_source_map *m, uint32_t pos)
{
    uint32_t lo = 0, hi = m->n_files;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        struct witc_source_entry *e = &m->files[mid];
        if (pos < e->file.base)
            hi = mid;
        else if (pos > e->file.base + e->file.len)
            lo = mid + 1;
        else
            return e;
    }
    return NULL;
}

const witc_source_file *witc_source_find(const witc_source_map *m, uint32_t pos)
{
    struct witc_source_entry *e = find_entry(m, pos);
    return e ? &e->file : NULL;
}

static int build_lines(witc_source_map *m, struct witc_source_entry *e)
{
    if (e->line_starts)
        return 1;
    uint32_t n = 1;
    for (uint32_t i = 0; i < e->file.len; i++)
        n += e->file.text[i] == '\n';
    e->line_starts = witc_ctx_alloc(m->ctx, (size_t)n * sizeof(uint32_t));
    if (!e->line_starts)
        return 0;
    uint32_t k = 0;
    e->line_starts[k++] = 0;
    for (uint32_t i = 0; i < e->file.len; i++)
        if (e->file.text[i] == '\n')
            e->line_starts[k++] = i + 1;
    e->n_lines = n;
    return 1;
}

/* Index of the 0-based line holding file offset `off`. */
static uint32_t line_index(const struct witc_source_entry *e, uint32_t off)
{
    uint32_t lo = 0, hi = e->n_lines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void witc_source_line_col(witc_source_map *m, uint32_t pos, uint32_t *out_line,
                          uint32_t *out_col)
{
    *out_line = *out_col = 0;
    struct witc_source_entry *e = pos == WITC_POS_NONE ? NULL : find_entry(m, pos);
    if (!e || !build_lines(m, e))
        return;
    uint32_t off = pos - e->file.base;
    uint32_t li = line_index(e, off);
    *out_line = li + 1;
    *out_col = off - e->line_starts[li] + 1;
}

void witc_diag_list_init_(struct witc_diag_list *l, witc_ctx *ctx)
{
    memset(l, 0, sizeof *l);
    l->ctx = ctx;
    witc_arena_init(&l->arena, ctx);
}

void witc_diag_list_release_(struct witc_diag_list *l)
{
    witc_ctx_dealloc(l->ctx, l->items);
    witc_arena_release(&l->arena);
}

void witc_diag_clear(witc_diag_list *l)
{
    witc_ctx_dealloc(l->ctx, l->items);
    l->items = NULL;
    l->len = l->cap = l->errors = 0;
    witc_arena_release(&l->arena);
    witc_arena_init(&l->arena, l->ctx);
}

WITC_PRINTF(6, 0)
static witc_diag *make(witc_diag_list *l, witc_severity sev, witc_span span, const char *file,
                       uint64_t offset, const char *fmt, va_list ap)
{
    witc_diag *d = WITC_ARENA_NEW(&l->arena, witc_diag);
    if (!d)
        return NULL;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = n >= 0 ? witc_arena_alloc(&l->arena, (size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    d->sev = sev;
    d->span = span;
    d->file = file ? witc_arena_strdup(&l->arena, file) : NULL;
    d->offset = offset;
    d->msg = msg ? msg : "out of memory formatting a diagnostic";
    return d;
}

static witc_diag *push(witc_diag_list *l, witc_diag *d)
{
    if (!d)
        return NULL;
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        void *p = witc_ctx_realloc(l->ctx, l->items, cap * sizeof *l->items);
        if (!p)
            return NULL;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->len++] = d;
    if (d->sev == WITC_SEV_ERROR)
        l->errors++;
    return d;
}

#define NO_SPAN ((witc_span){WITC_POS_NONE, WITC_POS_NONE})

witc_diag *witc_diag_error(witc_diag_list *l, witc_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_diag *d = make(l, WITC_SEV_ERROR, span, NULL, WITC_OFFSET_NONE, fmt, ap);
    va_end(ap);
    return push(l, d);
}

witc_diag *witc_diag_warning(witc_diag_list *l, witc_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_diag *d = make(l, WITC_SEV_WARNING, span, NULL, WITC_OFFSET_NONE, fmt, ap);
    va_end(ap);
    return push(l, d);
}

witc_diag *witc_diag_error_at(witc_diag_list *l, const char *file, uint64_t offset,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_diag *d = make(l, WITC_SEV_ERROR, NO_SPAN, file ? file : "<input>", offset, fmt, ap);
    va_end(ap);
    return push(l, d);
}

witc_diag *witc_diag_error_plain(witc_diag_list *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    witc_diag *d = make(l, WITC_SEV_ERROR, NO_SPAN, NULL, WITC_OFFSET_NONE, fmt, ap);
    va_end(ap);
    return push(l, d);
}

void witc_diag_note(witc_diag_list *l, witc_diag *parent, witc_span span, const char *fmt, ...)
{
    if (!parent)
        return;
    va_list ap;
    va_start(ap, fmt);
    witc_diag *d = make(l, WITC_SEV_NOTE, span, NULL, WITC_OFFSET_NONE, fmt, ap);
    va_end(ap);
    if (!d)
        return;
    witc_diag **tail = &parent->next_note;
    while (*tail)
        tail = &(*tail)->next_note;
    *tail = d;
}

size_t witc_diag_count(const witc_diag_list *l)
{
    return l->len;
}

size_t witc_diag_error_count(const witc_diag_list *l)
{
    return l->errors;
}

const witc_diag *witc_diag_get(const witc_diag_list *l, size_t i)
{
    return i < l->len ? l->items[i] : NULL;
}

static const char *sev_name(witc_severity s)
{
    switch (s) {
    case WITC_SEV_ERROR:
        return "error";
    case WITC_SEV_WARNING:
        return "warning";
    case WITC_SEV_NOTE:
        return "note";
    }
    return "error";
}

static const char *sev_color(witc_severity s)
{
    return s == WITC_SEV_ERROR ? "\033[1;31m" : s == WITC_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

enum { LINE_WINDOW = 200 };

static void render_one(const witc_diag *d, witc_source_map *m, FILE *out, unsigned flags)
{
    const bool color = flags & WITC_RENDER_COLOR;
    const char *sev = sev_name(d->sev);
    const char *on = color ? sev_color(d->sev) : "", *off = color ? "\033[0m" : "";
    struct witc_source_entry *e =
        d->span.start == WITC_POS_NONE ? NULL : find_entry(m, d->span.start);
    if (d->file && d->offset != WITC_OFFSET_NONE) {
        fprintf(out, "%s:0x%llx: %s%s:%s %s\n", d->file, (unsigned long long)d->offset, on, sev,
                off, d->msg);
        return;
    }
    if (!e || !build_lines(m, e)) {
        fprintf(out, "%s%s:%s %s\n", on, sev, off, d->msg);
        return;
    }
    uint32_t off_in = d->span.start - e->file.base;
    uint32_t li = line_index(e, off_in);
    uint32_t ls = e->line_starts[li];
    uint32_t le = ls;
    while (le < e->file.len && e->file.text[le] != '\n')
        le++;
    uint32_t col = off_in - ls;
    fprintf(out, "%s:%u:%u: %s%s:%s %s\n", e->file.path, li + 1, col + 1, on, sev, off, d->msg);
    /* The span may run past this line; underline only up to its end. */
    uint32_t span_end = d->span.end == WITC_POS_NONE || d->span.end < d->span.start
                            ? d->span.start
                            : d->span.end;
    uint32_t width = span_end - d->span.start;
    if (off_in + width > le)
        width = le > off_in ? le - off_in : 0;
    /* Long lines are cut to a window around the span. */
    uint32_t from = ls, to = le;
    if (to - from > LINE_WINDOW) {
        from = off_in > ls + LINE_WINDOW / 2 ? off_in - LINE_WINDOW / 2 : ls;
        to = from + LINE_WINDOW < le ? from + LINE_WINDOW : le;
    }
    char gutter[16];
    int gw = snprintf(gutter, sizeof gutter, "%u", li + 1);
    fprintf(out, " %s | ", gutter);
    for (uint32_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)e->file.text[i];
        fputc(c == '\t' ? ' ' : c == '\r' ? ' ' : c, out);
    }
    fputc('\n', out);
    fprintf(out, " %*s | ", gw, "");
    for (uint32_t i = from; i < off_in; i++) {
        unsigned char c = (unsigned char)e->file.text[i];
        if ((c & 0xc0) != 0x80) /* one column per UTF-8 character */
            fputc(' ', out);
    }
    fprintf(out, "%s^", on);
    for (uint32_t i = 1; i < width && off_in + i < to; i++) {
        unsigned char c = (unsigned char)e->file.text[off_in + i];
        if ((c & 0xc0) != 0x80)
            fputc('~', out);
    }
    fprintf(out, "%s\n", off);
}

void witc_diag_render(witc_diag_list *l, witc_source_map *m, FILE *out, unsigned flags)
{
    for (size_t i = 0; i < l->len; i++) {
        const witc_diag *d = l->items[i];
        render_one(d, m, out, flags);
        for (const witc_diag *n = d->next_note; n; n = n->next_note)
            render_one(n, m, out, flags);
    }
}

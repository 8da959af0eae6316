/* SPDX-License-Identifier: Apache-2.0 */
/* Source map and diagnostics.
 *
 * Every text input (WIT files, YAML configs) is registered in one source map, which gives all
 * files a single offset space, as wit-parser's SourceMap does. A span is two global offsets;
 * the file, line and column are found only when a diagnostic is rendered, so lexers never
 * count lines. Binary inputs are reported by file name and byte offset instead. */
#ifndef WITC_DIAG_H
#define WITC_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "witc/status.h"

#define WITC_POS_NONE UINT32_MAX
#define WITC_OFFSET_NONE UINT64_MAX

typedef struct witc_span {
    uint32_t start, end; /* global offsets into the source map; WITC_POS_NONE = unknown */
} witc_span;

typedef enum witc_severity { WITC_SEV_ERROR, WITC_SEV_WARNING, WITC_SEV_NOTE } witc_severity;

typedef struct witc_diag {
    witc_severity sev;
    witc_span span;        /* text inputs */
    const char *file;      /* binary inputs (with offset); NULL for text inputs */
    uint64_t offset;       /* binary inputs, or WITC_OFFSET_NONE */
    const char *msg;       /* formatted once, owned by the list */
    struct witc_diag *next_note; /* second locations and hints, rendered after this one */
} witc_diag;

typedef struct witc_source_map witc_source_map;
typedef struct witc_diag_list witc_diag_list;

typedef struct witc_source_file {
    const char *path;  /* as given by the caller; owned by the map */
    const char *text;  /* NUL-terminated copy, owned by the map */
    uint32_t len;      /* bytes, without the terminator */
    uint32_t base;     /* global offset of text[0] */
} witc_source_file;

/* Registers a copy of `text` (len bytes) under `path`. On success *out_file is borrowed from
 * the map, valid until the map is freed. Fails with WITC_E_LIMIT when the offset space (4 GiB
 * minus one) would overflow and WITC_E_NOMEM when out of memory. */
WITC_MUST_CHECK witc_status witc_source_add(witc_source_map *map, const char *path,
                                            const char *text, size_t len,
                                            const witc_source_file **out_file);
/* Reads `path` and registers it. Fails with WITC_E_IO (and a diagnostic) when unreadable. */
WITC_MUST_CHECK witc_status witc_source_load(witc_source_map *map, witc_diag_list *diags,
                                             const char *path, const witc_source_file **out_file);
/* The file holding global offset `pos`, or NULL. */
const witc_source_file *witc_source_find(const witc_source_map *map, uint32_t pos);
/* 1-based line and 1-based byte column of `pos`; 0/0 when unknown. */
void witc_source_line_col(witc_source_map *map, uint32_t pos, uint32_t *out_line,
                          uint32_t *out_col);

/* Adds an error at a text span. The message is formatted and copied into the list. */
witc_diag *witc_diag_error(witc_diag_list *list, witc_span span, const char *fmt, ...)
    WITC_PRINTF(3, 4);
/* Adds an error at a byte offset of a binary file (file may be NULL: rendered as "<input>"). */
witc_diag *witc_diag_error_at(witc_diag_list *list, const char *file, uint64_t offset,
                              const char *fmt, ...) WITC_PRINTF(4, 5);
/* Adds an error with no location (I/O, usage). */
witc_diag *witc_diag_error_plain(witc_diag_list *list, const char *fmt, ...) WITC_PRINTF(2, 3);
/* Adds a warning at a text span. */
witc_diag *witc_diag_warning(witc_diag_list *list, witc_span span, const char *fmt, ...)
    WITC_PRINTF(3, 4);
/* Attaches a note (a second location or a hint) to `parent`; NULL parent is ignored. */
void witc_diag_note(witc_diag_list *list, witc_diag *parent, witc_span span, const char *fmt,
                    ...) WITC_PRINTF(4, 5);

size_t witc_diag_count(const witc_diag_list *list);
size_t witc_diag_error_count(const witc_diag_list *list);
const witc_diag *witc_diag_get(const witc_diag_list *list, size_t i);
/* Forgets every diagnostic (for tools that try several inputs with one context). */
void witc_diag_clear(witc_diag_list *list);

enum { WITC_RENDER_COLOR = 1 };
/* Writes every diagnostic in GNU style: `file:line:col: error: msg`, then the source line and
 * a caret under the span. Columns are 1-based byte columns. */
void witc_diag_render(witc_diag_list *list, witc_source_map *map, FILE *out, unsigned flags);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* File helpers: whole-file reads with a size limit, atomic writes (temp file + rename, so a
 * failed run never leaves a half-written output), and sorted directory listings (so output
 * never depends on readdir order). */
#ifndef WITC_SUPPORT_FSUTIL_H
#define WITC_SUPPORT_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "witc/ctx.h"

/* Reads a whole file into a heap buffer (ctx allocator, NUL-terminated, *out_len excludes the
 * terminator). Adds a diagnostic and returns WITC_E_IO / WITC_E_LIMIT on failure. */
WITC_MUST_CHECK witc_status witc_fs_read(witc_ctx *ctx, const char *path, char **out_data,
                                         size_t *out_len);
/* Writes data to path through a temp file in the same directory and a rename. "-" writes to
 * standard output. */
WITC_MUST_CHECK witc_status witc_fs_write_atomic(witc_ctx *ctx, const char *path,
                                                 const void *data, size_t len);
bool witc_fs_is_dir(const char *path);
bool witc_fs_exists(const char *path);

/* Entry names of a directory (no "." or ".."), sorted bytewise. The array and names are one
 * heap block: free with witc_ctx_dealloc(ctx, *out_names). */
WITC_MUST_CHECK witc_status witc_fs_list_dir(witc_ctx *ctx, const char *path, char ***out_names,
                                             size_t *out_count);

#endif

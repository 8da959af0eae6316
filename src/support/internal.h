/* SPDX-License-Identifier: Apache-2.0 */
/* Layout of the context, the source map and the diagnostic list, shared by the support
 * module's files only. */
#ifndef WITC_SUPPORT_INTERNAL_H
#define WITC_SUPPORT_INTERNAL_H

#include "support/arena.h"
#include "witc/ctx.h"

struct witc_source_entry {
    witc_source_file file;
    uint32_t *line_starts; /* built on first render; offsets within the file */
    uint32_t n_lines;
};

struct witc_source_map {
    witc_ctx *ctx;
    witc_arena arena;
    struct witc_source_entry *files;
    uint32_t n_files, cap_files;
    uint32_t next_base; /* global offset of the next file; files are one byte apart */
};

struct witc_diag_list {
    witc_ctx *ctx;
    witc_arena arena;
    witc_diag **items;
    size_t len, cap;
    size_t errors;
};

struct witc_ctx {
    witc_allocator alloc;
    witc_limits limits;
    struct witc_source_map sources;
    struct witc_diag_list diags;
};

void witc_source_map_init_(struct witc_source_map *m, witc_ctx *ctx);
void witc_source_map_release_(struct witc_source_map *m);
void witc_diag_list_init_(struct witc_diag_list *l, witc_ctx *ctx);
void witc_diag_list_release_(struct witc_diag_list *l);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* The WIT text printer: turns one package of a resolved graph back into WIT text, exactly as
 * `wasm-tools component wit` prints it (wit-component's WitPrinter).
 *
 * It reads the resolved graph only (never an AST), so it prints packages that came from text
 * and from binaries alike. Output is deterministic and linear in the size of the graph.
 *
 * Layout (WIT.md, "Package format"): the main package first as `package ns:name@ver;`, then
 * its interfaces and worlds; then, unless WITC_WIT_PRINT_MAIN_ONLY, every other package of
 * the graph in graph order as a nested `package ns:name@ver { ... }` block, which is what
 * `wasm-tools component wit PATH` writes for a folder with deps/.
 *
 * How the CLI calls it (src/cli/cmd-wit.c):
 *
 *     char *text = NULL;
 *     size_t len = 0;
 *     witc_status st = witc_wit_print(ctx, graph, main_package, 0, &text, &len);
 *     if (st == WITC_OK) {
 *         fwrite(text, 1, len, stdout);
 *         witc_ctx_dealloc(ctx, text);
 *     } else {
 *         ... render witc_ctx_diags(ctx): the printer added a diagnostic ...
 *     }
 *
 * Pass WITC_WIT_PRINT_NO_DOCS for `--no-docs`. */
#ifndef WITC_WIT_PRINT_H
#define WITC_WIT_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"
#include "witc/status.h"
#include "witc/wit.h"

enum {
    WITC_WIT_PRINT_NO_DOCS = 1u << 0,  /* omit `///` doc comments (`--no-docs`) */
    WITC_WIT_PRINT_MAIN_ONLY = 1u << 1 /* print `pkg` alone, without the nested packages */
};

/* Prints package `pkg` of `graph` (then the other packages, see above). On success
 * *out_text is a NUL-terminated string of *out_len bytes (the terminator not counted),
 * allocated with the context's allocator: free it with witc_ctx_dealloc(ctx, text). On failure
 * the out-parameters are left alone, a diagnostic is added to the context, and the status is
 * WITC_E_NOMEM, WITC_E_USAGE (bad package id), WITC_E_LIMIT (anonymous types nested deeper
 * than twice the context's wit_type_depth, i.e. a cyclic graph) or WITC_E_INVALID (a graph
 * that cannot be written as WIT, such as an unnamed record). Never crashes on any graph. */
WITC_MUST_CHECK witc_status witc_wit_print(witc_ctx *ctx, const witc_graph *graph,
                                           witc_package_id pkg, unsigned flags, char **out_text,
                                           size_t *out_len);

#endif

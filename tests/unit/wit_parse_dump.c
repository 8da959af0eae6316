/* SPDX-License-Identifier: Apache-2.0 */
/* wit_parse_dump FILE...: parses each WIT file on its own (no resolving) and prints either
 * `ok FILE` or `error FILE:LINE:COL: MESSAGE` for its first error. Exits 1 when any file
 * failed. Used by tests/conformance/wit-parse-only.sh and for debugging the parser;
 * `-r N` parses every file N times and prints the throughput instead; `-l N` only lexes. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wit-lexer/lexer.h"
#include "wit-parser/ast.h"
#include "witc/witc.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int repeat = 0;
    int first = 1;
    int lex_only = 0;
    if (argc > 2 && (strcmp(argv[1], "-r") == 0 || strcmp(argv[1], "-l") == 0)) {
        lex_only = argv[1][1] == 'l';
        repeat = atoi(argv[2]);
        first = 3;
    }
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return 2;
    int failures = 0;
    for (int i = first; i < argc; i++) {
        const witc_source_file *file;
        witc_diag_list *diags = witc_ctx_diags(ctx);
        witc_diag_clear(diags);
        if (witc_source_load(witc_ctx_sources(ctx), diags, argv[i], &file) != WITC_OK) {
            printf("error %s:0:0: cannot read\n", argv[i]);
            failures++;
            continue;
        }
        if (repeat > 0) {
            const double t0 = now_seconds();
            size_t arena_bytes = 0, tokens = 0;
            for (int k = 0; lex_only && k < repeat; k++) {
                witc_lex_error err;
                if (!witc_wit_lex_check_input(file->text, file->len, &err))
                    break;
                uint32_t pos = witc_wit_lex_start(file->text, file->len), end;
                int kind;
                while ((kind = witc_wit_lex(file->text, file->len, pos, &end, &err)) > 0 ||
                       kind == WITC_LEX_WHITESPACE || kind == WITC_LEX_COMMENT) {
                    tokens++;
                    pos = end;
                }
            }
            for (int k = 0; !lex_only && k < repeat; k++) {
                witc_ast *ast = NULL;
                if (witc_wit_parse(ctx, file, &ast) != WITC_OK) {
                    failures++;
                    break;
                }
                arena_bytes = ast->arena.used_total;
                witc_ast_free(ast);
            }
            const double dt = now_seconds() - t0;
            printf("%s: %u bytes x %d in %.3f s = %.1f MB/s, AST %zu bytes, %zu tokens\n", argv[i],
                   file->len, repeat, dt, dt > 0 ? (double)file->len * repeat / dt / 1e6 : 0.0,
                   arena_bytes, tokens / (size_t)repeat);
            continue;
        }
        witc_ast *ast = NULL;
        if (witc_wit_parse(ctx, file, &ast) == WITC_OK) {
            printf("ok %s\n", argv[i]);
            witc_ast_free(ast);
            continue;
        }
        failures++;
        const witc_diag *d = witc_diag_count(diags) ? witc_diag_get(diags, 0) : NULL;
        uint32_t line = 0, col = 0;
        if (d && d->span.start != WITC_POS_NONE)
            witc_source_line_col(witc_ctx_sources(ctx), d->span.start, &line, &col);
        printf("error %s:%u:%u: %s\n", argv[i], line, col, d ? d->msg : "(no diagnostic)");
    }
    witc_ctx_free(ctx);
    return failures ? 1 : 0;
}

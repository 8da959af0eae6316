/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c: the command-line front of libwitc. Dispatches to one function per subcommand
 * (commands.def); each parses its own options with getopt_long. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

typedef struct command {
    const char *spelling;
    const char *summary;
    int (*run)(witc_ctx *ctx, int argc, char **argv);
} command;

static const command commands[] = {
#define WITC_CMD(name, spelling, summary) {spelling, summary, witc_cmd_##name},
#include "cli/commands.def"
#undef WITC_CMD
};

static void print_help(FILE *out)
{
    fprintf(out, "usage: wit-c <command> [options] [args]\n\n"
                 "WebAssembly Component Model toolchain.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].spelling, commands[i].summary);
    fprintf(out, "\nRun `wit-c <command> --help` for a command's options; see wit-c(1).\n");
}

void witc_cli_flush_diags(witc_ctx *ctx)
{
    const char *no_color = getenv("NO_COLOR");
    unsigned flags = isatty(fileno(stderr)) && !(no_color && *no_color) ? WITC_RENDER_COLOR : 0;
    witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, flags);
    witc_diag_clear(witc_ctx_diags(ctx));
}

int witc_cli_usage_error(const char *sub, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "wit-c %s: error: ", sub);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry `wit-c %s --help`.\n", sub);
    return WITC_EXIT_USAGE;
}

int witc_cli_exit(witc_ctx *ctx, witc_status st)
{
    if (st != WITC_OK && witc_diag_error_count(witc_ctx_diags(ctx)) == 0) {
        if (st == WITC_E_NOMEM)
            witc_diag_error_plain(witc_ctx_diags(ctx), "out of memory");
        else
            witc_diag_error_plain(witc_ctx_diags(ctx), "failed (status %d)", (int)st);
    }
    witc_cli_flush_diags(ctx);
    if (st == WITC_OK)
        return WITC_EXIT_OK;
    return st == WITC_E_USAGE ? WITC_EXIT_USAGE : WITC_EXIT_FAIL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return WITC_EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        print_help(stdout);
        return WITC_EXIT_OK;
    }
    if (strcmp(sub, "--version") == 0 || strcmp(sub, "-V") == 0) {
        printf("wit-c %s\n", WITC_VERSION);
        return WITC_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(sub, commands[i].spelling) != 0)
            continue;
        witc_ctx *ctx = witc_ctx_new(NULL);
        if (!ctx) {
            fprintf(stderr, "wit-c: error: out of memory\n");
            return WITC_EXIT_FAIL;
        }
        int rc = commands[i].run(ctx, argc - 1, argv + 1);
        witc_cli_flush_diags(ctx);
        witc_ctx_free(ctx);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "wit-c: error: cannot write standard output\n");
            return WITC_EXIT_FAIL;
        }
        return rc;
    }
    fprintf(stderr, "wit-c: error: unknown command `%s`\n", sub);
    print_help(stderr);
    return WITC_EXIT_USAGE;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* Shared pieces of the wit-c command line: subcommand entry points and exit codes. */
#ifndef WITC_CLI_H
#define WITC_CLI_H

#include <stdio.h>

#include "witc/witc.h"

enum {
    WITC_EXIT_OK = 0,
    WITC_EXIT_FAIL = 1,  /* the input was rejected (diagnostics were printed) */
    WITC_EXIT_USAGE = 2  /* wrong command-line use */
};

#define WITC_CMD(name, spelling, summary) int witc_cmd_##name(witc_ctx *ctx, int argc, char **argv);
#include "cli/commands.def"
#undef WITC_CMD

/* Prints the context's diagnostics on stderr (colour when stderr is a terminal and NO_COLOR is
 * unset) and clears them. */
void witc_cli_flush_diags(witc_ctx *ctx);
/* Prints "wit-c SUB: error: msg" and a hint to use --help; returns WITC_EXIT_USAGE. */
int witc_cli_usage_error(const char *sub, const char *fmt, ...) WITC_PRINTF(2, 3);
/* Maps a library status to an exit code after flushing diagnostics. */
int witc_cli_exit(witc_ctx *ctx, witc_status st);

#endif

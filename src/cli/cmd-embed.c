/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c embed: placeholder until its module lands. */
#include "cli/cli.h"

int witc_cmd_embed(witc_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return witc_cli_usage_error("embed", "not implemented yet");
}

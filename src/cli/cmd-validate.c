/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c validate: placeholder until its module lands. */
#include "cli/cli.h"

int witc_cmd_validate(witc_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return witc_cli_usage_error("validate", "not implemented yet");
}

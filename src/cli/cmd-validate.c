/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c validate FILE...: validates core modules and components, like `wasm-tools validate`.
 * The preamble picks the layer: version 1 layer 0 is a core module, 0x0d 0x00 0x01 0x00 a
 * component. Silent with exit 0 when every file is valid; otherwise each failure is printed as
 * `FILE:0xOFFSET: error: message` and the exit status is 1. `--threads N` sets
 * witc_limits.validate_threads, which the core validator uses for function bodies (also those
 * of modules inside components). */
#define _POSIX_C_SOURCE 200809L /* sysconf */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "support/fsutil.h"
#include "witc/component.h"
#include "witc/wasm.h"

/* Larger values are accepted by the library and capped there (WITC_MAX_VALIDATE_THREADS). */
#define WITC_CLI_MAX_THREADS 1024u

static void usage(FILE *out)
{
    fputs("usage: wit-c validate [--features LIST] [--threads N] FILE...\n"
          "\n"
          "Validates WebAssembly core modules and components. Prints nothing and exits 0\n"
          "when every FILE is valid; prints `FILE:0xOFFSET: error: message` and exits 1\n"
          "otherwise.\n"
          "\n"
          "options:\n"
          "  -f, --features LIST  comma-separated features to enable, `-name` to disable;\n"
          "                       `all`, and the groups mvp, wasm1, wasm2, wasm3, lime1\n"
          "  -j, --threads N      validate function bodies on N threads (default 1;\n"
          "                       0 = one per CPU); the output does not depend on N\n"
          "  -h, --help           print this help\n"
          "\n"
          "features (default in brackets):\n",
          out);
    for (size_t i = 0; i < witc_wasm_feature_count(); i++) {
        const char *text;
        bool def;
        const char *name = witc_wasm_feature_name(i, &text, &def);
        fprintf(out, "  %-26s %s%s\n", name, text, def ? " [on]" : "");
    }
}

static witc_status validate_file(witc_ctx *ctx, const witc_wasm_features *f, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    WITC_TRY(witc_fs_read(ctx, path, &data, &len));
    const uint8_t *bytes = (const uint8_t *)data;
    witc_status st;
    if (witc_wasm_is_component(bytes, len))
        st = witc_component_validate(ctx, f, bytes, len, path);
    else
        st = witc_wasm_validate_core(ctx, f, bytes, len, path, 0);
    witc_ctx_dealloc(ctx, data);
    return st;
}

/* --threads N: 0 means one per online CPU. Returns false on a bad number. */
static bool parse_threads(const char *text, uint32_t *out_threads)
{
    char *end = NULL;
    errno = 0;
    unsigned long n = strtoul(text, &end, 10);
    if (!*text || *end || errno || text[0] == '-' || n > WITC_CLI_MAX_THREADS)
        return false;
    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus > 0 ? (unsigned long)cpus : 1;
    }
    *out_threads = (uint32_t)n;
    return true;
}

int witc_cmd_validate(witc_ctx *ctx, int argc, char **argv)
{
    witc_wasm_features features;
    witc_wasm_features_default(&features);
    int first_file = argc;
    bool only_files = false;
    int n_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
            usage(stdout);
            return WITC_EXIT_OK;
        }
        if (!only_files && !strcmp(a, "--")) {
            only_files = true;
            continue;
        }
        const char *threads = NULL;
        if (!only_files && (!strcmp(a, "--threads") || !strcmp(a, "-j"))) {
            if (i + 1 >= argc)
                return witc_cli_usage_error("validate", "`%s` needs a value", a);
            threads = argv[++i];
        } else if (!only_files && !strncmp(a, "--threads=", 10)) {
            threads = a + 10;
        }
        if (threads) {
            if (!parse_threads(threads, &witc_ctx_limits(ctx)->validate_threads))
                return witc_cli_usage_error("validate", "bad --threads value `%s` (0 to %u)",
                                            threads, WITC_CLI_MAX_THREADS);
            continue;
        }
        const char *list = NULL;
        if (!only_files && (!strcmp(a, "--features") || !strcmp(a, "-f"))) {
            if (i + 1 >= argc)
                return witc_cli_usage_error("validate", "`%s` needs a value", a);
            list = argv[++i];
        } else if (!only_files && !strncmp(a, "--features=", 11)) {
            list = a + 11;
        } else if (!only_files && a[0] == '-' && a[1] != 0) {
            return witc_cli_usage_error("validate", "unknown option `%s`", a);
        }
        if (list) {
            if (witc_wasm_features_parse(ctx, &features, list) != WITC_OK) {
                witc_cli_flush_diags(ctx);
                return witc_cli_usage_error("validate", "bad --features list");
            }
            continue;
        }
        if (first_file == argc)
            first_file = i;
        n_files++;
    }
    if (n_files == 0)
        return witc_cli_usage_error("validate", "no input files");
    witc_status worst = WITC_OK;
    only_files = false;
    for (int i = first_file; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && !strcmp(a, "--")) {
            only_files = true;
            continue;
        }
        if (!only_files && (!strcmp(a, "--features") || !strcmp(a, "-f") ||
                            !strcmp(a, "--threads") || !strcmp(a, "-j"))) {
            i++;
            continue;
        }
        if (!only_files && a[0] == '-' && a[1] != 0)
            continue;
        witc_status st = validate_file(ctx, &features, a);
        if (st != WITC_OK && worst == WITC_OK)
            worst = st;
        witc_cli_flush_diags(ctx); /* file by file, in order */
    }
    return worst == WITC_OK ? WITC_EXIT_OK : WITC_EXIT_FAIL;
}

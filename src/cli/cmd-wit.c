/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c wit [options] PATH: resolves the WIT package at PATH (a `.wit` file, or a directory
 * with an optional deps/ folder), like `wasm-tools component wit`. Prints it back as WIT text
 * (the printer of include/witc/wit-print.h), or with --json the whole resolve graph in
 * wasm-tools' JSON schema. Diagnostics are `file:line:col: error: ...`; exit 1 when the input
 * is rejected, 2 on wrong usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "support/fsutil.h"
#include "witc/wit-binary.h"
#include "witc/wit-print.h"
#include "witc/wit.h"

static void usage(FILE *out)
{
    fputs("usage: wit-c wit [options] PATH\n"
          "\n"
          "Resolves the WIT package at PATH (a .wit file, or a directory whose *.wit files form\n"
          "one package, with dependencies in PATH/deps/) and prints it as WIT text, or with\n"
          "--json as the whole resolved graph in wasm-tools' JSON format. PATH may also be a\n"
          "binary: a WIT package encoded as a component, or a core module carrying a\n"
          "component-type custom section.\n"
          "\n"
          "options:\n"
          "  -j, --json            print the resolve graph as JSON\n"
          "  -w, --wasm            write the package as a binary (a component of types)\n"
          "      --features LIST   enable these @unstable features (comma-separated)\n"
          "      --all-features    enable every @unstable feature\n"
          "      --no-docs         leave doc comments out of WIT text\n"
          "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
          "  -h, --help            print this help\n",
          out);
}

/* Splits a comma-separated list into views of `list` (which outlives them). */
static witc_status add_features(witc_ctx *ctx, const char *list, witc_str **feats, size_t *n,
                                size_t *cap)
{
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        /* Blanks around names are allowed, as `--features "a, b"`. */
        while (len && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len) {
            if (*n == *cap) {
                size_t nc = *cap ? *cap * 2 : 8;
                witc_str *nf = witc_ctx_realloc(ctx, *feats, nc * sizeof *nf);
                if (!nf)
                    return WITC_E_NOMEM;
                *feats = nf;
                *cap = nc;
            }
            (*feats)[(*n)++] = (witc_str){p, len};
        }
        if (!comma)
            return WITC_OK;
        p = comma + 1;
    }
}

/* A binary input starts with the wasm magic; anything else is read as WIT. */
static bool is_binary_file(const char *path)
{
    if (witc_fs_is_dir(path))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char magic[4];
    bool binary = fread(magic, 1, 4, f) == 4 && memcmp(magic, "\0asm", 4) == 0;
    fclose(f);
    return binary;
}

static witc_status decode_binary(witc_ctx *ctx, const char *path, witc_graph **out_graph,
                                 witc_package_id *out_main)
{
    char *data;
    size_t len;
    WITC_TRY(witc_fs_read(ctx, path, &data, &len));
    witc_status st = witc_wit_decode(ctx, (const uint8_t *)data, len, path, out_graph, out_main);
    witc_ctx_dealloc(ctx, data);
    return st;
}

int witc_cmd_wit(witc_ctx *ctx, int argc, char **argv)
{
    bool json = false, wasm = false, no_docs = false, only_paths = false;
    const char *output = NULL, *path = NULL;
    witc_wit_options opts;
    memset(&opts, 0, sizeof opts);
    witc_str *feats = NULL;
    size_t n_feats = 0, cap = 0;
    int rc = WITC_EXIT_OK;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *list = NULL;
        if (only_paths || a[0] != '-' || a[1] == 0) {
            if (path) {
                rc = witc_cli_usage_error("wit", "more than one PATH given (`%s`)", a);
                goto out;
            }
            path = a;
        } else if (!strcmp(a, "--")) {
            only_paths = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            goto out;
        } else if (!strcmp(a, "--json") || !strcmp(a, "-j")) {
            json = true;
        } else if (!strcmp(a, "--wasm") || !strcmp(a, "-w")) {
            wasm = true;
        } else if (!strcmp(a, "--all-features")) {
            opts.all_features = true;
        } else if (!strcmp(a, "--no-docs")) {
            no_docs = true;
        } else if (!strcmp(a, "--features") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc) {
                rc = witc_cli_usage_error("wit", "`%s` needs a value", a);
                goto out;
            }
            if (!strcmp(a, "--features"))
                list = argv[++i];
            else
                output = argv[++i];
        } else if (!strncmp(a, "--features=", 11)) {
            list = a + 11;
        } else if (!strncmp(a, "--output=", 9)) {
            output = a + 9;
        } else {
            rc = witc_cli_usage_error("wit", "unknown option `%s`", a);
            goto out;
        }
        if (list && add_features(ctx, list, &feats, &n_feats, &cap) != WITC_OK) {
            rc = witc_cli_exit(ctx, WITC_E_NOMEM);
            goto out;
        }
    }
    if (!path) {
        rc = witc_cli_usage_error("wit", "missing PATH");
        goto out;
    }
    if (json && wasm) {
        rc = witc_cli_usage_error("wit", "`--json` and `--wasm` exclude each other");
        goto out;
    }
    opts.features = feats;
    opts.n_features = n_feats;

    witc_graph *graph = NULL;
    witc_package_id main_pkg;
    witc_status st = is_binary_file(path) ? decode_binary(ctx, path, &graph, &main_pkg)
                                          : witc_wit_resolve_path(ctx, path, &opts, &graph,
                                                                  &main_pkg);
    char *text = NULL;
    size_t len = 0;
    if (st == WITC_OK) {
        if (wasm) {
            uint8_t *bytes = NULL;
            st = witc_wit_encode_package(ctx, graph, main_pkg, &bytes, &len);
            text = (char *)bytes;
        } else if (json)
            st = witc_graph_to_json(ctx, graph, &text, &len);
        else
            st = witc_wit_print(ctx, graph, main_pkg, no_docs ? WITC_WIT_PRINT_NO_DOCS : 0, &text,
                                &len);
    }
    if (st == WITC_OK)
        st = witc_fs_write_atomic(ctx, output ? output : "-", text, len);
    witc_ctx_dealloc(ctx, text);
    witc_graph_free(graph);
    rc = witc_cli_exit(ctx, st);
out:
    witc_ctx_dealloc(ctx, feats);
    return rc;
}

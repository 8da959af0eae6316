/* SPDX-License-Identifier: Apache-2.0 */
/* wit-c embed --wit PATH [--world W] [--string-encoding E] CORE.wasm -o OUT.wasm: adds the
 * `component-type` custom section of a WIT world to a core module, like `wasm-tools component
 * embed` (include/witc/embed.h). With --dummy the core module is generated from the world
 * (legacy core names, as `--dummy-names legacy`) instead of read. WIT errors are `file:line:col:
 * error: ...`, errors in the module `file:0xOFF: error: ...`; exit 1 when an input is rejected, 2
 * on wrong usage. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "support/fsutil.h"
#include "witc/embed.h"
#include "witc/wit-binary.h"
#include "witc/wit.h"

static void usage(FILE *out)
{
    fputs("usage: wit-c embed --wit PATH [options] CORE.wasm -o OUT.wasm\n"
          "       wit-c embed --wit PATH --dummy [options] -o OUT.wasm\n"
          "\n"
          "Appends the `component-type` custom section describing a WIT world to the core\n"
          "module CORE.wasm (`-` reads standard input), as `wasm-tools component embed` does.\n"
          "\n"
          "options:\n"
          "      --wit PATH               the WIT package (a .wit file or a directory)\n"
          "  -w, --world WORLD            the world: `name` in the main package, or\n"
          "                               `ns:pkg/name[@version]`; default: the only world\n"
          "      --string-encoding ENC    utf8 (default), utf16 or compact-utf16\n"
          "      --dummy                  generate the core module from the world (legacy\n"
          "                               core names, `unreachable` bodies)\n"
          "  -o, --output FILE            where to write the module (atomically); `-` is\n"
          "                               standard output\n"
          "  -h, --help                   print this help\n",
          out);
}

static bool parse_encoding(const char *s, witc_string_encoding *out)
{
    if (!strcmp(s, "utf8"))
        *out = WITC_STRING_ENCODING_UTF8;
    else if (!strcmp(s, "utf16"))
        *out = WITC_STRING_ENCODING_UTF16;
    else if (!strcmp(s, "compact-utf16"))
        *out = WITC_STRING_ENCODING_COMPACT_UTF16;
    else
        return false;
    return true;
}

/* Takes `--opt VALUE` or `--opt=VALUE`; returns the value, or NULL when `a` is not `opt`. Sets
 * *missing when the value is absent. */
static const char *option_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
                                bool *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(lng);
    if (!strncmp(a, lng, n) && a[n] == '=')
        return a + n + 1;
    if (strcmp(a, lng) && !(shrt && !strcmp(a, shrt)))
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

int witc_cmd_embed(witc_ctx *ctx, int argc, char **argv)
{
    const char *wit = NULL, *world = NULL, *output = NULL, *input = NULL, *enc_text = NULL;
    witc_string_encoding encoding = WITC_STRING_ENCODING_UTF8;
    bool only_paths = false, dummy = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        bool missing = false;
        if (only_paths || a[0] != '-' || a[1] == 0) {
            if (input)
                return witc_cli_usage_error("embed", "more than one input module given (`%s`)", a);
            input = a;
        } else if (!strcmp(a, "--")) {
            only_paths = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return WITC_EXIT_OK;
        } else if (!strcmp(a, "--dummy")) {
            dummy = true;
        } else if ((v = option_value(argc, argv, &i, "--wit", NULL, &missing))) {
            wit = v;
        } else if ((v = option_value(argc, argv, &i, "--world", "-w", &missing))) {
            world = v;
        } else if ((v = option_value(argc, argv, &i, "--string-encoding", NULL, &missing)) ||
                   (!missing && (v = option_value(argc, argv, &i, "--encoding", NULL, &missing)))) {
            enc_text = v;
        } else if ((v = option_value(argc, argv, &i, "--output", "-o", &missing))) {
            output = v;
        } else if (missing) {
            return witc_cli_usage_error("embed", "`%s` needs a value", a);
        } else {
            return witc_cli_usage_error("embed", "unknown option `%s`", a);
        }
    }
    if (!wit)
        return witc_cli_usage_error("embed", "missing `--wit PATH`");
    if (!input && !dummy)
        return witc_cli_usage_error("embed", "missing the input module CORE.wasm");
    if (input && dummy)
        return witc_cli_usage_error("embed", "`--dummy` takes no input module (`%s`)", input);
    if (!output)
        return witc_cli_usage_error("embed", "missing `-o OUT.wasm`");
    if (enc_text && !parse_encoding(enc_text, &encoding))
        return witc_cli_usage_error(
            "embed", "unknown string encoding `%s` (expected utf8, utf16 or compact-utf16)",
            enc_text);

    witc_graph *graph = NULL;
    witc_package_id main_pkg;
    witc_world_id world_id;
    char *core = NULL;
    uint8_t *out = NULL, *generated = NULL;
    size_t core_len = 0, out_len = 0;
    witc_status st = witc_wit_resolve_path(ctx, wit, NULL, &graph, &main_pkg);
    if (st == WITC_OK)
        st = witc_embed_select_world(ctx, graph, main_pkg, world, &world_id);
    if (st == WITC_OK && dummy)
        st = witc_embed_dummy_module(ctx, graph, world_id, &generated, &core_len);
    else if (st == WITC_OK)
        st = witc_fs_read(ctx, input, &core, &core_len);
    if (st == WITC_OK)
        st = witc_embed_module(ctx, graph, world_id, encoding,
                               dummy ? generated : (const uint8_t *)core, core_len,
                               dummy ? "<dummy>" : input, &out, &out_len);
    if (st == WITC_OK)
        st = witc_fs_write_atomic(ctx, output, out, out_len);
    witc_ctx_dealloc(ctx, out);
    witc_ctx_dealloc(ctx, core);
    witc_ctx_dealloc(ctx, generated);
    witc_graph_free(graph);
    return witc_cli_exit(ctx, st);
}

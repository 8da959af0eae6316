/* SPDX-License-Identifier: Apache-2.0 */
/* wit_binary_dump: drives the WIT-as-binary layer for tests and debugging.
 *
 *   wit_binary_dump encode PATH OUT.wasm   resolve PATH (a .wit file or a package folder),
 *                                          encode its main package, write OUT.wasm, then
 *                                          validate it and print `validate: ok` or
 *                                          `validate: error` (+ diagnostics) on stderr
 *   wit_binary_dump world PATH WORLD OUT   the `component-type` payload of world WORLD of the
 *                                          main package
 *   wit_binary_dump decode FILE.wasm       decode and print the main package as WIT
 *   wit_binary_dump reworld FILE.wasm WORLD OUT
 *                                          decode, then encode world WORLD of the main package
 *                                          as a `component-type` payload (round trips)
 *   wit_binary_dump decode-all FILE.wasm   the same, then the other packages as nested blocks
 *   wit_binary_dump strip IN.wasm OUT.wasm copy a component without its `producers` section
 *   wit_binary_dump section IN NAME OUT    write the payload of custom section NAME of IN
 *
 * Exit status: 0 ok, 1 input rejected, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/fsutil.h"
#include "witc/component.h"
#include "witc/wasm.h"
#include "witc/wit-binary.h"
#include "witc/wit-print.h"
#include "witc/wit.h"
#include "witc/witc.h"

static int fail(witc_ctx *ctx)
{
    fflush(stdout);
    witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, 0);
    return 1;
}

static int cmd_encode(witc_ctx *ctx, const char *path, const char *world, const char *out,
                      bool from_binary)
{
    witc_graph *g = NULL;
    witc_package_id main_pkg;
    if (from_binary) {
        char *data = NULL;
        size_t len = 0;
        if (witc_fs_read(ctx, path, &data, &len) != WITC_OK)
            return fail(ctx);
        witc_status st = witc_wit_decode(ctx, (const uint8_t *)data, len, path, &g, &main_pkg);
        witc_ctx_dealloc(ctx, data);
        if (st != WITC_OK)
            return fail(ctx);
    } else if (witc_wit_resolve_path(ctx, path, NULL, &g, &main_pkg) != WITC_OK) {
        return fail(ctx);
    }
    uint8_t *bytes = NULL;
    size_t len = 0;
    witc_status st;
    if (world) {
        const witc_package *p = witc_graph_package(g, main_pkg);
        witc_world_id wid = {WITC_ID_NONE};
        for (uint32_t i = 0; p && i < p->n_worlds; i++) {
            const witc_world *w = witc_graph_world(g, p->worlds[i]);
            if (w && w->name.len == strlen(world) && memcmp(w->name.ptr, world, w->name.len) == 0)
                wid = p->worlds[i];
        }
        st = witc_wit_encode_world(ctx, g, wid, WITC_STRING_ENCODING_UTF8, &bytes, &len);
    } else {
        st = witc_wit_encode_package(ctx, g, main_pkg, &bytes, &len);
    }
    witc_graph_free(g);
    if (st != WITC_OK)
        return fail(ctx);
    st = witc_fs_write_atomic(ctx, out, bytes, len);
    if (st == WITC_OK) {
        witc_wasm_features all;
        witc_wasm_features_all(&all);
        witc_diag_clear(witc_ctx_diags(ctx));
        if (witc_component_validate(ctx, &all, bytes, len, out) == WITC_OK) {
            fprintf(stderr, "validate: ok\n");
        } else {
            fprintf(stderr, "validate: error\n");
            witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, 0);
        }
    }
    witc_ctx_dealloc(ctx, bytes);
    return st == WITC_OK ? 0 : fail(ctx);
}

static int cmd_decode(witc_ctx *ctx, const char *path, unsigned flags)
{
    char *data = NULL;
    size_t len = 0;
    if (witc_fs_read(ctx, path, &data, &len) != WITC_OK)
        return fail(ctx);
    witc_graph *g = NULL;
    witc_package_id main_pkg;
    witc_status st = witc_wit_decode(ctx, (const uint8_t *)data, len, path, &g, &main_pkg);
    witc_ctx_dealloc(ctx, data);
    if (st != WITC_OK)
        return fail(ctx);
    char *text = NULL;
    size_t tlen = 0;
    st = witc_wit_print(ctx, g, main_pkg, flags, &text, &tlen);
    witc_graph_free(g);
    if (st != WITC_OK)
        return fail(ctx);
    fwrite(text, 1, tlen, stdout);
    witc_ctx_dealloc(ctx, text);
    return 0;
}

/* Drops every `producers` custom section; everything else is copied byte for byte. With
 * `want` set, writes only the payload of the first custom section of that name instead. */
static int cmd_strip(witc_ctx *ctx, const char *in, const char *out, const char *want)
{
    char *data = NULL;
    size_t len = 0;
    if (witc_fs_read(ctx, in, &data, &len) != WITC_OK)
        return fail(ctx);
    const uint8_t *b = (const uint8_t *)data;
    uint8_t *res = malloc(len ? len : 1);
    size_t n = 0, pos = 8;
    int rc = 0;
    if (!res || len < 8) {
        fprintf(stderr, "%s: not a wasm binary\n", in);
        rc = 1;
        goto done;
    }
    memcpy(res, b, 8);
    n = 8;
    while (pos < len) {
        size_t start = pos++;
        uint64_t size = 0;
        unsigned shift = 0;
        while (pos < len && shift < 35) {
            uint8_t c = b[pos++];
            size |= (uint64_t)(c & 0x7f) << shift;
            shift += 7;
            if (!(c & 0x80))
                break;
        }
        if (size > len - pos) {
            fprintf(stderr, "%s: bad section size\n", in);
            rc = 1;
            goto done;
        }
        size_t body = pos, end = pos + size;
        bool drop = false;
        if (want && b[start] == 0 && body < end) {
            size_t wl = strlen(want);
            if (b[body] == wl && end - body - 1 >= wl && memcmp(b + body + 1, want, wl) == 0) {
                memcpy(res, b + body + 1 + wl, end - body - 1 - wl);
                n = end - body - 1 - wl;
                break;
            }
            pos = end;
            continue;
        }
        if (b[start] == 0 && body < end && b[body] == 9 && end - body >= 10 &&
            memcmp(b + body + 1, "producers", 9) == 0)
            drop = true;
        if (!drop) {
            memcpy(res + n, b + start, end - start);
            n += end - start;
        }
        pos = end;
    }
    if (want && n == 8 && memcmp(res, b, 8) == 0) {
        fprintf(stderr, "%s: no custom section `%s`\n", in, want);
        rc = 1;
        goto done;
    }
    if (witc_fs_write_atomic(ctx, out, res, n) != WITC_OK)
        rc = fail(ctx);
done:
    free(res);
    witc_ctx_dealloc(ctx, data);
    return rc;
}

int main(int argc, char **argv)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return 2;
    int rc = 2;
    if (argc == 4 && strcmp(argv[1], "encode") == 0)
        rc = cmd_encode(ctx, argv[2], NULL, argv[3], false);
    else if (argc == 5 && strcmp(argv[1], "world") == 0)
        rc = cmd_encode(ctx, argv[2], argv[3], argv[4], false);
    else if (argc == 5 && strcmp(argv[1], "reworld") == 0)
        rc = cmd_encode(ctx, argv[2], argv[3], argv[4], true);
    else if (argc == 3 && strcmp(argv[1], "decode") == 0)
        rc = cmd_decode(ctx, argv[2], WITC_WIT_PRINT_MAIN_ONLY);
    else if (argc == 3 && strcmp(argv[1], "decode-all") == 0)
        rc = cmd_decode(ctx, argv[2], 0);
    else if (argc == 4 && strcmp(argv[1], "strip") == 0)
        rc = cmd_strip(ctx, argv[2], argv[3], NULL);
    else if (argc == 5 && strcmp(argv[1], "section") == 0)
        rc = cmd_strip(ctx, argv[2], argv[4], argv[3]);
    else
        fprintf(
            stderr,
            "usage: wit_binary_dump encode PATH OUT | world PATH WORLD OUT | "
            "decode[-all] FILE | reworld FILE WORLD OUT | strip IN OUT | section IN NAME OUT\n");
    witc_ctx_free(ctx);
    return rc;
}

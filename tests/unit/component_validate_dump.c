/* SPDX-License-Identifier: Apache-2.0 */
/* Test driver: `component_validate_dump [--features LIST] FILE` validates one component and
 * exits 0 when valid, 1 when rejected, 2 on usage errors. `--roundtrip FILE` decodes the
 * component, encodes it again and exits 0 when the bytes are identical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "support/buf.h"
#include "validate/component-internal.h"
#include "witc/component.h"
#include "witc/ctx.h"
#include "witc/diag.h"
#include "witc/wasm.h"

int main(int argc, char **argv)
{
    const char *features_list = NULL, *path = NULL;
    int roundtrip = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--features") == 0 && i + 1 < argc)
            features_list = argv[++i];
        else if (strcmp(argv[i], "--roundtrip") == 0)
            roundtrip = 1;
        else if (strncmp(argv[i], "--features=", 11) == 0)
            features_list = argv[i] + 11;
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: component_validate_dump [--features LIST] FILE\n");
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return 2;
    witc_ctx *ctx = witc_ctx_new(NULL);
    witc_wasm_features feats;
    witc_wasm_features_default(&feats);
    int rc = 0;
    if (features_list && witc_wasm_features_parse(ctx, &feats, features_list) != WITC_OK)
        rc = 2;
    if (rc == 0 && roundtrip) {
        witc_arena arena;
        witc_arena_init(&arena, ctx);
        witc_component *c = NULL;
        rc = 1;
        if (witc_cm_decode(ctx, &arena, buf, len, path, 0, 0, &c) == WITC_OK) {
            witc_buf out;
            witc_buf_init(&out, ctx);
            witc_cm_encode(c, &out);
            if (!out.failed && out.len == len && memcmp(out.data, buf, len) == 0) {
                rc = 0;
            } else {
                size_t at = 0;
                while (at < len && at < out.len && out.data[at] == buf[at])
                    at++;
                fprintf(stderr, "%s: re-encoding differs at 0x%zx (%zu vs %zu bytes)\n", path, at,
                        out.len, len);
            }
            witc_buf_release(&out);
        }
        witc_arena_release(&arena);
    } else if (rc == 0) {
        witc_status st;
        if (witc_wasm_is_component(buf, len))
            st = witc_component_validate(ctx, &feats, buf, len, path);
        else
            st = witc_wasm_validate_core(ctx, &feats, buf, len, path, 0);
        rc = st == WITC_OK ? 0 : 1;
    }
    witc_diag_render(witc_ctx_diags(ctx), witc_ctx_sources(ctx), stderr, 0);
    witc_ctx_free(ctx);
    free(buf);
    return rc;
}

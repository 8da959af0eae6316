/* SPDX-License-Identifier: Apache-2.0 */
/* wasm-roundtrip FILE...: decodes each core module (every feature on), encodes it again and
 * compares the bytes. Prints `differ FILE 0xOFFSET` for each module that does not come back
 * byte for byte, `fail FILE` for one that does not decode, and exits 1 if any did either.
 * A module that comes back shorter (over-long LEBs in the input) is `noncanonical FILE` and
 * passes when its shorter form round-trips exactly.
 * Used by tests/conformance/wasm-spec.sh over the spec corpus modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "witc/wasm.h"
#include "witc/witc.h"

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* encode(decode(b)) == b */
static int is_stable(witc_ctx *ctx, const witc_wasm_features *f, const uint8_t *b, size_t len)
{
    witc_wasm_module *m = NULL;
    if (witc_wasm_decode(ctx, f, b, len, "<re-encoded>", 0, &m) != WITC_OK)
        return 0;
    uint8_t *out = NULL;
    size_t out_len = 0;
    int same = witc_wasm_encode(ctx, m, &out, &out_len) == WITC_OK && out_len == len &&
               memcmp(out, b, len) == 0;
    witc_ctx_dealloc(ctx, out);
    witc_wasm_module_free(m);
    return same;
}

int main(int argc, char **argv)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return 2;
    witc_wasm_features all;
    witc_wasm_features_all(&all);
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        unsigned char *bytes = slurp(argv[i], &len);
        witc_wasm_module *m = NULL;
        if (!bytes || witc_wasm_decode(ctx, &all, bytes, len, argv[i], 0, &m) != WITC_OK) {
            printf("fail %s\n", argv[i]);
            witc_diag_clear(witc_ctx_diags(ctx));
            free(bytes);
            bad = 1;
            continue;
        }
        uint8_t *out = NULL;
        size_t out_len = 0;
        if (witc_wasm_encode(ctx, m, &out, &out_len) != WITC_OK) {
            printf("fail %s\n", argv[i]);
            bad = 1;
        } else if (out_len < len && is_stable(ctx, &all, out, out_len)) {
            /* Input with over-long LEBs (binary-leb128.wast): the output is the shortest
             * form and must itself round-trip exactly. */
            printf("noncanonical %s\n", argv[i]);
        } else if (out_len != len || memcmp(out, bytes, len) != 0) {
            size_t k = 0;
            while (k < len && k < out_len && out[k] == bytes[k])
                k++;
            printf("differ %s 0x%zx\n", argv[i], k);
            bad = 1;
        }
        witc_ctx_dealloc(ctx, out);
        witc_wasm_module_free(m);
        free(bytes);
    }
    witc_ctx_free(ctx);
    return bad;
}

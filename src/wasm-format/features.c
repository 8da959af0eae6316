/* SPDX-License-Identifier: Apache-2.0 */
/* Feature sets and wasm-tools' `--features` syntax (src/bin/wasm-tools/validate.rs
 * `parse_features`): a comma-separated list of names, groups and `all`, each optionally
 * prefixed with `-`. */
#include "witc/wasm.h"

#include <string.h>

typedef struct feature_info {
    char cli[32]; /* arrays, not pointers: no relocations, so the table stays read-only */
    char text[72];
    bool def;
    size_t offset; /* of the bool in witc_wasm_features */
} feature_info;

static const feature_info features[] = {
#define WITC_FEATURE(NAME, cli, def, text) {cli, text, def, offsetof(witc_wasm_features, NAME)},
#include "wasm-format/features.def"
#undef WITC_FEATURE
};
enum { N_FEATURES = sizeof features / sizeof features[0] };
_Static_assert(sizeof(witc_wasm_features) == N_FEATURES * sizeof(bool),
               "witc_wasm_features holds one bool per features.def row");

static bool *field(witc_wasm_features *f, size_t i)
{
    return (bool *)((char *)f + features[i].offset);
}

void witc_wasm_features_default(witc_wasm_features *out)
{
    for (size_t i = 0; i < N_FEATURES; i++)
        *field(out, i) = features[i].def;
}

void witc_wasm_features_all(witc_wasm_features *out)
{
    for (size_t i = 0; i < N_FEATURES; i++)
        *field(out, i) = true;
}

size_t witc_wasm_feature_count(void)
{
    return N_FEATURES;
}

const char *witc_wasm_feature_name(size_t i, const char **out_text, bool *out_default)
{
    if (i >= N_FEATURES)
        return NULL;
    if (out_text)
        *out_text = features[i].text;
    if (out_default)
        *out_default = features[i].def;
    return features[i].cli;
}

/* wasmparser's groups (features.rs MVP, WASM1, WASM2, WASM3, LIME1). */
static void set_group(witc_wasm_features *f, const char *name)
{
    memset(f, 0, sizeof *f);
    f->floats = f->gc_types = true; /* MVP */
    if (!strcmp(name, "mvp"))
        return;
    f->mutable_global = true; /* WASM1 */
    if (!strcmp(name, "wasm1"))
        return;
    if (!strcmp(name, "lime1")) {
        f->multi_value = f->sign_extension = f->saturating_float_to_int = true;
        f->bulk_memory_opt = f->extended_const = f->call_indirect_overlong = true;
        return;
    }
    f->bulk_memory = f->bulk_memory_opt = true; /* WASM2 */
    f->reference_types = f->call_indirect_overlong = true;
    f->sign_extension = f->saturating_float_to_int = f->multi_value = f->simd = true;
    if (!strcmp(name, "wasm2"))
        return;
    f->gc = f->tail_call = f->extended_const = f->function_references = true; /* WASM3 */
    f->multi_memory = f->relaxed_simd = f->threads = f->exceptions = f->memory64 = true;
}

static bool is_group(const char *name)
{
    return !strcmp(name, "mvp") || !strcmp(name, "wasm1") || !strcmp(name, "wasm2") ||
           !strcmp(name, "wasm3") || !strcmp(name, "lime1");
}

witc_status witc_wasm_features_parse(witc_ctx *ctx, witc_wasm_features *f, const char *list)
{
    const char *p = list;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ',')
            p++;
        size_t len = (size_t)(p - start);
        while (len && start[len - 1] == ' ')
            len--;
        bool enable = true;
        if (start[0] == '-') {
            enable = false;
            start++, len--;
        }
        char name[64];
        if (len == 0 || len >= sizeof name)
            goto unknown;
        memcpy(name, start, len);
        name[len] = 0;
        if (!strcmp(name, "all")) {
            if (enable)
                witc_wasm_features_all(f);
            else
                memset(f, 0, sizeof *f);
            continue;
        }
        if (is_group(name)) {
            if (!enable) { /* disabling a group clears its members */
                witc_wasm_features g;
                set_group(&g, name);
                for (size_t i = 0; i < N_FEATURES; i++)
                    if (*field(&g, i))
                        *field(f, i) = false;
            } else {
                set_group(f, name);
            }
            continue;
        }
        size_t i = 0;
        while (i < N_FEATURES && strcmp(features[i].cli, name) != 0)
            i++;
        if (i == N_FEATURES)
            goto unknown;
        *field(f, i) = enable;
        /* wasmparser's REFERENCE_TYPES and BULK_MEMORY bits include these two. */
        if (!strcmp(name, "reference-types"))
            f->call_indirect_overlong = enable;
        if (!strcmp(name, "bulk-memory"))
            f->bulk_memory_opt = enable;
        continue;
    unknown:
        witc_diag_error_plain(witc_ctx_diags(ctx), "unknown feature `%.*s`", (int)len, start);
        return WITC_E_USAGE;
    }
    return WITC_OK;
}

bool witc_wasm_is_core_module(const uint8_t *bytes, size_t len)
{
    static const uint8_t pre[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    return len >= 8 && memcmp(bytes, pre, 8) == 0;
}

bool witc_wasm_is_component(const uint8_t *bytes, size_t len)
{
    static const uint8_t pre[8] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    return len >= 8 && memcmp(bytes, pre, 8) == 0;
}

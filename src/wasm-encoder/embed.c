/* SPDX-License-Identifier: Apache-2.0 */
/* `component-type` sections in core modules (see include/witc/embed.h): world selection after
 * wit-parser resolve/mod.rs `select_world`, and the append of wit-component lib.rs
 * `embed_component_metadata`. The core binary format's custom section (core spec 5.5.3) is
 * id 0, a u32 size, a name and the payload; appending one keeps the module valid wherever
 * it goes, so the input bytes are copied unchanged and the new section follows them. */
#include <stdio.h>
#include <string.h>

#include "support/buf.h"
#include "witc/embed.h"
#include "witc/wasm.h"

static size_t uleb_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static void put_uleb(uint8_t *out, size_t *len, uint64_t v)
{
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        out[(*len)++] = v ? (uint8_t)(b | 0x80) : b;
    } while (v);
}

size_t witc_embed_custom_section_size(size_t name_len, size_t payload_len)
{
    const size_t content = uleb_size(name_len) + name_len + payload_len;
    return 1 + uleb_size(content) + content;
}

void witc_embed_write_custom_section(uint8_t *out, size_t *len, const char *name, size_t name_len,
                                     const uint8_t *payload, size_t payload_len)
{
    const size_t content = uleb_size(name_len) + name_len + payload_len;
    out[(*len)++] = 0; /* custom section id */
    put_uleb(out, len, content);
    put_uleb(out, len, name_len);
    memcpy(out + *len, name, name_len);
    *len += name_len;
    if (payload_len)
        memcpy(out + *len, payload, payload_len);
    *len += payload_len;
}

/* "There are multiple worlds ...; one must be explicitly chosen:" plus one line per world,
 * as wit-parser lists them. */
static witc_status multiple_worlds(witc_ctx *ctx, const witc_graph *graph, const witc_package *pkg)
{
    witc_buf msg;
    witc_buf_init(&msg, ctx);
    witc_buf_printf(&msg, "there are multiple worlds in `%.*s`; one must be explicitly chosen:",
                    (int)pkg->full_name.len, pkg->full_name.ptr);
    for (uint32_t i = 0; i < pkg->n_worlds; i++) {
        const witc_world *w = witc_graph_world(graph, pkg->worlds[i]);
        if (!w)
            continue;
        witc_buf_printf(&msg, "\n  %.*s:%.*s/%.*s", (int)pkg->namespace_.len, pkg->namespace_.ptr,
                        (int)pkg->name.len, pkg->name.ptr, (int)w->name.len, w->name.ptr);
        if (pkg->has_version)
            witc_buf_printf(&msg, "@%.*s", (int)pkg->version.len, pkg->version.ptr);
    }
    const char *text = witc_buf_cstr(&msg);
    witc_status st = msg.failed ? WITC_E_NOMEM : WITC_E_RESOLVE;
    if (!msg.failed)
        witc_diag_error_plain(witc_ctx_diags(ctx), "%s", text);
    witc_buf_release(&msg);
    return st;
}

/* The package a `ns:pkg[@ver]` specifier names. Without a version, wit-parser falls back to
 * the single versioned package with that namespace and name. */
static witc_status find_package(witc_ctx *ctx, const witc_graph *graph, witc_str ns, witc_str name,
                                const char *version, witc_str full, witc_package_id *out_pkg)
{
    if (witc_graph_find_package(graph, full, out_pkg))
        return WITC_OK;
    if (!version) {
        bool found = false;
        witc_package_id found_id = {WITC_ID_NONE};
        for (uint32_t i = 0; i < witc_graph_package_count(graph); i++) {
            const witc_package *p = witc_graph_package(graph, (witc_package_id){i});
            if (!p || !p->has_version || !witc_str_eq(p->namespace_, ns) ||
                !witc_str_eq(p->name, name))
                continue;
            if (found) {
                const witc_package *first = witc_graph_package(graph, found_id);
                witc_diag_error_plain(
                    witc_ctx_diags(ctx),
                    "package name `%.*s` is available at both versions %.*s and %.*s but which "
                    "is not specified",
                    (int)full.len, full.ptr, (int)first->version.len, first->version.ptr,
                    (int)p->version.len, p->version.ptr);
                return WITC_E_RESOLVE;
            }
            found = true;
            found_id = (witc_package_id){i};
        }
        if (found) {
            *out_pkg = found_id;
            return WITC_OK;
        }
    }
    witc_diag_error_plain(witc_ctx_diags(ctx), "unknown package `%.*s`", (int)full.len, full.ptr);
    return WITC_E_RESOLVE;
}

witc_status witc_embed_select_world(witc_ctx *ctx, const witc_graph *graph,
                                    witc_package_id main_pkg, const char *spec,
                                    witc_world_id *out_world)
{
    const witc_package *pkg = witc_graph_package(graph, main_pkg);
    if (!pkg) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "no main package defined");
        return WITC_E_RESOLVE;
    }
    if (!spec) {
        if (pkg->n_worlds == 0) {
            witc_diag_error_plain(witc_ctx_diags(ctx), "the main package `%.*s` contains no worlds",
                                  (int)pkg->full_name.len, pkg->full_name.ptr);
            return WITC_E_RESOLVE;
        }
        if (pkg->n_worlds > 1)
            return multiple_worlds(ctx, graph, pkg);
        *out_world = pkg->worlds[0];
        return WITC_OK;
    }

    witc_package_id pkg_id = main_pkg;
    witc_str world_name = witc_str_from(spec);
    const char *colon = strchr(spec, ':');
    if (colon) {
        /* `ns:pkg/world@version`: the version belongs to the package. */
        const char *slash = strchr(colon, '/');
        const char *at = slash ? strchr(slash, '@') : NULL;
        if (!slash || colon == spec || slash == colon + 1 || slash[1] == 0 || slash[1] == '@' ||
            (at && at[1] == 0)) {
            witc_diag_error_plain(witc_ctx_diags(ctx), "failed to parse world specifier `%s`",
                                  spec);
            return WITC_E_RESOLVE;
        }
        witc_str ns = {spec, (size_t)(colon - spec)};
        witc_str name = {colon + 1, (size_t)(slash - colon - 1)};
        world_name = (witc_str){slash + 1, at ? (size_t)(at - slash - 1) : strlen(slash + 1)};
        witc_buf full;
        witc_buf_init(&full, ctx);
        witc_buf_printf(&full, "%.*s%s", (int)(slash - spec), spec, at ? at : "");
        const char *full_text = witc_buf_cstr(&full);
        witc_status st = full.failed ? WITC_E_NOMEM
                                     : find_package(ctx, graph, ns, name, at ? at + 1 : NULL,
                                                    witc_str_from(full_text), &pkg_id);
        witc_buf_release(&full);
        WITC_TRY(st);
        pkg = witc_graph_package(graph, pkg_id);
    } else if (!*spec) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "failed to parse world specifier ``");
        return WITC_E_RESOLVE;
    }
    /* `%name` escapes a keyword (`%type`), as in WIT text. */
    if (world_name.len > 1 && world_name.ptr[0] == '%') {
        world_name.ptr++;
        world_name.len--;
    }
    if (!witc_graph_find_world(graph, pkg_id, world_name, out_world)) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "world `%.*s` not found in package `%.*s`",
                              (int)world_name.len, world_name.ptr, (int)pkg->full_name.len,
                              pkg->full_name.ptr);
        return WITC_E_RESOLVE;
    }
    return WITC_OK;
}

witc_status witc_embed_module(witc_ctx *ctx, const witc_graph *graph, witc_world_id world,
                              witc_string_encoding encoding, const uint8_t *core, size_t core_len,
                              const char *file, uint8_t **out_bytes, size_t *out_len)
{
    if (witc_wasm_is_component(core, core_len)) {
        witc_diag_error_at(witc_ctx_diags(ctx), file, 4,
                           "expected a core module, found a component (embedding into a "
                           "component is not supported)");
        return WITC_E_UNSUPPORTED;
    }
    /* Decoding only proves the input is a well-formed module; the bytes are copied as they
     * are, so nothing the decoder does not keep can be lost. */
    witc_wasm_module *module = NULL;
    WITC_TRY(witc_wasm_decode(ctx, NULL, core, core_len, file, 0, &module));
    witc_wasm_module_free(module);

    uint8_t *payload = NULL;
    size_t payload_len = 0;
    WITC_TRY(witc_wit_encode_world(ctx, graph, world, encoding, &payload, &payload_len));

    const size_t name_len = sizeof WITC_EMBED_SECTION_NAME - 1;
    witc_status st = WITC_OK;
    if (payload_len > UINT32_MAX - 64) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "world encoding too large for a section");
        st = WITC_E_LIMIT;
        goto out;
    }
    const size_t section = witc_embed_custom_section_size(name_len, payload_len);
    if (core_len > SIZE_MAX - section) {
        st = WITC_E_LIMIT;
        goto out;
    }
    uint8_t *bytes = witc_ctx_alloc(ctx, core_len + section);
    if (!bytes) {
        st = WITC_E_NOMEM;
        goto out;
    }
    memcpy(bytes, core, core_len);
    size_t len = core_len;
    witc_embed_write_custom_section(bytes, &len, WITC_EMBED_SECTION_NAME, name_len, payload,
                                    payload_len);
    *out_bytes = bytes;
    *out_len = len;
out:
    witc_ctx_dealloc(ctx, payload);
    return st;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points of the resolver (include/witc/wit.h): reading a file or a package directory
 * with its `deps/` (wit-parser resolve/fs.rs), parsing every file, resolving each package,
 * then adding packages to the graph in dependency order (`sort_unresolved_packages`). */
#include <string.h>

#include "resolve/internal.h"
#include "support/fsutil.h"

/* One parsed unit: the packages of a file or directory (nested blocks first, then the main
 * package, as wit-parser's UnresolvedPackageGroup is flattened). */
typedef struct group {
    WITC_VEC(upkg) pkgs; /* nested packages in order, then the main one last */
} group;

typedef struct driver {
    witc_ctx *ctx;
    witc_graph *g;
    WITC_VEC(witc_ast *) asts; /* kept until every package is in the graph */
    WITC_VEC(group) groups;
} driver;

static witc_status add_group(driver *d, group *gr)
{
    if (!WITC_VEC_PUSH(d->ctx, &d->groups, *gr))
        return g_nomem(d->ctx);
    memset(gr, 0, sizeof *gr);
    return WITC_OK;
}

static void group_free(witc_ctx *ctx, group *gr)
{
    for (size_t i = 0; i < gr->pkgs.len; i++)
        upkg_free(ctx, &gr->pkgs.items[i]);
    WITC_VEC_FREE(ctx, &gr->pkgs);
}

static bool is_wasm_input(const witc_source_file *f)
{
    /* wasm binary magic, or WebAssembly text (starts with `(` after blanks/comments). */
    if (f->len >= 4 && memcmp(f->text, "\0asm", 4) == 0)
        return true;
    const char *p = f->text, *end = f->text + f->len;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (end - p >= 2 && p[0] == ';' && p[1] == ';') {
            while (p < end && *p != '\n')
                p++;
            continue;
        }
        break;
    }
    return p < end && *p == '(';
}

/* Parses the files of one package (sorted paths) into a group: each file is parsed, its
 * nested packages resolved, and its header checked, before the next file is read (the order
 * in which wit-parser reports errors). */
static witc_status parse_group(driver *d, char **paths, size_t n, const char *what)
{
    witc_ctx *ctx = d->ctx;
    group gr;
    memset(&gr, 0, sizeof gr);
    witc_status st = WITC_OK;
    pkg_header_state hdr = {0};
    witc_ast_package_file **files = witc_ctx_alloc(ctx, (n + 1) * sizeof *files);
    if (!files)
        return g_nomem(ctx);
    for (size_t i = 0; i < n && st == WITC_OK; i++) {
        const witc_source_file *src;
        if ((st = witc_source_load(witc_ctx_sources(ctx), witc_ctx_diags(ctx), paths[i], &src)))
            break;
        if (is_wasm_input(src)) {
            witc_diag_error_plain(witc_ctx_diags(ctx),
                                  "`%s`: binary-encoded WIT packages (.wasm/.wat) are not "
                                  "supported yet",
                                  paths[i]);
            st = WITC_E_UNSUPPORTED;
            break;
        }
        witc_ast *ast = NULL;
        if ((st = witc_wit_parse(ctx, src, &ast)))
            break;
        if (!WITC_VEC_PUSH(ctx, &d->asts, ast)) {
            witc_ast_free(ast);
            st = g_nomem(ctx);
            break;
        }
        files[i] = ast->root;
        for (uint32_t k = 0; k < ast->root->n_decls && st == WITC_OK; k++) {
            witc_ast_decl *decl = &ast->root->decls[k];
            if (decl->kind != WITC_AST_DECL_PACKAGE)
                continue;
            upkg p;
            memset(&p, 0, sizeof p);
            st = witc_resolve_unresolved(ctx, d->g, &decl->package, 1, true, &p);
            if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &gr.pkgs, p))
                st = g_nomem(ctx);
            if (st != WITC_OK)
                upkg_free(ctx, &p);
        }
        if (st == WITC_OK)
            st = witc_resolve_header_step(ctx, d->g, &hdr, files[i]);
    }
    if (st == WITC_OK) {
        upkg p;
        memset(&p, 0, sizeof p);
        st = witc_resolve_unresolved(ctx, d->g, files, (uint32_t)n, false, &p);
        if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &gr.pkgs, p))
            st = g_nomem(ctx);
        if (st != WITC_OK)
            upkg_free(ctx, &p);
    }
    (void)what;
    witc_ctx_dealloc(ctx, files);
    if (st == WITC_OK)
        st = add_group(d, &gr);
    group_free(ctx, &gr);
    return st;
}

static char *join(witc_ctx *ctx, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *s = witc_ctx_alloc(ctx, dl + 1 + nl + 1);
    if (!s)
        return NULL;
    memcpy(s, dir, dl);
    s[dl] = '/';
    memcpy(s + dl + 1, name, nl + 1);
    return s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* SourceMap::push_dir + parse: the directory's `*.wit` files (not subdirectories). */
static witc_status parse_dir(driver *d, const char *dir)
{
    witc_ctx *ctx = d->ctx;
    char **names = NULL;
    size_t n = 0;
    WITC_TRY(witc_fs_list_dir(ctx, dir, &names, &n));
    char **paths = witc_ctx_alloc(ctx, (n + 1) * sizeof *paths);
    size_t np = 0;
    witc_status st = WITC_OK;
    if (!paths)
        st = g_nomem(ctx);
    for (size_t i = 0; i < n && st == WITC_OK; i++) {
        if (!ends_with(names[i], ".wit"))
            continue;
        char *p = join(ctx, dir, names[i]);
        if (!p) {
            st = g_nomem(ctx);
            break;
        }
        if (witc_fs_is_dir(p)) {
            witc_ctx_dealloc(ctx, p);
            continue;
        }
        paths[np++] = p;
    }
    if (st == WITC_OK)
        st = parse_group(d, paths, np, dir);
    for (size_t i = 0; i < np; i++)
        witc_ctx_dealloc(ctx, paths[i]);
    witc_ctx_dealloc(ctx, paths);
    witc_ctx_dealloc(ctx, names);
    return st;
}

/* Resolve::parse_deps_dir: folders are packages, `*.wit`/`*.wat`/`*.wasm` files too, in
 * sorted order; anything else is ignored. */
static witc_status parse_deps(driver *d, const char *deps)
{
    witc_ctx *ctx = d->ctx;
    if (!witc_fs_exists(deps))
        return WITC_OK;
    char **names = NULL;
    size_t n = 0;
    WITC_TRY(witc_fs_list_dir(ctx, deps, &names, &n));
    witc_status st = WITC_OK;
    for (size_t i = 0; i < n && st == WITC_OK; i++) {
        char *p = join(ctx, deps, names[i]);
        if (!p) {
            st = g_nomem(ctx);
            break;
        }
        if (witc_fs_is_dir(p)) {
            st = parse_dir(d, p);
        } else if (ends_with(names[i], ".wit") || ends_with(names[i], ".wat") ||
                   ends_with(names[i], ".wasm")) {
            char *one[1] = {p};
            st = parse_group(d, one, 1, p);
        }
        witc_ctx_dealloc(ctx, p);
    }
    witc_ctx_dealloc(ctx, names);
    return st;
}

typedef struct pkg_slot {
    upkg *p;
    uint32_t order_key; /* position after sorting by name */
} pkg_slot;

/* sort_unresolved_packages: by name (wit-parser's BTreeMap), then a depth-first walk over
 * each package's foreign dependencies, in the order they were first named. */
static witc_status sort_and_append(driver *d, uint32_t *out_main)
{
    witc_ctx *ctx = d->ctx;
    witc_status st = WITC_OK;
    size_t n = 0;
    for (size_t gi = 0; gi < d->groups.len; gi++)
        n += d->groups.items[gi].pkgs.len;
    upkg **all = witc_ctx_alloc(ctx, (n + 1) * sizeof *all);
    upkg **sorted = witc_ctx_alloc(ctx, (n + 1) * sizeof *sorted);
    omap names = {0}; /* full name -> index in all (then in sorted) */
    if (!all || !sorted) {
        st = g_nomem(ctx);
        goto done;
    }
    size_t k = 0;
    for (size_t gi = 0; gi < d->groups.len; gi++)
        for (size_t i = 0; i < d->groups.items[gi].pkgs.len; i++)
            all[k++] = &d->groups.items[gi].pkgs.items[i];
    for (size_t i = 0; i < n && st == WITC_OK; i++) {
        uint32_t prev;
        if (omap_get(&names, all[i]->name.full, &prev)) {
            witc_diag *diag =
                witc_diag_error(witc_ctx_diags(ctx), all[i]->name_span,
                                "package `%.*s` is defined in two different locations",
                                (int)all[i]->name.full.len, all[i]->name.full.ptr);
            witc_diag_note(witc_ctx_diags(ctx), diag, all[prev]->name_span,
                           "package `%.*s` is also defined here", (int)all[prev]->name.full.len,
                           all[prev]->name.full.ptr);
            st = WITC_E_RESOLVE;
            break;
        }
        st = omap_put(ctx, &names, all[i]->name.full, (uint32_t)i, NULL);
    }
    if (st)
        goto done;
    const pkg_name *main_name =
        &d->groups.items[0].pkgs.items[d->groups.items[0].pkgs.len - 1].name;

    /* Sort by name: insertion sort is quadratic, so merge sort via a scratch array. */
    memcpy(sorted, all, n * sizeof *sorted);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                all[o++] = pkg_name_cmp(&sorted[b]->name, &sorted[a]->name) < 0 ? sorted[b++]
                                                                                : sorted[a++];
            while (a < mid)
                all[o++] = sorted[a++];
            while (b < hi)
                all[o++] = sorted[b++];
        }
        memcpy(sorted, all, n * sizeof *sorted);
    }
    omap_free(ctx, &names);
    for (size_t i = 0; i < n && st == WITC_OK; i++)
        st = omap_put(ctx, &names, sorted[i]->name.full, (uint32_t)i, NULL);
    if (st)
        goto done;

    {
        /* Iterative DFS. `visiting` holds dependency names on the current path (wit-parser
         * inserts a dependency before descending and reports a cycle when it is present). */
        omap visiting = {0};
        uint8_t *done_flags = witc_ctx_alloc(ctx, n + 1);
        typedef struct frame {
            uint32_t pkg;
            uint32_t dep;
        } frame;
        WITC_VEC(frame) stack = {0};
        WITC_VEC(uint32_t) vis_stack = {0};
        if (!done_flags) {
            st = g_nomem(ctx);
            goto dfs_done;
        }
        memset(done_flags, 0, n + 1);
        for (uint32_t root = 0; root < n && st == WITC_OK; root++) {
            if (done_flags[root])
                continue;
            frame f0 = {root, 0};
            if (!WITC_VEC_PUSH(ctx, &stack, f0)) {
                st = g_nomem(ctx);
                break;
            }
            while (stack.len > 0 && st == WITC_OK) {
                frame *f = &stack.items[stack.len - 1];
                upkg *p = sorted[f->pkg];
                if (f->dep > 0) {
                    /* Returned from (or skipped) dependency f->dep - 1: leave `visiting`. */
                    uint32_t pos = vis_stack.items[--vis_stack.len];
                    (void)pos;
                    witc_str nm = p->foreign.items[f->dep - 1].name.full;
                    uint32_t cnt;
                    if (omap_get(&visiting, nm, &cnt))
                        st = omap_put(ctx, &visiting, nm, cnt - 1, NULL);
                    if (st)
                        break;
                }
                if (f->dep == 0 && done_flags[f->pkg]) {
                    stack.len--;
                    continue;
                }
                if (f->dep >= p->foreign.len) {
                    if (!done_flags[f->pkg]) {
                        done_flags[f->pkg] = 1;
                        uint32_t id;
                        if ((st = witc_resolve_append(ctx, d->g, p, &id)))
                            break;
                        if (witc_str_eq(p->name.full, main_name->full))
                            *out_main = id;
                    }
                    stack.len--;
                    continue;
                }
                const foreign_pkg *fp = &p->foreign.items[f->dep++];
                uint32_t cnt = 0;
                if (omap_get(&visiting, fp->name.full, &cnt) && cnt > 0) {
                    st = rerr(ctx, fp->span, "package `%.*s` creates a dependency cycle",
                              (int)fp->name.full.len, fp->name.full.ptr);
                    break;
                }
                if ((st = omap_put(ctx, &visiting, fp->name.full, cnt + 1, NULL)))
                    break;
                uint32_t one = 1;
                if (!WITC_VEC_PUSH(ctx, &vis_stack, one)) {
                    st = g_nomem(ctx);
                    break;
                }
                uint32_t dep;
                if (omap_get(&names, fp->name.full, &dep) && !done_flags[dep]) {
                    frame child = {dep, 0};
                    if (stack.len > 100000) {
                        witc_diag_error_plain(witc_ctx_diags(ctx), "package nesting too deep");
                        st = WITC_E_LIMIT;
                        break;
                    }
                    if (!WITC_VEC_PUSH(ctx, &stack, child)) {
                        st = g_nomem(ctx);
                        break;
                    }
                }
            }
        }
    dfs_done:
        omap_free(ctx, &visiting);
        witc_ctx_dealloc(ctx, done_flags);
        WITC_VEC_FREE(ctx, &stack);
        WITC_VEC_FREE(ctx, &vis_stack);
    }
done:
    omap_free(ctx, &names);
    witc_ctx_dealloc(ctx, all);
    witc_ctx_dealloc(ctx, sorted);
    return st;
}

static witc_status finish(driver *d, witc_status st, witc_graph **out_graph,
                          witc_package_id *out_main)
{
    uint32_t main_id = 0;
    if (st == WITC_OK && d->groups.len == 0)
        st = rerr(d->ctx, SPAN_NONE, "no WIT package found");
    if (st == WITC_OK)
        st = sort_and_append(d, &main_id);
    if (st == WITC_OK)
        st = g_publish(d->g);
    for (size_t i = 0; i < d->groups.len; i++)
        group_free(d->ctx, &d->groups.items[i]);
    WITC_VEC_FREE(d->ctx, &d->groups);
    for (size_t i = 0; i < d->asts.len; i++)
        witc_ast_free(d->asts.items[i]);
    WITC_VEC_FREE(d->ctx, &d->asts);
    if (st != WITC_OK) {
        witc_graph_free(d->g);
        return st;
    }
    d->g->opts = NULL;
    *out_graph = d->g;
    if (out_main)
        *out_main = (witc_package_id){main_id};
    return WITC_OK;
}

witc_status witc_wit_resolve_path(witc_ctx *ctx, const char *path, const witc_wit_options *opts,
                                  witc_graph **out_graph, witc_package_id *out_main)
{
    driver d;
    memset(&d, 0, sizeof d);
    d.ctx = ctx;
    d.g = g_new(ctx);
    if (!d.g)
        return g_nomem(ctx);
    d.g->opts = opts;
    witc_status st;
    if (witc_fs_is_dir(path)) {
        st = parse_dir(&d, path);
        if (st == WITC_OK) {
            char *deps = join(ctx, path, "deps");
            st = deps ? parse_deps(&d, deps) : g_nomem(ctx);
            witc_ctx_dealloc(ctx, deps);
        }
    } else {
        char *one[1] = {(char *)(uintptr_t)path};
        st = parse_group(&d, one, 1, path);
    }
    return finish(&d, st, out_graph, out_main);
}

witc_status witc_wit_resolve_text(witc_ctx *ctx, const char *name, const char *text, size_t len,
                                  const witc_wit_options *opts, witc_graph **out_graph,
                                  witc_package_id *out_main)
{
    driver d;
    memset(&d, 0, sizeof d);
    d.ctx = ctx;
    d.g = g_new(ctx);
    if (!d.g)
        return g_nomem(ctx);
    d.g->opts = opts;
    const witc_source_file *src;
    witc_status st =
        witc_source_add(witc_ctx_sources(ctx), name ? name : "<input>", text, len, &src);
    if (st == WITC_OK) {
        group gr;
        memset(&gr, 0, sizeof gr);
        witc_ast *ast = NULL;
        st = witc_wit_parse(ctx, src, &ast);
        if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &d.asts, ast)) {
            witc_ast_free(ast);
            st = g_nomem(ctx);
        }
        witc_ast_package_file *files[1] = {st == WITC_OK ? ast->root : NULL};
        for (uint32_t k = 0; st == WITC_OK && k < ast->root->n_decls; k++) {
            witc_ast_decl *decl = &ast->root->decls[k];
            if (decl->kind != WITC_AST_DECL_PACKAGE)
                continue;
            upkg p;
            memset(&p, 0, sizeof p);
            st = witc_resolve_unresolved(ctx, d.g, &decl->package, 1, true, &p);
            if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &gr.pkgs, p))
                st = g_nomem(ctx);
            if (st != WITC_OK)
                upkg_free(ctx, &p);
        }
        if (st == WITC_OK) {
            upkg p;
            memset(&p, 0, sizeof p);
            st = witc_resolve_unresolved(ctx, d.g, files, 1, false, &p);
            if (st == WITC_OK && !WITC_VEC_PUSH(ctx, &gr.pkgs, p))
                st = g_nomem(ctx);
            if (st != WITC_OK)
                upkg_free(ctx, &p);
        }
        if (st == WITC_OK)
            st = add_group(&d, &gr);
        group_free(ctx, &gr);
    }
    return finish(&d, st, out_graph, out_main);
}

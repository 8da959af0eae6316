/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "support/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/buf.h"

witc_status witc_fs_read(witc_ctx *ctx, const char *path, char **out_data, size_t *out_len)
{
    witc_diag_list *d = witc_ctx_diags(ctx);
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        witc_diag_error_plain(d, "cannot read `%s`: %s", path, strerror(errno));
        return WITC_E_IO;
    }
    witc_buf b;
    witc_buf_init(&b, ctx);
    uint64_t limit = witc_ctx_limits(ctx)->max_file_size;
    for (;;) {
        if (!witc_buf_reserve(&b, 65536))
            break;
        size_t n = fread(b.data + b.len, 1, 65536, f);
        b.len += n;
        if (b.len > limit) {
            witc_diag_error_plain(d, "`%s` is larger than the limit of %llu bytes", path,
                                  (unsigned long long)limit);
            if (f != stdin)
                fclose(f);
            witc_buf_release(&b);
            return WITC_E_LIMIT;
        }
        if (n < 65536)
            break;
    }
    bool err = ferror(f) != 0;
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (err || b.failed) {
        if (b.failed)
            witc_diag_error_plain(d, "out of memory reading `%s`", path);
        else
            witc_diag_error_plain(d, "cannot read `%s`: %s", path, strerror(saved));
        witc_buf_release(&b);
        return b.failed ? WITC_E_NOMEM : WITC_E_IO;
    }
    witc_buf_cstr(&b);
    if (b.failed) {
        witc_buf_release(&b);
        return WITC_E_NOMEM;
    }
    *out_data = (char *)b.data;
    *out_len = b.len;
    return WITC_OK;
}

witc_status witc_fs_write_atomic(witc_ctx *ctx, const char *path, const void *data, size_t len)
{
    witc_diag_list *d = witc_ctx_diags(ctx);
    if (strcmp(path, "-") == 0) {
        if (len && fwrite(data, 1, len, stdout) != len) {
            witc_diag_error_plain(d, "cannot write standard output: %s", strerror(errno));
            return WITC_E_IO;
        }
        return fflush(stdout) == 0 ? WITC_OK : WITC_E_IO;
    }
    size_t plen = strlen(path);
    char *tmp = witc_ctx_alloc(ctx, plen + 16);
    if (!tmp)
        return WITC_E_NOMEM;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp-XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        witc_diag_error_plain(d, "cannot write `%s`: %s", path, strerror(errno));
        witc_ctx_dealloc(ctx, tmp);
        return WITC_E_IO;
    }
    const unsigned char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    int saved = errno;
    /* mkstemp creates 0600; outputs should follow the umask like any other file. */
    mode_t um = umask(0);
    umask(um);
    int ok = left == 0 && fchmod(fd, 0666 & ~um) == 0;
    if (close(fd) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        if (ok)
            saved = errno;
        unlink(tmp);
        witc_diag_error_plain(d, "cannot write `%s`: %s", path, strerror(saved));
        witc_ctx_dealloc(ctx, tmp);
        return WITC_E_IO;
    }
    witc_ctx_dealloc(ctx, tmp);
    return WITC_OK;
}

bool witc_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool witc_fs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

witc_status witc_fs_list_dir(witc_ctx *ctx, const char *path, char ***out_names,
                             size_t *out_count)
{
    DIR *dir = opendir(path);
    if (!dir) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "cannot read directory `%s`: %s", path,
                              strerror(errno));
        return WITC_E_IO;
    }
    /* Collect names into one buffer first, then build the pointer array in front of them. */
    witc_buf names;
    witc_buf_init(&names, ctx);
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        witc_buf_append(&names, e->d_name, strlen(e->d_name) + 1);
        count++;
    }
    closedir(dir);
    if (names.failed) {
        witc_buf_release(&names);
        return WITC_E_NOMEM;
    }
    size_t head = (count + 1) * sizeof(char *);
    char **block = witc_ctx_alloc(ctx, head + names.len + 1);
    if (!block) {
        witc_buf_release(&names);
        return WITC_E_NOMEM;
    }
    char *text = (char *)block + head;
    if (names.len)
        memcpy(text, names.data, names.len);
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        block[i] = text + off;
        off += strlen(text + off) + 1;
    }
    block[count] = NULL;
    witc_buf_release(&names);
    qsort(block, count, sizeof *block, cmp_names);
    *out_names = block;
    *out_count = count;
    return WITC_OK;
}

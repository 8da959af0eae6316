/* SPDX-License-Identifier: Apache-2.0 */
/* A string view: `len` bytes at `ptr`, not NUL-terminated. Public headers that hand out names
 * (witc/wit.h) use it; src/support/buf.h adds the helpers. */
#ifndef WITC_STR_H
#define WITC_STR_H

#include <stddef.h>

typedef struct witc_str {
    const char *ptr;
    size_t len;
} witc_str;

#endif

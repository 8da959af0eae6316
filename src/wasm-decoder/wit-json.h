/* SPDX-License-Identifier: Apache-2.0 */
/* A small JSON reader for the `package-docs` custom section (wit-parser metadata.rs): objects,
 * strings, and the other JSON values (kept only so they can be skipped). Bounded nesting;
 * everything lives in the caller's arena. */
#ifndef WITC_WASM_DECODER_WIT_JSON_H
#define WITC_WASM_DECODER_WIT_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "support/arena.h"
#include "support/buf.h"

typedef enum jkind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jkind;

typedef struct jval {
    jkind kind;
    witc_str str;       /* J_STR: the unescaped text (arena) */
    witc_str *keys;     /* J_OBJ */
    struct jval **vals; /* J_OBJ, J_ARR */
    uint32_t n;
} jval;

/* Parses `len` bytes of JSON; NULL when malformed, nested deeper than 64 or out of memory. */
const jval *witc_wjson_parse(witc_arena *a, const uint8_t *text, size_t len);

/* The member `key` of object `obj`; NULL when obj is NULL, no object, or has no such key. */
const jval *witc_wjson_get(const jval *obj, witc_str key);
const jval *witc_wjson_get_c(const jval *obj, const char *key);
#define jget(obj, key)                                                                             \
    _Generic((key), witc_str : witc_wjson_get, default : witc_wjson_get_c)((obj), (key))

/* Writes a doc-comment string as `/// line` lines; nothing for NULL or a non-string. */
void witc_wjson_put_docs(witc_buf *b, const jval *docs);
#define put_docs witc_wjson_put_docs

/* Writes a wit-parser `Stability` object ({"stable": {"since", "deprecated"?}} or
 * {"unstable": {"feature", "deprecated"?}}) as `@since(...)`/`@unstable(...)` and
 * `@deprecated(...)` lines; nothing for NULL, an unknown shape, or values that are no
 * version or feature name (they could not be written back as WIT). */
void witc_wjson_put_stability(witc_buf *b, const jval *stability);
#define put_stab witc_wjson_put_stability

#endif

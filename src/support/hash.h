/* SPDX-License-Identifier: Apache-2.0 */
/* A string-keyed open-addressing hash index: key bytes -> uint32 value. Keys are borrowed (the
 * caller keeps them alive, typically in an arena). Never iterate it for output: keep a vector
 * in insertion order beside it and use the map only for lookup. */
#ifndef WITC_SUPPORT_HASH_H
#define WITC_SUPPORT_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witc/ctx.h"

/* 24 bytes: the tables of a large package are far bigger than the caches, so a probe costs a
 * cache miss and smaller slots mean fewer of them. */
typedef struct witc_hash_slot {
    const char *key; /* NULL = empty */
    uint64_t hash;
    uint32_t key_len;
    uint32_t value;
} witc_hash_slot;

typedef struct witc_hash {
    witc_ctx *ctx;
    witc_hash_slot *slots;
    size_t cap, count; /* cap is a power of two or 0 */
} witc_hash;

uint64_t witc_hash_bytes(const void *data, size_t len);
void witc_hash_init(witc_hash *h, witc_ctx *ctx);
void witc_hash_release(witc_hash *h);
/* True and *out_value set when present. */
bool witc_hash_get(const witc_hash *h, const char *key, size_t key_len, uint32_t *out_value);
/* Inserts or replaces. False when out of memory or when the key is 4 GiB or longer. */
bool witc_hash_put(witc_hash *h, const char *key, size_t key_len, uint32_t value);

#endif

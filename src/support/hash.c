/* SPDX-License-Identifier: Apache-2.0 */
#include "support/hash.h"

#include <string.h>

uint64_t witc_hash_bytes(const void *data, size_t len)
{
    /* Eight bytes per multiply, then a final mix (the murmur3 finalizer). Identifiers and
     * interning keys are short, so the loop runs a few times at most. The value depends on
     * byte order; that is fine, since nothing is ever ordered by hash. */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ (len * 0x9e3779b97f4a7c15ull);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < len; i++)
        tail |= (uint64_t)p[i] << (8 * i);
    h = (h ^ tail) * 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

void witc_hash_init(witc_hash *h, witc_ctx *ctx)
{
    memset(h, 0, sizeof *h);
    h->ctx = ctx;
}

void witc_hash_release(witc_hash *h)
{
    witc_ctx_dealloc(h->ctx, h->slots);
    h->slots = NULL;
    h->cap = h->count = 0;
}

static witc_hash_slot *find_slot(witc_hash_slot *slots, size_t cap, const char *key, uint32_t len,
                                 uint64_t hash)
{
    size_t i = (size_t)hash & (cap - 1);
    for (;;) {
        witc_hash_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == hash && s->key_len == len && (len == 0 || memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (cap - 1);
    }
}

bool witc_hash_get(const witc_hash *h, const char *key, size_t key_len, uint32_t *out_value)
{
    if (!h->cap || key_len > UINT32_MAX)
        return false;
    witc_hash_slot *s =
        find_slot(h->slots, h->cap, key, (uint32_t)key_len, witc_hash_bytes(key, key_len));
    if (!s->key)
        return false;
    *out_value = s->value;
    return true;
}

static bool rehash(witc_hash *h, size_t cap)
{
    size_t bytes;
    if (__builtin_mul_overflow(cap, sizeof(witc_hash_slot), &bytes))
        return false;
    witc_hash_slot *slots = witc_ctx_alloc(h->ctx, bytes);
    if (!slots)
        return false;
    memset(slots, 0, bytes);
    for (size_t i = 0; i < h->cap; i++) {
        witc_hash_slot *o = &h->slots[i];
        if (!o->key)
            continue;
        /* Keys are distinct: the first empty slot is the one, no key comparisons. */
        size_t k = (size_t)o->hash & (cap - 1);
        while (slots[k].key)
            k = (k + 1) & (cap - 1);
        slots[k] = *o;
    }
    witc_ctx_dealloc(h->ctx, h->slots);
    h->slots = slots;
    h->cap = cap;
    return true;
}

bool witc_hash_put(witc_hash *h, const char *key, size_t key_len, uint32_t value)
{
    if (key_len > UINT32_MAX)
        return false;
    if ((h->count + 1) * 4 > h->cap * 3 && !rehash(h, h->cap ? h->cap * 2 : 16))
        return false;
    /* Empty keys need a non-NULL pointer to mark the slot used. */
    if (!key)
        key = "";
    uint64_t hash = witc_hash_bytes(key, key_len);
    witc_hash_slot *s = find_slot(h->slots, h->cap, key, (uint32_t)key_len, hash);
    if (!s->key) {
        s->key = key;
        s->key_len = (uint32_t)key_len;
        s->hash = hash;
        h->count++;
    }
    s->value = value;
    return true;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* WIT package / world -> component-model binary, byte for byte as wit-component writes it
 * (crates/wit-component/src/encoding/wit.rs `encode_component`/`encode_world`,
 * encoding/types.rs `ValtypeEncoder`, metadata.rs `encode`; the binary forms are
 * component-model Binary.md "Type Definitions" and "Import and Export Definitions").
 *
 * Index spaces are tracked as wasm-encoder's ComponentType/InstanceType do: every type decl,
 * type alias and type import/export adds a type index, every instance import/export an
 * instance index. Types are deduplicated as wit-component does: by id, anonymous types also by
 * their structure (with referenced types compared by id), function types by (async, params,
 * result); an interface's instance type gets fresh maps. */
#include "witc/wit-binary.h"

#include <stdlib.h>
#include <string.h>

#include "support/arena.h"
#include "support/buf.h"
#include "support/hash.h"
#include "wasm-encoder/wit-internal.h"
#include "witc/diag.h"

/* Recursion depth of one valtype encoding: graph types point backwards, so a chain of named
 * types is at most the type count long; this bounds the C stack for hostile graphs. */
#define WIT_ENCODE_MAX_DEPTH 1024

/* One ComponentType or InstanceType under construction. */
typedef struct scope {
    witc_buf decls;
    uint32_t n_decls;
    uint32_t types;     /* type index space size */
    uint32_t instances; /* instance index space size */
} scope;

/* An id-keyed map that is emptied in O(1) by bumping `gen` (wit-component makes fresh
 * HashMaps per instance type; clearing arrays there would be quadratic). */
typedef struct idmap {
    uint32_t *gen, *val;
    uint32_t n, cur;
} idmap;

/* wit-component `TypeEncodingMaps`. */
typedef struct tmaps {
    idmap id_to_index;
    witc_hash def_to_index; /* anonymous kind bytes -> index */
    witc_hash func_types;   /* function key bytes -> index */
} tmaps;

typedef struct enc {
    witc_ctx *ctx;
    const witc_graph *g;
    witc_arena arena; /* hash keys, scratch arrays */
    witc_buf key;     /* scratch for building hash keys */
    scope outer, inst;
    bool in_inst;
    tmaps outer_maps, inst_maps;
    idmap import_map;     /* interface id -> instance index */
    idmap outer_type_map; /* type id -> outer type index of its alias */
    idmap type_pos;       /* type id -> position in the current interface's types */
    uint32_t instances;
    bool import_types;
    uint32_t interface; /* WITC_ID_NONE when encoding world-level items */
} enc;

typedef WITC_VEC(uint32_t) u32_vec;

typedef struct vt {
    bool is_prim;
    uint8_t prim; /* primitive byte */
    uint32_t idx;
} vt;

static witc_status nomem(enc *e)
{
    witc_diag_error_plain(witc_ctx_diags(e->ctx), "out of memory");
    return WITC_E_NOMEM;
}

static witc_status idmap_init(enc *e, idmap *m, uint32_t n)
{
    m->n = n;
    m->cur = 1;
    m->gen = witc_arena_alloc_array(&e->arena, n ? n : 1, sizeof *m->gen);
    m->val = witc_arena_alloc_array(&e->arena, n ? n : 1, sizeof *m->val);
    return m->gen && m->val ? WITC_OK : nomem(e);
}
static bool idmap_get(const idmap *m, uint32_t id, uint32_t *out)
{
    if (id >= m->n || m->gen[id] != m->cur)
        return false;
    *out = m->val[id];
    return true;
}
static void idmap_put(idmap *m, uint32_t id, uint32_t v)
{
    if (id < m->n) {
        m->gen[id] = m->cur;
        m->val[id] = v;
    }
}
static void idmap_clear(idmap *m)
{
    m->cur++;
}

static witc_status tmaps_init(enc *e, tmaps *t)
{
    WITC_TRY(idmap_init(e, &t->id_to_index, witc_graph_type_count(e->g)));
    witc_hash_init(&t->def_to_index, e->ctx);
    witc_hash_init(&t->func_types, e->ctx);
    return WITC_OK;
}
static void tmaps_reset(tmaps *t, witc_ctx *ctx)
{
    idmap_clear(&t->id_to_index);
    witc_hash_release(&t->def_to_index);
    witc_hash_release(&t->func_types);
    witc_hash_init(&t->def_to_index, ctx);
    witc_hash_init(&t->func_types, ctx);
}
static void tmaps_release(tmaps *t)
{
    witc_hash_release(&t->def_to_index);
    witc_hash_release(&t->func_types);
}

static scope *cur(enc *e)
{
    return e->in_inst ? &e->inst : &e->outer;
}
static tmaps *maps(enc *e)
{
    return e->in_inst ? &e->inst_maps : &e->outer_maps;
}

static void put_name(witc_buf *b, witc_str s)
{
    witc_buf_uleb(b, s.len);
    witc_buf_append(b, s.ptr, s.len);
}

/* wasm-encoder ComponentExternName: `00 name`, or `02 name vec(kind string)` with
 * implements (00) and external-id (02) attributes. */
static void put_extern_name(witc_buf *b, witc_str name, const witc_str *implements,
                            const witc_str *external_id)
{
    if (!implements && !external_id) {
        witc_buf_byte(b, 0x00);
        put_name(b, name);
        return;
    }
    witc_buf_byte(b, 0x02);
    put_name(b, name);
    witc_buf_uleb(b, (implements ? 1u : 0u) + (external_id ? 1u : 0u));
    if (implements) {
        witc_buf_byte(b, 0x00);
        put_name(b, *implements);
    }
    if (external_id) {
        witc_buf_byte(b, 0x02);
        put_name(b, *external_id);
    }
}

static void put_vt(witc_buf *b, vt v)
{
    if (v.is_prim)
        witc_buf_byte(b, v.prim);
    else
        witc_buf_sleb(b, (int64_t)v.idx);
}

static void put_opt_vt(witc_buf *b, bool has, vt v)
{
    if (!has) {
        witc_buf_byte(b, 0x00);
        return;
    }
    witc_buf_byte(b, 0x01);
    put_vt(b, v);
}

static uint8_t prim_byte(witc_prim p)
{
    static const uint8_t bytes[] = {
        [WITC_PRIM_BOOL] = 0x7f,   [WITC_PRIM_U8] = 0x7d,
        [WITC_PRIM_U16] = 0x7b,    [WITC_PRIM_U32] = 0x79,
        [WITC_PRIM_U64] = 0x77,    [WITC_PRIM_S8] = 0x7e,
        [WITC_PRIM_S16] = 0x7c,    [WITC_PRIM_S32] = 0x7a,
        [WITC_PRIM_S64] = 0x78,    [WITC_PRIM_F32] = 0x76,
        [WITC_PRIM_F64] = 0x75,    [WITC_PRIM_CHAR] = 0x74,
        [WITC_PRIM_STRING] = 0x73, [WITC_PRIM_ERROR_CONTEXT] = 0x64,
    };
    return (unsigned)p < sizeof bytes ? bytes[p] : 0;
}

/* Starts a `type` decl in the current scope and returns its index. */
static uint32_t begin_type_decl(enc *e)
{
    scope *s = cur(e);
    witc_buf_byte(&s->decls, 0x01);
    s->n_decls++;
    return s->types++;
}

/* `export`/`import` of a type in the current scope: (eq idx) or (sub resource). */
static uint32_t type_extern(enc *e, witc_str name, const witc_str *external_id, bool resource,
                            uint32_t idx)
{
    scope *s = cur(e);
    witc_buf_byte(&s->decls, (!e->in_inst && e->import_types) ? 0x03 : 0x04);
    put_extern_name(&s->decls, name, NULL, external_id);
    witc_buf_byte(&s->decls, 0x03);
    if (resource) {
        witc_buf_byte(&s->decls, 0x01);
    } else {
        witc_buf_byte(&s->decls, 0x00);
        witc_buf_uleb(&s->decls, idx);
    }
    s->n_decls++;
    return s->types++;
}

/* wit-component `import_type`: alias the type out of the owner's instance at the outer level
 * once, then `alias outer 1` into an instance type being built. */
static witc_status import_type(enc *e, uint32_t owner, witc_type_id id, uint32_t *out)
{
    const witc_typedef *t = witc_graph_type(e->g, id);
    uint32_t instance, outer_idx;
    if (!idmap_get(&e->import_map, owner, &instance)) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx),
                              "type `%.*s` refers to an interface that is not imported",
                              (int)t->name.len, t->name.ptr);
        return WITC_E_INVALID;
    }
    if (!idmap_get(&e->outer_type_map, id.i, &outer_idx)) {
        witc_buf *b = &e->outer.decls;
        witc_buf_byte(b, 0x02);
        witc_buf_byte(b, 0x03); /* sort: type */
        witc_buf_byte(b, 0x00); /* export of an instance */
        witc_buf_uleb(b, instance);
        put_name(b, t->name);
        e->outer.n_decls++;
        outer_idx = e->outer.types++;
        idmap_put(&e->outer_type_map, id.i, outer_idx);
    }
    if (!e->in_inst) {
        *out = outer_idx;
        return WITC_OK;
    }
    witc_buf *b = &e->inst.decls;
    witc_buf_byte(b, 0x02);
    witc_buf_byte(b, 0x03);
    witc_buf_byte(b, 0x02); /* outer */
    witc_buf_uleb(b, 1);
    witc_buf_uleb(b, outer_idx);
    e->inst.n_decls++;
    *out = e->inst.types++;
    return WITC_OK;
}

static void key_u32(witc_buf *b, uint32_t v)
{
    witc_buf_append(b, &v, sizeof v);
}
static void key_ref(witc_buf *b, witc_type_ref r)
{
    witc_buf_byte(b, (uint8_t)r.prim);
    key_u32(b, r.prim == WITC_PRIM_ID ? r.id.i : 0);
}
static void key_str(witc_buf *b, witc_str s)
{
    key_u32(b, (uint32_t)s.len);
    witc_buf_append(b, s.ptr, s.len);
}

/* The structural identity of an anonymous type (wit-parser `TypeDefKind` equality: ids are
 * compared as ids). */
static void kind_key(witc_buf *b, const witc_typedef *t)
{
    b->len = 0;
    witc_buf_byte(b, (uint8_t)t->kind);
    switch (t->kind) {
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_VARIANT:
    case WITC_TYPEDEF_FLAGS:
    case WITC_TYPEDEF_ENUM:
        key_u32(b, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++) {
            key_str(b, t->fields[i].name);
            witc_buf_byte(b, t->fields[i].has_type);
            if (t->fields[i].has_type)
                key_ref(b, t->fields[i].type);
        }
        break;
    case WITC_TYPEDEF_TUPLE:
        key_u32(b, t->n_types);
        for (uint32_t i = 0; i < t->n_types; i++)
            key_ref(b, t->types[i]);
        break;
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW:
        key_u32(b, t->resource.i);
        break;
    case WITC_TYPEDEF_RESULT:
        witc_buf_byte(b, t->has_ok);
        if (t->has_ok)
            key_ref(b, t->ok);
        witc_buf_byte(b, t->has_err);
        if (t->has_err)
            key_ref(b, t->err);
        break;
    case WITC_TYPEDEF_MAP:
        key_ref(b, t->key);
        key_ref(b, t->elem);
        break;
    case WITC_TYPEDEF_FIXED_LIST:
        key_u32(b, t->size);
        key_ref(b, t->elem);
        break;
    case WITC_TYPEDEF_OPTION:
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        witc_buf_byte(b, t->has_elem);
        if (t->has_elem)
            key_ref(b, t->elem);
        break;
    case WITC_TYPEDEF_ALIAS:
        key_ref(b, t->target);
        break;
    case WITC_TYPEDEF_RESOURCE:
    case WITC_TYPEDEF_UNKNOWN:
        break;
    }
}

/* Copies the scratch key into the arena (hash keys are borrowed). */
static const char *keep_key(enc *e)
{
    if (e->key.failed)
        return NULL;
    char *k = witc_arena_alloc(&e->arena, e->key.len ? e->key.len : 1);
    if (k && e->key.len)
        memcpy(k, e->key.data, e->key.len);
    return k;
}

static bool lookup(enc *e, witc_type_id id, uint32_t *out)
{
    tmaps *m = maps(e);
    if (idmap_get(&m->id_to_index, id.i, out))
        return true;
    const witc_typedef *t = witc_graph_type(e->g, id);
    if (!t->has_name) {
        kind_key(&e->key, t);
        if (!e->key.failed &&
            witc_hash_get(&m->def_to_index, (const char *)e->key.data, e->key.len, out))
            return true;
    }
    return false;
}

static witc_status insert(enc *e, witc_type_id id, uint32_t idx)
{
    tmaps *m = maps(e);
    idmap_put(&m->id_to_index, id.i, idx);
    const witc_typedef *t = witc_graph_type(e->g, id);
    if (!t->has_name) {
        kind_key(&e->key, t);
        const char *k = keep_key(e);
        if (!k || !witc_hash_put(&m->def_to_index, k, e->key.len, idx))
            return nomem(e);
    }
    return WITC_OK;
}

static witc_status enc_valtype(enc *e, witc_type_ref r, unsigned depth, vt *out);

static witc_status enc_opt(enc *e, bool has, witc_type_ref r, unsigned depth, vt *out)
{
    if (!has) {
        *out = (vt){.is_prim = true};
        return WITC_OK;
    }
    return enc_valtype(e, r, depth, out);
}

static witc_status enc_handle_target(enc *e, witc_type_id res, unsigned depth, uint32_t *out)
{
    vt v;
    WITC_TRY(enc_valtype(e, (witc_type_ref){WITC_PRIM_ID, res}, depth, &v));
    if (v.is_prim) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "handle of a non-resource type");
        return WITC_E_INVALID;
    }
    *out = v.idx;
    return WITC_OK;
}

/* Encodes the structure of `t` (no name) into the current scope. */
static witc_status enc_defined(enc *e, const witc_typedef *t, unsigned depth, vt *out)
{
    vt a = {0}, b = {0};
    vt *many = NULL;
    uint32_t n = 0;
    witc_buf *d;
    switch (t->kind) {
    case WITC_TYPEDEF_RECORD:
    case WITC_TYPEDEF_VARIANT:
    case WITC_TYPEDEF_TUPLE:
        n = t->kind == WITC_TYPEDEF_TUPLE ? t->n_types : t->n_fields;
        many = witc_arena_alloc_array(&e->arena, n ? n : 1, sizeof *many);
        if (!many)
            return nomem(e);
        for (uint32_t i = 0; i < n; i++) {
            if (t->kind == WITC_TYPEDEF_TUPLE)
                WITC_TRY(enc_valtype(e, t->types[i], depth, &many[i]));
            else
                WITC_TRY(enc_opt(e, t->kind == WITC_TYPEDEF_RECORD || t->fields[i].has_type,
                                 t->fields[i].type, depth, &many[i]));
        }
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, t->kind == WITC_TYPEDEF_RECORD    ? 0x72
                         : t->kind == WITC_TYPEDEF_VARIANT ? 0x71
                                                           : 0x6f);
        witc_buf_uleb(d, n);
        for (uint32_t i = 0; i < n; i++) {
            if (t->kind == WITC_TYPEDEF_TUPLE) {
                put_vt(d, many[i]);
            } else if (t->kind == WITC_TYPEDEF_RECORD) {
                put_name(d, t->fields[i].name);
                put_vt(d, many[i]);
            } else {
                put_name(d, t->fields[i].name);
                put_opt_vt(d, t->fields[i].has_type, many[i]);
                witc_buf_byte(d, 0x00); /* no `refines` */
            }
        }
        break;
    case WITC_TYPEDEF_FLAGS:
    case WITC_TYPEDEF_ENUM:
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, t->kind == WITC_TYPEDEF_FLAGS ? 0x6e : 0x6d);
        witc_buf_uleb(d, t->n_fields);
        for (uint32_t i = 0; i < t->n_fields; i++)
            put_name(d, t->fields[i].name);
        break;
    case WITC_TYPEDEF_OPTION:
    case WITC_TYPEDEF_LIST:
    case WITC_TYPEDEF_FIXED_LIST:
        WITC_TRY(enc_valtype(e, t->elem, depth, &a));
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, t->kind == WITC_TYPEDEF_OPTION ? 0x6b
                         : t->kind == WITC_TYPEDEF_LIST ? 0x70
                                                        : 0x67);
        put_vt(d, a);
        if (t->kind == WITC_TYPEDEF_FIXED_LIST)
            witc_buf_uleb(d, t->size);
        break;
    case WITC_TYPEDEF_MAP:
        WITC_TRY(enc_valtype(e, t->key, depth, &a));
        WITC_TRY(enc_valtype(e, t->elem, depth, &b));
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, 0x63);
        put_vt(d, a);
        put_vt(d, b);
        break;
    case WITC_TYPEDEF_RESULT:
        WITC_TRY(enc_opt(e, t->has_ok, t->ok, depth, &a));
        WITC_TRY(enc_opt(e, t->has_err, t->err, depth, &b));
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, 0x6a);
        put_opt_vt(d, t->has_ok, a);
        put_opt_vt(d, t->has_err, b);
        break;
    case WITC_TYPEDEF_FUTURE:
    case WITC_TYPEDEF_STREAM:
        WITC_TRY(enc_opt(e, t->has_elem, t->elem, depth, &a));
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, t->kind == WITC_TYPEDEF_FUTURE ? 0x65 : 0x66);
        put_opt_vt(d, t->has_elem, a);
        break;
    case WITC_TYPEDEF_OWN:
    case WITC_TYPEDEF_BORROW: {
        uint32_t res;
        WITC_TRY(enc_handle_target(e, t->resource, depth, &res));
        out->idx = begin_type_decl(e);
        d = &cur(e)->decls;
        witc_buf_byte(d, t->kind == WITC_TYPEDEF_OWN ? 0x69 : 0x68);
        witc_buf_uleb(d, res);
        break;
    }
    case WITC_TYPEDEF_ALIAS:
        return enc_valtype(e, t->target, depth, out);
    case WITC_TYPEDEF_RESOURCE:
    case WITC_TYPEDEF_UNKNOWN:
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "cannot encode an unresolved type");
        return WITC_E_INVALID;
    }
    out->is_prim = false;
    return WITC_OK;
}

/* wit-component `encode_valtype`. */
static witc_status enc_valtype(enc *e, witc_type_ref r, unsigned depth, vt *out)
{
    if (r.prim != WITC_PRIM_ID) {
        *out = (vt){.is_prim = true, .prim = prim_byte(r.prim)};
        if (!out->prim) {
            witc_diag_error_plain(witc_ctx_diags(e->ctx), "invalid primitive type %u",
                                  (unsigned)r.prim);
            return WITC_E_INVALID;
        }
        return WITC_OK;
    }
    const witc_typedef *t = witc_graph_type(e->g, r.id);
    if (!t) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "type id %u out of range", r.id.i);
        return WITC_E_INVALID;
    }
    if (depth >= WIT_ENCODE_MAX_DEPTH) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "type nesting too deep");
        return WITC_E_LIMIT;
    }
    uint32_t idx;
    if (lookup(e, r.id, &idx)) {
        *out = (vt){.idx = idx};
        return WITC_OK;
    }
    if (t->owner.kind == WITC_OWNER_INTERFACE && t->owner.id != e->interface) {
        WITC_TRY(import_type(e, t->owner.id, r.id, &idx));
        WITC_TRY(insert(e, r.id, idx));
        *out = (vt){.idx = idx};
        return WITC_OK;
    }
    const witc_str *ext = t->has_external_id ? &t->external_id : NULL;
    if (t->kind == WITC_TYPEDEF_RESOURCE) {
        if (!t->has_name) {
            witc_diag_error_plain(witc_ctx_diags(e->ctx), "resources must be named");
            return WITC_E_INVALID;
        }
        idx = type_extern(e, t->name, ext, true, 0);
        idmap_put(&maps(e)->id_to_index, r.id.i, idx);
        *out = (vt){.idx = idx};
        return WITC_OK;
    }
    vt v;
    WITC_TRY(enc_defined(e, t, depth + 1, &v));
    if (t->has_name) {
        if (v.is_prim) {
            /* a named primitive needs an entry in the type index space */
            uint32_t p = begin_type_decl(e);
            witc_buf_byte(&cur(e)->decls, v.prim);
            v = (vt){.idx = p};
        }
        v.idx = type_extern(e, t->name, ext, false, v.idx);
    }
    if (!v.is_prim)
        WITC_TRY(insert(e, r.id, v.idx));
    *out = v;
    return WITC_OK;
}

/* wit-component `encode_func_type`. */
static witc_status enc_func_type(enc *e, const witc_function *f, uint32_t *out)
{
    witc_buf *k = &e->key;
    k->len = 0;
    witc_buf_byte(k, f->is_async);
    key_u32(k, f->n_params);
    for (uint32_t i = 0; i < f->n_params; i++) {
        key_str(k, f->params[i].name);
        key_ref(k, f->params[i].type);
    }
    witc_buf_byte(k, f->has_result);
    if (f->has_result)
        key_ref(k, f->result);
    if (k->failed)
        return nomem(e);
    if (witc_hash_get(&maps(e)->func_types, (const char *)k->data, k->len, out))
        return WITC_OK;
    const char *kept = keep_key(e);
    size_t kept_len = k->len;
    if (!kept)
        return nomem(e);

    vt *ps = witc_arena_alloc_array(&e->arena, f->n_params ? f->n_params : 1, sizeof *ps);
    if (!ps)
        return nomem(e);
    for (uint32_t i = 0; i < f->n_params; i++)
        WITC_TRY(enc_valtype(e, f->params[i].type, 0, &ps[i]));
    vt res = {0};
    if (f->has_result)
        WITC_TRY(enc_valtype(e, f->result, 0, &res));

    uint32_t idx = begin_type_decl(e);
    witc_buf *d = &cur(e)->decls;
    witc_buf_byte(d, f->is_async ? 0x43 : 0x40);
    witc_buf_uleb(d, f->n_params);
    for (uint32_t i = 0; i < f->n_params; i++) {
        put_name(d, f->params[i].name);
        put_vt(d, ps[i]);
    }
    if (f->has_result) {
        witc_buf_byte(d, 0x00);
        put_vt(d, res);
    } else {
        witc_buf_byte(d, 0x01);
        witc_buf_byte(d, 0x00);
    }
    if (!witc_hash_put(&maps(e)->func_types, kept, kept_len, idx))
        return nomem(e);
    *out = idx;
    return WITC_OK;
}

static void push_instance(enc *e)
{
    e->in_inst = true;
    e->inst.decls.len = 0;
    e->inst.n_decls = 0;
    e->inst.types = 0;
    e->inst.instances = 0;
    tmaps_reset(&e->inst_maps, e->ctx);
}

/* Ends the instance type: writes it as a type decl of the outer scope. */
static uint32_t pop_instance(enc *e, uint32_t interface)
{
    e->in_inst = false;
    witc_buf *b = &e->outer.decls;
    witc_buf_byte(b, 0x01);
    witc_buf_byte(b, 0x42);
    witc_buf_uleb(b, e->inst.n_decls);
    witc_buf_append(b, e->inst.decls.data, e->inst.decls.len);
    e->outer.n_decls++;
    idmap_put(&e->import_map, interface, e->instances++);
    return e->outer.types++;
}

typedef struct func_order {
    uint32_t key, pos;
} func_order;

static int cmp_func_order(const void *pa, const void *pb)
{
    const func_order *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* wit-component `encode_instance`: the interface's types, then its functions with the
 * resource-related ones first, in the order their resources were defined. */
static witc_status enc_instance(enc *e, witc_interface_id id, uint32_t *out_type)
{
    const witc_interface *iface = witc_graph_interface(e->g, id);
    if (!iface) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "interface id %u out of range", id.i);
        return WITC_E_INVALID;
    }
    uint32_t saved_iface = e->interface;
    e->interface = id.i;
    push_instance(e);
    idmap_clear(&e->type_pos);
    for (uint32_t i = 0; i < iface->n_types; i++) {
        vt v;
        WITC_TRY(enc_valtype(e, (witc_type_ref){WITC_PRIM_ID, iface->types[i]}, 0, &v));
        uint32_t seen;
        if (!idmap_get(&e->type_pos, iface->types[i].i, &seen))
            idmap_put(&e->type_pos, iface->types[i].i, i);
    }
    func_order *order =
        witc_arena_alloc_array(&e->arena, iface->n_funcs ? iface->n_funcs : 1, sizeof *order);
    if (!order)
        return nomem(e);
    for (uint32_t i = 0; i < iface->n_funcs; i++) {
        const witc_function *f = &iface->funcs[i];
        uint32_t key = iface->n_types;
        if (f->kind != WITC_FUNC_FREESTANDING && !idmap_get(&e->type_pos, f->resource.i, &key))
            key = iface->n_types;
        order[i] = (func_order){key, i};
    }
    if (iface->n_funcs > 1)
        qsort(order, iface->n_funcs, sizeof *order, cmp_func_order);
    for (uint32_t i = 0; i < iface->n_funcs; i++) {
        const witc_function *f = &iface->funcs[order[i].pos];
        uint32_t ty;
        WITC_TRY(enc_func_type(e, f, &ty));
        witc_buf *d = &e->inst.decls;
        witc_buf_byte(d, 0x04);
        put_extern_name(d, f->name, NULL, f->has_external_id ? &f->external_id : NULL);
        witc_buf_byte(d, 0x01);
        witc_buf_uleb(d, ty);
        e->inst.n_decls++;
    }
    *out_type = pop_instance(e, id.i);
    e->interface = saved_iface;
    return WITC_OK;
}

/* `ns:pkg/name@version` (wit-parser `Resolve::id_of`) into `b`. */
static witc_status put_iface_id(enc *e, witc_buf *b, witc_interface_id id)
{
    const witc_interface *iface = witc_graph_interface(e->g, id);
    const witc_package *p = iface ? witc_graph_package(e->g, iface->package) : NULL;
    if (!p || !iface->has_name) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "unexpected anonymous interface");
        return WITC_E_INVALID;
    }
    witc_buf_append(b, p->namespace_.ptr, p->namespace_.len);
    witc_buf_putc(b, ':');
    witc_buf_append(b, p->name.ptr, p->name.len);
    witc_buf_putc(b, '/');
    witc_buf_append(b, iface->name.ptr, iface->name.len);
    if (p->has_version) {
        witc_buf_putc(b, '@');
        witc_buf_append(b, p->version.ptr, p->version.len);
    }
    return WITC_OK;
}

static witc_status iface_id_str(enc *e, witc_interface_id id, witc_str *out)
{
    witc_buf b;
    witc_buf_init(&b, e->ctx);
    witc_status st = put_iface_id(e, &b, id);
    if (st == WITC_OK) {
        char *s = b.failed ? NULL : witc_arena_strndup(&e->arena, (const char *)b.data, b.len);
        if (s)
            *out = (witc_str){s, b.len};
        else
            st = nomem(e);
    }
    witc_buf_release(&b);
    return st;
}

/* Resets the outer scope and every map for a new top-level component type. */
static void begin_outer(enc *e)
{
    e->outer.decls.len = 0;
    e->outer.n_decls = 0;
    e->outer.types = 0;
    e->outer.instances = 0;
    e->in_inst = false;
    e->instances = 0;
    e->import_types = false;
    e->interface = WITC_ID_NONE;
    tmaps_reset(&e->outer_maps, e->ctx);
    idmap_clear(&e->import_map);
    idmap_clear(&e->outer_type_map);
}

static witc_status enc_world_item(enc *e, const witc_world_item *it, bool import)
{
    uint32_t idx;
    uint8_t sort;
    witc_str name, implements = {0};
    bool has_implements = false;
    if (it->kind == WITC_WORLD_ITEM_TYPE) {
        vt v;
        e->interface = WITC_ID_NONE;
        e->import_types = true;
        WITC_TRY(enc_valtype(e, (witc_type_ref){WITC_PRIM_ID, it->type}, 0, &v));
        e->import_types = false;
        return WITC_OK;
    }
    if (it->kind == WITC_WORLD_ITEM_INTERFACE) {
        const witc_interface *iface = witc_graph_interface(e->g, it->interface);
        if (!iface) {
            witc_diag_error_plain(witc_ctx_diags(e->ctx), "interface id out of range");
            return WITC_E_INVALID;
        }
        WITC_TRY(enc_instance(e, it->interface, &idx));
        sort = 0x05;
        if (it->has_name) {
            name = it->name;
            if (iface->has_name) {
                WITC_TRY(iface_id_str(e, it->interface, &implements));
                has_implements = true;
            }
        } else {
            WITC_TRY(iface_id_str(e, it->interface, &name));
        }
        e->outer.instances++;
    } else {
        e->interface = WITC_ID_NONE;
        WITC_TRY(enc_func_type(e, &it->func, &idx));
        name = it->name;
        sort = 0x01;
    }
    const witc_str *ext = NULL;
    if (it->kind == WITC_WORLD_ITEM_INTERFACE && it->has_external_id)
        ext = &it->external_id;
    else if (it->kind == WITC_WORLD_ITEM_FUNCTION && it->func.has_external_id)
        ext = &it->func.external_id;
    witc_buf *d = &e->outer.decls;
    witc_buf_byte(d, import ? 0x03 : 0x04);
    put_extern_name(d, name, has_implements ? &implements : NULL, ext);
    witc_buf_byte(d, sort);
    witc_buf_uleb(d, idx);
    e->outer.n_decls++;
    return WITC_OK;
}

/* wit-component `encode_world`: the world's component type into e->outer. */
static witc_status enc_world(enc *e, witc_world_id id)
{
    const witc_world *w = witc_graph_world(e->g, id);
    begin_outer(e);
    for (uint32_t i = 0; i < w->n_imports; i++)
        WITC_TRY(enc_world_item(e, &w->imports[i], true));
    for (uint32_t i = 0; i < w->n_exports; i++) {
        if (w->exports[i].kind == WITC_WORLD_ITEM_TYPE) {
            witc_diag_error_plain(witc_ctx_diags(e->ctx), "worlds cannot export types");
            return WITC_E_INVALID;
        }
        WITC_TRY(enc_world_item(e, &w->exports[i], false));
    }
    return WITC_OK;
}

/* Interfaces `id` depends on through `use`, depth first, then `id` (wit-component
 * `add_live_interfaces`). */
static witc_status add_live(enc *e, idmap *seen, u32_vec *list, uint32_t id, unsigned depth)
{
    uint32_t dummy;
    if (idmap_get(seen, id, &dummy))
        return WITC_OK;
    if (depth >= WIT_ENCODE_MAX_DEPTH) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "interface dependencies nested too deep");
        return WITC_E_LIMIT;
    }
    const witc_interface *iface = witc_graph_interface(e->g, (witc_interface_id){id});
    for (uint32_t i = 0; iface && i < iface->n_types; i++) {
        const witc_typedef *t = witc_graph_type(e->g, iface->types[i]);
        if (!t || t->kind != WITC_TYPEDEF_ALIAS || t->target.prim != WITC_PRIM_ID)
            continue;
        const witc_typedef *o = witc_graph_type(e->g, t->target.id);
        if (!o || (o->owner.kind == t->owner.kind && o->owner.id == t->owner.id))
            continue;
        if (o->owner.kind != WITC_OWNER_INTERFACE)
            continue;
        WITC_TRY(add_live(e, seen, list, o->owner.id, depth + 1));
    }
    if (idmap_get(seen, id, &dummy))
        return WITC_OK;
    idmap_put(seen, id, 1);
    if (!WITC_VEC_PUSH(e->ctx, list, id))
        return nomem(e);
    return WITC_OK;
}

/* wit-component `Encoder::encode_interface` into e->outer. */
static witc_status enc_interface_component(enc *e, witc_interface_id id, idmap *seen)
{
    u32_vec list = {0};
    witc_status st;
    begin_outer(e);
    idmap_clear(seen);
    st = add_live(e, seen, &list, id.i, 0);
    for (size_t k = 0; st == WITC_OK && k < list.len; k++) {
        witc_interface_id dep = {list.items[k]};
        witc_str name;
        st = iface_id_str(e, dep, &name);
        if (st != WITC_OK)
            break;
        if (dep.i == id.i) {
            uint32_t idx;
            st = enc_instance(e, dep, &idx);
            if (st != WITC_OK)
                break;
            witc_buf *d = &e->outer.decls;
            witc_buf_byte(d, 0x04);
            put_extern_name(d, name, NULL, NULL);
            witc_buf_byte(d, 0x05);
            witc_buf_uleb(d, idx);
            e->outer.n_decls++;
            e->outer.instances++;
            continue;
        }
        const witc_interface *iface = witc_graph_interface(e->g, dep);
        e->interface = dep.i;
        push_instance(e);
        for (uint32_t i = 0; st == WITC_OK && i < iface->n_types; i++) {
            vt v;
            st = enc_valtype(e, (witc_type_ref){WITC_PRIM_ID, iface->types[i]}, 0, &v);
        }
        if (st != WITC_OK)
            break;
        uint32_t idx = pop_instance(e, dep.i);
        witc_buf *d = &e->outer.decls;
        witc_buf_byte(d, 0x03);
        put_extern_name(d, name, NULL, NULL);
        witc_buf_byte(d, 0x05);
        witc_buf_uleb(d, idx);
        e->outer.n_decls++;
        e->outer.instances++;
    }
    e->interface = WITC_ID_NONE;
    WITC_VEC_FREE(e->ctx, &list);
    return st;
}

static void put_section(witc_buf *out, uint8_t id, const witc_buf *body)
{
    witc_buf_byte(out, id);
    witc_buf_uleb(out, body->len);
    witc_buf_append(out, body->data, body->len);
}

static void put_custom(witc_buf *out, const char *name, const void *data, size_t len)
{
    size_t nlen = strlen(name);
    witc_buf_byte(out, 0x00);
    size_t n = 0; /* bytes of the name length's LEB */
    uint64_t v = nlen;
    do {
        v >>= 7;
        n++;
    } while (v);
    witc_buf_uleb(out, n + nlen + len);
    witc_buf_uleb(out, nlen);
    witc_buf_append(out, name, nlen);
    witc_buf_append(out, data, len);
}

/* One type section holding a component type whose decls are `decls` (n of them), then an
 * export section exporting it as type `name`; `*types` is the top-level type count. */
static void put_type_and_export(witc_buf *out, witc_buf *tmp, const witc_buf *decls,
                                uint32_t n_decls, witc_str name, uint32_t *types)
{
    tmp->len = 0;
    witc_buf_uleb(tmp, 1);
    witc_buf_byte(tmp, 0x41);
    witc_buf_uleb(tmp, n_decls);
    witc_buf_append(tmp, decls->data, decls->len);
    put_section(out, 0x07, tmp);
    uint32_t ty = (*types)++;
    tmp->len = 0;
    witc_buf_uleb(tmp, 1);
    witc_buf_byte(tmp, 0x00);
    put_name(tmp, name);
    witc_buf_byte(tmp, 0x03); /* sort: type */
    witc_buf_uleb(tmp, ty);
    witc_buf_byte(tmp, 0x00); /* no ascription */
    put_section(out, 0x0b, tmp);
    (*types)++; /* the export adds a type index too */
}

/* Wraps the world type in e->outer as `(component (type W) (export "<id>" (component 0)))`
 * decls into `wrap`. */
static witc_status wrap_world(enc *e, witc_world_id id, witc_buf *wrap)
{
    const witc_world *w = witc_graph_world(e->g, id);
    const witc_package *p = witc_graph_package(e->g, w->package);
    if (!p) {
        witc_diag_error_plain(witc_ctx_diags(e->ctx), "world `%.*s` has no package",
                              (int)w->name.len, w->name.ptr);
        return WITC_E_INVALID;
    }
    wrap->len = 0;
    witc_buf_byte(wrap, 0x01);
    witc_buf_byte(wrap, 0x41);
    witc_buf_uleb(wrap, e->outer.n_decls);
    witc_buf_append(wrap, e->outer.decls.data, e->outer.decls.len);
    witc_buf_byte(wrap, 0x04);
    witc_buf_byte(wrap, 0x00);
    witc_buf name;
    witc_buf_init(&name, e->ctx);
    witc_buf_append(&name, p->namespace_.ptr, p->namespace_.len);
    witc_buf_putc(&name, ':');
    witc_buf_append(&name, p->name.ptr, p->name.len);
    witc_buf_putc(&name, '/');
    witc_buf_append(&name, w->name.ptr, w->name.len);
    if (p->has_version) {
        witc_buf_putc(&name, '@');
        witc_buf_append(&name, p->version.ptr, p->version.len);
    }
    put_name(wrap, (witc_str){(const char *)name.data, name.len});
    bool failed = name.failed;
    witc_buf_release(&name);
    witc_buf_byte(wrap, 0x04); /* component */
    witc_buf_uleb(wrap, 0);
    return failed ? nomem(e) : WITC_OK;
}

static witc_status enc_init(enc *e, witc_ctx *ctx, const witc_graph *g)
{
    memset(e, 0, sizeof *e);
    e->ctx = ctx;
    e->g = g;
    e->interface = WITC_ID_NONE;
    witc_arena_init(&e->arena, ctx);
    witc_buf_init(&e->key, ctx);
    witc_buf_init(&e->outer.decls, ctx);
    witc_buf_init(&e->inst.decls, ctx);
    WITC_TRY(tmaps_init(e, &e->outer_maps));
    WITC_TRY(tmaps_init(e, &e->inst_maps));
    WITC_TRY(idmap_init(e, &e->import_map, witc_graph_interface_count(g)));
    WITC_TRY(idmap_init(e, &e->outer_type_map, witc_graph_type_count(g)));
    WITC_TRY(idmap_init(e, &e->type_pos, witc_graph_type_count(g)));
    return WITC_OK;
}

static void enc_release(enc *e)
{
    tmaps_release(&e->outer_maps);
    tmaps_release(&e->inst_maps);
    witc_buf_release(&e->key);
    witc_buf_release(&e->outer.decls);
    witc_buf_release(&e->inst.decls);
    witc_arena_release(&e->arena);
}

static witc_status finish(enc *e, witc_buf *out, uint8_t **out_bytes, size_t *out_len)
{
    if (out->failed || e->key.failed || e->outer.decls.failed || e->inst.decls.failed)
        return nomem(e);
    uint8_t *bytes = witc_ctx_alloc(e->ctx, out->len ? out->len : 1);
    if (!bytes)
        return nomem(e);
    memcpy(bytes, out->data, out->len);
    *out_bytes = bytes;
    *out_len = out->len;
    return WITC_OK;
}

static const uint8_t preamble[8] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

witc_status witc_wit_encode_package(witc_ctx *ctx, const witc_graph *graph, witc_package_id pkg,
                                    uint8_t **out_bytes, size_t *out_len)
{
    const witc_package *p = witc_graph_package(graph, pkg);
    if (!p) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "package id %u out of range", pkg.i);
        return WITC_E_USAGE;
    }
    enc e;
    witc_buf out, tmp, wrap;
    witc_buf_init(&out, ctx);
    witc_buf_init(&tmp, ctx);
    witc_buf_init(&wrap, ctx);
    idmap seen;
    uint32_t types = 0;
    witc_status st = enc_init(&e, ctx, graph);
    if (st == WITC_OK)
        st = idmap_init(&e, &seen, witc_graph_interface_count(graph));
    witc_buf_append(&out, preamble, sizeof preamble);
    for (uint32_t i = 0; st == WITC_OK && i < p->n_interfaces; i++) {
        const witc_interface *iface = witc_graph_interface(graph, p->interfaces[i]);
        if (!iface) {
            st = WITC_E_INVALID;
            break;
        }
        st = enc_interface_component(&e, p->interfaces[i], &seen);
        if (st == WITC_OK)
            put_type_and_export(&out, &tmp, &e.outer.decls, e.outer.n_decls, iface->name, &types);
    }
    for (uint32_t i = 0; st == WITC_OK && i < p->n_worlds; i++) {
        const witc_world *w = witc_graph_world(graph, p->worlds[i]);
        if (!w) {
            st = WITC_E_INVALID;
            break;
        }
        st = enc_world(&e, p->worlds[i]);
        if (st == WITC_OK)
            st = wrap_world(&e, p->worlds[i], &wrap);
        if (st == WITC_OK)
            put_type_and_export(&out, &tmp, &wrap, 2, w->name, &types);
    }
    if (st == WITC_OK) {
        tmp.len = 0;
        st = witc_wit_package_docs(ctx, graph, pkg, &tmp);
        if (st == WITC_OK)
            put_custom(&out, "package-docs", tmp.data, tmp.len);
    }
    if (st == WITC_OK)
        st = finish(&e, &out, out_bytes, out_len);
    enc_release(&e);
    witc_buf_release(&out);
    witc_buf_release(&tmp);
    witc_buf_release(&wrap);
    return st;
}

witc_status witc_wit_encode_world(witc_ctx *ctx, const witc_graph *graph, witc_world_id world,
                                  witc_string_encoding encoding, uint8_t **out_bytes,
                                  size_t *out_len)
{
    const witc_world *w = witc_graph_world(graph, world);
    if (!w || (unsigned)encoding > WITC_STRING_ENCODING_COMPACT_UTF16) {
        witc_diag_error_plain(witc_ctx_diags(ctx), "invalid world id or string encoding");
        return WITC_E_USAGE;
    }
    enc e;
    witc_buf out, tmp, wrap;
    witc_buf_init(&out, ctx);
    witc_buf_init(&tmp, ctx);
    witc_buf_init(&wrap, ctx);
    witc_status st = enc_init(&e, ctx, graph);
    if (st == WITC_OK)
        st = enc_world(&e, world);
    if (st == WITC_OK)
        st = wrap_world(&e, world, &wrap);
    if (st == WITC_OK) {
        const uint8_t header[2] = {0x04, (uint8_t)encoding};
        uint32_t types = 0;
        witc_buf_append(&out, preamble, sizeof preamble);
        put_custom(&out, "wit-component-encoding", header, sizeof header);
        put_type_and_export(&out, &tmp, &wrap, 2, w->name, &types);
        st = finish(&e, &out, out_bytes, out_len);
    }
    enc_release(&e);
    witc_buf_release(&out);
    witc_buf_release(&tmp);
    witc_buf_release(&wrap);
    return st;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* A bounded reader over WebAssembly binary bytes, shared by the core and component decoders.
 *
 * Every read is checked against `end` and names what it reads (`what`), so a failure becomes
 * `file:0xOFF: error: <spec-suite words> (<what>)` at the offending byte (STYLE 2.5, 2.9).
 * Offsets are reported as `base + (p - start)`: a module embedded in a component keeps the
 * outer file's offsets. The reader never allocates; failures add one diagnostic to `diags`
 * and return WITC_E_MALFORMED (the decoder stops at the first error).
 *
 * The spec-suite words used (binary.wast and friends): "unexpected end",
 * "integer representation too long", "integer too large", "malformed UTF-8 encoding",
 * "length out of bounds", "section size mismatch"; inside a section or function body, running
 * out is "unexpected end of section or function". */
#ifndef WITC_WASM_FORMAT_READER_H
#define WITC_WASM_FORMAT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witc/diag.h"
#include "witc/status.h"

typedef struct witc_reader {
    const uint8_t *start; /* first byte of the whole buffer: offsets are counted from it */
    const uint8_t *cur;   /* next byte to read */
    const uint8_t *end;   /* one past the last readable byte (a section end in sub-readers) */
    uint64_t base;        /* absolute offset of start[0] in the reported file */
    const char *file;     /* name used in diagnostics (may be NULL: "<input>") */
    witc_diag_list *diags;
    bool in_section; /* a section or body sub-reader: running out is "unexpected end of
                        section or function" (the spec suite's words) */
} witc_reader;

/* Reads `bytes[0..len)`; `bytes` is borrowed and must outlive the reader. */
void witc_reader_init(witc_reader *r, const uint8_t *bytes, size_t len, uint64_t base,
                      const char *file, witc_diag_list *diags);

/* Bytes left before `end`. */
static inline size_t witc_reader_left(const witc_reader *r)
{
    return (size_t)(r->end - r->cur);
}
static inline bool witc_reader_at_end(const witc_reader *r)
{
    return r->cur == r->end;
}
/* Absolute offset (in the reported file) of `p`, a pointer into the buffer. */
static inline uint64_t witc_reader_offset_of(const witc_reader *r, const uint8_t *p)
{
    return r->base + (uint64_t)(p - r->start);
}
/* Absolute offset of the next byte. */
static inline uint64_t witc_reader_offset(const witc_reader *r)
{
    return witc_reader_offset_of(r, r->cur);
}

/* Adds an error at `p` (a pointer into the buffer) and returns WITC_E_MALFORMED. */
witc_status witc_reader_fail(witc_reader *r, const uint8_t *p, const char *fmt, ...)
    WITC_PRINTF(3, 4);
/* Adds an error at an absolute offset and returns WITC_E_MALFORMED. */
witc_status witc_reader_fail_at(witc_reader *r, uint64_t offset, const char *fmt, ...)
    WITC_PRINTF(3, 4);

/* One byte. "unexpected end" at end. */
WITC_MUST_CHECK witc_status witc_reader_u8_slow(witc_reader *r, const char *what, uint8_t *out);
WITC_MUST_CHECK static inline witc_status witc_reader_u8(witc_reader *r, const char *what,
                                                         uint8_t *out)
{
    if (r->cur != r->end) {
        *out = *r->cur++;
        return WITC_OK;
    }
    return witc_reader_u8_slow(r, what, out);
}
/* The next byte without consuming it. */
WITC_MUST_CHECK witc_status witc_reader_peek_u8(witc_reader *r, const char *what, uint8_t *out);

/* The one generic LEB128 decoder (STYLE 2.9). `bits` is the width: 1..64. At most
 * ceil(bits/7) bytes; a continuation bit on the last one is "integer representation too
 * long", unused bits that are not zero (unsigned) or copies of the sign (signed) are
 * "integer too large", both reported at that byte; running out is "unexpected end".
 * Over-long encodings within the byte limit are accepted. */
WITC_MUST_CHECK witc_status witc_leb_read_u(witc_reader *r, unsigned bits, const char *what,
                                            uint64_t *out);
WITC_MUST_CHECK witc_status witc_leb_read_s(witc_reader *r, unsigned bits, const char *what,
                                            int64_t *out);

WITC_MUST_CHECK witc_status witc_reader_u32_slow(witc_reader *r, const char *what, uint32_t *out);
/* A u32 LEB, with the one-byte case inline (most LEBs in real modules). */
WITC_MUST_CHECK static inline witc_status witc_reader_u32(witc_reader *r, const char *what,
                                                          uint32_t *out)
{
    if (r->cur != r->end && *r->cur < 0x80) {
        *out = *r->cur++;
        return WITC_OK;
    }
    return witc_reader_u32_slow(r, what, out);
}
WITC_MUST_CHECK witc_status witc_reader_u64(witc_reader *r, const char *what, uint64_t *out);
WITC_MUST_CHECK witc_status witc_reader_s32(witc_reader *r, const char *what, int32_t *out);
/* A signed 33-bit LEB (block types). */
WITC_MUST_CHECK witc_status witc_reader_s33(witc_reader *r, const char *what, int64_t *out);
WITC_MUST_CHECK witc_status witc_reader_s64(witc_reader *r, const char *what, int64_t *out);
/* Little-endian fixed-width values (float bit patterns). */
WITC_MUST_CHECK witc_status witc_reader_f32(witc_reader *r, const char *what, uint32_t *out);
WITC_MUST_CHECK witc_status witc_reader_f64(witc_reader *r, const char *what, uint64_t *out);

/* `len` raw bytes; *out_ptr borrows the buffer. "unexpected end" when fewer are left. */
WITC_MUST_CHECK witc_status witc_reader_bytes(witc_reader *r, size_t len, const char *what,
                                              const uint8_t **out_ptr);
/* A u32 byte length then that many bytes ("length out of bounds" when they are not there). */
WITC_MUST_CHECK witc_status witc_reader_vec_bytes(witc_reader *r, const char *what,
                                                  const uint8_t **out_ptr, uint32_t *out_len);
/* A name: u32 length + UTF-8 bytes ("malformed UTF-8 encoding" at the name's first byte;
 * "string size out of bounds" past wasmparser's 100 000 bytes). */
WITC_MUST_CHECK witc_status witc_reader_name(witc_reader *r, const char *what,
                                             const uint8_t **out_ptr, uint32_t *out_len);
/* A u32 item count, rejected ("unexpected end") when larger than the bytes left, since every
 * item takes at least one byte: callers may allocate `count` items after this. */
WITC_MUST_CHECK witc_status witc_reader_count(witc_reader *r, const char *what, uint32_t *out);

/* A sub-reader over the next `size` bytes (a section or function body); `r` moves past them.
 * The sub-reader shares `start` and `base`, so its offsets are absolute too. Fails with
 * "unexpected end" (at the size's first byte, `size_at`) when fewer bytes are left. */
WITC_MUST_CHECK witc_status witc_reader_sub(witc_reader *r, uint64_t size, const uint8_t *size_at,
                                            const char *what, witc_reader *out_sub);
/* Checks a sub-reader was consumed exactly: "section size mismatch" otherwise. */
WITC_MUST_CHECK witc_status witc_reader_finish(witc_reader *sub, const char *what);

/* True when bytes[0..len) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool witc_utf8_is_valid(const uint8_t *bytes, size_t len);

#endif

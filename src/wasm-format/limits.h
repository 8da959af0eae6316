/* SPDX-License-Identifier: Apache-2.0 */
/* Implementation limits of the core module layer, with wasmparser's numbers
 * (crates/wasmparser/src/limits.rs), so that `wit-c validate` rejects what `wasm-tools
 * validate` rejects. Kept beside the core layer for now; they belong with the others in
 * src/support/limits.h once that file is free to edit. */
#ifndef WITC_WASM_FORMAT_LIMITS_H
#define WITC_WASM_FORMAT_LIMITS_H

#define WITC_MAX_WASM_TYPES 1000000u           /* MAX_WASM_TYPES */
#define WITC_MAX_WASM_FUNCTIONS 1000000u       /* MAX_WASM_FUNCTIONS */
#define WITC_MAX_WASM_EXPORTS 1000000u         /* MAX_WASM_EXPORTS */
#define WITC_MAX_WASM_GLOBALS 1000000u         /* MAX_WASM_GLOBALS */
#define WITC_MAX_WASM_TAGS 1000000u            /* MAX_WASM_TAGS */
#define WITC_MAX_WASM_ELEMENT_SEGMENTS 100000u /* MAX_WASM_ELEMENT_SEGMENTS */
#define WITC_MAX_WASM_DATA_SEGMENTS 100000u    /* MAX_WASM_DATA_SEGMENTS */
#define WITC_MAX_WASM_TABLES 100u              /* MAX_WASM_TABLES */
#define WITC_MAX_WASM_MEMORIES 100u            /* MAX_WASM_MEMORIES */
#define WITC_MAX_WASM_STRING_SIZE 100000u      /* MAX_WASM_STRING_SIZE: names */
#define WITC_MAX_WASM_FUNCTION_SIZE 7654321u   /* MAX_WASM_FUNCTION_SIZE: body bytes */
#define WITC_MAX_WASM_FUNCTION_LOCALS 50000u   /* MAX_WASM_FUNCTION_LOCALS */
#define WITC_MAX_WASM_FUNCTION_PARAMS 1000u    /* MAX_WASM_FUNCTION_PARAMS */
#define WITC_MAX_WASM_FUNCTION_RETURNS 1000u   /* MAX_WASM_FUNCTION_RETURNS */

#endif

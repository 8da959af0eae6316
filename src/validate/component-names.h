/* SPDX-License-Identifier: Apache-2.0 */
/* Component import/export name grammar; used by the component validator only. */
#ifndef WITC_VALIDATE_COMPONENT_NAMES_H
#define WITC_VALIDATE_COMPONENT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum witc_cm_name_kind {
    WITC_CM_NAME_LABEL,
    WITC_CM_NAME_CONSTRUCTOR,
    WITC_CM_NAME_METHOD,
    WITC_CM_NAME_STATIC,
    WITC_CM_NAME_INTERFACE,
    WITC_CM_NAME_DEP,
    WITC_CM_NAME_URL,
    WITC_CM_NAME_HASH,
} witc_cm_name_kind;

typedef struct witc_cm_name_info {
    witc_cm_name_kind kind;
    const char *resource; /* [constructor]/[method]/[static]: the resource label */
    size_t resource_len;
    const char *method;
    size_t method_len;
    const char *version; /* interface names: the text after `@`, unchecked (NULL if none) */
    size_t version_len;
} witc_cm_name_info;

/* Checks an extern name; NULL when valid, else a static description of the problem. */
const char *witc_cm_name_check(const char *s, size_t n, bool nested_names,
                               witc_cm_name_info *out_info);
/* kebab-case label: words of [a-z0-9] or [A-Z0-9], first word not starting with a digit */
bool witc_cm_is_kebab(const char *s, size_t n);
bool witc_cm_is_semver(const char *s, size_t n);
/* Writes the strong-uniqueness key of a name into out (n + 1 bytes of room); returns its
 * length. Equal keys mean the names conflict (wasmparser's ComponentName equality). */
size_t witc_cm_name_key(const char *s, size_t n, char *out);

#endif

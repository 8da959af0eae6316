/* SPDX-License-Identifier: Apache-2.0 */
/* Status codes shared by every libwitc entry point: 0 is success, the rest say which layer
 * gave up. The details of a failure are in the context's diagnostic list. */
#ifndef WITC_STATUS_H
#define WITC_STATUS_H

#if defined(__GNUC__) || defined(__clang__)
#define WITC_MUST_CHECK __attribute__((warn_unused_result))
#define WITC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define WITC_MUST_CHECK
#define WITC_PRINTF(fmt, args)
#endif

typedef enum witc_status {
    WITC_OK = 0,
    WITC_E_NOMEM,     /* an allocation failed */
    WITC_E_IO,        /* a file could not be read or written */
    WITC_E_USAGE,     /* wrong use of an API or of the command line */
    WITC_E_SYNTAX,    /* malformed WIT text */
    WITC_E_RESOLVE,   /* well-formed WIT that does not resolve */
    WITC_E_MALFORMED, /* malformed binary */
    WITC_E_INVALID,   /* well-formed binary that does not validate */
    WITC_E_LIMIT,     /* an explicit size or nesting limit was hit */
    WITC_E_UNSUPPORTED /* valid input using something not implemented yet */
} witc_status;

/* Propagate a failure: the diagnostic was already emitted where it was found. */
#define WITC_TRY(expr)                                                                             \
    do {                                                                                           \
        witc_status witc_try_status_ = (expr);                                                     \
        if (witc_try_status_ != WITC_OK)                                                           \
            return witc_try_status_;                                                               \
    } while (0)

#endif

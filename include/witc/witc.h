/* SPDX-License-Identifier: Apache-2.0 */
/* libwitc umbrella header.
 *
 * Lifetimes, written down once:
 *  - a witc_ctx owns the source map and the diagnostic list; it outlives everything made
 *    with it;
 *  - an AST borrows strings from the source map and lives in its own arena;
 *  - the resolved package graph copies what it keeps and never points into an AST, so the
 *    AST can be freed once resolving is done;
 *  - a decoded module or component borrows the input bytes unless its header says
 *    otherwise; keep the bytes alive as long as the IR. */
#ifndef WITC_WITC_H
#define WITC_WITC_H

#include "witc/component.h"
#include "witc/ctx.h"
#include "witc/diag.h"
#include "witc/status.h"
#include "witc/str.h"
#include "witc/wasm.h"
#include "witc/wit-binary.h"
#include "witc/wit-print.h"
#include "witc/wit.h"

#define WITC_VERSION "0.1.0"

#endif

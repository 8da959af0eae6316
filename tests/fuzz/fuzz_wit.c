/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target for the WIT front end: arbitrary bytes are lexed, parsed, resolved (with
 * every feature gate on, so gated items are exercised too), dumped as JSON and printed as WIT.
 * When printing succeeds, the printed text must resolve again: the printer may never produce
 * WIT that the front end rejects. Any crash, sanitizer report, leak, hang or abort is a
 * finding. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "witc/wit-print.h"
#include "witc/wit.h"
#include "witc/witc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return 0;
    witc_wit_options opts = {.all_features = true};
    witc_graph *g = NULL;
    witc_package_id main_pkg;
    if (witc_wit_resolve_text(ctx, "fuzz.wit", (const char *)data, size, &opts, &g, &main_pkg) ==
        WITC_OK) {
        char *json = NULL, *text = NULL;
        size_t json_len = 0, text_len = 0;
        if (witc_graph_to_json(ctx, g, &json, &json_len) == WITC_OK)
            witc_ctx_dealloc(ctx, json);
        if (witc_wit_print(ctx, g, main_pkg, 0, &text, &text_len) == WITC_OK) {
            witc_graph *again = NULL;
            witc_package_id again_pkg;
            if (witc_wit_resolve_text(ctx, "printed.wit", text, text_len, &opts, &again,
                                      &again_pkg) != WITC_OK)
                abort(); /* printed WIT must parse and resolve again */
            witc_graph_free(again);
            witc_ctx_dealloc(ctx, text);
        }
        witc_graph_free(g);
    }
    witc_ctx_free(ctx);
    return 0;
}

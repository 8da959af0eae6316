/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target for the binary layer: arbitrary bytes go through decode + validate (core
 * module or component, told apart by the preamble), and whatever decodes is re-encoded and
 * decoded again. The same bytes are also read as a binary-encoded WIT package (or a core module
 * with a component-type section) and, when that decodes, printed as WIT. Any crash, sanitizer
 * report, leak or hang is a finding. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "witc/component.h"
#include "witc/wasm.h"
#include "witc/wit-binary.h"
#include "witc/wit-print.h"
#include "witc/wit.h"
#include "witc/witc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    witc_ctx *ctx = witc_ctx_new(NULL);
    if (!ctx)
        return 0;
    witc_wasm_features features;
    witc_wasm_features_default(&features);
    if (witc_wasm_is_component(data, size)) {
        (void)witc_component_validate(ctx, &features, data, size, "fuzz.wasm");
    } else {
        witc_wasm_module *m = NULL;
        if (witc_wasm_decode(ctx, &features, data, size, "fuzz.wasm", 0, &m) == WITC_OK) {
            (void)witc_wasm_validate_module(ctx, &features, m);
            uint8_t *bytes = NULL;
            size_t len = 0;
            if (witc_wasm_encode(ctx, m, &bytes, &len) == WITC_OK) {
                witc_wasm_module *again = NULL;
                if (witc_wasm_decode(ctx, &features, bytes, len, "re.wasm", 0, &again) == WITC_OK)
                    witc_wasm_module_free(again);
                else
                    abort(); /* our own encoding must decode */
                witc_ctx_dealloc(ctx, bytes);
            }
            witc_wasm_module_free(m);
        }
    }
    witc_graph *g = NULL;
    witc_package_id pkg;
    if (witc_wit_decode(ctx, data, size, "fuzz.wasm", &g, &pkg) == WITC_OK) {
        char *text = NULL;
        size_t len = 0;
        if (witc_wit_print(ctx, g, pkg, 0, &text, &len) == WITC_OK)
            witc_ctx_dealloc(ctx, text);
        witc_graph_free(g);
    }
    witc_ctx_free(ctx);
    return 0;
}

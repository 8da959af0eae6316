/* SPDX-License-Identifier: Apache-2.0 */
/* Writes a large synthetic WIT package for benchmarks: `gen-wit N OUT.wit` emits N interfaces,
 * each using a type from its predecessor (a long `use` chain) and defining every kind of type
 * (record, variant, enum, flags, resource with constructor/methods/statics, aliases, lists,
 * options, results, tuples, maps-free by design so the oracle accepts it), then one world that
 * imports the first half and exports the second. */
#include <stdio.h>
#include <stdlib.h>

static void interface(FILE *o, long i)
{
    fprintf(o, "/// Interface number %ld of the synthetic package.\n", i);
    fprintf(o, "interface iface%ld {\n", i);
    if (i > 0)
        fprintf(o, "    use iface%ld.{rec%ld, handle%ld};\n\n", i - 1, i - 1, i - 1);
    fprintf(o, "    /// A record with every primitive.\n");
    fprintf(o, "    record rec%ld {\n", i);
    fprintf(o, "        a: u8, b: u16, c: u32, d: u64, e: s8, f: s16, g: s32, h: s64,\n");
    fprintf(o, "        i: f32, j: f64, k: bool, l: char, m: string,\n");
    fprintf(o, "        n: list<u8>, o: option<string>, p: tuple<u32, string>,\n");
    fprintf(o, "        q: result<u32, string>,%s\n", i > 0 ? " r: list<rec-prev>," : "");
    fprintf(o, "    }\n");
    if (i > 0)
        fprintf(o, "    type rec-prev = rec%ld;\n", i - 1);
    fprintf(o, "    variant var%ld { none, some(u32), text(string), nested(list<option<u8>>) }\n", i);
    fprintf(o, "    enum color%ld { red, green, blue, cyan, magenta, yellow }\n", i);
    fprintf(o, "    flags perms%ld { read, write, exec, admin }\n", i);
    fprintf(o, "    resource handle%ld {\n", i);
    fprintf(o, "        constructor(seed: u64);\n");
    fprintf(o, "        get: func() -> rec%ld;\n", i);
    fprintf(o, "        set: func(value: borrow<handle%ld>, colors: list<color%ld>);\n", i, i);
    fprintf(o, "        make: static func(p: perms%ld) -> result<handle%ld, var%ld>;\n", i, i, i);
    fprintf(o, "    }\n");
    fprintf(o, "    type alias%ld = list<tuple<rec%ld, option<var%ld>>>;\n", i, i, i);
    fprintf(o, "    run%ld: func(a: alias%ld, b: perms%ld, c: own<handle%ld>) -> "
               "result<_, string>;\n", i, i, i, i);
    if (i > 0)
        fprintf(o, "    bridge%ld: func(prev: rec%ld, h: borrow<handle%ld>) -> option<rec%ld>;\n",
                i, i - 1, i - 1, i);
    fprintf(o, "}\n\n");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-wit N OUT.wit\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    if (n < 1 || n > 10000000) {
        fprintf(stderr, "gen-wit: N must be between 1 and 10000000\n");
        return 2;
    }
    FILE *o = fopen(argv[2], "w");
    if (!o) {
        perror(argv[2]);
        return 1;
    }
    fprintf(o, "package bench:synthetic@1.0.0;\n\n");
    for (long i = 0; i < n; i++)
        interface(o, i);
    fprintf(o, "world everything {\n");
    for (long i = 0; i < n; i++)
        fprintf(o, "    %s iface%ld;\n", i < n / 2 ? "import" : "export", i);
    fprintf(o, "}\n");
    if (fclose(o) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}

#!/bin/sh
# One command on a fresh Debian machine: install dependencies, build wit-c, and run the main
# job on the bundled example (resolve the example package with its deps/ and print it).
set -eu
cd "$(dirname "$0")"
sh scripts/install-deps.sh
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -j"$(nproc)" >/dev/null
echo "== wit-c wit examples/greeter/wit"
./wit-c wit ../examples/greeter/wit
echo "== wit-c wit --json examples/greeter/wit (first lines)"
./wit-c wit --json ../examples/greeter/wit | head -n 12
echo "== wit-c wit --wasm (the package as a binary), validated, then decoded back"
./wit-c wit --wasm ../examples/greeter/wit -o greeter-wit.wasm
./wit-c validate greeter-wit.wasm
./wit-c wit greeter-wit.wasm | head -n 8
echo "== wit-c embed --dummy (a core module for the world), validated"
./wit-c embed --dummy --wit ../examples/greeter/wit -o greeter-dummy.wasm
./wit-c validate greeter-dummy.wasm && echo "greeter-dummy.wasm: valid"

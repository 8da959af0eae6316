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
./wit-c wit --json ../examples/greeter/wit | head -n 20

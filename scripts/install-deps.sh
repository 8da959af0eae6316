#!/bin/sh
# Installs what wit-c needs to build and test on Debian 12 (run as root). Idempotent.
set -eu
pkgs="build-essential autoconf automake libtool pkg-config re2c lemon libyaml-dev
      libcmocka-dev wabt groff-base clang lld libclang-rt-14-dev"
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The reference tools (jco = wasm-tools in node), pinned by tests/node/package-lock.json, are
# test oracles and benchmark inputs.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/tests/node/node_modules/.package-lock.json" ] ||
   ! cmp -s "$here/tests/node/package-lock.json" "$here/tests/node/node_modules/.lock-installed"; then
    (cd "$here/tests/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
        cp package-lock.json node_modules/.lock-installed)
fi

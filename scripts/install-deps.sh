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

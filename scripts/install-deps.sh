#!/usr/bin/env bash
# Installs what DisputeTriage needs beyond Swift: OpenBLAS (CBLAS headers and library).
# Idempotent: does nothing when cblas.h and libopenblas are already present.
set -euo pipefail
if pkg-config --exists openblas 2>/dev/null && [ -f /usr/include/x86_64-linux-gnu/cblas.h -o -f /usr/include/cblas.h -o -f /usr/include/aarch64-linux-gnu/cblas.h ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing libopenblas-dev (OpenBLAS) ..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev pkg-config >/dev/null

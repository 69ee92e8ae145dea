#!/usr/bin/env bash
# Installs what the desk's test suites need beyond Swift: PostgreSQL (storage suite, replica tests),
# Chromium and its WebDriver (browser test). Python packages (selenium, schemathesis) go into a
# virtualenv outside the repository, made by the scripts in Desk/scripts.
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing ${missing[*]} ..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's postgresql package starts a cluster on port 5432; the tests start their own servers.

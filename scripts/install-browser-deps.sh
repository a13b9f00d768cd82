#!/usr/bin/env bash
# Installs what the browser tests need on a fresh machine: Debian's Chromium (Playwright cannot
# download browsers here) and the pinned npm packages in tests/browser (playwright-core,
# axe-core, pngjs). Idempotent; called by .ci/run before the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${VEIVISER_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "== installing chromium (Debian)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ] \
   || [ ! -d tests/browser/node_modules/pngjs ]; then
  echo "== npm ci (tests/browser)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

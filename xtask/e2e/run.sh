#!/usr/bin/env bash
# The end-to-end test of presenting the workbook (slide view, presenter window, speaker
# notes, quiz, handout, offline), in headless Chromium against the served book.
#
# Installs what it needs: Debian's chromium (apt-get, as root), playwright-core at the
# version pinned by package-lock.json (npm ci), and the pinned mdBook and mdbook-quiz
# (cargo workbook book, into .tools/). Screenshots and the handout PDF go to target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
E2E=$ROOT/xtask/e2e

fail() {
    printf 'e2e: FAILED: %s\n' "$*" >&2
    exit 1
}
say() { printf 'e2e: %s\n' "$*"; }

# 1. Chromium: Debian's package, unless CHROMIUM names another binary.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    command -v apt-get >/dev/null ||
        fail "no Chromium at $CHROMIUM and no apt-get to install it: install Chromium, or set CHROMIUM=/path/to/chromium"
    [ "$(id -u)" = 0 ] || fail "no Chromium at $CHROMIUM: install it with 'sudo apt-get install chromium' (or set CHROMIUM)"
    say "installing Chromium with apt-get …"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || fail "apt-get update failed"
    apt-get install -y -qq chromium >/dev/null || fail "apt-get install chromium failed"
fi
"$CHROMIUM" --version >/dev/null 2>&1 || fail "$CHROMIUM does not run"

# 2. Node.js 20 or newer, and playwright-core exactly as locked.
command -v node >/dev/null || fail "node is missing: install Node.js 20 or newer (apt-get install nodejs npm)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || fail "node $(node --version) is too old: Node.js 20 or newer is needed"
say "installing playwright-core as pinned by package-lock.json (npm ci) …"
(cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in xtask/e2e"

# 3. The pinned mdBook and mdbook-quiz: the workbook's own tooling installs them into
#    .tools/ if missing, and checks that the book builds cleanly.
say "building the book with the pinned mdBook (cargo workbook book) …"
cargo workbook book || fail "the book does not build cleanly (see above)"
PATH=$ROOT/.tools/bin:$PATH
MDBOOK=$(command -v mdbook) || fail "mdbook is not installed"
[ "$("$MDBOOK" --version)" = "mdbook v0.5.4" ] || fail "$MDBOOK is not mdBook 0.5.4"
[ "$(mdbook-quiz --version)" = "mdbook-quiz 0.5.0" ] || fail "mdbook-quiz 0.5.0 is not on the PATH"

# 4. The test itself: node's test runner prints each check and a pass/fail summary.
say "running the end-to-end test (Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}')) …"
export MDBOOK CHROMIUM PATH
if ! node --test --test-concurrency=1 --test-reporter=spec "$E2E/present.test.mjs"; then
    fail "the presenting end-to-end test failed (screenshots in target/e2e/)"
fi
say "passed; screenshots and the handout PDF are in target/e2e/"

#!/usr/bin/env bash
# Run the whole test suite on a fresh machine of our kind: install what the tests need from the
# project's own files, then run pytest. Fails when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Browser tests (@pytest.mark.browser) drive Debian's chromium through Playwright, never a
# downloaded browser; fonts-noto-cjk makes Chinese readable in their screenshots. Install both
# from Debian only when chromium is missing (needs root, no prompts), and make a missing
# browser a test failure here rather than a skip.
if [ ! -x /usr/bin/chromium ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk </dev/null
fi
export CHAINKG_REQUIRE_BROWSER=1

python3 -m pytest "$@" && rc=0 || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure here" >&2
    exit 1
fi
exit "$rc"

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

# Neo4j tests (@pytest.mark.neo4j) run against the project's own Neo4j Community server
# (Java 17 + Maven; built on first start), a separate test instance on its own port and folder
# so the tests, which empty its database, never touch the one `chainkg neo4j start` gives you.
# Started here, stopped on exit; a server that cannot start is a test failure, not a skip.
export CHAINKG_NEO4J_DIR="${CHAINKG_NEO4J_DIR:-$PWD/.cache/chainkg/neo4j-test}"
export CHAINKG_NEO4J_PORT="${CHAINKG_NEO4J_PORT:-7689}"
export CHAINKG_REQUIRE_NEO4J=1
if ! python3 -m chainkg neo4j status >/dev/null; then
    trap "python3 -m chainkg neo4j stop" EXIT
    python3 -m chainkg neo4j start || echo "scripts/test.sh: the local Neo4j did not start; Neo4j tests will fail" >&2
fi

python3 -m pytest "$@" && rc=0 || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure here" >&2
    exit 1
fi
exit "$rc"

#!/usr/bin/env bash
# Run the whole test suite on a fresh machine of our kind: install what the tests need from the
# project's own files, then run pytest. Fails when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

python3 -m pytest "$@" && rc=0 || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure here" >&2
    exit 1
fi
exit "$rc"

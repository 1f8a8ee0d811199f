#!/bin/sh
# Kept for old callers: the browser tests' dependencies are installed, with the rest of what the tests
# need from Debian, by scripts/install-test-deps.sh.
exec sh "$(dirname "$0")/install-test-deps.sh" "$@"

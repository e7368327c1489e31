#!/bin/sh
# Run tests that need the OS keychain (default: test/main/secrets) against a
# real gnome-keyring in a private D-Bus session with a private keyring folder
# (scripts/in-test-keyring.sh says why the folder must be private). Extra
# arguments are passed to vitest instead of the default path, e.g.
# `scripts/test-keychain.sh` or `scripts/test-keychain.sh test/main`.
set -eu
[ $# -eq 0 ] && set -- test/main/secrets
exec "$(dirname "$0")/in-test-keyring.sh" npx vitest run "$@"

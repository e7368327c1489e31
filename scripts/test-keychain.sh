#!/bin/sh
# Run tests that need the OS keychain (default: test/main/secrets) against a
# real gnome-keyring in a private D-Bus session. The keyring lives in a
# throwaway XDG_DATA_HOME, so an existing ~/.local/share/keyrings/login.keyring
# with another password cannot leave the collection locked, and no real
# keyring is touched. Extra arguments are passed to vitest instead of the
# default path, e.g. `scripts/test-keychain.sh` or `scripts/test-keychain.sh test/main`.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
[ $# -eq 0 ] && set -- test/main/secrets
XDG_DATA_HOME="$dir" dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run "$@"' sh "$@"

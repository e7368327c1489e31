#!/bin/sh
# Run the keychain tests against a real gnome-keyring in a private D-Bus
# session. The keyring lives in a throwaway XDG_DATA_HOME, so an existing
# ~/.local/share/keyrings/login.keyring with another password cannot lock us
# out, and no real keyring is touched.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
XDG_DATA_HOME="$dir" exec dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run test/main/secrets "$@"' sh "$@"

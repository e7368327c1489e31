#!/bin/sh
# Run a command (e.g. `npx playwright test test/e2e/sign-in.spec.ts`) in its own D-Bus session with its own
# unlocked gnome-keyring whose keyring FOLDER is private too (a throwaway XDG_DATA_HOME, removed afterwards).
#
# Why the folder, not only the session: every gnome-keyring-daemon keeps the keyring file in memory and rewrites
# the whole file on each change, reloading it when another process rewrites it. Two daemons on one folder (two
# test runs at once, each in its own dbus-run-session, both on ~/.local/share/keyrings) therefore delete each
# other's fresh items: a client secret stored a moment ago reads back as missing ("The client secret for … is
# missing from the keychain"). A private folder also means an existing login keyring with another password
# cannot leave the collection locked, and no real keyring is touched. `npm test` does the same (scripts/test.mjs).
set -eu
[ $# -gt 0 ] || { echo "usage: scripts/in-test-keyring.sh <command> [args…]" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/autolab-test-keyring-XXXXXX")
trap 'rm -rf "$dir"' EXIT
XDG_DATA_HOME="$dir" dbus-run-session -- sh -c 'echo -n autolab-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "$@"' sh "$@"

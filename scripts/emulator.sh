#!/usr/bin/env bash
# `npm run emulator -- <flags>`: starts the local BSS emulator (see emulator/cli.ts for flags).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ -f "$REPO_ROOT/dist/emulator/cli.js" ] || bash "$REPO_ROOT/scripts/bootstrap.sh" >&2
exec node "$REPO_ROOT/dist/emulator/cli.js" "$@"

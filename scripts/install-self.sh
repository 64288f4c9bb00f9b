#!/usr/bin/env bash
# See scripts/install-self.js: installs the built package into node_modules the way users get it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec node "$REPO_ROOT/scripts/install-self.js"

#!/usr/bin/env bash
# The README's test command (npm test): bootstraps whatever is missing, then runs every test suite
# on the compiled output. Unit and contract tests first (fast), then the end-to-end tests that drive
# the real Pulumi CLI. Prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
exec node scripts/mocha-summary.js "$@"

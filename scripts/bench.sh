#!/usr/bin/env bash
# `npm run bench -- [--count 1000] [--runs 3] [--parallel 256] [--only floor,...]`: not part of npm test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
exec node dist/bench/run.js "$@"

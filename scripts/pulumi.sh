#!/usr/bin/env bash
# `npm run pulumi -- <args>`: the project's Pulumi CLI with the offline environment (scripts/env.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
command -v pulumi >/dev/null || { echo "pulumi is not installed yet: run npm test or npm run bootstrap first" >&2; exit 1; }
exec pulumi "$@"

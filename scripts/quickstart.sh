#!/usr/bin/env bash
# `npm run quickstart`: the whole story of the root program (examples/quickstart) against a freshly
# started local BSS emulator, non-interactively:
#   preview with the policy pack (the renewal and its price), a preview the policy pack must refuse,
#   up, the emulator's clock moved 30 days, refresh, and a short account of what happened.
# Exits non-zero when a step that should succeed fails (or the refused preview is not refused).
# The tests run it with QUICKSTART_STACK / QUICKSTART_WORK (another stack and log folder) and
# QUICKSTART_SKIP_BOOTSTRAP=1 (the suite has built everything already).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ "${QUICKSTART_SKIP_BOOTSTRAP:-}" = 1 ] || bash scripts/bootstrap.sh
source scripts/env.sh

STACK="${QUICKSTART_STACK:-quickstart}"
PROJECT=bss-quickstart
EXAMPLE=examples/quickstart
WORK="${QUICKSTART_WORK:-$REPO_ROOT/tmp/quickstart}"
POLICY=(--policy-pack policy --policy-pack-config "$EXAMPLE/policy-config.json")
QUIET=(--non-interactive --suppress-progress --suppress-outputs --color never)
rm -rf "$WORK"
mkdir -p "$WORK"
cp "$EXAMPLE/scenario.json" "$WORK/scenario.json"

# Admin endpoints of the emulator (GET, or POST with a JSON body), through node: no curl needed.
admin() {
  node -e '
    const [url, body] = process.argv.slice(1);
    const init = body ? { method: "POST", headers: { "Content-Type": "application/json" }, body } : {};
    fetch(url, init).then(async (r) => { const t = await r.text(); if (!r.ok) throw new Error(`${r.status} ${t}`); process.stdout.write(t); })
      .catch((e) => { console.error(`emulator admin call failed: ${e.message}`); process.exit(1); })' "$URL/__emulator/$1" "${2:-}"
}
field() { node -p "JSON.parse(require('fs').readFileSync(0, 'utf8')).$1"; }
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\nquickstart FAILED: %s\n' "$*" >&2; exit 1; }

# 1. The emulator, on a free port, stopped when this script exits however it exits.
step "Starting the BSS emulator with $EXAMPLE/scenario.json"
node dist/emulator/cli.js --port 0 --scenario "$EXAMPLE/scenario.json" >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 300); do
  URL="$(sed -n 's/^huaweicloud-bss-emulator listening on //p' "$WORK/emulator.log")"
  [ -n "$URL" ] && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; fail "the emulator did not start"; }
  sleep 0.1
done
[ -n "$URL" ] || fail "the emulator printed no 'listening on' line within 30 s"
echo "emulator: $URL (account acme-platform, virtual time $(admin clock | field now))"

# The scenario is dated; the emulator, like BSS, refuses signatures more than 15 minutes from its
# clock, so the Node processes of each Pulumi run keep the emulator's time (examples/shared/virtual-clock.js).
sync_clock() {
  unset NODE_OPTIONS
  BSS_EMULATOR_CLOCK_OFFSET_MS="$(admin clock | node -p 'Date.parse(JSON.parse(require("fs").readFileSync(0, "utf8")).now) - Date.now()')"
  export BSS_EMULATOR_CLOCK_OFFSET_MS
  export NODE_OPTIONS="--require $REPO_ROOT/examples/shared/virtual-clock.js"
}
sync_clock

# 2. A fresh stack (re-runs start over: the emulator is new each time).
step "Creating stack '$STACK' and its config"
pulumi stack rm "$STACK" --yes --force --non-interactive >/dev/null 2>&1 || true
pulumi stack init "$STACK" --non-interactive >/dev/null
scenario_value() { node -p "const s = require('$WORK/scenario.json'); $1"; }
pulumi config set --stack "$STACK" huaweicloud-bss:endpoint "$URL"
pulumi config set --stack "$STACK" huaweicloud-bss:accessKey "$(scenario_value 's.accounts[0].credentials[0].accessKey')"
pulumi config set --stack "$STACK" --secret huaweicloud-bss:secretKey "$(scenario_value 's.accounts[0].credentials[0].secretKey')"
pulumi config set --stack "$STACK" huaweicloud-bss:domainId "$(scenario_value 's.accounts[0].id')"
echo "config: endpoint, accessKey, secretKey (secret), domainId"

# 3. Preview with the policy pack: the planned renewal and its price, nothing bought.
step "pulumi preview --policy-pack policy   (what will change, and what the renewal costs)"
pulumi preview --stack "$STACK" "${POLICY[@]}" "${QUIET[@]}" 2>&1 | tee "$WORK/preview.log"

# 4. An unsafe change the policy pack must refuse.
step "pulumi preview with unsafeDatabase=true   (the orders database released at expiry and unsubscribed on destroy)"
pulumi config set --stack "$STACK" "$PROJECT:unsafeDatabase" true
set +e
pulumi preview --stack "$STACK" "${POLICY[@]}" "${QUIET[@]}" >"$WORK/unsafe-preview.log" 2>&1
unsafe_rc=$?
set -e
pulumi config rm --stack "$STACK" "$PROJECT:unsafeDatabase"
sed -n '/^Policies:/,/^Diagnostics:/p' "$WORK/unsafe-preview.log" | sed '$d'
if [ "$unsafe_rc" -eq 0 ]; then fail "the unsafe preview succeeded: the policy pack did not stop it"; fi
grep -q '\[mandatory\]' "$WORK/unsafe-preview.log" || { cat "$WORK/unsafe-preview.log" >&2; fail "the unsafe preview failed without a mandatory policy violation"; }
echo "(expected: the preview failed on mandatory policy violations; the flag is removed again and the script goes on)"

# 5. Up.
step "pulumi up --yes --policy-pack policy"
pulumi up --stack "$STACK" --yes "${POLICY[@]}" "${QUIET[@]}" 2>&1 | tee "$WORK/up.log"
pulumi stack export --stack "$STACK" >"$WORK/state-after-up.json"
echo
echo "stack outputs (pulumi stack output):"
pulumi stack output --stack "$STACK" --json | node -e '
  const o = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(`  billSummary ${o.billSummary.month}: ${o.billSummary.total} ${o.billSummary.currency}`, JSON.stringify(o.billSummary.byService));
  console.log(`  webTierRenewalPrice (1 month, web-prod-01 + web-prod-02): ${o.webTierRenewalPrice.youPay} ${o.webTierRenewalPrice.currency}`);
  console.log(`  cashBalance (read at program start): ${o.cashBalance}`);'

# 6. Thirty days pass in the emulator: auto-renewals, conversions to pay-per-use, expiry, freezing.
step "Moving the emulator's clock 30 days forward (POST /__emulator/clock)"
clock_before="$(admin clock | field now)"
clock_after="$(admin clock '{"advance":"P30D"}' | field now)"
echo "{\"before\":\"$clock_before\",\"after\":\"$clock_after\"}" >"$WORK/clock.json"
echo "virtual time: $clock_before -> $clock_after"
sync_clock

# 7. Refresh reads every subscription back from BSS.
step "pulumi refresh --yes"
pulumi refresh --stack "$STACK" --yes --skip-preview "${QUIET[@]}" 2>&1 | tee "$WORK/refresh.log"
pulumi stack export --stack "$STACK" >"$WORK/state-after-refresh.json"
admin lifecycle >"$WORK/lifecycle.json"
admin state >"$WORK/emulator-state.json"

# 8. The account.
step "What happened"
node dist/examples/quickstart/report.js "$WORK"
echo
echo "Logs and state exports: ${WORK#"$REPO_ROOT"/}/. The stack '$STACK' stays: \`npm run pulumi -- stack output --stack $STACK\`"
echo "(its emulator has stopped; the next \`npm run quickstart\` starts over)."

/**
 * The entry point of the shipped policy pack (`policy/package.json` "main"). The CLI runs it in the
 * pack directory; constructing the pack starts the policy server. Rules are configured per stack
 * with `--policy-pack-config` (see policy/README.md); import the rules from
 * "pulumi-huaweicloud-bss/policy" to build a pack of your own instead.
 */
import { BssGuard } from "./guard";

new BssGuard();

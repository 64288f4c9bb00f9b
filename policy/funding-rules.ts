/**
 * Rules on money moved from an enterprise master account to its sub-accounts (SubAccountFunding:
 * `subAccountId`, `amount`). Written against those property names ahead of the resource (issue 11).
 */
import * as policy from "@pulumi/policy";
import { z } from "zod";
import { SUB_ACCOUNT_FUNDING_TYPE } from "../sdk/tokens";
import { compareDecimal, Decimal, formatDecimal, isDecimalText, parseDecimal, sumDecimals } from "./money";
import { quote, readProp, readString, UNKNOWN } from "./props";
import { amountSetting, bindRule, ConfigOf, forType, RuleArgs, RuleSpec } from "./rule";

export { SUB_ACCOUNT_FUNDING_TYPE };

export const fundingLimitSpec = {
    name: "sub-account-funding-limit",
    description: "Allocations to sub-accounts stay within the per-allocation, per-sub-account and per-update maximums.",
    defaultLevel: "mandatory",
    config: z.object({
        maxAmount: amountSetting.optional().describe("Largest single allocation (one SubAccountFunding's amount)."),
        maxPerSubAccount: amountSetting.optional().describe("Largest total allocated to any one sub-account by the allocations in this update."),
        limitsBySubAccount: z.record(z.string(), amountSetting).default({}).describe("Per sub-account id, a total that overrides maxPerSubAccount."),
        maxTotal: amountSetting.optional().describe("Largest total allocated to all sub-accounts by the allocations in this update."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

type FundingConfig = ConfigOf<typeof fundingLimitSpec.config.shape>;

interface Allocation {
    readonly subAccountId: string;
    readonly amount: Decimal;
}

function readableAmount(value: unknown): Decimal | undefined {
    if (typeof value !== "number" && !(typeof value === "string" && isDecimalText(value))) return undefined;
    try {
        return parseDecimal(value);
    } catch {
        return undefined;
    }
}

function allocationTotal(allocations: Iterable<Allocation>, subAccountId?: string): Decimal {
    const amounts: Decimal[] = [];
    for (const a of allocations) if (subAccountId === undefined || a.subAccountId === subAccountId) amounts.push(a.amount);
    return sumDecimals(amounts);
}

/**
 * Each allocation at most `maxAmount`; the allocations analysed in this update to one sub-account
 * at most its limit, and to all at most `maxTotal`. Totals are running sums kept as the engine
 * analyses each SubAccountFunding before acting on it, so in `up` the allocation that would cross
 * a limit is refused before any money moves. Every SubAccountFunding the program declares is
 * counted, so the limits read "the allocations this program declares".
 */
export function subAccountFundingLimit(args?: RuleArgs<FundingConfig>): policy.ResourceValidationPolicy {
    const rule = bindRule(fundingLimitSpec, args);
    const allocations = new Map<string, Allocation>();
    return {
        ...rule.policy,
        validateResource: forType(SUB_ACCOUNT_FUNDING_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            if (config.maxAmount === undefined && config.maxPerSubAccount === undefined && config.maxTotal === undefined &&
                Object.keys(config.limitsBySubAccount).length === 0) {
                args.notApplicable("no limits configured");
            }
            const subAccountId = readString(args.props, "subAccountId");
            const amountRaw = readProp(args.props, "amount");
            if (subAccountId === UNKNOWN || amountRaw === UNKNOWN) return;
            const subject = `SubAccountFunding ${quote(args.name)}${typeof subAccountId === "string" ? ` (sub-account ${quote(subAccountId)})` : ""}`;
            const amount = readableAmount(amountRaw);
            if (typeof subAccountId !== "string" || amount === undefined) {
                report(`${subject} has no readable subAccountId and decimal amount, so its limits cannot be checked. Fix: set subAccountId and amount.`);
                return;
            }
            allocations.set(args.urn, { subAccountId, amount });

            if (config.maxAmount !== undefined && compareDecimal(amount, parseDecimal(config.maxAmount)) > 0) {
                report(`${subject} allocates ${formatDecimal(amount)}, over the per-allocation maximum of ${formatDecimal(parseDecimal(config.maxAmount))}. ` +
                    `Fix: split it over several updates or lower amount, or raise maxAmount in the policy config.`);
            }
            const subLimit = config.limitsBySubAccount[subAccountId] ?? config.maxPerSubAccount;
            if (subLimit !== undefined) {
                const total = allocationTotal(allocations.values(), subAccountId);
                const limit = parseDecimal(subLimit);
                if (compareDecimal(total, limit) > 0) {
                    report(`${subject} allocates ${formatDecimal(amount)}, taking sub-account ${quote(subAccountId)} to ${formatDecimal(total)} in this update, ` +
                        `over its maximum of ${formatDecimal(limit)}. Fix: lower the allocations to this sub-account, or raise ` +
                        `${subAccountId in config.limitsBySubAccount ? "its entry in limitsBySubAccount" : "maxPerSubAccount"} in the policy config.`);
                }
            }
            if (config.maxTotal !== undefined) {
                const total = allocationTotal(allocations.values());
                const limit = parseDecimal(config.maxTotal);
                if (compareDecimal(total, limit) > 0) {
                    report(`${subject} allocates ${formatDecimal(amount)}, taking all allocations in this update to ${formatDecimal(total)} ` +
                        `(${allocations.size} allocation(s) so far), over the update maximum of ${formatDecimal(limit)}. ` +
                        `Fix: allocate less in this update, or raise maxTotal in the policy config.`);
                }
            }
        }),
    };
}

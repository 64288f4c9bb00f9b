/**
 * What the rules read from a Subscription's properties, by name, without ever copying the props
 * (they contain `__provider`). Inputs are what the program wrote, checked by the provider
 * (`plannedRenewal` is computed there); outputs after `up` add what BSS reported.
 */
import { SUBSCRIPTION_TYPE } from "../sdk/tokens";
import { Decimal, isDecimalText, parseDecimal } from "./money";
import { quote, readNumber, readProp, readString, UNKNOWN, Unknown } from "./props";

export { SUBSCRIPTION_TYPE };

export const ON_EXPIRY_VALUES = ["renew", "payPerUse", "release"] as const;
export type OnExpiry = (typeof ON_EXPIRY_VALUES)[number];
export const ON_DELETE_VALUES = ["retain", "unsubscribe", "unsubscribeRenewals"] as const;
export type OnDelete = (typeof ON_DELETE_VALUES)[number];
export const PERIOD_TYPES = ["month", "year"] as const;

/** The renewal the provider will order in this update, as computed by its `check`. */
export interface PlannedRenewal {
    readonly periods: number | Unknown | undefined;
    readonly periodType: string | Unknown | undefined;
    readonly until: string | Unknown | undefined;
    /** Undefined when absent or not a decimal. */
    readonly amount: Decimal | Unknown | undefined;
    readonly currency: string | Unknown | undefined;
    /** The provider's reason when the plan could not be priced. */
    readonly note: string | undefined;
}

function tryParseDecimal(value: string | number): Decimal | undefined {
    try {
        return parseDecimal(value);
    } catch {
        return undefined;
    }
}

/** `null` when nothing is planned, `UNKNOWN` when it cannot be known during preview. */
export function plannedRenewalOf(props: unknown): PlannedRenewal | null | Unknown {
    const plan = readProp(props, "plannedRenewal");
    if (plan === UNKNOWN) return UNKNOWN;
    if (plan === null || plan === undefined || typeof plan !== "object") return null;
    const amountRaw = readProp(plan, "amount");
    const note = readProp(plan, "note");
    let amount: Decimal | Unknown | undefined;
    if (amountRaw === UNKNOWN) {
        amount = UNKNOWN;
    } else if (typeof amountRaw === "string" || typeof amountRaw === "number") {
        // Anything that is not a plain decimal stays undefined: the budget rules then fail closed.
        if (typeof amountRaw === "number" || isDecimalText(amountRaw)) amount = tryParseDecimal(amountRaw);
    }
    return {
        periods: readNumber(plan, "periods"),
        periodType: readString(plan, "periodType"),
        until: readString(plan, "until"),
        amount,
        currency: readString(plan, "currency"),
        note: typeof note === "string" ? note : undefined,
    };
}

/** `Subscription "db-primary" (resource "b1f0...")` — the name, and the BSS id when known. */
export function describeSubscription(name: string, props: unknown): string {
    const resourceId = readString(props, "resourceId");
    const id = typeof resourceId === "string" ? ` (resource ${quote(resourceId)})` : "";
    return `Subscription ${quote(name)}${id}`;
}

/** "3 month(s) until 2027-06-30", from whatever parts are known. */
export function describePlan(plan: PlannedRenewal): string {
    const parts: string[] = [];
    if (typeof plan.periods === "number" && typeof plan.periodType === "string") parts.push(`${plan.periods} ${plan.periodType}(s)`);
    if (typeof plan.until === "string") parts.push(`until ${plan.until}`);
    return parts.length > 0 ? parts.join(" ") : "a renewal";
}

export function isSubscription(type: string): boolean {
    return type === SUBSCRIPTION_TYPE;
}

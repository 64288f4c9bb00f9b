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
    readonly amountText: string | Unknown | undefined;
    readonly currency: string | Unknown | undefined;
    /** The provider's reason when the plan could not be priced. */
    readonly note: string | undefined;
}

/** `null` when nothing is planned, `UNKNOWN` when it cannot be known during preview. */
export function plannedRenewalOf(props: unknown): PlannedRenewal | null | Unknown {
    const plan = readProp(props, "plannedRenewal");
    if (plan === UNKNOWN) return UNKNOWN;
    if (plan === null || plan === undefined || typeof plan !== "object") return null;
    const amountRaw = readProp(plan, "amount");
    let amount: Decimal | Unknown | undefined;
    let amountText: string | Unknown | undefined;
    if (amountRaw === UNKNOWN) {
        amount = amountText = UNKNOWN;
    } else if ((typeof amountRaw === "string" && isDecimalText(amountRaw)) || (typeof amountRaw === "number" && Number.isFinite(amountRaw))) {
        amount = parseDecimal(amountRaw);
        amountText = String(amountRaw);
    }
    return {
        periods: readNumber(plan, "periods"),
        periodType: readString(plan, "periodType"),
        until: readString(plan, "until"),
        amount,
        amountText,
        currency: readString(plan, "currency"),
        note: typeof readProp(plan, "note") === "string" ? (readProp(plan, "note") as string) : undefined,
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

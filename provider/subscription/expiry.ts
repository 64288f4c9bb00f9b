/**
 * What happens at expiry. BSS keeps it in one field per resource, `expire_policy`, which the
 * auto-renew POST/DELETE and the to-on-demand SET_UP/CANCEL calls switch. A switch between the
 * two non-default states first clears the current one, then sets the new one, and the result is
 * read back.
 */
import type { OnExpiry } from "./inputs";

/** BSS expire_policy codes. */
export const EXPIRE_POLICY = {
    grace: 0,
    toPayPerUse: 1,
    delete: 2,
    autoRenew: 3,
    freeze: 4,
    deleteFromRetention: 5,
} as const;

const POLICY_NAMES: Record<number, string> = {
    0: "gracePeriod",
    1: "toPayPerUse",
    2: "delete",
    3: "autoRenew",
    4: "freeze",
    5: "deleteFromRetention",
};

export function expirePolicyName(code: number | undefined): string {
    return code === undefined ? "unknown" : (POLICY_NAMES[code] ?? `code${code}`);
}

/** The onExpiry value that BSS's expire_policy amounts to. */
export function onExpiryOf(expirePolicy: number | undefined): OnExpiry {
    if (expirePolicy === EXPIRE_POLICY.autoRenew) return "renew";
    if (expirePolicy === EXPIRE_POLICY.toPayPerUse) return "payPerUse";
    return "release";
}

export type ExpiryStep =
    | { readonly kind: "enableAutoRenew"; readonly autoRenewTimes?: number }
    | { readonly kind: "disableAutoRenew" }
    | { readonly kind: "setToOnDemand" }
    | { readonly kind: "cancelToOnDemand" };

/**
 * The calls that take a resource from its current expire_policy to `desired`, in order.
 * `autoRenewTimes` is the desired count; `previousAutoRenewTimes` what this stack last set
 * (BSS does not report it), so a changed count is sent again. An unset count is sent as 0
 * (no limit) only when it replaces an earlier limit.
 */
export function expirySteps(
    currentPolicy: number | undefined,
    desired: OnExpiry | undefined,
    autoRenewTimes?: number,
    previousAutoRenewTimes?: number,
): ExpiryStep[] {
    if (desired === undefined) return [];
    const current = onExpiryOf(currentPolicy);
    switch (desired) {
        case "renew": {
            const enable: ExpiryStep = autoRenewTimes === undefined ? { kind: "enableAutoRenew" } : { kind: "enableAutoRenew", autoRenewTimes };
            if (current === "payPerUse") return [{ kind: "cancelToOnDemand" }, enable];
            if (current === "release") return [enable];
            if (autoRenewTimes !== previousAutoRenewTimes) return [{ kind: "enableAutoRenew", autoRenewTimes: autoRenewTimes ?? 0 }];
            return [];
        }
        case "payPerUse":
            if (current === "renew") return [{ kind: "disableAutoRenew" }, { kind: "setToOnDemand" }];
            if (current === "release") return [{ kind: "setToOnDemand" }];
            return [];
        case "release":
            if (current === "renew") return [{ kind: "disableAutoRenew" }];
            if (current === "payPerUse") return [{ kind: "cancelToOnDemand" }];
            return [];
    }
}

/**
 * An enterprise world in an in-process emulator: a master account (with cash and two allocatable
 * cash coupons), two members, and an ordinary customer; a real client for the master installed as
 * the providers' client. Shared by the provider tests and the end-to-end tests.
 */
import { createBssClient } from "../../../provider/bss";
import { setClientForTesting } from "../../../provider/shared/client";
import { LogSink, setLogSink } from "../../../provider/shared/log";
import { startEmulator, RunningEmulator } from "../../../emulator";
import { billingState } from "../../../emulator/billing/state";
import type { Scenario } from "../../../emulator";

export const MASTER = { accessKey: "MASTERAK000000000001", secretKey: "master-secret-not-secret-000001", domainId: "master0domain00000000000000001" };
export const CUSTOMER = { accessKey: "CUSTOMERAK0000000001", secretKey: "customer-secret-not-secret-0001", domainId: "customer0domain000000000000001" };
export const MEMBER_A = "member0a000000000000000000000001";
export const MEMBER_B = "member0b000000000000000000000002";
export const COUPON_1 = "CPMASTER00000001";
export const COUPON_2 = "CPMASTER00000002";
/** A master coupon that is not a cash coupon (BSS only hands over cash coupons). */
export const DISCOUNT_COUPON = "CPMASTER0000000D";
export const MASTER_CASH = 10_000;

/** The provider tests run on a frozen virtual clock at this time. */
export const FROZEN_NOW = "2026-03-01T00:00:00Z";

/** The world; coupon validity is relative to `nowIso` so the scenario works on the real clock too. */
export function enterpriseScenario(nowIso: string): Scenario {
    const days = (n: number) => new Date(Date.parse(nowIso) + n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const validity = { validTime: days(-30), expireTime: days(365) };
    return {
        accounts: [
            { id: MASTER.domainId, name: "acme-master", master: true, cash: MASTER_CASH, credentials: [{ accessKey: MASTER.accessKey, secretKey: MASTER.secretKey }] },
            { id: MEMBER_A, name: "acme-team-a", masterAccountId: MASTER.domainId, cash: 0 },
            { id: MEMBER_B, name: "acme-team-b", masterAccountId: MASTER.domainId, cash: 0 },
            { id: CUSTOMER.domainId, name: "someone-else", cash: 500, credentials: [{ accessKey: CUSTOMER.accessKey, secretKey: CUSTOMER.secretKey }] },
        ],
        coupons: [
            { id: COUPON_1, accountId: MASTER.domainId, couponType: 1, faceValue: 300, ...validity },
            { id: COUPON_2, accountId: MASTER.domainId, couponType: 1, faceValue: 100, ...validity },
            { id: DISCOUNT_COUPON, accountId: MASTER.domainId, couponType: 3, faceValue: 50, discountRatio: 0.9, ...validity },
        ],
    };
}

/**
 * `frozen`: a still virtual clock (provider tests, whose client signs with the emulator's time);
 * otherwise the real clock, as a program's client signs with it (end-to-end tests).
 */
export async function startEnterpriseEmulator(clock: "frozen" | "real" = "frozen"): Promise<RunningEmulator> {
    if (clock === "frozen") return startEmulator({ port: 0, demo: false, rateLimit: 0, freezeClock: true, now: FROZEN_NOW, scenario: enterpriseScenario(FROZEN_NOW) });
    return startEmulator({ port: 0, demo: false, scenario: enterpriseScenario(new Date().toISOString()) });
}

/** Movements the emulator recorded, by kind (allocateFunds, retrieveFunds, allocateCoupon, retrieveCoupon). */
export function movements(emulator: RunningEmulator, kind?: string): { transId: string; kind: string; amount: string; customerId: string; subCouponId?: string }[] {
    return billingState(emulator.world).transfers.filter((t) => kind === undefined || t.kind === kind) as never;
}

export function cashOf(emulator: RunningEmulator, accountId: string): number {
    return emulator.world.account(accountId)!.cashBalance;
}

export interface EnterpriseFixture {
    readonly emulator: RunningEmulator;
    readonly logs: { severity: string; message: string }[];
    /** Installs a client with these credentials as the providers' client. */
    useCredentials(credentials: { accessKey: string; secretKey: string; domainId: string; site?: "cn" | "intl" | "eu" }): void;
    close(): Promise<void>;
}

export async function startEnterpriseFixture(): Promise<EnterpriseFixture> {
    const emulator = await startEnterpriseEmulator();
    const logs: { severity: string; message: string }[] = [];
    const sink: LogSink = (severity, message) => logs.push({ severity, message });
    const previousSink = setLogSink(sink);
    const useCredentials = (credentials: { accessKey: string; secretKey: string; domainId: string; site?: "cn" | "intl" | "eu" }) => {
        setClientForTesting(
            createBssClient({ endpoint: emulator.url, ...credentials, now: () => emulator.now(), requestsPerSecond: 0, retryBaseDelayMs: 1, retryMaxDelayMs: 5 }),
        );
    };
    useCredentials(MASTER);
    return {
        emulator,
        logs,
        useCredentials,
        async close() {
            setClientForTesting(undefined);
            setLogSink(previousSink);
            await emulator.close();
        },
    };
}

/**
 * The billing emulator's building blocks: exact money, cent splits of deductions, amortisation slices,
 * the 95th percentile, and the registry of group-B operations against the reference index.
 */
import assert from "node:assert/strict";
import { applyBillingScenario, billingOperations, billingState } from "../../../emulator/billing";
import { amortizeAroundMonth, amortizedInDate } from "../../../emulator/billing/amortization";
import type { BillLine } from "../../../emulator/billing/bill-line";
import { ZERO_SPLIT } from "../../../emulator/billing/bill-line";
import { datesBetween } from "../../../emulator/billing/calendar";
import { allocateProportionally, CENT, formatUnits, parseScaled, toJsonNumber, unitsOf } from "../../../emulator/billing/decimal";
import { actualDays, percentile95 } from "../../../emulator/billing/percentile";
import { centSplitOf } from "../../../emulator/billing/transactions";
import { conversionFactor } from "../../../emulator/billing/units";
import spec from "../../../emulator/spec/operations.json";
import { startBillingEmulator } from "./harness";

describe("billing money arithmetic", () => {
    it("reads amounts exactly, whatever their form", () => {
        const cases: [string | number, string][] = [
            [0.1, "0.1"],
            ["12.34567891", "12.34567891"],
            [-4595.87, "-4595.87"],
            [1e-7, "0.0000001"],
            ["123456789.12345678", "123456789.12345678"],
        ];
        for (const [input, text] of cases) assert.equal(formatUnits(unitsOf(input)), text);
        assert.equal(unitsOf(0.1) + unitsOf(0.2), unitsOf(0.3), "no binary float drift");
        assert.equal(toJsonNumber(parseScaled("505.38691200", 8)), 505.386912);
    });

    it("splits a cent total proportionally, exactly, in whole cents", () => {
        const table: [bigint, bigint[]][] = [
            [100n * CENT, [1n, 1n, 1n]],
            [1n * CENT, [5n, 5n]],
            [-7n * CENT, [-3n, -4n]],
            [999n * CENT, [0n, 0n]],
        ];
        for (const [total, weights] of table) {
            const parts = allocateProportionally(total, weights, CENT);
            assert.equal(parts.reduce((a, b) => a + b, 0n), total);
            for (const part of parts) assert.equal(part % CENT, 0n);
        }
        assert.deepEqual(allocateProportionally(100n * CENT, [1n, 1n, 1n], CENT), [34n * CENT, 33n * CENT, 33n * CENT]);
    });

    it("recovers the cents a line really deducted from its 8-decimal payment split", () => {
        const split = { ...ZERO_SPLIT, cash: unitsOf("4.995"), credit: unitsOf("10") };
        const cents = centSplitOf(split, unitsOf("14.99"));
        assert.equal(cents.cash, unitsOf("4.99"));
        assert.equal(cents.credit, unitsOf("10"));
        const spread = centSplitOf({ ...ZERO_SPLIT, cash: unitsOf("0.505"), coupon: unitsOf("0.505") }, unitsOf("1.01"));
        assert.equal(spread.cash + spread.coupon, unitsOf("1.01"), "a missing cent goes to a part that lost a fraction");
    });

    it("converts measurement units through the conversion table", () => {
        assert.deepEqual(conversionFactor(5, 4), [1n, 60n], "a minute is 1/60 hour");
        assert.deepEqual(conversionFactor(10, 12), [1048576n, 1n], "a GB is 1024 x 1024 KB");
        assert.equal(conversionFactor(4, 10), undefined, "hours are not bytes");
    });
});

describe("billing amortisation", () => {
    const line = (amount: string, start: string, end: string): BillLine =>
        ({
            id: "l",
            chargeMode: 1,
            billDate: start.slice(0, 10),
            effectiveTimeMs: Date.parse(start),
            expireTimeMs: Date.parse(end),
            amount: unitsOf(amount),
        }) as unknown as BillLine;

    it("splits a yearly charge into past + current + future exactly for every month", () => {
        const yearly = line("4850", "2026-03-01T00:00:00Z", "2027-03-01T00:00:00Z");
        for (const month of ["2026-02", "2026-03", "2026-09", "2027-02", "2027-03"]) {
            const slices = amortizeAroundMonth(yearly, yearly.amount, month);
            assert.equal(slices.past + slices.current + slices.future, yearly.amount, month);
        }
        assert.equal(amortizeAroundMonth(yearly, yearly.amount, "2026-02").future, yearly.amount);
        assert.equal(amortizeAroundMonth(yearly, yearly.amount, "2027-04").past, yearly.amount);
    });

    it("adds the days of a month up to the month, refunds included", () => {
        const refund = line("-4595.87", "2026-03-20T03:00:00Z", "2027-03-01T00:00:00Z");
        const days = datesBetween("2026-03-01", "2026-03-31").map((date) => amortizedInDate(refund, refund.amount, date));
        assert.equal(days.reduce((a, b) => a + b, 0n), amortizeAroundMonth(refund, refund.amount, "2026-03").current);
        assert.equal(days[0], 0n, "nothing before the refunded period starts");
    });

    it("counts a pay-per-use charge fully on its bill date", () => {
        const usage = { ...line("16.48", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z"), chargeMode: 3 } as BillLine;
        assert.deepEqual(amortizeAroundMonth(usage, usage.amount, "2026-03"), { past: 0n, current: usage.amount, future: 0n });
    });
});

describe("billing 95th percentile", () => {
    it("discards the top 5 % (rounded down) and counts days as samples / 288", () => {
        const values = Array.from({ length: 100 }, (_, i) => String(i + 1));
        assert.equal(percentile95(values), "95");
        assert.equal(percentile95(["7"]), "7");
        assert.equal(percentile95([]), undefined);
        assert.equal(actualDays(288 * 28), "28");
        assert.equal(actualDays(144), "0.5");
    });
});

describe("billing operation registry", () => {
    it("implements every group-B operation of the reference at its method, path, sites and caller rule", () => {
        const groupB = (spec as { operations: { name: string; group: string; method: string; path: string; sites: string[]; masterOnly: boolean }[] }).operations.filter(
            (operation) => operation.group === "B",
        );
        assert.equal(billingOperations.length, groupB.length);
        for (const operation of groupB) {
            const def = billingOperations.find((candidate) => candidate.name === operation.name);
            assert.ok(def, `${operation.name} is implemented`);
            assert.equal(`${def.method} ${def.path}`, `${operation.method} ${operation.path}`, operation.name);
            assert.deepEqual([...(def.sites ?? ["cn", "intl"])].sort(), [...operation.sites].sort(), `${operation.name} sites`);
            assert.equal(def.masterOnly === true, operation.masterOnly, `${operation.name} master-only`);
        }
    });
});

describe("billing scenario section", () => {
    it("seeds ledgers, busy windows, invoices and samples, and names a bad field", async () => {
        const harness = await startBillingEmulator({ site: "intl" });
        try {
            const world = harness.emulator.world;
            applyBillingScenario(world, {
                creditLedgers: [{ accountId: "a1", expireTime: "2026-06-01T00:00:00Z", creditLimit: 100 }],
                transferBusyUntil: { a1: "2026-03-01T01:00:00Z" },
                invoices: [{ accountId: "a1", applyTime: "2026-02-01T00:00:00Z", invoiceAmount: 12.5 }],
                usageSamples: [
                    { customerId: "a1", resourceId: "bw-1", from: "2026-02-01T00:00:00Z", to: "2026-02-01T01:00:00Z", low: 1, high: 2 },
                    { customerId: "a1", resourceId: "bw-2", samples: [["2026-02-01T00:00:00Z", "3.5"]] },
                ],
            });
            const state = billingState(world);
            assert.equal(state.creditLedgers[0].balance, 100);
            assert.equal(state.transferBusyUntil.a1, "2026-03-01T01:00:00Z");
            assert.equal(state.invoices[0].invoice.invoiceAmount, 12.5);
            assert.equal(state.usageSamples.find((series) => series.resourceId === "bw-1")!.samples.length, 12, "an hour of 5-minute samples");
            assert.equal(state.usageSamples.find((series) => series.resourceId === "bw-2")!.serviceTypeCode, "hws.service.type.vpc");
            assert.throws(() => applyBillingScenario(world, { invoices: [{ accountId: "a1", applyTime: "yesterday", invoiceAmount: 1 }] }), /applyTime/);
        } finally {
            await harness.close();
        }
    });
});

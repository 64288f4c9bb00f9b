/**
 * Pure planning of enterprise money and coupon movements, and the trans_id each one carries.
 */
import * as assert from "node:assert/strict";
import { planCouponSteps, planDeleteReclaims, afterClaim, afterReclaim, identifyClaimedChild, CouponLedger, CouponStep } from "../../../provider/sub-account-coupons/plan";
import { afterTransfer, appendRecord, FundingLedger, MAX_TRANSFER_RECORDS, pendingOf, planChange, planDeleteRetrieval, plannedOf } from "../../../provider/sub-account-funding/plan";
import { couponClaimTransId, deriveTransId, formatCents, fundingTransId, toCents, wireCents } from "../../../provider/sub-account-funding/transfer-keys";

const LEDGER: FundingLedger = { lifecycleId: "5f0c8d2e9b6a4c1d8e7f6a5b4c3d2e1f", subAccountId: "member-1", generation: 0, allocatedCents: 0n };

describe("enterprise amounts in cents", () => {
    const table: [string | number, bigint, string][] = [
        [0, 0n, "0.00"],
        ["0", 0n, "0.00"],
        [150, 15000n, "150.00"],
        ["150.5", 15050n, "150.50"],
        ["0.01", 1n, "0.01"],
        [0.3, 30n, "0.30"],
        [100.3, 10030n, "100.30"],
        ["0150.00", 15000n, "150.00"],
    ];
    for (const [input, cents, text] of table) {
        it(`${JSON.stringify(input)} is ${cents} cents, written ${text}`, () => {
            assert.equal(toCents(input), cents);
            assert.equal(formatCents(cents), text);
        });
    }

    it("refuses more than 2 decimals (BSS moves whole cents)", () => {
        assert.throws(() => toCents("1.005"), /more than 2 decimals/);
        assert.throws(() => toCents(0.001), /more than 2 decimals/);
    });

    it("reads wire balances rounded down to the cent", () => {
        assert.equal(wireCents(12.349), 1234n);
        assert.equal(wireCents("7"), 700n);
        assert.equal(wireCents(undefined), 0n);
    });
});

describe("trans_id derivation", () => {
    const base = { lifecycleId: LEDGER.lifecycleId, subAccountId: "member-1", generation: 3, direction: "allocate" as const, fromCents: 10000n, toCents: 15000n };

    it("is 32 lower-case hex digits, the shape BSS takes (max 32)", () => {
        assert.match(fundingTransId(base), /^[0-9a-f]{32}$/);
    });

    it("is the same for the same resource, generation and change (a re-run resends it)", () => {
        assert.equal(fundingTransId({ ...base }), fundingTransId(base));
    });

    const variations: [string, Partial<typeof base>][] = [
        ["another lifecycle (a re-created resource)", { lifecycleId: "0".repeat(32) }],
        ["another sub-account", { subAccountId: "member-2" }],
        ["the next generation", { generation: 4 }],
        ["the other direction", { direction: "retrieve" as never }],
        ["another starting amount", { fromCents: 10001n }],
        ["another target amount", { toCents: 15001n }],
    ];
    for (const [what, change] of variations) {
        it(`differs for ${what}`, () => {
            assert.notEqual(fundingTransId({ ...base, ...change }), fundingTransId(base));
        });
    }

    it("joins parts without ambiguity (no collision by concatenation)", () => {
        assert.notEqual(deriveTransId(["ab", "c"]), deriveTransId(["a", "bc"]));
    });

    it("separates fund and coupon keys for the same numbers", () => {
        const coupon = couponClaimTransId({ lifecycleId: base.lifecycleId, subAccountId: base.subAccountId, generation: 3, couponId: "member-1", fromCents: 10000n, toCents: 15000n });
        assert.notEqual(coupon, fundingTransId(base));
    });
});

describe("planning fund movements", () => {
    const table: { name: string; allocated: bigint; desired: bigint; expect: { direction: "allocate" | "retrieve"; amount: bigint } | undefined }[] = [
        { name: "create with an amount allocates it", allocated: 0n, desired: 50000n, expect: { direction: "allocate", amount: 50000n } },
        { name: "create with 0 moves nothing", allocated: 0n, desired: 0n, expect: undefined },
        { name: "an increase allocates the difference", allocated: 50000n, desired: 80000n, expect: { direction: "allocate", amount: 30000n } },
        { name: "a decrease retrieves the difference", allocated: 80000n, desired: 20000n, expect: { direction: "retrieve", amount: 60000n } },
        { name: "down to 0 retrieves everything", allocated: 80000n, desired: 0n, expect: { direction: "retrieve", amount: 80000n } },
        { name: "no change moves nothing", allocated: 80000n, desired: 80000n, expect: undefined },
        { name: "one cent more", allocated: 80000n, desired: 80001n, expect: { direction: "allocate", amount: 1n } },
    ];
    for (const row of table) {
        it(row.name, () => {
            const planned = planChange({ ...LEDGER, allocatedCents: row.allocated }, row.desired);
            if (!row.expect) return assert.equal(planned, undefined);
            assert.ok(planned);
            assert.equal(planned.direction, row.expect.direction);
            assert.equal(planned.amountCents, row.expect.amount);
            assert.equal(planned.fromCents, row.allocated);
            assert.equal(planned.toCents, row.desired);
        });
    }

    it("an interrupted run and its re-run plan the same trans_id", () => {
        const ledger = { ...LEDGER, generation: 2, allocatedCents: 10000n };
        assert.equal(planChange(ledger, 25000n)!.transId, planChange(ledger, 25000n)!.transId);
    });

    it("going back and forth between two amounts never reuses a key", () => {
        let ledger = LEDGER;
        const keys = new Set<string>();
        for (const target of [15000n, 10000n, 15000n, 10000n, 15000n]) {
            const planned = planChange(ledger, target)!;
            keys.add(planned.transId);
            ledger = afterTransfer(ledger, planned);
        }
        assert.equal(keys.size, 5);
        assert.equal(ledger.generation, 5);
        assert.equal(ledger.allocatedCents, 15000n);
    });

    it("a pending movement survives the round trip through state unchanged (same key, same amount)", () => {
        const planned = planChange({ ...LEDGER, generation: 7, allocatedCents: 500n }, 12345n)!;
        const stored = JSON.parse(JSON.stringify(pendingOf(planned)));
        assert.deepEqual(plannedOf(stored), planned);
    });

    it("keeps only the newest movement records", () => {
        let records: number[] = [];
        for (let i = 0; i < MAX_TRANSFER_RECORDS + 5; i++) records = appendRecord(records, i);
        assert.equal(records.length, MAX_TRANSFER_RECORDS);
        assert.equal(records[records.length - 1], MAX_TRANSFER_RECORDS + 4);
        assert.equal(records[0], 5);
    });
});

describe("planning the retrieval on delete", () => {
    const table: { name: string; allocated: bigint; retrievable: bigint; amount: bigint | undefined; shortfall: bigint }[] = [
        { name: "everything allocated comes back", allocated: 50000n, retrievable: 90000n, amount: 50000n, shortfall: 0n },
        { name: "exactly what is retrievable", allocated: 50000n, retrievable: 50000n, amount: 50000n, shortfall: 0n },
        { name: "the member spent part: only what is left", allocated: 50000n, retrievable: 20000n, amount: 20000n, shortfall: 30000n },
        { name: "the member spent everything: nothing is sent", allocated: 50000n, retrievable: 0n, amount: undefined, shortfall: 50000n },
        { name: "nothing was allocated: nothing is sent", allocated: 0n, retrievable: 90000n, amount: undefined, shortfall: 0n },
    ];
    for (const row of table) {
        it(row.name, () => {
            const { transfer, shortfallCents } = planDeleteRetrieval({ ...LEDGER, generation: 2, allocatedCents: row.allocated }, row.retrievable);
            assert.equal(transfer?.amountCents, row.amount);
            assert.equal(shortfallCents, row.shortfall);
            if (transfer) assert.equal(transfer.direction, "retrieve");
        });
    }

    it("keeps its key whatever the member can give back by then (an interrupted destroy resends it)", () => {
        const ledger = { ...LEDGER, generation: 2, allocatedCents: 50000n };
        assert.equal(planDeleteRetrieval(ledger, 50000n).transfer!.transId, planDeleteRetrieval(ledger, 30000n).transfer!.transId);
    });
});

describe("planning coupon movements", () => {
    const empty: CouponLedger = { lifecycleId: LEDGER.lifecycleId, subAccountId: "member-1", generation: 0, grants: [] };
    const held: CouponLedger = {
        ...empty,
        generation: 2,
        grants: [
            { couponId: "CP-A", amount: "100.00", subCoupons: [{ subCouponId: "SUB-A1", amount: "100.00", transId: "t1" }] },
            { couponId: "CP-B", amount: "30.00", subCoupons: [{ subCouponId: "SUB-B1", amount: "20.00", transId: "t2" }, { subCouponId: "SUB-B2", amount: "10.00", transId: "t3" }] },
        ],
    };
    const summary = (steps: CouponStep[]) => steps.map((s) => (s.kind === "claim" ? `claim ${s.couponId} ${formatCents(s.amountCents)}` : `reclaim ${s.subCouponId}`));

    const table: { name: string; ledger: CouponLedger; desired: [string, bigint][]; steps: string[] }[] = [
        { name: "new coupons are claimed in the listed order", ledger: empty, desired: [["CP-A", 10000n], ["CP-B", 500n]], steps: ["claim CP-A 100.00", "claim CP-B 5.00"] },
        { name: "nothing changes: no steps", ledger: held, desired: [["CP-A", 10000n], ["CP-B", 3000n]], steps: [] },
        { name: "an increase claims the difference", ledger: held, desired: [["CP-A", 15000n], ["CP-B", 3000n]], steps: ["claim CP-A 50.00"] },
        { name: "a decrease takes the children back, then claims the new amount", ledger: held, desired: [["CP-A", 10000n], ["CP-B", 500n]], steps: ["reclaim SUB-B1", "reclaim SUB-B2", "claim CP-B 5.00"] },
        { name: "a removed coupon takes its children back", ledger: held, desired: [["CP-B", 3000n]], steps: ["reclaim SUB-A1"] },
        { name: "reclaims go before claims", ledger: held, desired: [["CP-C", 100n]], steps: ["reclaim SUB-A1", "reclaim SUB-B1", "reclaim SUB-B2", "claim CP-C 1.00"] },
    ];
    for (const row of table) {
        it(row.name, () => {
            const steps = planCouponSteps(row.ledger, row.desired.map(([couponId, cents]) => ({ couponId, cents })));
            assert.deepEqual(summary(steps), row.steps);
        });
    }

    it("claims carry the generation they will run at, so re-planning after an interruption gives the same keys", () => {
        const desired = [{ couponId: "CP-C", cents: 100n }, { couponId: "CP-D", cents: 200n }];
        const first = planCouponSteps(held, desired);
        const again = planCouponSteps(held, desired);
        assert.deepEqual(again.map((s) => s.transId), first.map((s) => s.transId));
        const claims = first.filter((s) => s.kind === "claim") as Extract<CouponStep, { kind: "claim" }>[];
        // three reclaims run first (generations 2, 3, 4), then the claims
        assert.deepEqual(claims.map((c) => c.generation), [5, 6]);
    });

    it("a child coupon that could not be identified is never named in a reclaim", () => {
        const ledger: CouponLedger = { ...empty, grants: [{ couponId: "CP-A", amount: "10.00", subCoupons: [{ subCouponId: "", amount: "10.00", transId: "t" }] }] };
        assert.deepEqual(planDeleteReclaims(ledger), []);
    });

    it("applying the steps reaches the desired grants", () => {
        const desired = [{ couponId: "CP-A", cents: 2500n }, { couponId: "CP-C", cents: 700n }];
        let ledger = held;
        let n = 0;
        for (const step of planCouponSteps(held, desired)) {
            ledger = step.kind === "claim" ? afterClaim(ledger, step, `NEW-${n++}`) : afterReclaim(ledger, step.couponId, step.subCouponId);
        }
        assert.deepEqual(
            ledger.grants.map((g) => [g.couponId, g.amount]),
            [
                ["CP-A", "25.00"],
                ["CP-C", "7.00"],
            ],
        );
        assert.deepEqual(planCouponSteps(ledger, desired), []);
    });
});

describe("identifying the child coupon of a confirmed claim", () => {
    const known = new Set(["SUB-OLD"]);
    const table: { name: string; candidates: { couponId: string; subCouponId: string; balance: string; effectiveTime?: string }[]; expect: string | undefined; ambiguous: boolean }[] = [
        { name: "the one unknown child of the coupon", candidates: [{ couponId: "CP-A", subCouponId: "SUB-OLD", balance: "50.00" }, { couponId: "CP-A", subCouponId: "SUB-NEW", balance: "50.00" }], expect: "SUB-NEW", ambiguous: false },
        { name: "children of other coupons do not count", candidates: [{ couponId: "CP-B", subCouponId: "SUB-X", balance: "50.00" }], expect: undefined, ambiguous: false },
        {
            name: "the balance equal to the claimed amount wins",
            candidates: [{ couponId: "CP-A", subCouponId: "SUB-1", balance: "20.00" }, { couponId: "CP-A", subCouponId: "SUB-2", balance: "50.00" }],
            expect: "SUB-2",
            ambiguous: false,
        },
        {
            name: "several equal ones: the most recent, reported as ambiguous",
            candidates: [
                { couponId: "CP-A", subCouponId: "SUB-1", balance: "50.00", effectiveTime: "2026-03-01T00:00:00Z" },
                { couponId: "CP-A", subCouponId: "SUB-2", balance: "50.00", effectiveTime: "2026-03-02T00:00:00Z" },
            ],
            expect: "SUB-2",
            ambiguous: true,
        },
    ];
    for (const row of table) {
        it(row.name, () => {
            const found = identifyClaimedChild(row.candidates, "CP-A", 5000n, known);
            assert.equal(found.subCouponId, row.expect);
            assert.equal(found.ambiguous, row.ambiguous);
        });
    }
});

/**
 * The operation table against the reference copy in test/client/fixtures/bss-api: every operation of
 * both indexes has a method with the documented method, path and success status; limits match the
 * pagination tables; every operation that moves money or state is classified as mutating.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { createBssClient, lookupOperation, methodNameOf, OPERATION_NAMES, OPERATIONS, OperationName } from "../../provider/bss";
import { generateOperationsSource } from "./codegen/generate-operations";

const repo = path.resolve(__dirname, "../../..");
const referenceDir = path.join(repo, "test/client/fixtures/bss-api");

interface IndexRow {
    readonly operation: string;
    readonly method: string;
    readonly path: string;
    readonly success: string;
    readonly file: string;
}

/** Rows of the "## Index" table of a reference README. */
function readIndex(file: string): IndexRow[] {
    const text = fs.readFileSync(path.join(referenceDir, file), "utf8");
    const rows: IndexRow[] = [];
    for (const line of text.split("\n")) {
        if (!/^\| \d+ \|/.test(line)) continue;
        const cells = line.split("|").map((c) => c.trim());
        const operation = /`([A-Za-z0-9]+)`/.exec(cells[2])![1];
        const method = cells.find((c) => /^(GET|POST|PUT|DELETE)$/.test(c))!;
        const pathCell = cells.find((c) => /^`\/v/.test(c))!.replace(/`/g, "");
        const fileCell = /\(([^)]+\.yaml)\)/.exec(line)![1];
        const success = cells[cells.length - 3];
        rows.push({ operation, method, path: pathCell, success, file: fileCell });
    }
    return rows;
}

describe("operation table vs the reference", () => {
    const groupA = readIndex("README.md");
    const groupB = readIndex("README-billing.md");

    it("reads both indexes (17 subscription/order operations, 30 billing operations)", () => {
        assert.equal(groupA.length, 17);
        assert.equal(groupB.length, 30);
    });

    it("has exactly one operation per index row, nothing more", () => {
        const documented = [...groupA, ...groupB].map((r) => r.operation).sort();
        assert.deepEqual([...OPERATION_NAMES].sort(), documented);
    });

    for (const row of [...readIndex("README.md"), ...readIndex("README-billing.md")]) {
        it(`${row.operation}: ${row.method} ${row.path} answering ${row.success}`, () => {
            const def = OPERATIONS[row.operation as OperationName];
            assert.ok(def, `${row.operation} is missing`);
            assert.equal(def.method, row.method);
            assert.equal(def.path, row.path);
            assert.equal(def.reference.file, row.file);
            const documented = /^\d{3}$/.test(row.success) ? [Number(row.success)] : [200, 204];
            assert.deepEqual([...def.successStatus], documented);
        });
    }

    it("exposes every operation as a client method named in lowerCamelCase", () => {
        const client = createBssClient({ accessKey: "AKTESTTEST00000001", secretKey: "sk-test", endpoint: "http://127.0.0.1:9", domainId: "d" });
        for (const name of OPERATION_NAMES) {
            const method = methodNameOf(name);
            assert.equal(method, name[0].toLowerCase() + name.slice(1));
            assert.equal(typeof (client as unknown as Record<string, unknown>)[method], "function", method);
            assert.equal(lookupOperation(method)?.name, name);
        }
        const named = client as unknown as Record<string, unknown>;
        for (const method of ["listPayPerUseCustomerResources", "renewalResources", "payOrders", "autoRenewalResources", "cancelAutoRenewalResources", "updatePeriodToOnDemand", "listRenewRateOnPeriod"]) {
            assert.equal(typeof named[method], "function", method);
        }
    });

    it("is generated from the reference copy (regenerating gives the committed file)", () => {
        const committed = fs.readFileSync(path.join(repo, "provider/bss/operations/generated.ts"), "utf8");
        assert.equal(generateOperationsSource(referenceDir), committed, "run: node dist/test/client/codegen/generate-operations.js");
    });

    it("puts each parameter where the reference says (path, query, header, body)", () => {
        for (const name of OPERATION_NAMES) {
            const def = OPERATIONS[name];
            const doc = yaml.load(fs.readFileSync(path.join(referenceDir, def.reference.file), "utf8")) as Record<string, any>;
            const r = doc.request ?? {};
            const expected = { path: [] as string[], query: [] as string[], header: [] as string[], body: [] as string[] };
            if (Array.isArray(r.parameters)) for (const p of r.parameters) expected[p.in as "path"].push(p.name);
            if (r.body && typeof r.body === "object" && !Array.isArray(r.body)) for (const f of r.types?.[r.body.type]?.fields ?? []) expected.body.push(f.name);
            for (const p of r.path_params ?? []) expected.path.push(p.name);
            for (const p of r.query ?? []) expected.query.push(p.name);
            for (const p of r.headers ?? []) expected.header.push(p.name);
            if (Array.isArray(r.body)) for (const f of r.body) expected.body.push(f.name);
            assert.deepEqual([...def.pathParams].sort(), expected.path.sort(), `${name} path`);
            assert.deepEqual([...def.queryParams].sort(), expected.query.sort(), `${name} query`);
            assert.deepEqual([...def.headerParams].sort(), expected.header.sort(), `${name} headers`);
            assert.deepEqual([...def.bodyParams].sort(), expected.body.sort(), `${name} body`);
        }
    });

    it("pages with the maximum limits of the reference's pagination tables", () => {
        const billing = yaml.load(fs.readFileSync(path.join(referenceDir, "billing-common.yaml"), "utf8")) as { pagination: { max_limits: Record<string, number | string> } };
        const expected: Record<string, number> = { ListCustomerOrders: 100, ShowCustomerOrderDetails: 100, ListPayPerUseCustomerResources: 500, ListSubCustomerCoupons: 100 };
        for (const [op, limit] of Object.entries(billing.pagination.max_limits)) expected[op] = parseInt(String(limit), 10);
        for (const [op, limit] of Object.entries(expected)) {
            assert.equal(OPERATIONS[op as OperationName].paging?.limitMax, limit, op);
        }
        assert.equal(OPERATIONS.ListCosts.paging?.offsetMax, 200000);
        assert.equal(OPERATIONS.ListFreeResourceInfos.paging?.offsetMax, 999999);
        // 1-based page numbers only for the legacy v1.0 records and intl invoices; record offsets elsewhere.
        const pageNumbered = OPERATION_NAMES.filter((n) => OPERATIONS[n].paging?.style === "page-number").sort();
        assert.deepEqual(pageNumbered, ["ListInvoices", "QueryResRecordsV1"]);
        assert.equal(OPERATIONS.ListSubCustomerCoupons.paging?.totalField, "count");
        assert.equal(OPERATIONS.ListPayPerUseCustomerResources.paging?.itemsField, "data");
    });

    it("classifies every operation that moves money or state as mutating, and nothing else", () => {
        const moneyOrState = [
            "RenewalResources", // renew
            "PayOrders", // pay
            "CancelResourcesSubscription", // unsubscribe
            "CancelCustomerOrder", // cancel order
            "AutoRenewalResources", // auto-renew on
            "CancelAutoRenewalResources", // auto-renew off
            "UpdatePeriodToOnDemand", // to-on-demand
            "SetResourcesRenewConfig", // renew config
            "CreateEnterpriseProjectAuth", // enterprise project auth
            "UpdateSubEnterpriseAmount", // fund allocation
            "ReclaimSubEnterpriseAmount", // fund retrieval
            "ClaimEnterpriseMultiAccountCoupon", // coupon allocation
            "ReclaimEnterpriseMultiAccountCoupon", // coupon retrieval
        ].sort();
        const mutating = OPERATION_NAMES.filter((n) => OPERATIONS[n].effect === "mutating").sort();
        assert.deepEqual(mutating, moneyOrState);
        for (const name of OPERATION_NAMES) if (OPERATIONS[name].method === "GET") assert.equal(OPERATIONS[name].effect, "read", name);
        const keyed = OPERATION_NAMES.filter((n) => OPERATIONS[n].idempotencyKey === "trans_id").sort();
        assert.deepEqual(keyed, ["ClaimEnterpriseMultiAccountCoupon", "ReclaimEnterpriseMultiAccountCoupon", "ReclaimSubEnterpriseAmount", "UpdateSubEnterpriseAmount"]);
    });
});

/**
 * Drives the emulator's billing operations over loopback HTTP, signed like the real client, and checks
 * responses against the reference's documented response fields. Also builds the "month of activity"
 * the bill and cost views are reconciled over.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import assert from "node:assert/strict";
import { load } from "js-yaml";
import { request } from "undici";
import { startEmulator, RunningEmulator, EmulatorOptions } from "../../../emulator";
import { createRenewalOrder, unsubscribe } from "../../../emulator/domain/orders";
import { payOrder } from "../../../emulator/domain/payment";
import type { Resource } from "../../../emulator/model";
import { signRequest, QueryPair } from "../../../provider/bss/signer";

export const REFERENCE_DIR = path.resolve(__dirname, "../../../../test/client/fixtures/bss-api");

export interface Credentials {
    readonly accessKey: string;
    readonly secretKey: string;
}

export interface CallOptions {
    readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string>>;
    readonly as?: Credentials;
}

export interface Reply {
    readonly status: number;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly body: any;
}

export interface BillingHarness {
    readonly emulator: RunningEmulator;
    call(method: string, path: string, options?: CallOptions): Promise<Reply>;
    close(): Promise<void>;
}

export async function startBillingEmulator(options: EmulatorOptions = {}): Promise<BillingHarness> {
    const emulator = await startEmulator({ port: 0, host: "127.0.0.1", demo: false, rateLimit: 0, freezeClock: true, now: "2026-03-01T00:00:00Z", ...options });
    return {
        emulator,
        async call(method, urlPath, callOptions = {}) {
            const credentials = callOptions.as ?? emulator.defaultCredential;
            const query: QueryPair[] = Object.entries(callOptions.query ?? {})
                .filter(([, value]) => value !== undefined)
                .map(([name, value]) => [name, String(value)] as const);
            const body = callOptions.body === undefined ? "" : JSON.stringify(callOptions.body);
            const signed = signRequest({
                method,
                url: emulator.url + urlPath,
                query,
                headers: { "Content-Type": "application/json", ...callOptions.headers },
                body,
                accessKey: credentials.accessKey,
                secretKey: credentials.secretKey,
                date: emulator.now(),
            });
            const response = await request(signed.url, { method: method as "GET", headers: signed.headers, body: body === "" ? undefined : body });
            const text = await response.body.text();
            return { status: response.statusCode, body: text === "" ? undefined : JSON.parse(text) };
        },
        close: () => emulator.close(),
    };
}

// ------------------------------------------------------------------ reference response shapes

interface FieldSpec {
    readonly name?: string;
    readonly type: string;
    readonly fields?: readonly FieldSpec[];
    readonly items?: FieldSpec;
}

interface OperationFile {
    readonly operation: string;
    readonly response: { readonly body: readonly FieldSpec[] };
}

let operationFiles: Map<string, OperationFile> | undefined;

/** The documented response body fields of an operation (by SDK name). */
export function responseFields(operation: string): readonly FieldSpec[] {
    if (!operationFiles) {
        operationFiles = new Map();
        for (const file of fs.readdirSync(REFERENCE_DIR)) {
            if (!file.endsWith(".yaml") || file.includes("common")) continue;
            const parsed = load(fs.readFileSync(path.join(REFERENCE_DIR, file), "utf8")) as OperationFile;
            if (parsed?.operation) operationFiles.set(parsed.operation, parsed);
        }
    }
    const file = operationFiles.get(operation);
    assert.ok(file, `no reference file for ${operation}`);
    return file.response.body ?? [];
}

function checkValue(value: unknown, spec: FieldSpec, where: string): void {
    if (value === null) assert.fail(`${where} is null (absent values must be omitted)`);
    switch (spec.type) {
        case "string":
            assert.equal(typeof value, "string", `${where} must be a string, got ${JSON.stringify(value)}`);
            return;
        case "integer":
            assert.ok(Number.isInteger(value), `${where} must be an integer, got ${JSON.stringify(value)}`);
            return;
        case "number":
            assert.equal(typeof value, "number", `${where} must be a number, got ${JSON.stringify(value)}`);
            return;
        case "boolean":
            assert.equal(typeof value, "boolean", `${where} must be a boolean`);
            return;
        case "array of string":
            assert.ok(Array.isArray(value) && value.every((item) => typeof item === "string"), `${where} must be an array of strings`);
            return;
        case "array":
            assert.ok(Array.isArray(value), `${where} must be an array`);
            value.forEach((item, index) => checkValue(item, spec.items ?? { type: "object" }, `${where}[${index}]`));
            return;
        case "object":
            assert.ok(typeof value === "object" && !Array.isArray(value), `${where} must be an object`);
            checkObject(value as Record<string, unknown>, spec.fields ?? [], where);
            return;
        default:
            assert.fail(`${where}: unknown documented type ${spec.type}`);
    }
}

function checkObject(value: Record<string, unknown>, fields: readonly FieldSpec[], where: string): void {
    for (const [key, member] of Object.entries(value)) {
        const spec = fields.find((field) => field.name === key);
        assert.ok(spec, `${where ? where + "." : ""}${key} is not a documented response field`);
        checkValue(member, spec, where ? `${where}.${key}` : key);
    }
}

/** Every field of `body` is documented for `operation`, with the documented type; `required` names must be present. */
export function assertDocumentedShape(operation: string, body: unknown, required: readonly string[] = []): void {
    assert.ok(body && typeof body === "object", `${operation}: the body must be a JSON object`);
    checkObject(body as Record<string, unknown>, responseFields(operation), "");
    for (const name of required) assert.ok(name in (body as Record<string, unknown>), `${operation}: ${name} is missing`);
}

/** Exact decimal of a JSON number or decimal string, as units of 1e-8 (no float arithmetic in sums). */
export function units(value: unknown): bigint {
    const text = typeof value === "number" ? String(value) : String(value ?? "0");
    assert.ok(!/e/i.test(text), `unexpected exponent in amount ${text}`);
    const match = /^(-)?(\d+)(?:\.(\d{0,8}))?$/.exec(text);
    assert.ok(match, `not a decimal with at most 8 decimals: ${text}`);
    const magnitude = BigInt(match[2]) * 100000000n + BigInt((match[3] ?? "").padEnd(8, "0"));
    return match[1] ? -magnitude : magnitude;
}

export function sumUnits(values: readonly unknown[]): bigint {
    return values.reduce<bigint>((sum, value) => sum + units(value), 0n);
}

/** Every record of a paged list operation (record offsets), following total_count. */
export async function allPages(
    harness: BillingHarness,
    fetchPage: (offset: number, limit: number) => Promise<Reply>,
    listName: string,
    limit = 7,
): Promise<Record<string, unknown>[]> {
    const records: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += limit) {
        const reply = await fetchPage(offset, limit);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        const page = reply.body[listName] as Record<string, unknown>[];
        records.push(...page);
        if (records.length >= reply.body.total_count || page.length === 0) {
            assert.equal(records.length, reply.body.total_count, `${listName}: pages add up to total_count`);
            return records;
        }
        assert.equal(page.length, limit, `${listName}: a page before the last is full`);
    }
}

// ------------------------------------------------------------------ a month of activity

export interface MonthOfActivity {
    readonly month: string;
    readonly server: Resource;
    readonly database: Resource;
    readonly payPerUse: Resource;
    readonly convertedDisk: Resource;
    readonly autoRenewed: Resource;
    readonly couponId: string;
}

/**
 * March 2026 (Beijing time) of one account: new purchases (ECS with a disk, a yearly RDS, an auto-renewing
 * DCS), a renewal paid partly with a coupon, an auto-renewal, a yearly RDS unsubscribed (refund), a disk
 * converted to pay-per-use at expiry and a pay-per-use ECS accruing daily usage whose cents get erased.
 * The clock starts at 2026-03-01T00:00:00Z and ends at 2026-04-01T00:00:00Z.
 */
export function buildMonthOfActivity(harness: BillingHarness, accountId?: string): MonthOfActivity {
    const emulator = harness.emulator;
    const world = emulator.world;
    const customerId = accountId ?? emulator.defaultCredential.domainId;
    const context = (by: string) => ({ nowIso: emulator.nowIso(), userName: "billing-test", by });
    const coupon = emulator.addCoupon({ accountId: customerId, faceValue: 30, couponType: 1 });

    const server = emulator.addResource({
        accountId: customerId,
        name: "web-01",
        kind: "ecs",
        periodType: "month",
        charge: true,
        tags: { team: "web" },
        attached: [{ name: "web-01-disk", kind: "evs", specSize: 40 }],
    });
    const database = emulator.addResource({ accountId: customerId, name: "db-01", kind: "rds", periodType: "year", charge: true });
    const autoRenewed = emulator.addResource({
        accountId: customerId,
        name: "cache-01",
        kind: "dcs",
        periodType: "month",
        effectiveTime: "2026-02-15T00:00:00Z",
        expireTime: "2026-03-15T00:00:00Z",
        expirePolicy: 3,
        charge: true,
    });
    const convertedDisk = emulator.addResource({
        accountId: customerId,
        name: "archive",
        kind: "evs",
        resourceSpecCode: "SATA",
        specSize: 333,
        periodType: "month",
        effectiveTime: "2026-02-10T00:00:00Z",
        expireTime: "2026-03-10T00:00:00Z",
        expirePolicy: 1,
    });
    const payPerUse = emulator.addResource({
        accountId: customerId,
        name: "batch-01",
        kind: "ecs",
        resourceSpecCode: "c6.xlarge.2.linux",
        billingMode: "onDemand",
        enterpriseProjectId: "ep-batch",
        enterpriseProjectName: "batch",
    });

    emulator.setClock("2026-03-10T06:00:00Z");
    const renewal = createRenewalOrder(world, customerId, [world.resource(server.resourceId)!], 2, 1, context("RenewalResources"));
    assert.ok(renewal, "the server can be renewed by a month");
    payOrder(world, renewal, context("PayOrders"), { couponIds: [coupon.id] }, "CBC.99005003");

    emulator.setClock("2026-03-20T03:00:00Z");
    const refund = unsubscribe(world, customerId, [world.resource(database.resourceId)!], 1, context("CancelResourcesSubscription"));
    assert.ok("orderId" in refund, "the database can be unsubscribed");

    emulator.setClock("2026-04-01T00:00:00Z");
    return { month: "2026-03", server, database, payPerUse, convertedDisk, autoRenewed, couponId: coupon.id };
}

/** Pacer timing (fake clock), backoff and the retry policy per operation effect. */
import * as assert from "node:assert/strict";
import {
    AmbiguousOutcomeError,
    backoffDelay,
    BssError,
    classifyBssError,
    decideRetry,
    DEFAULT_RETRY_POLICY,
    NetworkError,
    Pacer,
    parseRetryAfter,
    sharedPacer,
    Timer,
} from "../../provider/bss";

/** A clock that only moves when sleeping: sleep(ms) advances time by ms. */
function fakeTimer(): Timer & { readonly sleeps: number[] } {
    let now = 0;
    const sleeps: number[] = [];
    return {
        sleeps,
        now: () => now,
        sleep: async (ms: number) => {
            sleeps.push(ms);
            now += ms;
        },
    };
}

describe("pacer", () => {
    it("spaces requests 1000/rate ms apart (8/s -> 125 ms)", () => {
        const timer = fakeTimer();
        const pacer = new Pacer(8, 1, timer);
        const waits = Array.from({ length: 5 }, () => pacer.reserve());
        assert.deepEqual(waits, [0, 125, 250, 375, 500]);
    });

    it("never lets more than `rate` requests start in any one-second window, whatever the concurrency", async () => {
        for (const [rate, burst] of [[8, 1], [10, 1], [8, 3], [3, 2], [10, 10], [30, 30]] as const) {
            let now = 0;
            const timer: Timer = { now: () => now, sleep: async () => undefined };
            const pacer = new Pacer(rate, burst, timer);
            // 200 callers arrive at once, then more arrive while time passes.
            const starts: number[] = [];
            for (let i = 0; i < 200; i++) starts.push(now + pacer.reserve());
            now = 5000;
            for (let i = 0; i < 50; i++) starts.push(now + pacer.reserve());
            starts.sort((a, b) => a - b);
            for (let i = 0; i < starts.length; i++) {
                const inWindow = starts.filter((t) => t >= starts[i] && t < starts[i] + 1000).length;
                // A burst of a second's worth (the client's default) keeps within the rate itself.
                const allowed = burst === rate ? rate : rate + burst - 1;
                assert.ok(inWindow <= allowed, `rate ${rate} burst ${burst}: ${inWindow} starts within 1 s from ${starts[i]}`);
            }
            // ... and keeps the pace: 250 requests take about 250/rate seconds.
            assert.ok(starts[starts.length - 1] >= ((250 - burst) / rate) * 1000 - 1);
        }
    });

    it("allows a burst back to back, then the next burst once the first leaves the window", () => {
        const pacer = new Pacer(10, 3, fakeTimer());
        assert.deepEqual(Array.from({ length: 7 }, () => pacer.reserve()), [0, 0, 0, 330, 330, 330, 660]);
    });

    it("refills while idle: after a pause the next request goes at once", async () => {
        const timer = fakeTimer();
        const pacer = new Pacer(4, 1, timer);
        await pacer.acquire();
        await pacer.acquire();
        assert.deepEqual(timer.sleeps, [250]);
        await timer.sleep(10_000);
        assert.equal(pacer.reserve(), 0);
    });

    it("rate 0 means unpaced", () => {
        const pacer = new Pacer(0, 1, fakeTimer());
        assert.deepEqual(Array.from({ length: 100 }, () => pacer.reserve()).filter((w) => w > 0), []);
    });

    it("is shared per key (endpoint + account + operation) within the process", () => {
        const timer = fakeTimer();
        const a = sharedPacer("http://x|ak:1|RenewalResources", 8, 1, timer);
        assert.equal(sharedPacer("http://x|ak:1|RenewalResources", 8, 1, timer), a);
        assert.notEqual(sharedPacer("http://x|ak:1|PayOrders", 8, 1, timer), a);
        assert.notEqual(sharedPacer("http://x|ak:2|RenewalResources", 8, 1, timer), a);
    });

    it("slows down by 30% at each throttled answer, not below a tenth, and wins the rate back with successes", () => {
        const timer = fakeTimer();
        const pacer = new Pacer(10, 1, timer);
        pacer.throttled();
        assert.equal(pacer.rate, 7);
        pacer.reserve();
        assert.equal(Math.round(pacer.reserve()), Math.round(1000 / 7), "the next request waits 1/7 s");
        for (let i = 0; i < 20; i++) pacer.throttled();
        assert.equal(pacer.rate, 1, "never below a tenth of the configured rate");
        for (let i = 0; i < 44; i++) pacer.succeeded();
        assert.ok(pacer.rate > 9.7 && pacer.rate < 10, `${pacer.rate}`);
        for (let i = 0; i < 5; i++) pacer.succeeded();
        assert.equal(pacer.rate, 10, "never above the configured rate");
    });

    it("refuses nonsense rates", () => {
        assert.throws(() => new Pacer(-1, 1, fakeTimer()), RangeError);
        assert.throws(() => new Pacer(5, 0, fakeTimer()), RangeError);
    });
});

describe("backoff", () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

    it("grows exponentially with jitter between half and the whole step, capped", () => {
        assert.equal(backoffDelay(1, policy, () => 0), 50);
        assert.equal(backoffDelay(1, policy, () => 1), 100);
        assert.equal(backoffDelay(3, policy, () => 0), 200);
        assert.equal(backoffDelay(3, policy, () => 1), 400);
        assert.equal(backoffDelay(10, policy, () => 1), 1000);
        const spread = new Set(Array.from({ length: 50 }, () => Math.round(backoffDelay(2, policy))));
        assert.ok(spread.size > 10, "jitter spreads retries");
    });

    it("reads Retry-After as seconds or an HTTP date", () => {
        assert.equal(parseRetryAfter("2", 0), 2000);
        assert.equal(parseRetryAfter("0.5", 0), 500);
        const now = Date.parse("2026-01-01T00:00:00Z");
        assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000);
        assert.equal(parseRetryAfter(undefined, now), undefined);
        assert.equal(parseRetryAfter("soon", now), undefined);
    });
});

describe("retry policy", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3 };
    const throttled = classifyBssError({ httpStatus: 429, code: "CBC.0250" });
    const server = classifyBssError({ httpStatus: 500, code: "CBC.0999" });
    const badGateway = classifyBssError({ httpStatus: 502 });
    const dropped = new NetworkError("dropped", { sent: true, code: "NET.UND_ERR_SOCKET" });
    const refused = new NetworkError("refused", { sent: false, code: "NET.ECONNREFUSED" });
    const invalid = classifyBssError({ httpStatus: 400, code: "CBC.0100" });
    const locked = classifyBssError({ httpStatus: 400, code: "CBC.99003100" });

    const TABLE: [effect: "read" | "mutating", keyed: boolean, error: BssError, expected: "retry" | "fail" | "ambiguous"][] = [
        ["read", false, throttled, "retry"],
        ["read", false, server, "retry"],
        ["read", false, badGateway, "retry"],
        ["read", false, dropped, "retry"],
        ["read", false, refused, "retry"],
        ["read", false, invalid, "fail"],
        ["read", false, locked, "fail"],
        ["mutating", false, throttled, "retry"],
        ["mutating", false, refused, "retry"],
        ["mutating", false, server, "ambiguous"],
        ["mutating", false, badGateway, "ambiguous"],
        ["mutating", false, dropped, "ambiguous"],
        ["mutating", false, invalid, "fail"],
        ["mutating", false, locked, "fail"],
        ["mutating", true, server, "retry"],
        ["mutating", true, dropped, "retry"],
        ["mutating", true, throttled, "retry"],
        ["mutating", true, invalid, "fail"],
    ];
    for (const [effect, keyed, error, expected] of TABLE) {
        it(`${effect}${keyed ? " with trans_id" : ""}: ${error.code} -> ${expected}`, () => {
            assert.equal(decideRetry({ effect, hasIdempotencyKey: keyed, error, retriesSoFar: 0, policy }).action, expected);
        });
    }

    it("stops after maxRetries", () => {
        assert.equal(decideRetry({ effect: "read", hasIdempotencyKey: false, error: server, retriesSoFar: 3, policy }).action, "fail");
        assert.equal(decideRetry({ effect: "read", hasIdempotencyKey: false, error: server, retriesSoFar: 2, policy }).action, "retry");
    });

    it("waits at least Retry-After, and gives up when the server asks for longer than retryMaxDelayMs", () => {
        const slow = classifyBssError({ httpStatus: 429, code: "CBC.0250", retryAfterMs: 5000 });
        const d = decideRetry({ effect: "read", hasIdempotencyKey: false, error: slow, retriesSoFar: 0, policy, random: () => 0 });
        assert.deepEqual(d, { action: "retry", delayMs: 5000 });
        const tooSlow = classifyBssError({ httpStatus: 429, code: "CBC.0250", retryAfterMs: 60_000 });
        assert.equal(decideRetry({ effect: "read", hasIdempotencyKey: false, error: tooSlow, retriesSoFar: 0, policy }).action, "fail");
    });

    it("AmbiguousOutcomeError is a BssError carrying the request and when it was sent", () => {
        const e = new AmbiguousOutcomeError("x", { operation: "PayOrders", request: { order_id: "o" }, sentAt: new Date(0), attempts: 1 });
        assert.ok(e instanceof BssError);
        assert.equal(e.name, "AmbiguousOutcomeError");
        assert.deepEqual(e.request, { order_id: "o" });
    });
});

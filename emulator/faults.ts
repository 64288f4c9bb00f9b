/**
 * Fault injection per operation (or "*" for all): added latency, 500 CBC.0999, 503, 429 throttling, and
 * "commit then drop" (the change is applied, then the connection is destroyed without a response).
 * Each rule fires with a probability (seeded, so runs repeat) or for the next `count` matching requests.
 */
import { z } from "zod";
import { Random } from "./random";

export const FAULT_KINDS = ["latency", "error500", "error503", "throttle", "commitThenDrop"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const KIND_ALIASES: Readonly<Record<string, FaultKind>> = {
    latency: "latency",
    delay: "latency",
    error500: "error500",
    "500": "error500",
    "5xx": "error500",
    error503: "error503",
    "503": "error503",
    throttle: "throttle",
    "429": "throttle",
    commitThenDrop: "commitThenDrop",
    "commit-then-drop": "commitThenDrop",
    drop: "commitThenDrop",
};

const ruleSchema = z
    .object({
        operation: z.string().min(1).default("*"),
        kind: z.string().refine((k) => k in KIND_ALIASES, { message: `kind must be one of ${FAULT_KINDS.join(", ")}` }),
        probability: z.number().min(0).max(1).optional(),
        count: z.number().int().min(0).optional(),
        latencyMs: z.number().int().min(0).optional(),
    })
    .refine((r) => r.probability !== undefined || r.count !== undefined, { message: "a fault rule needs probability or count" });

export const faultSpecSchema = z.union([
    z.object({ seed: z.number().int().optional(), rules: z.array(ruleSchema) }),
    z.array(ruleSchema).transform((rules) => ({ seed: undefined as number | undefined, rules })),
]);

export interface FaultRule {
    readonly operation: string;
    readonly kind: FaultKind;
    readonly probability?: number;
    /** Remaining firings (decremented). */
    count?: number;
    readonly latencyMs?: number;
}

export interface FaultSpec {
    readonly seed?: number;
    readonly rules: readonly { operation?: string; kind: string; probability?: number; count?: number; latencyMs?: number }[];
}

export interface FaultDecision {
    /** Total added latency. */
    readonly latencyMs: number;
    /** The failure to produce, if any. */
    readonly kind?: Exclude<FaultKind, "latency">;
}

export class FaultInjector {
    private rules: FaultRule[] = [];
    private random: Random;

    constructor(
        private readonly defaultSeed: number,
        private readonly baseLatencyMs = 0,
    ) {
        this.random = new Random(defaultSeed);
    }

    /** Replaces the rules (throws a zod error on a bad spec). */
    set(spec: FaultSpec | FaultSpec["rules"]): void {
        const parsed = faultSpecSchema.parse(spec);
        this.rules = parsed.rules.map((r) => ({ operation: r.operation, kind: KIND_ALIASES[r.kind], probability: r.probability, count: r.count, latencyMs: r.latencyMs }));
        this.random = new Random(parsed.seed ?? this.defaultSeed);
    }

    clear(): void {
        this.rules = [];
    }

    describe(): { rules: FaultRule[]; baseLatencyMs: number } {
        return { rules: this.rules.map((r) => ({ ...r })), baseLatencyMs: this.baseLatencyMs };
    }

    /** Decides what happens to one request of `operation` (consumes counts and random draws). */
    decide(operation: string): FaultDecision {
        let latencyMs = this.baseLatencyMs;
        let kind: FaultDecision["kind"];
        for (const rule of this.rules) {
            if (rule.operation !== "*" && rule.operation !== operation) continue;
            if (kind && rule.kind !== "latency") continue;
            let fires: boolean;
            if (rule.count !== undefined) {
                fires = rule.count > 0;
                if (fires) rule.count -= 1;
            } else {
                fires = this.random.next() < (rule.probability ?? 0);
            }
            if (!fires) continue;
            if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 1000;
            else kind = rule.kind;
        }
        return { latencyMs, kind };
    }
}

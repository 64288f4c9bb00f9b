/**
 * An emulator in this process and a real client pointed at it, installed as the providers'
 * client: the provider modules are driven directly (check/diff/create/read/update/delete) the way
 * the dynamic-provider server calls them, without the CLI.
 */
import { createBssClient } from "../../provider/bss";
import { setClientForTesting } from "../../provider/shared/client";
import { LogSink, setLogSink } from "../../provider/shared/log";
import { startEmulator, RunningEmulator, EmulatorOptions } from "../../emulator";
import { formatUtc } from "../../emulator/time";

export interface Fixture {
    readonly emulator: RunningEmulator;
    readonly logs: { severity: string; message: string }[];
    /** Requests by operation since the last reset. */
    calls(operation?: string): number;
    resetCalls(): void;
    /** Starts over as a new provider process would: no snapshot, no queues (same client). */
    newProcess(): void;
    /** Mutating requests seen since the last reset. */
    mutatingCalls(): Record<string, number>;
    /** An ISO time `days` after the emulator's now, rounded to the hour. */
    inDays(days: number): string;
    close(): Promise<void>;
}

export const MUTATING_OPERATIONS = [
    "RenewalResources",
    "CancelResourcesSubscription",
    "AutoRenewalResources",
    "CancelAutoRenewalResources",
    "UpdatePeriodToOnDemand",
    "PayOrders",
    "CancelCustomerOrder",
    "SetResourcesRenewConfig",
    "CreateEnterpriseProjectAuth",
];

export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
    const emulator = await startEmulator({ port: 0, demo: false, rateLimit: 0, freezeClock: true, now: "2026-03-01T00:00:00Z", ...options });
    const credential = emulator.defaultCredential;
    const client = createBssClient({
        endpoint: emulator.url,
        accessKey: credential.accessKey,
        secretKey: credential.secretKey,
        domainId: credential.domainId,
        now: () => emulator.now(),
        requestsPerSecond: 0,
        retryBaseDelayMs: 1,
    });
    setClientForTesting(client);
    const logs: { severity: string; message: string }[] = [];
    const sink: LogSink = (severity, message) => logs.push({ severity, message });
    const previousSink = setLogSink(sink);
    emulator.resetCalls();
    return {
        emulator,
        logs,
        calls(operation) {
            const counts = emulator.calls();
            return operation ? (counts.byOperation[operation] ?? 0) : counts.total;
        },
        resetCalls: () => emulator.resetCalls(),
        newProcess: () => setClientForTesting(client),
        mutatingCalls() {
            const counts = emulator.calls().byOperation;
            return Object.fromEntries(MUTATING_OPERATIONS.filter((op) => counts[op]).map((op) => [op, counts[op]]));
        },
        inDays(days) {
            return formatUtc(Math.floor((emulator.now().getTime() + days * 86_400_000) / 3_600_000) * 3_600_000);
        },
        async close() {
            setClientForTesting(undefined);
            setLogSink(previousSink);
            await emulator.close();
        },
    };
}

/**
 * Starts the emulator for the data-source tests and builds a client bound to its virtual clock
 * (the emulator checks X-Sdk-Date against its own time).
 */
import { BssClient, createBssClient, resolveClientOptions } from "../../provider/bss";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";

export interface TestEmulator {
    readonly emulator: RunningEmulator;
    readonly client: BssClient;
    clientFor(accessKey: string, secretKey: string, domainId?: string): BssClient;
    close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions): Promise<TestEmulator> {
    const emulator = await startEmulator({ port: 0, host: "127.0.0.1", freezeClock: true, rateLimit: 0, ...options });
    const clients: BssClient[] = [];
    const clientFor = (accessKey: string, secretKey: string, domainId?: string) => {
        const client = createBssClient(
            resolveClientOptions({
                options: { accessKey, secretKey, domainId, endpoint: emulator.url, site: emulator.site, requestsPerSecond: 0, now: () => emulator.now() },
            }),
        );
        clients.push(client);
        return client;
    };
    const { accessKey, secretKey, domainId } = emulator.defaultCredential;
    const client = clientFor(accessKey, secretKey, domainId);
    return {
        emulator,
        client,
        clientFor,
        async close() {
            await Promise.all(clients.map((c) => c.close()));
            await emulator.close();
        },
    };
}

/** Starts the project's BSS emulator on loopback and makes clients for it (no HTTP mocks). */
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../../emulator";
import { BssClient, ClientOptions, createBssClient } from "../../../provider/bss";

export interface EmulatorFixture {
    readonly emulator: RunningEmulator;
    /** A client on the emulator with the default customer credentials, its clock and fast retries. */
    client(options?: ClientOptions): BssClient;
    close(): Promise<void>;
}

export async function startFixture(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
    const emulator = await startEmulator({ port: 0, host: "127.0.0.1", ...options });
    const clients: BssClient[] = [];
    return {
        emulator,
        client(options: ClientOptions = {}) {
            const hasCredentials = options.accessKey || options.authToken || options.password;
            const client = createBssClient({
                ...(hasCredentials ? {} : { accessKey: emulator.defaultCredential.accessKey, secretKey: emulator.defaultCredential.secretKey }),
                endpoint: emulator.url,
                now: () => emulator.now(),
                retryBaseDelayMs: 5,
                retryMaxDelayMs: 2000,
                ...options,
            });
            clients.push(client);
            return client;
        },
        async close() {
            await Promise.all(clients.map((c) => c.close()));
            await emulator.close();
        },
    };
}

export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of iterator) out.push(item);
    return out;
}

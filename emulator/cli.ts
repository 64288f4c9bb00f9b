/**
 * `npm run emulator -- --port <n|0> [--host 127.0.0.1] [--site cn|intl] [--now <ISO-8601>]
 *   [--credential <AK>:<SK>:<domainId>[:master]]... [--scenario <file>] [--state <file>]
 *   [--rate-limit <per-second>] [--latency <ms>] [--seed <n>] [--generate <resourceCount>]
 *   [--freeze-clock] [--no-demo] [--usage-lines day|month] [--throttle-response cbc|gateway] [--ak-lockout]`
 * Prints exactly one line `huaweicloud-bss-emulator listening on http://127.0.0.1:<port>` when ready;
 * saves the --state file and exits on SIGINT/SIGTERM.
 */
import { startEmulator } from "./index";
import type { EmulatorOptions } from "./index";
import type { Site } from "./model";

const USAGE =
    "usage: emulator --port <n|0> [--host 127.0.0.1] [--site cn|intl] [--now <ISO-8601>] " +
    "[--credential <AK>:<SK>:<domainId>[:master]]... [--scenario <file>] [--state <file>] [--rate-limit <per-second>] " +
    "[--latency <ms>] [--seed <n>] [--generate <resourceCount>] [--freeze-clock] [--no-demo] [--usage-lines day|month] [--throttle-response cbc|gateway] [--ak-lockout]";

class UsageError extends Error {}

function nonNegativeInteger(flag: string, text: string): number {
    if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a non-negative integer, got "${text}"`);
    return Number(text);
}

export function parseArguments(argv: readonly string[]): EmulatorOptions {
    const options: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } = {};
    const credentials: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined) throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--port":
                options.port = nonNegativeInteger(flag, value());
                break;
            case "--host":
                options.host = value();
                break;
            case "--site": {
                const site = value();
                if (site !== "cn" && site !== "intl") throw new UsageError(`--site must be cn or intl, got "${site}"`);
                options.site = site as Site;
                break;
            }
            case "--now": {
                const now = value();
                if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now must be an ISO-8601 time, got "${now}"`);
                options.now = now;
                break;
            }
            case "--credential":
                credentials.push(value());
                break;
            case "--scenario":
                options.scenario = value();
                break;
            case "--state":
                options.state = value();
                break;
            case "--rate-limit":
                options.rateLimit = nonNegativeInteger(flag, value());
                break;
            case "--latency":
                options.latencyMs = nonNegativeInteger(flag, value());
                break;
            case "--seed":
                options.seed = nonNegativeInteger(flag, value());
                break;
            case "--generate":
                options.generate = nonNegativeInteger(flag, value());
                break;
            case "--freeze-clock":
                options.freezeClock = true;
                break;
            case "--usage-lines": {
                const period = value();
                if (period !== "day" && period !== "month") throw new UsageError(`--usage-lines must be day or month, got "${period}"`);
                options.behaviour = { ...options.behaviour, usageLinePeriod: period };
                break;
            }
            case "--throttle-response": {
                const shape = value();
                if (shape !== "cbc" && shape !== "gateway") throw new UsageError(`--throttle-response must be cbc or gateway, got "${shape}"`);
                options.behaviour = { ...options.behaviour, throttleResponse: shape };
                break;
            }
            case "--ak-lockout":
                options.behaviour = { ...options.behaviour, accessKeyLockout: true };
                break;
            case "--no-demo":
                options.demo = false;
                break;
            case "--help":
            case "-h":
                throw new UsageError(USAGE);
            default:
                throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
        }
    }
    if (credentials.length > 0) options.credentials = credentials;
    if (options.port === undefined) options.port = 0;
    return options;
}

async function main(): Promise<void> {
    let options: EmulatorOptions;
    try {
        options = parseArguments(process.argv.slice(2));
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(2);
        }
        throw error;
    }
    const emulator = await startEmulator(options);
    process.stdout.write(`huaweicloud-bss-emulator listening on ${emulator.url}\n`);
    let stopping = false;
    const stop = (): void => {
        if (stopping) return;
        stopping = true;
        emulator.close().then(
            () => process.exit(0),
            (error: unknown) => {
                process.stderr.write(`emulator: ${(error as Error).message}\n`);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`emulator: ${(error as Error)?.message ?? String(error)}\n`);
        process.exit(1);
    });
}

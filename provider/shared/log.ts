/**
 * Messages from the provider process to the user. The dynamic-provider process has no engine
 * connection for logging; the engine shows each line the plugin writes to stderr as a
 * diagnostic. Callers pass messages that contain no credentials.
 */

export type LogSink = (severity: "info" | "warning", message: string) => void;

let sink: LogSink = (severity, message) => {
    process.stderr.write(`${severity}: ${message}\n`);
};

export function logWarning(message: string): void {
    sink("warning", message);
}

export function logInfo(message: string): void {
    sink("info", message);
}

/** Redirects messages (tests); returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
    const previous = sink;
    sink = next;
    return previous;
}

/**
 * Compile-time proof that the real client satisfies the subset the providers call: if the client
 * changes a method the providers depend on, this file stops compiling.
 */
import type { BssClient } from "../bss";
import type { BssOperations } from "./bss-operations";

export function asOperations(client: BssClient): BssOperations {
    return client;
}

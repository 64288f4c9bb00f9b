/** The generated request spec (operations.json), indexed by operation name. */
import raw from "./operations.json";
import type { SpecFile, SpecOperation } from "./types";

export const SPEC: SpecFile = raw as unknown as SpecFile;

const byName = new Map<string, SpecOperation>(SPEC.operations.map((op) => [op.name, op]));

/** Spec entry of an operation, by SDK name; undefined for operations outside the reference. */
export function specFor(operation: string): SpecOperation | undefined {
    return byName.get(operation);
}

export type { SpecField, SpecFile, SpecFormat, SpecOperation, SpecType } from "./types";

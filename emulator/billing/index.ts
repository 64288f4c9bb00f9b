/**
 * Group B (billing) operations. STUB created by the emulator-core helper so the registry compiles;
 * the billing helper owns this file from now on and replaces the empty list with its definitions.
 */
import type { OperationDef } from "../operation";

export const billingOperations: OperationDef[] = [];

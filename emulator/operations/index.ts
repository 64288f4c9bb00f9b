/** Group A (subscription, order, account) operations. */
import type { OperationDef } from "../operation";

export const subscriptionOperations: OperationDef[] = [];

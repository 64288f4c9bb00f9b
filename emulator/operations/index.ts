/** Group A (subscription, order, account) operations, in the reference's index order. */
import type { OperationDef } from "../operation";
import { accountOperations } from "./account";
import { orderOperations } from "./orders";
import { subscriptionLifecycleOperations } from "./subscriptions";

export const subscriptionOperations: OperationDef[] = [...subscriptionLifecycleOperations, ...orderOperations, ...accountOperations];

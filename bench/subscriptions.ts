import type { Scenario } from "./run";

/** Subscription scenarios (issue 9): filled in once the Subscription resource lands. */
export function subscriptionScenarios(): Scenario[] {
    return [];
}

/**
 * The fleet: every yearly/monthly resource of the account that matches a filter gets a Subscription,
 * with settings per service (and overrides by name, enterprise project or region), all from
 * fleet.config.json. New resources bought in the console join the stack on the next `pulumi up`;
 * resources that leave the selection (released, converted to pay-per-use, renamed out of the filter)
 * leave it, and by default (`onDelete: "retain"`) nothing is done to them in BSS.
 *
 * Logical names are the BSS resource ids: renaming a resource in the console never replaces its
 * Subscription (a replacement would delete the old one, which with onDelete "unsubscribe" would
 * unsubscribe the resource).
 *
 * Config (namespace `bss-fleet`): configFile (default fleet.config.json, relative to this folder).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { bss } from "../shared/bss";
import { isSelected, readFleetConfig, settingsFor } from "./config";

// Read and validated before anything else, so a bad file stops the run at once with every problem.
// The path is relative to the project folder (where Pulumi.yaml is), not to the compiled program.
const config = new pulumi.Config();
const file = path.resolve(pulumi.runtime.getRootDirectory() || process.cwd(), config.get("configFile") ?? "fleet.config.json");
const fleet = readFleetConfig(file);

export = async () => {
    // The account's primary yearly/monthly resources, read now (in preview too): the program decides
    // from what BSS lists today.
    const listed = await bss.getSubscribedResources({ onlyMainResources: true, statuses: fleet.select.statuses });
    if (listed.truncated) {
        throw new Error(`the account lists ${listed.totalCount} yearly/monthly resources, more than one query returns; narrow select.services in ${file}`);
    }
    const selected = listed.resources.filter((r) => isSelected(fleet, r));
    if (selected.length > fleet.maxResources) {
        throw new Error(`${selected.length} resources match select in ${file}, more than maxResources ${fleet.maxResources}; narrow the filter or raise maxResources`);
    }
    pulumi.log.info(`fleet: ${selected.length} of ${listed.resources.length} yearly/monthly resources match ${path.basename(file)}`);

    const managed = selected.map((resource) => {
        const settings = settingsFor(fleet, resource);
        const subscription = new bss.Subscription(resource.resourceId!, { resourceId: resource.resourceId!, ...settings });
        return { resource, settings, subscription };
    });

    const byOnExpiry: Record<string, number> = {};
    const byService: Record<string, number> = {};
    for (const { resource, settings } of managed) {
        byOnExpiry[settings.onExpiry] = (byOnExpiry[settings.onExpiry] ?? 0) + 1;
        const service = resource.serviceTypeName ?? resource.serviceTypeCode ?? "unknown";
        byService[service] = (byService[service] ?? 0) + 1;
    }

    // At preview, each renewal the provider planned (and priced with BSS) to reach renewUntil.
    for (const { resource, subscription } of managed) {
        subscription.plannedRenewal.apply((plan) => {
            if (plan) pulumi.log.info(`${resource.resourceName}: renewal to ${plan.until.slice(0, 10)} for ${plan.amount ?? "an unknown price"} ${plan.currency ?? ""}`.trimEnd(), subscription);
        });
    }

    // After up, the renewal orders this stack placed, and what they cost.
    const renewalOrders = pulumi.all(managed.map((m) => m.subscription.orders)).apply((perResource) => {
        const orders = perResource.flatMap((list, i) =>
            (list ?? []).filter((o) => o.kind === "renewal").map((o) => ({ name: managed[i].resource.resourceName, id: o.id, amount: o.amount, currency: o.currency, status: o.status })),
        );
        const total = orders.reduce((sum, o) => sum.plus(o.amount ?? "0"), bss.Decimal.from("0")).toString();
        return { count: orders.length, total, currency: orders.find((o) => o.currency)?.currency ?? null, orders };
    });

    return {
        managedCount: managed.length,
        byOnExpiry,
        byService,
        renewalOrders,
        resources: Object.fromEntries(
            managed.map(({ resource, subscription }) => [
                resource.resourceName ?? resource.resourceId!,
                pulumi
                    .all([subscription.resourceId, subscription.onExpiry, subscription.expireTime, subscription.status, subscription.region])
                    .apply(([resourceId, onExpiry, expireTime, status, region]) => ({ resourceId, onExpiry: onExpiry ?? null, expireTime, status, region })),
            ]),
        ),
    };
};

/**
 * Expiry processing as the virtual clock passes times. Every primary resource has at most one next
 * event in a min-heap; processing pops events in time order, so a jump of a year gives the same result
 * as a year of small steps, and runs whenever the clock moves and lazily before every request.
 *
 * Model (documented in emulator/README.md):
 * - expire_policy 3 (auto-renew): at expire_time − D days (D = account DEDUCTION_DATE, default 7) a
 *   renewal order of one period of the resource's original unit (1 month or 1 year) is created by the
 *   system (source_type 8) and paid from the balance (bill type 8). Without funds, or while a pending
 *   order locks the resource, it retries daily until expiry, then the resource enters the grace period.
 *   auto_renew_times, when set, counts down; at 0 the policy returns to 0.
 * - expire_policy 1: at expire_time the resource (and its attached resources) becomes pay-per-use: it
 *   leaves the resource query and accrues daily usage lines.
 * - expire_policy 0/3(failed)/5: at expire_time status 5 (grace); after the grace period status 4
 *   (frozen; policy 5 releases instead); after the retention period released.
 * - expire_policy 2: released at expire_time. expire_policy 4: frozen at expire_time, released after retention.
 * - A pending-payment order past its pending_payment_end_time is cancelled (PayOrders then answers CBC.99003110).
 */
import type { Order, Resource } from "../model";
import { BssFailure } from "../operation";
import { addMs, DAY_MS, maxTime } from "../time";
import type { World } from "../world";
import { cancelOrder, createRenewalOrder, recordConversionOrder } from "./orders";
import type { ActionContext } from "./payment";
import { payOrder } from "./payment";
import { attachedOf } from "./pricing";
import { accrueUsage, chargeUntil, crossesBeijingMidnight } from "./usage";

type EventKind = "orderDeadline" | "autoRenew" | "expire" | "graceEnd" | "release";

const KIND_ORDER: Readonly<Record<EventKind, number>> = { orderDeadline: 0, autoRenew: 1, expire: 2, graceEnd: 3, release: 4 };

interface Scheduled {
    readonly time: string;
    readonly kind: EventKind;
    /** resource_id, or order_id for orderDeadline. */
    readonly id: string;
    readonly version: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
    if (a.time !== b.time) return a.time < b.time;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
    return a.id < b.id;
}

class MinHeap {
    private readonly items: Scheduled[] = [];

    get size(): number {
        return this.items.length;
    }

    peek(): Scheduled | undefined {
        return this.items[0];
    }

    push(item: Scheduled): void {
        const items = this.items;
        items.push(item);
        let i = items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(items[i], items[parent])) break;
            [items[i], items[parent]] = [items[parent], items[i]];
            i = parent;
        }
    }

    pop(): Scheduled | undefined {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0 && last) {
            items[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let smallest = i;
                if (l < items.length && before(items[l], items[smallest])) smallest = l;
                if (r < items.length && before(items[r], items[smallest])) smallest = r;
                if (smallest === i) break;
                [items[i], items[smallest]] = [items[smallest], items[i]];
                i = smallest;
            }
        }
        return top;
    }
}

const SYSTEM_USER = "system";

export class LifecycleEngine {
    private readonly heap = new MinHeap();
    private readonly versions = new Map<string, number>();

    constructor(private readonly world: World) {}

    /** Processes everything due up to `targetIso` (no-op when the clock went backwards). */
    advanceTo(targetIso: string): void {
        const state = this.world.state;
        for (;;) {
            this.drainChanges();
            const top = this.heap.peek();
            if (!top || top.time > targetIso) break;
            this.heap.pop();
            // Versions only ever grow: a superseded entry still in the heap must never match again
            // (deleting the counter here restarted it at 1 and revived stale events).
            if (this.versions.get(top.id) !== top.version) continue;
            if (top.time > state.processedUntil) {
                if (this.world.onDemandResources().size > 0 && crossesBeijingMidnight(state.processedUntil, top.time)) accrueUsage(this.world, top.time);
                state.processedUntil = top.time;
            }
            this.handle(top);
        }
        if (targetIso > state.processedUntil) {
            if (this.world.onDemandResources().size > 0 && crossesBeijingMidnight(state.processedUntil, targetIso)) accrueUsage(this.world, targetIso);
            state.processedUntil = targetIso;
        }
    }

    private drainChanges(): void {
        const world = this.world;
        if (world.changedOrders.size > 0) {
            for (const orderId of [...world.changedOrders].sort()) {
                const order = world.order(orderId);
                if (order && order.status === 6 && order.pendingPaymentEndTime) this.schedule(orderId, "orderDeadline", order.pendingPaymentEndTime);
            }
            world.changedOrders.clear();
        }
        if (world.changedResources.size > 0) {
            const ids = [...world.changedResources].sort();
            world.changedResources.clear();
            for (const id of ids) {
                const resource = world.resource(id);
                if (!resource) continue;
                const owner = this.scheduleOwner(resource);
                if (owner) this.reschedule(owner);
            }
        }
    }

    /** Attached resources follow their live primary; the primary carries the schedule. */
    private scheduleOwner(resource: Resource): Resource | undefined {
        if (resource.parentResourceId) {
            const parent = this.world.resource(resource.parentResourceId);
            if (parent && parent.endedAt === undefined && parent.billingMode === "prepaid") return parent;
        }
        return resource;
    }

    private schedule(id: string, kind: EventKind, time: string): void {
        const version = (this.versions.get(id) ?? 0) + 1;
        this.versions.set(id, version);
        this.heap.push({ id, kind, time: maxTime(time, this.world.state.processedUntil), version });
    }

    private unschedule(id: string): void {
        const version = this.versions.get(id);
        if (version !== undefined) this.versions.set(id, version + 1);
    }

    private reschedule(resource: Resource): void {
        const next = this.nextEvent(resource);
        if (next) this.schedule(resource.resourceId, next.kind, next.time);
        else this.unschedule(resource.resourceId);
    }

    private deductionDays(resource: Resource): number {
        return this.world.account(resource.customerId)?.renewConfig.deductionDays ?? 7;
    }

    private nextEvent(resource: Resource): { kind: EventKind; time: string } | undefined {
        if (resource.endedAt !== undefined || resource.billingMode !== "prepaid") return undefined;
        const { gracePeriodDays, retentionPeriodDays } = this.world.behaviour;
        const autoRenewing = resource.expirePolicy === 3 && (resource.autoRenewTimes === undefined || resource.autoRenewTimes > 0);
        const retry = resource.autoRenewFailedAt ? addMs(resource.autoRenewFailedAt, DAY_MS) : undefined;
        if (resource.status === 2) {
            if (autoRenewing) {
                const deduction = addMs(resource.expireTime, -this.deductionDays(resource) * DAY_MS);
                const attempt = retry && retry > deduction ? retry : deduction;
                if (attempt < resource.expireTime) return { kind: "autoRenew", time: attempt };
            }
            return { kind: "expire", time: resource.expireTime };
        }
        if (resource.status === 5) {
            const graceEnd = addMs(resource.expireTime, gracePeriodDays * DAY_MS);
            if (autoRenewing && retry && retry < graceEnd) return { kind: "autoRenew", time: retry };
            return { kind: "graceEnd", time: graceEnd };
        }
        if (resource.status === 4) {
            const releaseAt = resource.expirePolicy === 4 ? addMs(resource.expireTime, retentionPeriodDays * DAY_MS) : addMs(resource.expireTime, (gracePeriodDays + retentionPeriodDays) * DAY_MS);
            return { kind: "release", time: releaseAt };
        }
        return undefined;
    }

    private handle(event: Scheduled): void {
        const world = this.world;
        const context: ActionContext = { nowIso: event.time, userName: SYSTEM_USER, by: "clock" };
        if (event.kind === "orderDeadline") {
            const order = world.order(event.id);
            if (order && order.status === 6) {
                cancelOrder(world, order, context, "paymentDeadline");
                for (const resourceId of new Set(order.lines.map((l) => l.resourceId))) {
                    world.logLifecycleEvent({ time: event.time, resourceId, customerId: order.customerId, event: "pendingOrderExpired", detail: order.orderId });
                }
            }
            return;
        }
        const resource = world.resource(event.id);
        if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") return;
        const family = [resource, ...attachedOf(world, resource)];
        switch (event.kind) {
            case "autoRenew":
                this.autoRenew(resource, context);
                break;
            case "expire":
                this.expire(resource, family, context);
                break;
            case "graceEnd":
                if (resource.expirePolicy === 5) this.release(family, context);
                else this.setStatus(family, 4, "frozen", context);
                break;
            case "release":
                this.release(family, context);
                break;
        }
        world.resourceChanged(resource);
    }

    private autoRenew(resource: Resource, context: ActionContext): void {
        const world = this.world;
        const periodType = resource.periodType === 3 ? 3 : 2;
        const locked = [resource, ...attachedOf(world, resource)].some((r) => world.lockingOrders(r.resourceId).length > 0);
        let order: Order | undefined;
        let failure = locked ? "a pending order locks the resource" : undefined;
        if (!failure) {
            order = createRenewalOrder(world, resource.customerId, [resource], periodType, 1, context, 8);
            if (!order) failure = "the product does not sell this period";
        }
        if (order && !failure) {
            try {
                payOrder(world, order, context, {}, "CBC.30050006");
            } catch (error) {
                if (!(error instanceof BssFailure)) throw error;
                failure = error.message;
                world.discardOrder(order);
                world.logOrderEvent({ time: context.nowIso, orderId: order.orderId, customerId: order.customerId, event: "paymentFailed", orderType: 2, status: 4, amount: order.amountAfterDiscount, resourceIds: [resource.resourceId], by: "clock" });
            }
        }
        if (failure) {
            resource.autoRenewFailedAt = context.nowIso;
            world.logLifecycleEvent({ time: context.nowIso, resourceId: resource.resourceId, customerId: resource.customerId, event: "autoRenewFailed", detail: failure });
            return;
        }
        if (resource.autoRenewTimes !== undefined) {
            resource.autoRenewTimes -= 1;
            if (resource.autoRenewTimes <= 0) {
                for (const r of [resource, ...attachedOf(world, resource)]) {
                    r.expirePolicy = 0;
                    r.autoRenewTimes = undefined;
                }
            }
        }
        world.logLifecycleEvent({ time: context.nowIso, resourceId: resource.resourceId, customerId: resource.customerId, event: "autoRenewed", detail: order?.orderId });
    }

    private expire(resource: Resource, family: Resource[], context: ActionContext): void {
        const world = this.world;
        switch (resource.expirePolicy) {
            case 1:
                for (const r of family) {
                    r.billingMode = "onDemand";
                    r.status = 2;
                    r.usageChargedUntil = context.nowIso;
                    world.resourceChanged(r, context.nowIso);
                }
                recordConversionOrder(world, family, context);
                world.logLifecycleEvent({ time: context.nowIso, resourceId: resource.resourceId, customerId: resource.customerId, event: "convertedToOnDemand" });
                return;
            case 2:
                this.release(family, context);
                return;
            case 4:
                this.setStatus(family, 4, "frozen", context);
                return;
            default:
                this.setStatus(family, 5, "graceStarted", context);
        }
    }

    private setStatus(family: Resource[], status: number, event: "graceStarted" | "frozen", context: ActionContext): void {
        for (const r of family) {
            r.status = status;
            this.world.resourceChanged(r, context.nowIso);
        }
        this.world.logLifecycleEvent({ time: context.nowIso, resourceId: family[0].resourceId, customerId: family[0].customerId, event });
    }

    private release(family: Resource[], context: ActionContext): void {
        const world = this.world;
        for (const r of family) {
            for (const order of world.lockingOrders(r.resourceId)) if (order.status === 6) cancelOrder(world, order, context, "paymentDeadline");
            if (r.billingMode === "onDemand") chargeUntil(world, r, context.nowIso);
            world.endResource(r, "released", context.nowIso);
        }
        world.logLifecycleEvent({ time: context.nowIso, resourceId: family[0].resourceId, customerId: family[0].customerId, event: "released" });
    }
}

/**
 * The World: the emulator's state (a WorldState record) plus the indexes that keep requests fast
 * (resources by id, per-account sorted listings, pending-order locks, ledger by account and month).
 *
 * Read access is free; every mutation that changes what an index covers goes through a method here
 * (addResource, endResource, addOrder, setOrderStatus, addChargeLine, ...), or is followed by
 * `resourceChanged` so the indexes and the expiry scheduler see it.
 */
import type {
    Account,
    CatalogueEntry,
    ChargeLine,
    Coupon,
    Credential,
    Currency,
    FreeResourcePackage,
    IamUser,
    IssuedToken,
    LifecycleEvent,
    Order,
    OrderEvent,
    Resource,
    Site,
    WorldState,
} from "./model";
import { CURRENCY_BY_SITE } from "./model";
import { regionName } from "./catalogue";

/** Lifecycle durations; not part of the persisted state (they come from the emulator's options). */
export interface BehaviourSettings {
    /** Days an expired resource stays usable (status 5) before it is frozen. Default 15. */
    gracePeriodDays: number;
    /** Days a frozen resource (status 4) is retained before release. Default 15. */
    retentionPeriodDays: number;
    /** Payment deadline of a pending order, in days after creation. Default 7. */
    pendingPaymentDays: number;
    /** Remaining term + renewal may not exceed this many years (CBC.99003154). Default 5. */
    maxSubscriptionYears: number;
    /**
     * Window of one pay-per-use usage line: a Beijing-time "day" (default, realistic daily bills) or "month"
     * (far fewer lines for long clock jumps over large accounts).
     */
    usageLinePeriod: "day" | "month";
    /**
     * Body of a throttled answer (HTTP 429): the CBC back end's `CBC.0250` (default) or the API gateway's
     * `APIGW.0308` "The throttling threshold has been reached: ..." (auth.md §8). Both reach clients in the wild.
     */
    throttleResponse: "cbc" | "gateway";
    /**
     * Lock an access key for 5 minutes (virtual time) after 5 consecutive signature failures, as the
     * gateway does (auth.md §8). Default false: tests that send bad signatures on purpose stay independent.
     */
    accessKeyLockout: boolean;
}

export const DEFAULT_BEHAVIOUR: BehaviourSettings = {
    gracePeriodDays: 15,
    retentionPeriodDays: 15,
    pendingPaymentDays: 7,
    maxSubscriptionYears: 5,
    usageLinePeriod: "day",
    throttleResponse: "cbc",
    accessKeyLockout: false,
};

/** Order statuses that lock their resources (pending payment, processing). */
const LOCKING_STATUSES = new Set([3, 6]);

export class World {
    readonly state: WorldState;
    readonly site: Site;
    readonly currency: Currency;
    readonly behaviour: BehaviourSettings;

    private readonly accountsById = new Map<string, Account>();
    private readonly credentialsByAk = new Map<string, Credential>();
    private readonly tokensByValue = new Map<string, IssuedToken>();
    private readonly resourcesById = new Map<string, Resource>();
    private readonly childrenByParent = new Map<string, Resource[]>();
    private readonly resourcesByCustomer = new Map<string, Resource[]>();
    /** Per account: live yearly/monthly resources sorted for the resource query; rebuilt lazily. */
    private readonly subscribedCache = new Map<string, Resource[]>();
    private readonly ordersById = new Map<string, Order>();
    private readonly ordersByCustomer = new Map<string, Order[]>();
    /** resource_id -> order ids in status 3/6 that contain it. */
    private readonly locks = new Map<string, Set<string>>();
    private readonly couponsById = new Map<string, Coupon>();
    private readonly ledgerByCustomer = new Map<string, ChargeLine[]>();
    private readonly ledgerByCustomerCycle = new Map<string, ChargeLine[]>();
    private readonly catalogueBySpec = new Map<string, CatalogueEntry[]>();
    private readonly catalogueByType = new Map<string, CatalogueEntry[]>();
    /** Live pay-per-use resources, in the order they became so (usage accrual walks only these). */
    private readonly onDemandLive = new Set<Resource>();
    /** Resource ids whose schedule must be recomputed (drained by the lifecycle engine). */
    readonly changedResources = new Set<string>();
    /** Orders whose payment deadline must be scheduled. */
    readonly changedOrders = new Set<string>();

    constructor(state: WorldState, behaviour: Partial<BehaviourSettings> = {}) {
        this.state = state;
        this.behaviour = { ...DEFAULT_BEHAVIOUR, ...behaviour };
        this.site = state.site;
        this.currency = CURRENCY_BY_SITE[state.site];
        this.reindex();
    }

    /** Rebuilds every index from `state` (after loading, or after bulk edits of the raw record). */
    reindex(): void {
        this.accountsById.clear();
        for (const a of this.state.accounts) this.accountsById.set(a.id, a);
        this.credentialsByAk.clear();
        for (const c of this.state.credentials) this.credentialsByAk.set(c.accessKey, c);
        this.tokensByValue.clear();
        for (const t of this.state.tokens) this.tokensByValue.set(t.token, t);
        this.resourcesById.clear();
        this.childrenByParent.clear();
        this.resourcesByCustomer.clear();
        this.subscribedCache.clear();
        this.onDemandLive.clear();
        for (const r of this.state.resources) this.indexResource(r);
        this.ordersById.clear();
        this.ordersByCustomer.clear();
        this.locks.clear();
        for (const o of this.state.orders) this.indexOrder(o);
        this.couponsById.clear();
        for (const c of this.state.coupons) this.couponsById.set(c.id, c);
        this.ledgerByCustomer.clear();
        this.ledgerByCustomerCycle.clear();
        for (const line of this.state.ledger) this.indexChargeLine(line);
        this.reindexCatalogue();
        for (const r of this.state.resources) this.changedResources.add(r.resourceId);
        for (const o of this.state.orders) if (o.status === 6) this.changedOrders.add(o.orderId);
    }

    private reindexCatalogue(): void {
        this.catalogueBySpec.clear();
        this.catalogueByType.clear();
        for (const entry of this.state.catalogue) {
            push(this.catalogueBySpec, entry.resourceSpecCode, entry);
            push(this.catalogueByType, entry.resourceTypeCode, entry);
        }
    }

    // ---------------------------------------------------------------- ids

    /** A fresh id: `${prefix}${counter}` with a stable width; unique across restarts (counter persisted). */
    nextId(prefix: string, width = 8): string {
        this.state.sequence += 1;
        return `${prefix}${this.state.sequence.toString(36).toUpperCase().padStart(width, "0")}`;
    }

    /** Order id in the service's style: CS + yyMMddHHmm + 5 characters. */
    nextOrderId(nowIso: string): string {
        const stamp = nowIso.slice(2, 4) + nowIso.slice(5, 7) + nowIso.slice(8, 10) + nowIso.slice(11, 13) + nowIso.slice(14, 16);
        return `CS${stamp}${this.nextId("", 5)}`;
    }

    // ---------------------------------------------------------------- accounts and credentials

    account(id: string): Account | undefined {
        return this.accountsById.get(id);
    }

    accounts(): readonly Account[] {
        return this.state.accounts;
    }

    /** Enterprise members of a master account. */
    membersOf(masterId: string): Account[] {
        return this.state.accounts.filter((a) => a.masterAccountId === masterId);
    }

    /** Account whose money pays for `account` (its master under unified accounting). */
    payerOf(account: Account): Account {
        if (account.unifiedAccounting && account.masterAccountId) return this.account(account.masterAccountId) ?? account;
        return account;
    }

    addAccount(account: Account): void {
        if (this.accountsById.has(account.id)) throw new Error(`account ${account.id} exists`);
        this.state.accounts.push(account);
        this.accountsById.set(account.id, account);
    }

    credential(accessKey: string): Credential | undefined {
        return this.credentialsByAk.get(accessKey);
    }

    addCredential(credential: Credential): void {
        const existing = this.credentialsByAk.get(credential.accessKey);
        if (existing) this.state.credentials.splice(this.state.credentials.indexOf(existing), 1);
        this.state.credentials.push(credential);
        this.credentialsByAk.set(credential.accessKey, credential);
    }

    user(name: string, accountId: string): IamUser | undefined {
        return this.state.users.find((u) => u.name === name && u.accountId === accountId);
    }

    token(value: string): IssuedToken | undefined {
        return this.tokensByValue.get(value);
    }

    addToken(token: IssuedToken): void {
        this.state.tokens.push(token);
        this.tokensByValue.set(token.token, token);
    }

    /** Forgets tokens that expired before `nowIso`. */
    pruneTokens(nowIso: string): void {
        if (!this.state.tokens.some((t) => t.expiresAt <= nowIso)) return;
        this.state.tokens = this.state.tokens.filter((t) => t.expiresAt > nowIso);
        this.tokensByValue.clear();
        for (const t of this.state.tokens) this.tokensByValue.set(t.token, t);
    }

    // ---------------------------------------------------------------- catalogue

    /** The product a resource is priced by: same spec and region, else same spec anywhere, else its type's first entry. */
    catalogueEntryFor(resource: Pick<Resource, "resourceSpecCode" | "resourceTypeCode" | "regionCode">): CatalogueEntry | undefined {
        const bySpec = this.catalogueBySpec.get(resource.resourceSpecCode);
        if (bySpec) {
            return bySpec.find((e) => e.regionCode === resource.regionCode) ?? bySpec.find((e) => e.regionCode === undefined) ?? bySpec[0];
        }
        return this.catalogueByType.get(resource.resourceTypeCode)?.[0];
    }

    catalogue(): readonly CatalogueEntry[] {
        return this.state.catalogue;
    }

    /** Replaces the catalogue (scenario load). */
    setCatalogue(entries: CatalogueEntry[]): void {
        this.state.catalogue = entries;
        this.reindexCatalogue();
    }

    // ---------------------------------------------------------------- resources

    resource(resourceId: string): Resource | undefined {
        return this.resourcesById.get(resourceId);
    }

    /** Attached resources of a primary (live and ended). */
    childrenOf(resourceId: string): readonly Resource[] {
        return this.childrenByParent.get(resourceId) ?? [];
    }

    /** Every resource an account ever had, in creation order. */
    resourcesOf(customerId: string): readonly Resource[] {
        return this.resourcesByCustomer.get(customerId) ?? [];
    }

    allResources(): readonly Resource[] {
        return this.state.resources;
    }

    /**
     * Live yearly/monthly resources of an account (what ListPayPerUseCustomerResources lists), sorted by
     * effective_time then resource_id. Cached; do not mutate the array.
     */
    subscribedResources(customerId: string): readonly Resource[] {
        let list = this.subscribedCache.get(customerId);
        if (!list) {
            list = (this.resourcesByCustomer.get(customerId) ?? []).filter(isSubscribed);
            list.sort((a, b) => (a.effectiveTime < b.effectiveTime ? -1 : a.effectiveTime > b.effectiveTime ? 1 : a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
            this.subscribedCache.set(customerId, list);
        }
        return list;
    }

    addResource(resource: Resource): void {
        if (this.resourcesById.has(resource.resourceId)) throw new Error(`resource ${resource.resourceId} exists`);
        this.state.resources.push(resource);
        this.indexResource(resource);
        this.changedResources.add(resource.resourceId);
    }

    /**
     * Call after changing a resource's expiry, policy, status or billing mode: refreshes the listing
     * cache and reschedules its expiry processing.
     */
    resourceChanged(resource: Resource, nowIso?: string): void {
        if (nowIso) resource.updateTime = nowIso;
        this.subscribedCache.delete(resource.customerId);
        this.changedResources.add(resource.resourceId);
        this.trackOnDemand(resource);
    }

    /** Live pay-per-use resources (do not mutate). */
    onDemandResources(): ReadonlySet<Resource> {
        return this.onDemandLive;
    }

    private trackOnDemand(resource: Resource): void {
        if (resource.billingMode === "onDemand" && resource.endedAt === undefined) this.onDemandLive.add(resource);
        else this.onDemandLive.delete(resource);
    }

    /** Ends a resource (unsubscribed, released, deleted): it leaves the resource query but stays for bills. */
    endResource(resource: Resource, reason: NonNullable<Resource["endReason"]>, nowIso: string): void {
        resource.endedAt = nowIso;
        resource.endReason = reason;
        resource.status = 3;
        this.resourceChanged(resource, nowIso);
    }

    private indexResource(resource: Resource): void {
        this.trackOnDemand(resource);
        this.resourcesById.set(resource.resourceId, resource);
        push(this.resourcesByCustomer, resource.customerId, resource);
        if (resource.parentResourceId) push(this.childrenByParent, resource.parentResourceId, resource);
        this.subscribedCache.delete(resource.customerId);
    }

    // ---------------------------------------------------------------- orders

    order(orderId: string): Order | undefined {
        return this.ordersById.get(orderId);
    }

    /** An account's orders in creation order. */
    ordersOf(customerId: string): readonly Order[] {
        return this.ordersByCustomer.get(customerId) ?? [];
    }

    addOrder(order: Order): void {
        this.state.orders.push(order);
        this.indexOrder(order);
        if (order.status === 6) this.changedOrders.add(order.orderId);
    }

    /** Removes an order that was created and never took effect (a failed automatic payment). */
    discardOrder(order: Order): void {
        this.setOrderStatus(order, 4);
        this.ordersById.delete(order.orderId);
        this.state.orders.splice(this.state.orders.lastIndexOf(order), 1);
        const list = this.ordersByCustomer.get(order.customerId);
        if (list) list.splice(list.lastIndexOf(order), 1);
        this.changedOrders.delete(order.orderId);
    }

    setOrderStatus(order: Order, status: number): void {
        order.status = status;
        this.updateLocks(order);
    }

    /** Orders in status 3 or 6 that contain the resource (the renew/unsubscribe locks). */
    lockingOrders(resourceId: string): Order[] {
        const ids = this.locks.get(resourceId);
        if (!ids) return [];
        return [...ids].map((id) => this.ordersById.get(id)).filter((o): o is Order => o !== undefined);
    }

    private indexOrder(order: Order): void {
        this.ordersById.set(order.orderId, order);
        push(this.ordersByCustomer, order.customerId, order);
        this.updateLocks(order);
    }

    private updateLocks(order: Order): void {
        const resourceIds = new Set(order.lines.map((l) => l.resourceId));
        for (const resourceId of resourceIds) {
            let set = this.locks.get(resourceId);
            if (LOCKING_STATUSES.has(order.status)) {
                if (!set) this.locks.set(resourceId, (set = new Set()));
                set.add(order.orderId);
            } else if (set) {
                set.delete(order.orderId);
                if (set.size === 0) this.locks.delete(resourceId);
            }
        }
    }

    logOrderEvent(event: OrderEvent): void {
        this.state.orderLog.push(event);
    }

    logLifecycleEvent(event: LifecycleEvent): void {
        this.state.lifecycleLog.push(event);
    }

    // ---------------------------------------------------------------- coupons

    coupon(id: string): Coupon | undefined {
        return this.couponsById.get(id);
    }

    couponsOf(customerId: string): Coupon[] {
        return this.state.coupons.filter((c) => c.customerId === customerId);
    }

    addCoupon(coupon: Coupon): void {
        if (this.couponsById.has(coupon.id)) throw new Error(`coupon ${coupon.id} exists`);
        this.state.coupons.push(coupon);
        this.couponsById.set(coupon.id, coupon);
    }

    // ---------------------------------------------------------------- ledger

    /** Appends a charge line (the only way lines enter the ledger). */
    addChargeLine(line: ChargeLine): void {
        this.state.ledger.push(line);
        this.indexChargeLine(line);
    }

    /**
     * Ledger lines of an account (as consumer), in the order written (chronological), optionally for one
     * bill cycle (YYYY-MM, Beijing time). Do not mutate the array.
     */
    ledgerOf(customerId: string, billCycle?: string): readonly ChargeLine[] {
        if (billCycle) return this.ledgerByCustomerCycle.get(`${customerId}|${billCycle}`) ?? [];
        return this.ledgerByCustomer.get(customerId) ?? [];
    }

    private indexChargeLine(line: ChargeLine): void {
        push(this.ledgerByCustomer, line.customerId, line);
        push(this.ledgerByCustomerCycle, `${line.customerId}|${line.billCycle}`, line);
    }

    regionName(code: string): string {
        return regionName(code);
    }

    // ---------------------------------------------------------------- resource packages

    freeResourcePackagesOf(customerId: string): FreeResourcePackage[] {
        return this.state.freeResourcePackages.filter((p) => p.customerId === customerId);
    }

    // ---------------------------------------------------------------- extensions

    /** State owned by another module (persisted with the world); created with `init` on first use. */
    extension<T>(name: string, init: () => T): T {
        if (!(name in this.state.extensions)) this.state.extensions[name] = init();
        return this.state.extensions[name] as T;
    }
}

/** Live yearly/monthly resource (listed by the resource query). */
export function isSubscribed(resource: Resource): boolean {
    return resource.billingMode === "prepaid" && resource.endedAt === undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** An empty state for a site. */
export function emptyState(site: Site, nowIso: string): WorldState {
    return {
        version: 1,
        site,
        processedUntil: nowIso,
        sequence: 0,
        accounts: [],
        credentials: [],
        users: [],
        tokens: [],
        coupons: [],
        catalogue: [],
        resources: [],
        orders: [],
        ledger: [],
        freeResourcePackages: [],
        freeResourceUsageRecords: [],
        orderLog: [],
        lifecycleLog: [],
        extensions: {},
    };
}

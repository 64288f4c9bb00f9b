/** Account operations: balances, coupons, enterprise project enablement. */
import type { Coupon } from "../model";
import { round2 } from "../money";
import type { OperationDef } from "../operation";
import { fail, intParam, noContent, ok, pageOf, stringParam } from "../operation";
import { addMs, DAY_MS } from "../time";
import { couponToWire } from "./wire";

const balances: OperationDef = {
    name: "ShowCustomerAccountBalances",
    method: "GET",
    path: "/v2/accounts/customer-accounts/balances",
    handle(request) {
        const account = request.account;
        const entries: Record<string, unknown>[] = [
            { account_id: `${account.id}-cash`, account_type: 1, amount: round2(account.cashBalance), currency: account.currency, designated_amount: round2(account.designatedAmount ?? 0), measure_id: 1 },
        ];
        if (account.creditLimit > 0) {
            entries.push({ account_id: `${account.id}-credit`, account_type: 2, amount: round2(account.creditBalance), currency: account.currency, designated_amount: 0, credit_amount: round2(account.creditLimit), measure_id: 1 });
        }
        if (account.bonusBalance > 0) {
            entries.push({ account_id: `${account.id}-bonus`, account_type: 5, amount: round2(account.bonusBalance), currency: account.currency, designated_amount: 0, measure_id: 1 });
        }
        return ok({ account_balances: entries, debt_amount: round2(account.debtAmount), measure_id: 1, currency: account.currency });
    },
};

/** Status as listed: an available coupon past its expiry shows as expired (4). */
function effectiveStatus(coupon: Coupon, nowIso: string): number {
    return coupon.status === 2 && coupon.expireTime <= nowIso ? 4 : coupon.status;
}

const coupons: OperationDef = {
    name: "ListSubCustomerCoupons",
    method: "GET",
    path: "/v2/promotions/benefits/coupons",
    handle(request, world) {
        const reseller = stringParam(request, "indirect_partner_id");
        if (reseller) fail("CBC.99000037", `No permission to operate on the reseller ${reseller}.`);
        // "" is a real filter for these four (matches empty values), omitted is none.
        const couponId = stringParam(request, "coupon_id");
        const orderId = stringParam(request, "order_id");
        const planId = stringParam(request, "promotion_plan_id");
        const sourceId = stringParam(request, "source_id");
        const type = request.params.coupon_type as number | undefined;
        const status = request.params.status as number | undefined;
        const activeStart = stringParam(request, "active_start_time") || undefined;
        const activeEnd = stringParam(request, "active_end_time") || undefined;
        const oldestExpiry = addMs(request.nowIso, -366 * DAY_MS);
        const matching = world
            .couponsOf(request.account.id)
            .filter((c) => c.expireTime > oldestExpiry)
            .filter(
                (c) =>
                    (couponId === undefined || c.id === couponId) &&
                    (orderId === undefined || (c.orderId ?? "") === orderId) &&
                    (planId === undefined || c.promotionPlanId === planId) &&
                    (sourceId === undefined || (c.sourceId ?? "") === sourceId) &&
                    (type === undefined || c.couponType === type) &&
                    (status === undefined || effectiveStatus(c, request.nowIso) === status) &&
                    (!activeStart || (c.activeTime !== undefined && c.activeTime >= activeStart)) &&
                    (!activeEnd || (c.activeTime !== undefined && c.activeTime <= activeEnd)),
            )
            .sort((a, b) => (a.createTime < b.createTime ? 1 : a.createTime > b.createTime ? -1 : a.id < b.id ? -1 : 1));
        const page = pageOf(matching, intParam(request, "offset", 0), intParam(request, "limit", 10));
        return ok({ count: matching.length, user_coupons: page.map((c) => couponToWire(c, effectiveStatus(c, request.nowIso))) });
    },
};

const enterpriseProjects: OperationDef = {
    name: "CreateEnterpriseProjectAuth",
    method: "POST",
    path: "/v2/enterprises/enterprise-projects/authority",
    handle(request) {
        const account = request.account;
        if (!account.realNameVerified) {
            fail("CBC.99007004", "A business precondition is not met.", { fail_check_items: ["SELF_OPEN_ONLY_FOR_ENT_AND_INTR_CUST"] });
        }
        account.enterpriseProjectEnabled = true;
        return noContent();
    },
};

export const accountOperations: OperationDef[] = [balances, coupons, enterpriseProjects];

"use strict";
// Plain JS on purpose: no ts-node in the loop. The package is imported by name, from node_modules.
// The client comes from the stack config huaweicloud-bss:endpoint|accessKey|secretKey|domainId, except
// where explicit options are passed (the enterprise master and the international site).
const pulumi = require("@pulumi/pulumi");
const bss = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const month = config.require("month");
const previousMonth = config.require("previousMonth");
const resourceId = config.require("resourceId");
const freeResourceId = config.require("freeResourceId");
const cdnResourceId = config.require("cdnResourceId");
const master = {
    endpoint: config.require("masterEndpoint"),
    accessKey: config.require("masterAccessKey"),
    secretKey: config.require("masterSecretKey"),
    domainId: config.require("masterDomainId"),
};
const intl = {
    endpoint: config.require("intlEndpoint"),
    site: "intl",
    accessKey: config.require("intlAccessKey"),
    secretKey: config.require("intlSecretKey"),
    domainId: config.require("intlDomainId"),
};

const sum = (values) => values.reduce((total, v) => total.plus(v ?? "0"), bss.Decimal.ZERO).toString();

// ---- Bills (Output forms, plus the Promise form where noted)
const summary = bss.getMonthlyBillSummaryOutput({ month });
exports.summary = { consumeAmount: summary.totals.consumeAmount, currency: summary.currency, rows: summary.totalCount };
exports.reconciliation = bss.getBillReconciliationOutput({ month });
exports.byService = bss
    .aggregateResourceBillsOutput({ month: pulumi.output(month), groupBy: "service", granularity: "detail" })
    .apply((a) => ({ recordCount: a.recordCount, total: a.totals.consumeAmount, groups: a.groups.map((g) => ({ key: g.key, consumeAmount: g.consumeAmount })) }));
exports.resourceBills = bss
    .getResourceBills({ month, granularity: "detail", limit: 2 })
    .then((r) => ({ returned: r.records.length, totalCount: r.totalCount, truncated: r.truncated }));
exports.expenditures = bss.getResourceExpendituresOutput({ month }).amount;
exports.transactions = bss.getTransactionRecordsOutput({ month }).apply((t) => ({ consumeAmount: t.consumeAmount, eraseAmount: t.eraseAmount, count: t.totalCount }));
exports.amortized = bss.getAmortizedCostsOutput({ month }).currentMonthAmortizedAmount;
exports.legacy = pulumi
    .all([bss.getLegacyResourceRecordsOutput({ month, payMethod: "yearlyMonthly" }), bss.getLegacyResourceRecordsOutput({ month, payMethod: "payPerUse" })])
    .apply(([prepaid, payg]) => sum([prepaid.consumeAmount, payg.consumeAmount]));
exports.costs = bss.getCostsOutput({ granularity: "month", from: month, to: month, groupBy: ["CLOUD_SERVICE_TYPE"] }).apply((c) => ({ amount: c.amount, rows: c.rows.length }));

// ---- Prices
exports.renewal = bss
    .getRenewalPriceOutput({ resourceIds: [resourceId], periodType: "month", periods: 3 })
    .apply((p) => ({ amount: p.amount, officialAmount: p.officialAmount, currency: p.currency, resources: p.resources.length }));
exports.onDemand = bss
    .getOnDemandPriceOutput({
        projectId: "project-1",
        products: [{ serviceType: "hws.service.type.ec2", resourceType: "hws.resource.type.vm", resourceSpec: "s6.large.2.linux", region: "cn-north-4", usageFactor: "duration", usageValue: 730, usageMeasureId: 4 }],
    })
    .apply((p) => ({ officialAmount: p.officialAmount, amount: p.amount }));
exports.period = bss
    .getPeriodPriceOutput({
        projectId: "project-1",
        products: [{ serviceType: "hws.service.type.ec2", resourceType: "hws.resource.type.vm", resourceSpec: "s6.large.2.linux", region: "cn-north-4", periodType: "month", periods: 1 }],
    })
    .apply((p) => ({ officialAmount: p.officialAmount, amount: p.amount }));

// ---- Account
exports.resources = bss.getSubscribedResourcesOutput({ onlyMainResources: true }).apply((r) => ({ totalCount: r.totalCount, ids: r.resources.map((x) => x.resourceId).sort() }));
exports.cashBalance = bss.getAccountBalances().then((b) => b.cashBalance);
exports.coupons = bss.getCouponsOutput({}).availableBalance;
const orders = bss.getOrdersOutput({ sort: "-createTime" });
exports.orderCount = orders.totalCount;
const firstOrderId = orders.orders.apply((o) => o[0].orderId);
exports.firstOrder = bss.getOrderOutput({ orderId: firstOrderId }).apply((d) => ({ orderId: d.order.orderId, lines: d.lineItems.length, officialAmount: d.order.officialAmount }));
exports.pendingDiscounts = bss.getOrderDiscountsOutput({ orderId: config.require("pendingOrderId") }).apply((d) => d.discounts.map((x) => x.discountId));
exports.refund = bss.getRefundOutput({ orderId: config.require("refundOrderId") }).apply((r) => ({ refundedAmount: r.refundedAmount, netAmount: r.netAmount }));

// ---- Catalogue
exports.catalogue = pulumi
    .all([
        bss.getServiceTypesOutput({}),
        bss.getResourceTypesOutput({ serviceType: "hws.service.type.ebs" }),
        bss.getServiceResourcesOutput({ serviceType: "hws.service.type.ec2" }),
        bss.getUsageTypesOutput({ resourceType: "hws.resource.type.vm" }),
        bss.getMeasureUnitsOutput({}),
        bss.getMeasureConversionsOutput({}),
    ])
    .apply(([services, ebsTypes, ec2Resources, usage, units, conversions]) => ({
        services: services.serviceTypes.length,
        ebsTypes: ebsTypes.resourceTypes.map((r) => r.resourceTypeCode).sort(),
        ec2Resources: ec2Resources.resources.map((r) => r.resourceTypeCode).sort(),
        usageTypes: usage.usageTypes.length,
        hourUnit: (units.units.find((u) => u.measureId === 4) || {}).measureId,
        conversions: conversions.conversions.length,
    }));

// ---- Resource packages and 95th percentile
exports.packages = bss.getResourcePackagesOutput({}).apply((p) => p.packages.map((x) => (x.freeResources || []).map((q) => q.amount)).flat());
exports.packageUsage = bss.getResourcePackageUsageOutput({ freeResourceIds: [freeResourceId] }).apply((u) => u.usages.map((x) => x.usedAmount));
exports.packageRecords = bss
    .getResourcePackageUsageRecordsOutput({ from: config.require("packageFrom"), to: config.require("packageTo") })
    .apply((r) => r.usedByMeasure);
const p95 = { month: previousMonth, serviceType: "hws.service.type.cdn", resourceType: "hws.resource.type.cdn", usageType: "95Peak" };
exports.percentile = pulumi
    .all([bss.getPercentileUsageSummaryOutput(p95), bss.getPercentileUsageDetailsOutput({ ...p95, resourceId: cdnResourceId, limit: 100 })])
    .apply(([s, d]) => ({ resources: s.resources.map((r) => r.resourceId), samples: d.samples.length, totalSamples: d.totalCount, truncated: d.truncated }));

// ---- Enterprise master (explicit credentials) and the international site (explicit endpoint and site)
exports.enterprise = pulumi
    .all([
        bss.getSubAccountsOutput({}, master),
        bss.getTransferableAmountsOutput({}, master),
        bss.getRetrievableAmountsOutput({ subCustomerId: config.require("memberId") }, master),
        bss.getTransferableCouponsOutput({}, master),
        bss.getRetrievableCouponsOutput({ subCustomerId: config.require("memberId") }, master),
    ])
    .apply(([members, transferable, retrievable, coupons, memberCoupons]) => ({
        members: members.subAccounts.map((m) => m.name).sort(),
        transferable: transferable.availableAmount,
        retrievable: retrievable.availableAmount,
        coupons: coupons.totalBalance,
        memberCoupons: memberCoupons.coupons.length,
    }));
exports.invoices = bss
    .getInvoicesOutput({ from: config.require("invoiceFrom"), to: config.require("invoiceTo") }, intl)
    .apply((i) => ({ count: i.totalCount, amount: i.invoiceAmount, currency: i.currency }));

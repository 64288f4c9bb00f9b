"use strict";
// Plain JS on purpose: no ts-node in the loop. The package is imported by name, from node_modules.
// The resources come from stack config so one stack can walk through a lifecycle:
//   enterprise-e2e:fundings = {"<name>": {"subAccountId": "...", "amount": "...", "onDelete": "..."}}
//   enterprise-e2e:coupons  = {"<name>": {"subAccountId": "...", "coupons": [{"couponId": "...", "amount": ...}], "onDelete": "..."}}
// Credentials and endpoint: huaweicloud-bss:endpoint|accessKey|secretKey|domainId.
const pulumi = require("@pulumi/pulumi");
const bss = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const fundings = JSON.parse(config.get("fundings") ?? "{}");
const couponGrants = JSON.parse(config.get("coupons") ?? "{}");

exports.fundings = {};
for (const [name, args] of Object.entries(fundings)) {
    const funding = new bss.SubAccountFunding(name, args);
    exports.fundings[name] = {
        amount: funding.amount,
        allocatedAmount: funding.allocatedAmount,
        currency: funding.currency,
        retrievableAmount: funding.retrievableAmount,
        transferableAmount: funding.transferableAmount,
        transfers: funding.transfers,
    };
}

exports.coupons = {};
for (const [name, args] of Object.entries(couponGrants)) {
    const grant = new bss.SubAccountCoupons(name, args);
    exports.coupons[name] = { allocations: grant.allocations, retrievableBalance: grant.retrievableBalance, transfers: grant.transfers };
}

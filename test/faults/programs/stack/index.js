"use strict";
// Plain JS, importing the package by name (as users do). Everything comes from stack config, so one
// program serves every fault test (chaos, interruption, bad input, refusals, secrets):
//   subs:      { "<name>": <SubscriptionArgs>, ... }
//   fundings:  { "<name>": <SubAccountFundingArgs>, ... }
//   coupons:   { "<name>": <SubAccountCouponsArgs>, ... }
//   renewConfig: <AutoRenewConfigArgs>
// Config values are taken as they are (wrong types included): the bad-input tests rely on that.
const pulumi = require("@pulumi/pulumi");
const bss = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const build = (key, make) => Object.fromEntries(Object.entries(config.getObject(key) || {}).map(([name, args]) => [name, make(name, args)]));

const subs = build("subs", (name, args) => new bss.Subscription(name, args));
const fundings = build("fundings", (name, args) => new bss.SubAccountFunding(name, args));
const coupons = build("coupons", (name, args) => new bss.SubAccountCoupons(name, args));
const renewConfig = config.getObject("renewConfig");
if (renewConfig) new bss.AutoRenewConfig("renew-config", renewConfig);

exports.subscriptions = Object.fromEntries(
    Object.entries(subs).map(([name, s]) => [
        name,
        { resourceId: s.resourceId, expireTime: s.expireTime, expirePolicy: s.expirePolicy, onExpiry: s.onExpiry, onDelete: s.onDelete, orders: s.orders, pendingOrders: s.pendingOrders, plannedRenewal: s.plannedRenewal },
    ]),
);
exports.fundings = Object.fromEntries(Object.entries(fundings).map(([name, f]) => [name, { allocatedAmount: f.allocatedAmount, transfers: f.transfers }]));
exports.coupons = Object.fromEntries(Object.entries(coupons).map(([name, c]) => [name, { allocations: c.allocations }]));

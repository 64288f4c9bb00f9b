"use strict";
// Plain JS, importing the package by name from node_modules (as users do). The whole fleet comes
// from stack config so one program serves every step of the end-to-end tests:
//   subs: { "<name>": <SubscriptionArgs>, ... }   enterpriseProjects: true   renewConfig: <AutoRenewConfigArgs>
const pulumi = require("@pulumi/pulumi");
const bss = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const subs = config.getObject("subs") || {};

const out = {};
for (const [name, args] of Object.entries(subs)) {
    const s = new bss.Subscription(name, args);
    out[name] = {
        expireTime: s.expireTime,
        status: s.status,
        expirePolicy: s.expirePolicy,
        onExpiry: s.onExpiry,
        orders: s.orders,
        pendingOrders: s.pendingOrders,
        plannedRenewal: s.plannedRenewal,
        subResources: s.subResources,
    };
}
if (config.getBoolean("enterpriseProjects")) new bss.EnterpriseProjectManagement("enterprise-projects");
const renewConfig = config.getObject("renewConfig");
if (renewConfig) new bss.AutoRenewConfig("renew-config", renewConfig);

exports.subscriptions = out;

"use strict";
// Plain JS, the package imported by name from node_modules, as a user's program would.
// Config `policy-subscriptions:subscriptions`: [{ name, protect?, waitFor?, ...SubscriptionArgs }].
// `waitFor: "<name>"` makes the resourceId depend on that Subscription's outputs, so the engine
// analyses this one only after the other was created (and its resourceId is unknown in preview).
const pulumi = require("@pulumi/pulumi");
const { Subscription } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const created = {};
for (const { name, protect, waitFor, ...args } of config.requireObject("subscriptions")) {
    const resourceId = waitFor ? created[waitFor].expireTime.apply(() => args.resourceId) : args.resourceId;
    created[name] = new Subscription(name, { ...args, resourceId }, { protect: protect === true });
}

"use strict";
// Plain JS, the package imported by name from node_modules, as a user's program would.
// Config `policy-subscriptions:subscriptions`: [{ name, protect?, ...SubscriptionArgs }].
const pulumi = require("@pulumi/pulumi");
const { Subscription } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
for (const { name, protect, ...args } of config.requireObject("subscriptions")) {
    new Subscription(name, args, { protect: protect === true });
}

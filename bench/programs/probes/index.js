"use strict";
const pulumi = require("@pulumi/pulumi");
const { Probe } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const value = config.get("value") ?? "v1";
const shape = config.get("shape");
for (let i = 0; i < count; i++) {
    if (!shape) {
        new Probe(`probe-${i}`, { value });
        continue;
    }
    // Shaped like the Subscriptions program's resources: a name as long ("sub-<resource id>") and a
    // value as long as a Subscription's own inputs (resourceId, onExpiry, onDelete), so the state matches.
    const resourceId = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    new Probe(`sub-${resourceId}`, { value: `${resourceId}/payPerUse/retain/${value}`, shape });
}

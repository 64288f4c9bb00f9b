"use strict";
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");
const { Subscription } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const resourceIds = JSON.parse(fs.readFileSync(config.require("idsFile"), "utf8"));
const onExpiry = config.require("onExpiry");
const renewUntil = config.get("renewUntil");
for (const resourceId of resourceIds) {
    new Subscription(`sub-${resourceId}`, { resourceId, onExpiry, ...(renewUntil ? { renewUntil } : {}), onDelete: "retain" });
}

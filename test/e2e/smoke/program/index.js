"use strict";
// Plain JS on purpose: no ts-node in the loop. The package is imported by name, from node_modules.
const pulumi = require("@pulumi/pulumi");
const { Probe } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const probe = new Probe("probe", { value: config.get("value") ?? "first" });

exports.value = probe.value;
exports.updates = probe.updates;

"use strict";
// Plain JS: the pack must load without ts-node. The package is imported by name, from node_modules.
const { Probe } = require("pulumi-huaweicloud-bss");

new Probe("probe", { value: "policy" });

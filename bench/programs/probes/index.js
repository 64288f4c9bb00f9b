"use strict";
const pulumi = require("@pulumi/pulumi");
const { Probe } = require("pulumi-huaweicloud-bss");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const value = config.get("value") ?? "v1";
const shape = config.get("shape");
for (let i = 0; i < count; i++) new Probe(`probe-${i}`, { value, ...(shape ? { shape } : {}) });

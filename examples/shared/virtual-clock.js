"use strict";
// Preloaded (`node --require`) into the Node processes of a Pulumi run against the emulator when the
// emulator's virtual clock is not the machine's clock (a scenario dated in the past, or a clock moved
// forward with POST /__emulator/clock).
//
// Why: BSS (and the emulator, which checks against its virtual clock) rejects a signature whose
// X-Sdk-Date is more than 15 minutes from the server's time (APIGW.0301 "... more than 15 minutes
// from the server time"). Moving the emulator's clock forward by a month therefore moves the
// programs' clocks with it: BSS_EMULATOR_CLOCK_OFFSET_MS = virtual now - real now, in milliseconds.
// Against Huawei Cloud this file is never used.
const offset = Number(process.env.BSS_EMULATOR_CLOCK_OFFSET_MS || "0");
if (Number.isFinite(offset) && offset !== 0 && !globalThis.__bssVirtualClock) {
    const RealDate = Date;
    class VirtualDate extends RealDate {
        constructor(...args) {
            if (args.length === 0) super(RealDate.now() + offset);
            else super(...args);
        }
        static now() {
            return RealDate.now() + offset;
        }
    }
    globalThis.Date = VirtualDate;
    globalThis.__bssVirtualClock = { offset };
}

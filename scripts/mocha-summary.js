// Runs mocha over the compiled tests and ends with one plain line "tests: N passed, N failed, N skipped",
// which CI reads (mocha's own summary is not one of the formats it knows).
const { Mocha } = require("mocha"); // mocha 12 is ESM; require(esm) gives its named exports
const path = require("node:path");
const fs = require("node:fs");

const root = path.resolve(__dirname, "..");
const suites = process.argv.slice(2).length ? process.argv.slice(2) : ["unit", "client", "emulator", "data", "provider", "policy", "e2e", "faults"];
const mocha = new Mocha({ timeout: 120000, reporter: "spec" });
function collect(dir) {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) collect(full);
        else if (entry.name.endsWith(".test.js")) mocha.addFile(full);
    }
}
for (const suite of suites) collect(path.join(root, "dist", "test", suite));
const runner = mocha.run((failures) => {
    const s = runner.stats;
    console.log(`tests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
    process.exitCode = failures > 0 || s.passes === 0 ? 1 : 0;
});

/** Smoke run of the emulator throughput benchmark (tiny account, a few requests): it keeps working. */
import assert from "node:assert/strict";
import { formatThroughputTable, measureEmulatorThroughput, THROUGHPUT_SCENARIOS } from "../../bench/emulator-throughput";

describe("emulator throughput benchmark (smoke)", function () {
    this.timeout(30000);

    it("measures every scenario against one emulator process without errors and prints a table", async () => {
        const result = await measureEmulatorThroughput({ resources: 300, concurrency: [2], runs: 1, durationMs: 60, warmupMs: 0 });
        assert.deepEqual(
            result.figures.map((f) => f.scenario),
            THROUGHPUT_SCENARIOS,
        );
        for (const figure of result.figures) {
            assert.equal(figure.errors, 0, `${figure.label}: ${figure.firstError}`);
            assert.ok(figure.requestsPerSecond > 0, figure.label);
            assert.ok(figure.emulatorCpuMsPerRequest !== undefined && figure.emulatorCpuMsPerRequest > 0, figure.label);
        }
        const page = result.figures.find((f) => f.scenario === "query-page")!;
        assert.ok(page.meanResponseBytes! > result.figures.find((f) => f.scenario === "query-1")!.meanResponseBytes! * 100, "the page carries hundreds of records");
        const table = formatThroughputTable(result);
        assert.match(table, /500-record page/);
        assert.equal(table.split("\n").length, 3 + THROUGHPUT_SCENARIOS.length);
    });
});

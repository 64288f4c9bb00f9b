/**
 * 95th-percentile bandwidth billing (ListResourceUsageSummary / ListResourceUsage): 5-minute samples,
 * 288 a day; the month's billed bandwidth is the highest sample left after discarding the top 5 %.
 */
import { DAY_MS, formatUtc } from "../time";
import { BEIJING_OFFSET_MS, monthEndMs, monthStartMs } from "./calendar";
import { formatScaled, parseScaled, truncateRational, rational } from "./decimal";
import type { UsageSampleSeries } from "./state";

export const SAMPLES_PER_DAY = 288;
const SAMPLE_DECIMALS = 8;

/** Samples of a series inside a Beijing bill month. */
export function samplesInMonth(series: UsageSampleSeries, month: string): [string, string][] {
    const start = monthStartMs(month);
    const end = monthEndMs(month);
    return series.samples.filter(([time]) => {
        const ms = Date.parse(time);
        return ms >= start && ms < end;
    });
}

/** "points / 288" as a decimal string (up to 20 decimals, trailing zeros dropped). */
export function actualDays(sampleCount: number): string {
    return formatScaled(truncateRational(rational(BigInt(sampleCount), BigInt(SAMPLES_PER_DAY)), 20), 20);
}

/** The 95th-percentile value of a set of samples: sorted high to low, the top 5 % (rounded down) discarded. */
export function percentile95(values: readonly string[]): string | undefined {
    if (values.length === 0) return undefined;
    const sorted = values.map((value) => parseScaled(value, SAMPLE_DECIMALS)).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    const discarded = Math.floor(sorted.length * 0.05);
    return formatScaled(sorted[Math.min(discarded, sorted.length - 1)], SAMPLE_DECIMALS);
}

/** A month's billed bandwidth is published after 20:00 (UTC+8) on the 2nd of the next month. */
export function monthPublished(month: string, nowMs: number): boolean {
    const publishAt = monthEndMs(month) + DAY_MS + 20 * 3600 * 1000;
    return nowMs >= publishAt;
}

/** Deterministic 5-minute samples between two instants: a daily wave between `low` and `high`. */
export function wavePattern(fromMs: number, toMs: number, low: number, high: number): [string, string][] {
    const step = 5 * 60 * 1000;
    const first = Math.ceil(fromMs / step) * step;
    const samples: [string, string][] = [];
    for (let t = first; t < toMs && samples.length < SAMPLES_PER_DAY * 62; t += step) {
        const hourOfDay = (((t + BEIJING_OFFSET_MS) % DAY_MS) / DAY_MS) * 24;
        // Peak at 20:00 Beijing time, trough at 08:00.
        const wave = (1 + Math.cos(((hourOfDay - 20) / 24) * 2 * Math.PI)) / 2;
        const value = low + (high - low) * wave;
        samples.push([formatUtc(t), value.toFixed(4)]);
    }
    return samples;
}

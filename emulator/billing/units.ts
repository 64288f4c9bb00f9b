/**
 * Measurement units (ListMeasureUnits) and their conversions (ListConversions). A static seed built
 * around the ids the reference documents (1 currency, 4 hour, 10 GB, 11 MB, 14 count, 15 Mbps,
 * 17 GB disk); the bill period types 19/20/24/25 are given their own period units.
 */

export interface MeasureUnit {
    readonly measureId: number;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly abbreviation: string;
    /** list-measure-units.yaml measure_type. */
    readonly measureType: number;
}

export interface Conversion {
    readonly measureId: number;
    readonly refMeasureId: number;
    /** 1 measureId = ratio x refMeasureId. */
    readonly ratio: number;
    readonly measureType: number;
}

export const MEASURE_UNITS: readonly MeasureUnit[] = [
    { measureId: 1, nameZh: "元", nameEn: "yuan", abbreviation: "CNY", measureType: 1 },
    { measureId: 2, nameZh: "角", nameEn: "jiao", abbreviation: "jiao", measureType: 1 },
    { measureId: 3, nameZh: "分", nameEn: "fen", abbreviation: "fen", measureType: 1 },
    { measureId: 4, nameZh: "小时", nameEn: "hour", abbreviation: "h", measureType: 2 },
    { measureId: 5, nameZh: "分钟", nameEn: "minute", abbreviation: "min", measureType: 2 },
    { measureId: 6, nameZh: "秒", nameEn: "second", abbreviation: "s", measureType: 2 },
    { measureId: 7, nameZh: "天", nameEn: "day", abbreviation: "d", measureType: 2 },
    { measureId: 9, nameZh: "TB", nameEn: "TB", abbreviation: "TB", measureType: 3 },
    { measureId: 10, nameZh: "GB", nameEn: "GB", abbreviation: "GB", measureType: 3 },
    { measureId: 11, nameZh: "MB", nameEn: "MB", abbreviation: "MB", measureType: 3 },
    { measureId: 12, nameZh: "KB", nameEn: "KB", abbreviation: "KB", measureType: 3 },
    { measureId: 13, nameZh: "Byte", nameEn: "Byte", abbreviation: "Byte", measureType: 3 },
    { measureId: 14, nameZh: "次", nameEn: "count", abbreviation: "count", measureType: 12 },
    { measureId: 15, nameZh: "Mbps", nameEn: "Mbit/s", abbreviation: "Mbps", measureType: 16 },
    { measureId: 16, nameZh: "Gbps", nameEn: "Gbit/s", abbreviation: "Gbps", measureType: 16 },
    { measureId: 17, nameZh: "GB", nameEn: "GB", abbreviation: "GB", measureType: 7 },
    { measureId: 18, nameZh: "TB", nameEn: "TB", abbreviation: "TB", measureType: 7 },
    { measureId: 19, nameZh: "年", nameEn: "year", abbreviation: "year", measureType: 10 },
    { measureId: 20, nameZh: "月", nameEn: "month", abbreviation: "month", measureType: 10 },
    { measureId: 21, nameZh: "个", nameEn: "unit", abbreviation: "unit", measureType: 4 },
    { measureId: 24, nameZh: "天", nameEn: "day", abbreviation: "day", measureType: 10 },
    { measureId: 25, nameZh: "小时", nameEn: "hour", abbreviation: "hour", measureType: 10 },
    { measureId: 30, nameZh: "Kbps", nameEn: "Kbit/s", abbreviation: "Kbps", measureType: 16 },
    { measureId: 38, nameZh: "GB*小时", nameEn: "GB*hour", abbreviation: "GB*h", measureType: 15 },
    { measureId: 40, nameZh: "万次", nameEn: "10,000 requests", abbreviation: "10k", measureType: 12 },
];

export const CONVERSIONS: readonly Conversion[] = [
    { measureId: 1, refMeasureId: 2, ratio: 10, measureType: 1 },
    { measureId: 2, refMeasureId: 3, ratio: 10, measureType: 1 },
    { measureId: 7, refMeasureId: 4, ratio: 24, measureType: 2 },
    { measureId: 4, refMeasureId: 5, ratio: 60, measureType: 2 },
    { measureId: 5, refMeasureId: 6, ratio: 60, measureType: 2 },
    { measureId: 9, refMeasureId: 10, ratio: 1024, measureType: 3 },
    { measureId: 10, refMeasureId: 11, ratio: 1024, measureType: 3 },
    { measureId: 11, refMeasureId: 12, ratio: 1024, measureType: 3 },
    { measureId: 12, refMeasureId: 13, ratio: 1024, measureType: 3 },
    { measureId: 18, refMeasureId: 17, ratio: 1024, measureType: 7 },
    { measureId: 16, refMeasureId: 15, ratio: 1000, measureType: 16 },
    { measureId: 15, refMeasureId: 30, ratio: 1000, measureType: 16 },
    { measureId: 19, refMeasureId: 20, ratio: 12, measureType: 10 },
    { measureId: 24, refMeasureId: 25, ratio: 24, measureType: 10 },
    { measureId: 40, refMeasureId: 14, ratio: 10000, measureType: 12 },
];

/** The currency unit's display on each site (measure_id 1 is the site's main currency unit). */
export function measureUnitsFor(site: "cn" | "intl", english: boolean): Record<string, unknown>[] {
    return MEASURE_UNITS.map((unit) => {
        const currency = unit.measureType === 1 && site === "intl";
        const intlCurrency: Record<number, [string, string]> = { 1: ["dollar", "USD"], 2: ["dime", "dime"], 3: ["cent", "cent"] };
        const [nameEn, abbreviation] = currency ? intlCurrency[unit.measureId] : [unit.nameEn, unit.abbreviation];
        return {
            measure_id: unit.measureId,
            measure_name: english || site === "intl" ? nameEn : unit.nameZh,
            abbreviation,
            measure_type: unit.measureType,
        };
    });
}

/**
 * How many `to` units one `from` unit is (e.g. minute → hour = 1/60), as a fraction [num, den];
 * undefined when the two are not convertible (different measure types).
 */
export function conversionFactor(from: number, to: number): [bigint, bigint] | undefined {
    if (from === to) return [1n, 1n];
    // Breadth-first over the conversion graph, both directions.
    const queue: [number, bigint, bigint][] = [[from, 1n, 1n]];
    const seen = new Set([from]);
    while (queue.length > 0) {
        const [unit, num, den] = queue.shift()!;
        for (const conversion of CONVERSIONS) {
            let next: number | undefined;
            let factorNum = 1n;
            let factorDen = 1n;
            if (conversion.measureId === unit) {
                next = conversion.refMeasureId;
                factorNum = BigInt(conversion.ratio);
            } else if (conversion.refMeasureId === unit) {
                next = conversion.measureId;
                factorDen = BigInt(conversion.ratio);
            }
            if (next === undefined || seen.has(next)) continue;
            const value: [number, bigint, bigint] = [next, num * factorNum, den * factorDen];
            if (next === to) return [value[1], value[2]];
            seen.add(next);
            queue.push(value);
        }
    }
    return undefined;
}

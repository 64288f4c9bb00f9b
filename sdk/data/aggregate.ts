/**
 * Streaming sums: fold records into per-group money totals as they arrive, so that aggregating a
 * month of bills holds one page of records and one accumulator per group, never the records.
 */
import { Decimal, DecimalString } from "./decimal";
import { currencyFactor } from "./money";
import { WireRecord } from "./wire";

/** Exact running totals of a fixed set of money fields. */
export class MoneyTotals<F extends string> {
    private readonly sums: Map<F, Decimal>;
    count = 0;

    constructor(private readonly fields: readonly F[]) {
        this.sums = new Map(fields.map((f) => [f, Decimal.ZERO]));
    }

    /** Adds one record's amounts (`read(field)` gives each, already in main units). */
    add(read: (field: F) => Decimal): void {
        this.count += 1;
        for (const field of this.fields) {
            const value = read(field);
            if (!value.isZero()) this.sums.set(field, this.sums.get(field)!.plus(value));
        }
    }

    get(field: F): Decimal {
        return this.sums.get(field) ?? Decimal.ZERO;
    }

    /** Totals as decimal strings keyed by `names[field]`. */
    toStrings<N extends string>(names: Readonly<Record<F, N>>): Record<N, DecimalString> {
        const out = {} as Record<N, DecimalString>;
        for (const field of this.fields) out[names[field]] = this.get(field).toString();
        return out;
    }
}

/**
 * Reads money field `field` of a raw wire record in main units. Amounts arrive as JSON numbers or
 * strings; `measure` is the record's `measure_id`.
 */
export function wireMoney(record: WireRecord, field: string, measure: unknown): Decimal {
    const value = record[field];
    if (value === undefined || value === null || value === "") return Decimal.ZERO;
    const amount = Decimal.from(value as string | number);
    if (measure === undefined || measure === null || measure === 1 || measure === "1") return amount;
    return amount.times(currencyFactor(measure, field));
}

/** A group's key, display name and totals, while folding. */
export interface GroupState<F extends string> {
    readonly key: string;
    name?: string;
    readonly totals: MoneyTotals<F>;
}

/** Groups records by a key and keeps exact totals per group plus an overall total. */
export class GroupedTotals<F extends string> {
    readonly overall: MoneyTotals<F>;
    private readonly groups = new Map<string, GroupState<F>>();

    constructor(private readonly fields: readonly F[]) {
        this.overall = new MoneyTotals(fields);
    }

    add(key: string, name: string | undefined, read: (field: F) => Decimal): void {
        let group = this.groups.get(key);
        if (!group) {
            group = { key, name, totals: new MoneyTotals(this.fields) };
            this.groups.set(key, group);
        } else if (group.name === undefined && name !== undefined) {
            group.name = name;
        }
        // Read each amount once and feed both accumulators.
        const values = new Map<F, Decimal>();
        const cached = (field: F) => {
            let value = values.get(field);
            if (value === undefined) {
                value = read(field);
                values.set(field, value);
            }
            return value;
        };
        group.totals.add(cached);
        this.overall.add(cached);
    }

    /** Groups sorted by `sortField` descending, then key. */
    sorted(sortField: F): GroupState<F>[] {
        return [...this.groups.values()].sort((a, b) => {
            const cmp = b.totals.get(sortField).compare(a.totals.get(sortField));
            return cmp !== 0 ? cmp : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        });
    }

    get size(): number {
        return this.groups.size;
    }
}

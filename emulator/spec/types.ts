/**
 * Shape of emulator/spec/operations.json: the request side of every operation of the reference
 * (groups A and B), generated from /work/shared/bss-api by emulator/spec/generate.ts.
 */

export type SpecType = "string" | "integer" | "number" | "boolean" | "object" | "array";

/** Recognised date formats (validated); other format texts are only recorded in `formatText`. */
export type SpecFormat = "datetime" | "date" | "month";

export interface SpecField {
    /** JSON wire name (absent for array items). */
    readonly name?: string;
    /** Where a top-level parameter travels; body fields have none. */
    readonly in?: "path" | "query" | "header";
    readonly type: SpecType;
    readonly required: boolean;
    /** Allowed values (numbers for integer fields). Header enums compare case-insensitively. */
    readonly enum?: readonly (string | number | boolean)[];
    /**
     * The enum applies only when a sibling member has this value (e.g. ListCosts `groupby[].key` is one of
     * the dimensions only when `type` is "dimension"; a tag key is free text).
     */
    readonly enumWhen?: { readonly field: string; readonly equals: string };
    readonly minimum?: number;
    readonly maximum?: number;
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly minItems?: number;
    readonly maxItems?: number;
    readonly format?: SpecFormat;
    readonly formatText?: string;
    /** Regular expression source the whole value must match. */
    readonly pattern?: string;
    readonly default?: string | number | boolean;
    /** Array element description. */
    readonly items?: SpecField;
    /** Object members. */
    readonly fields?: readonly SpecField[];
}

export interface SpecOperation {
    /** SDK operation name. */
    readonly name: string;
    readonly group: "A" | "B";
    readonly file: string;
    readonly method: "GET" | "POST" | "PUT" | "DELETE";
    readonly path: string;
    /** Documented success status (204 when the reference only says "2xx, empty"; see successNote). */
    readonly successStatus: number;
    readonly successNote?: string;
    readonly sites: readonly ("cn" | "intl")[];
    /** Caller must be an enterprise master account. */
    readonly masterOnly: boolean;
    /** Path, query and header parameters. */
    readonly parameters: readonly SpecField[];
    /** Request body; undefined = the operation takes none (anything sent is ignored). */
    readonly body?: { readonly required: boolean; readonly fields: readonly SpecField[] };
    /** Documented requests per second when different from the default 10. */
    readonly rateLimit?: number;
}

export interface SpecFile {
    readonly generatedFrom: string;
    readonly operations: readonly SpecOperation[];
}

/**
 * Generic request validation against the generated spec: every documented path/query/header parameter
 * and body field (recursively) is checked for presence, type, enum, range, length, item count and date
 * format. The first problem is reported as 400 CBC.0100 naming the field and the rule.
 */
import { isDate, isMonth, isWireDatetime } from "../time";
import type { SpecField, SpecOperation } from "./types";

export interface ValidationInput {
    readonly pathParams: Readonly<Record<string, string>>;
    readonly query: Readonly<Record<string, string | string[]>>;
    /** Lower-case header names. */
    readonly headers: Readonly<Record<string, string>>;
    /** Parsed JSON body; undefined when none was sent. */
    readonly body: unknown;
}

export interface ValidationFailure {
    readonly ok: false;
    /** Dotted wire path of the field, e.g. "coupon_infos[1].type". */
    readonly field: string;
    readonly rule: string;
    readonly message: string;
}

export type ValidationOutcome = { readonly ok: true; readonly params: Record<string, unknown> } | ValidationFailure;

class Invalid extends Error {
    constructor(
        readonly field: string,
        readonly rule: string,
        message: string,
    ) {
        super(message);
    }
}

const describe = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

function checkString(field: string, spec: SpecField, value: string, caseInsensitiveEnum: boolean): void {
    if (spec.minLength !== undefined && value.length < spec.minLength) {
        throw new Invalid(field, "minLength", `${field} must be at least ${spec.minLength} characters long`);
    }
    if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        throw new Invalid(field, "maxLength", `${field} must be at most ${spec.maxLength} characters long`);
    }
    if (spec.enum) {
        const allowed = spec.enum.map(String);
        const found = caseInsensitiveEnum ? allowed.some((a) => a.toLowerCase() === value.toLowerCase()) : allowed.includes(value);
        if (!found) throw new Invalid(field, "enum", `${field} must be one of ${allowed.join(", ")}`);
    }
    if (spec.pattern && !new RegExp(spec.pattern).test(value)) {
        throw new Invalid(field, "pattern", `${field} does not match ${spec.pattern}`);
    }
    if (value.length > 0 && spec.format === "datetime" && !isWireDatetime(value)) {
        throw new Invalid(field, "format", `${field} must be a UTC time yyyy-MM-ddTHH:mm:ssZ`);
    }
    if (value.length > 0 && spec.format === "date" && !isDate(value)) {
        throw new Invalid(field, "format", `${field} must be a date YYYY-MM-DD`);
    }
    if (value.length > 0 && spec.format === "month" && !isMonth(value)) {
        throw new Invalid(field, "format", `${field} must be a month YYYY-MM`);
    }
}

function checkNumber(field: string, spec: SpecField, value: number): void {
    if (spec.type === "integer" && !Number.isInteger(value)) throw new Invalid(field, "type", `${field} must be an integer`);
    if (spec.minimum !== undefined && value < spec.minimum) throw new Invalid(field, "minimum", `${field} must be >= ${spec.minimum}`);
    if (spec.maximum !== undefined && value > spec.maximum) throw new Invalid(field, "maximum", `${field} must be <= ${spec.maximum}`);
    if (spec.enum && !spec.enum.includes(value)) throw new Invalid(field, "enum", `${field} must be one of ${spec.enum.join(", ")}`);
}

/** Validates a JSON value (body side: types must match exactly). */
function checkJson(field: string, spec: SpecField, value: unknown): void {
    switch (spec.type) {
        case "string":
            if (typeof value !== "string") throw new Invalid(field, "type", `${field} must be a string, got ${describe(value)}`);
            checkString(field, spec, value, false);
            return;
        case "integer":
        case "number":
            if (typeof value !== "number" || !Number.isFinite(value)) throw new Invalid(field, "type", `${field} must be a${spec.type === "integer" ? "n integer" : " number"}, got ${describe(value)}`);
            checkNumber(field, spec, value);
            return;
        case "boolean":
            if (typeof value !== "boolean") throw new Invalid(field, "type", `${field} must be a boolean, got ${describe(value)}`);
            return;
        case "array": {
            if (!Array.isArray(value)) throw new Invalid(field, "type", `${field} must be an array, got ${describe(value)}`);
            if (spec.minItems !== undefined && value.length < spec.minItems) throw new Invalid(field, "minItems", `${field} must contain at least ${spec.minItems} item(s)`);
            if (spec.maxItems !== undefined && value.length > spec.maxItems) throw new Invalid(field, "maxItems", `${field} must contain at most ${spec.maxItems} item(s)`);
            if (spec.items) value.forEach((item, i) => checkJson(`${field}[${i}]`, spec.items as SpecField, item));
            return;
        }
        case "object":
            if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Invalid(field, "type", `${field} must be an object, got ${describe(value)}`);
            checkMembers(field, spec.fields ?? [], value as Record<string, unknown>);
            return;
    }
}

function checkMembers(prefix: string, fields: readonly SpecField[], value: Record<string, unknown>): void {
    for (const member of fields) {
        const name = member.name as string;
        const path = prefix ? `${prefix}.${name}` : name;
        const memberValue = value[name];
        // null counts as absent, as the service's JSON binding treats it.
        if (memberValue === undefined || memberValue === null) {
            if (member.required) throw new Invalid(path, "required", `${path} is mandatory`);
            continue;
        }
        // A conditional enum binds only when its sibling has the named value.
        const condition = member.enumWhen;
        const effective = condition && value[condition.field] !== condition.equals ? { ...member, enum: undefined } : member;
        checkJson(path, effective, memberValue);
    }
}

/** Converts and validates a text parameter (path/query/header); returns the typed value. */
function checkText(field: string, spec: SpecField, raw: string, isHeader: boolean): unknown {
    switch (spec.type) {
        case "integer":
        case "number": {
            const text = raw.trim();
            const pattern = spec.type === "integer" ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
            if (!pattern.test(text)) throw new Invalid(field, "type", `${field} must be a${spec.type === "integer" ? "n integer" : " number"}, got "${raw}"`);
            const n = Number(text);
            checkNumber(field, spec, n);
            return n;
        }
        case "boolean":
            if (raw !== "true" && raw !== "false") throw new Invalid(field, "type", `${field} must be true or false, got "${raw}"`);
            return raw === "true";
        case "array":
            // Comma-separated list in a query parameter.
            return raw.split(",").map((item, i) => (spec.items ? checkText(`${field}[${i}]`, spec.items, item, isHeader) : item));
        default:
            checkString(field, spec, raw, isHeader);
            return raw;
    }
}

export function validateRequest(spec: SpecOperation, input: ValidationInput): ValidationOutcome {
    const params: Record<string, unknown> = {};
    try {
        for (const parameter of spec.parameters) {
            const name = parameter.name as string;
            let raw: string | string[] | undefined;
            if (parameter.in === "path") raw = input.pathParams[name];
            else if (parameter.in === "header") raw = input.headers[name.toLowerCase()];
            else raw = input.query[name];
            if (Array.isArray(raw)) {
                if (parameter.type !== "array") throw new Invalid(name, "type", `${name} must be given once`);
                params[name] = raw.map((item, i) => (parameter.items ? checkText(`${name}[${i}]`, parameter.items, item, false) : item));
                continue;
            }
            if (raw === undefined) {
                if (parameter.required) throw new Invalid(name, "required", `${name} is mandatory`);
                if (parameter.default !== undefined) params[name] = parameter.default;
                continue;
            }
            // An empty numeric/boolean query value is rejected ("limit/offset '' not supported").
            params[name] = checkText(name, parameter, raw, parameter.in === "header");
        }
        if (spec.body) {
            if (input.body === undefined || input.body === null) {
                if (spec.body.required) throw new Invalid("body", "required", "request body is mandatory");
            } else {
                if (typeof input.body !== "object" || Array.isArray(input.body)) throw new Invalid("body", "type", "request body must be a JSON object");
                checkMembers("", spec.body.fields, input.body as Record<string, unknown>);
            }
        }
    } catch (error) {
        if (error instanceof Invalid) return { ok: false, field: error.field, rule: error.rule, message: error.message };
        throw error;
    }
    return { ok: true, params };
}

/**
 * Dev-time generator: reads the wire reference (/work/shared/bss-api/*.yaml, or $BSS_API_DIR) and
 * writes emulator/spec/operations.json, the request spec the router validates every call against.
 * The runtime reads only the committed JSON. Run after a build:
 *   node dist/emulator/spec/generate.js [--out emulator/spec/operations.json]
 *
 * The reference has two dialects: group A files (README.md) describe parameters with `in:` and bodies
 * by named types (`request.types`, snake_case constraint keys); group B files (README-billing.md) list
 * `path_params`/`query`/`headers` and nest `fields`/`items` inline (camelCase constraint keys).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import type { SpecField, SpecFile, SpecFormat, SpecOperation, SpecType } from "./types";

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => value !== null && typeof value === "object" && !Array.isArray(value);

function numberOrUndefined(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    return undefined;
}

function formatOf(text: unknown): { format?: SpecFormat; formatText?: string } {
    if (typeof text !== "string") return {};
    const t = text.toLowerCase();
    if (/yyyy-mm-dd'?t'?hh/.test(t)) return { format: "datetime", formatText: text };
    if (/yyyy-mm-dd/.test(t)) return { format: "date", formatText: text };
    if (/yyyy-mm/.test(t)) return { format: "month", formatText: text };
    return { formatText: text };
}

function patternOf(text: unknown): string | undefined {
    if (typeof text !== "string") return undefined;
    const body = text.startsWith("/") && text.lastIndexOf("/") > 0 ? text.slice(1, text.lastIndexOf("/")) : text;
    return `^(?:${body})$`;
}

function enumOf(rawEnum: unknown, type: SpecType): (string | number | boolean)[] | undefined {
    const values: unknown[] = Array.isArray(rawEnum) ? rawEnum : isRecord(rawEnum) ? Object.keys(rawEnum) : [];
    if (values.length === 0) return undefined;
    if (type === "integer" || type === "number") {
        const numbers = values.map((v) => numberOrUndefined(v));
        return numbers.every((n): n is number => n !== undefined) ? numbers : undefined;
    }
    if (type === "boolean") return values.map((v) => String(v) === "true");
    if (type === "string") return values.map((v) => String(v));
    return undefined;
}

/** Group A constraint keys are snake_case (min_length), group B camelCase (minLength) or short (min/max). */
function constraintsOf(raw: Raw): Partial<SpecField> & { itemMaxLength?: number } {
    const c = isRecord(raw.constraints) ? raw.constraints : {};
    const pick = (...keys: string[]) => {
        for (const key of keys) {
            const n = numberOrUndefined(c[key]);
            if (n !== undefined) return n;
        }
        return undefined;
    };
    return {
        minimum: pick("minimum", "min"),
        maximum: pick("maximum", "max"),
        minLength: pick("min_length", "minLength"),
        maxLength: pick("max_length", "maxLength"),
        minItems: pick("min_items", "minItems"),
        maxItems: pick("max_items", "maxItems"),
        itemMaxLength: pick("item_max_length", "itemMaxLength"),
        ...formatOf(c.format),
        pattern: patternOf(c.pattern),
    };
}

function defaultOf(raw: Raw, type: SpecType): string | number | boolean | undefined {
    const c = isRecord(raw.constraints) ? raw.constraints : {};
    const value = raw.default ?? c.default;
    if (value === undefined || value === null) return undefined;
    if (type === "integer" || type === "number") return numberOrUndefined(value);
    if (type === "boolean") return typeof value === "boolean" ? value : undefined;
    if (type === "string" && (typeof value === "string" || typeof value === "number")) return String(value);
    return undefined;
}

/**
 * A conditional enum, read from the field's description: "... for type=dimension one of the enum values"
 * means the enum binds only when the sibling `type` is "dimension".
 */
function enumConditionOf(raw: Raw): SpecField["enumWhen"] {
    const text = typeof raw.description === "string" ? raw.description : "";
    const m = /for (\w+)\s*=\s*(\w+),? one of the enum values/i.exec(text);
    return m ? { field: m[1], equals: m[2] } : undefined;
}

function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

class FieldConverter {
    constructor(private readonly namedTypes: Raw) {}

    /** Converts one field entry of either dialect (recursively). */
    field(raw: Raw, depth = 0): SpecField {
        if (depth > 12) throw new Error(`type nesting too deep at ${String(raw.name)}`);
        const typeText = String(raw.type ?? "string").trim();
        const required = raw.required === true;
        const { itemMaxLength, ...constraints } = constraintsOf(raw);
        const name = typeof raw.name === "string" ? raw.name : undefined;
        const location = raw.in === "path" || raw.in === "query" || raw.in === "header" ? raw.in : undefined;

        const arrayOf = /^array\s*<\s*([^>]+)\s*>$/.exec(typeText) ?? /^array of (\w+)$/.exec(typeText);
        if (arrayOf || typeText === "array") {
            let items: SpecField;
            if (arrayOf) {
                items = this.typeReference(arrayOf[1].trim(), depth, raw);
            } else if (isRecord(raw.items)) {
                items = this.field({ ...raw.items, required: false, name: undefined }, depth + 1);
            } else {
                items = { type: "string", required: false };
            }
            if (itemMaxLength !== undefined && items.type === "string") items = { ...items, maxLength: itemMaxLength };
            return compact<SpecField>({
                name,
                in: location,
                type: "array",
                required,
                minItems: constraints.minItems,
                maxItems: constraints.maxItems,
                items,
            });
        }
        if (typeText === "object") {
            const fields = Array.isArray(raw.fields) ? raw.fields.filter(isRecord).map((f) => this.field(f, depth + 1)) : [];
            return compact<SpecField>({ name, in: location, type: "object", required, fields });
        }
        const scalar = this.scalarType(typeText);
        if (scalar) {
            const values = enumOf(raw.enum, scalar);
            return compact<SpecField>({
                name,
                in: location,
                type: scalar,
                required,
                enum: values,
                enumWhen: values ? enumConditionOf(raw) : undefined,
                ...constraints,
                minItems: undefined,
                maxItems: undefined,
                default: defaultOf(raw, scalar),
            });
        }
        // A named type of the group A dialect.
        return { ...this.typeReference(typeText, depth, raw), ...compact({ name, in: location, required }) };
    }

    private scalarType(typeText: string): SpecType | undefined {
        switch (typeText) {
            case "string":
                return "string";
            case "integer":
                return "integer";
            case "number":
                return "number";
            case "boolean":
                return "boolean";
            default:
                return undefined;
        }
    }

    private typeReference(typeName: string, depth: number, owner: Raw): SpecField {
        const scalar = this.scalarType(typeName);
        if (scalar) {
            return compact<SpecField>({ type: scalar, required: false, enum: enumOf(owner.enum, scalar) });
        }
        const named = this.namedTypes[typeName];
        if (!isRecord(named)) throw new Error(`unknown type ${typeName}`);
        const fields = Array.isArray(named.fields) ? named.fields.filter(isRecord).map((f) => this.field(f, depth + 1)) : [];
        return { type: "object", required: false, fields };
    }
}

function sitesOf(doc: Raw): ("cn" | "intl")[] {
    const list = (Array.isArray(doc.available_in) ? doc.available_in : Array.isArray(doc.services) ? doc.services : ["bss", "bssintl"]).map(String);
    const sites: ("cn" | "intl")[] = [];
    if (list.includes("bss")) sites.push("cn");
    if (list.includes("bssintl")) sites.push("intl");
    return sites;
}

function successOf(doc: Raw): { successStatus: number; successNote?: string } {
    const response = isRecord(doc.response) ? doc.response : {};
    const raw = doc.success_status ?? response.success_status;
    const n = numberOrUndefined(raw);
    if (n !== undefined) return { successStatus: n };
    // "2xx with empty body ... 204 likely": answer 204 and keep the text.
    return { successStatus: 204, successNote: String(raw) };
}

function masterOnlyOf(doc: Raw): boolean {
    const caller = doc.caller;
    const text = typeof caller === "string" ? caller : isRecord(caller) ? JSON.stringify(caller) : "";
    return /^\s*enterprise master/i.test(text);
}

function rateLimitOf(doc: Raw): number | undefined {
    const text = typeof doc.throttle === "string" ? doc.throttle : "";
    const m = /(\d+)\s*requests?\s*\/\s*s/i.exec(text);
    return m ? Number(m[1]) : undefined;
}

function convertOperation(file: string, doc: Raw): SpecOperation {
    const http = isRecord(doc.http) ? doc.http : {};
    const request = isRecord(doc.request) ? doc.request : {};
    const converter = new FieldConverter(isRecord(request.types) ? request.types : {});
    const group: "A" | "B" = typeof doc.group === "string" && doc.group.startsWith("A") ? "A" : "B";

    const parameters: SpecField[] = [];
    if (Array.isArray(request.parameters)) {
        for (const p of request.parameters.filter(isRecord)) parameters.push(converter.field(p));
    }
    const located: [string, "path" | "query" | "header"][] = [
        ["path_params", "path"],
        ["query", "query"],
        ["headers", "header"],
    ];
    for (const [key, location] of located) {
        const list = request[key];
        if (!Array.isArray(list)) continue;
        for (const p of list.filter(isRecord)) parameters.push(converter.field({ ...p, in: location }));
    }

    let body: SpecOperation["body"];
    const rawBody = request.body;
    if (Array.isArray(rawBody)) {
        body = { required: rawBody.some((f) => isRecord(f) && f.required === true), fields: rawBody.filter(isRecord).map((f) => converter.field(f)) };
    } else if (isRecord(rawBody) && typeof rawBody.type === "string") {
        const typed = converter.field({ name: "body", type: rawBody.type, required: rawBody.required === true });
        body = { required: rawBody.required === true, fields: typed.fields ?? [] };
    }

    const method = String(http.method ?? "GET").toUpperCase() as SpecOperation["method"];
    return compact<SpecOperation>({
        name: String(doc.operation),
        group,
        file,
        method,
        path: String(http.path),
        ...successOf(doc),
        sites: sitesOf(doc),
        masterOnly: masterOnlyOf(doc),
        parameters,
        body,
        rateLimit: rateLimitOf(doc),
    });
}

export function generateSpec(referenceDir: string): SpecFile {
    const files = fs
        .readdirSync(referenceDir)
        .filter((f) => f.endsWith(".yaml") && !f.endsWith("common.yaml"))
        .sort();
    const operations: SpecOperation[] = [];
    for (const file of files) {
        const doc = yaml.load(fs.readFileSync(path.join(referenceDir, file), "utf8"));
        if (!isRecord(doc) || typeof doc.operation !== "string" || !isRecord(doc.http)) continue;
        try {
            operations.push(convertOperation(file, doc));
        } catch (error) {
            throw new Error(`${file}: ${(error as Error).message}`);
        }
    }
    operations.sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group.localeCompare(b.group)));
    return { generatedFrom: "bss-api reference (groups A and B)", operations };
}

function main(): void {
    const referenceDir = process.env.BSS_API_DIR ?? "/work/shared/bss-api";
    const outIndex = process.argv.indexOf("--out");
    const out = outIndex > 0 ? process.argv[outIndex + 1] : path.resolve(__dirname, "../../../emulator/spec/operations.json");
    const spec = generateSpec(referenceDir);
    fs.writeFileSync(out, JSON.stringify(spec, null, 1) + "\n");
    process.stdout.write(`wrote ${spec.operations.length} operations to ${out}\n`);
}

if (require.main === module) main();

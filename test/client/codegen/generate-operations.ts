/**
 * Generates provider/bss/operations/generated.ts (wire definitions and zod schemas of every BSS
 * operation) from the YAML reference copied into test/client/fixtures/bss-api.
 *
 *   node dist/test/client/codegen/generate-operations.js [referenceDir] [outFile]
 *
 * The operations test regenerates in memory and fails when the committed file differs, so the
 * client cannot drift from the reference copy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

type Kind = "string" | "integer" | "number" | "boolean" | "array" | "object";
type StringFormat = "datetime" | "date" | "month";

interface FieldSpec {
    name: string;
    kind: Kind;
    required: boolean;
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    minItems?: number;
    maxItems?: number;
    format?: StringFormat;
    allowEmpty?: boolean;
    enumValues?: (string | number)[];
    unique?: boolean;
    items?: FieldSpec;
    fields?: FieldSpec[];
    /** Named (group A) object type. */
    typeName?: string;
}

type Location = "path" | "query" | "header" | "body";

interface ParamSpec extends FieldSpec {
    in: Location;
}

interface OperationSpec {
    operation: string;
    file: string;
    group: "A" | "B";
    method: string;
    path: string;
    successStatus: number[];
    emptyResponse: boolean;
    iamAction?: string;
    body: "none" | "optional" | "required";
    params: ParamSpec[];
    response: FieldSpec[];
}

// ---------------------------------------------------------------------------------------------
// Reading the reference

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

function toFormat(text: unknown): StringFormat | undefined {
    if (typeof text !== "string") return undefined;
    if (/HH/.test(text)) return "datetime";
    if (/(DD|dd)/.test(text)) return "date";
    if (/(YYYY|yyyy)-MM/.test(text)) return "month";
    return undefined;
}

function enumValues(raw: Yaml, kind: Kind): (string | number)[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    const values: unknown[] = Array.isArray(raw) ? raw : Object.keys(raw);
    return values.map((v) => (kind === "integer" || kind === "number" ? Number(v) : String(v)));
}

function num(v: unknown): number | undefined {
    return typeof v === "number" ? v : undefined;
}

/** Group A: `type` is string|integer|number|boolean|array<T>|<TypeName>; named types in `types`. */
function readFieldA(raw: Yaml, types: Record<string, Yaml>, isRequest: boolean): FieldSpec {
    const c = raw.constraints ?? {};
    const required = isRequest ? raw.required === true : raw.always_present === true;
    const spec = readTypeA(String(raw.type), types, isRequest);
    const field: FieldSpec = { ...spec, name: raw.name, required };
    if (field.kind === "array") {
        field.minItems = num(c.min_items);
        field.maxItems = num(c.max_items);
        if (c.unique !== undefined) field.unique = true;
        if (field.items && field.items.kind === "string") field.items = { ...field.items, maxLength: num(c.item_max_length) };
        if (field.items && isRequest && raw.enum) field.items = { ...field.items, enumValues: enumValues(raw.enum, field.items.kind) };
    } else {
        field.minLength = num(c.min_length);
        field.maxLength = num(c.max_length);
        field.min = num(c.minimum);
        field.max = num(c.maximum);
        field.format = toFormat(c.format);
        if (field.format && c.min_length === 0) field.allowEmpty = true;
        if (isRequest) field.enumValues = enumValues(raw.enum, field.kind);
    }
    return field;
}

function readTypeA(type: string, types: Record<string, Yaml>, isRequest: boolean): Omit<FieldSpec, "name" | "required"> {
    const arr = /^array<(.+)>$/.exec(type);
    if (arr) return { kind: "array", items: { ...readTypeA(arr[1], types, isRequest), name: "item", required: true } };
    if (type === "string" || type === "integer" || type === "number" || type === "boolean") return { kind: type };
    const named = types[type];
    if (!named) throw new Error(`unknown type ${type}`);
    return {
        kind: "object",
        typeName: type,
        fields: (named.fields ?? []).map((f: Yaml) => readFieldA(f, types, isRequest)),
    };
}

/** Group B: `type` is string|integer|number|boolean|object|array|"array of string"; nesting via fields/items. */
function readFieldB(raw: Yaml, isRequest: boolean): FieldSpec {
    const c = raw.constraints ?? {};
    const type = String(raw.type);
    let field: FieldSpec;
    if (type === "array of string") {
        field = { name: raw.name, kind: "array", required: false, items: { name: "item", kind: "string", required: true, maxLength: num(c.itemMaxLength) } };
    } else if (type === "array") {
        const items = raw.items ?? { type: "string" };
        const itemSpec: FieldSpec = items.fields
            ? { name: "item", kind: "object", required: true, fields: items.fields.map((f: Yaml) => readFieldB(f, isRequest)) }
            : readFieldB({ name: "item", type: items.type ?? "string", constraints: items.constraints, enum: items.enum }, isRequest);
        itemSpec.required = true;
        field = { name: raw.name, kind: "array", required: false, items: itemSpec };
    } else if (type === "object") {
        field = { name: raw.name, kind: "object", required: false, fields: (raw.fields ?? []).map((f: Yaml) => readFieldB(f, isRequest)) };
    } else if (type === "string" || type === "integer" || type === "number" || type === "boolean") {
        field = { name: raw.name, kind: type, required: false };
    } else {
        throw new Error(`unknown type ${type} for ${raw.name}`);
    }
    field.required = isRequest && raw.required === true;
    if (field.kind === "array") {
        field.minItems = num(c.minItems);
        field.maxItems = num(c.maxItems);
    } else if (field.kind !== "object") {
        field.minLength = num(c.minLength);
        field.maxLength = num(c.maxLength);
        field.min = num(c.min);
        field.max = num(c.max);
        field.format = toFormat(c.format);
        if (isRequest) field.enumValues = enumValues(raw.enum, field.kind);
    }
    return field;
}

/** Path parameters the client fills in itself (the caller's account). */
const AUTO_FILLED_PATH_PARAMS = new Set(["domain_id"]);

function readOperation(file: string, d: Yaml): OperationSpec {
    const r = d.request ?? {};
    const params: ParamSpec[] = [];
    let body: OperationSpec["body"] = "none";
    let response: FieldSpec[] = [];
    let successStatus: number[];
    let emptyResponse: boolean;
    let group: "A" | "B";
    if (r.parameters !== undefined) {
        group = "A";
        const types: Record<string, Yaml> = { ...(r.types ?? {}), ...(d.response?.types ?? {}) };
        const reqTypes: Record<string, Yaml> = r.types ?? {};
        if (Array.isArray(r.parameters)) {
            for (const p of r.parameters) params.push({ ...readFieldA(p, reqTypes, true), in: p.in === "header" ? "header" : p.in });
        }
        if (r.body && typeof r.body === "object") {
            body = r.body.required ? "required" : "optional";
            for (const f of reqTypes[r.body.type]?.fields ?? []) params.push({ ...readFieldA(f, reqTypes, true), in: "body" });
        }
        successStatus = [Number(d.response.success_status)];
        const rb = d.response.body;
        emptyResponse = typeof rb === "string" || !rb;
        if (!emptyResponse) response = (rb.fields ?? []).map((f: Yaml) => readFieldA(f, types, false));
    } else {
        group = "B";
        for (const p of r.path_params ?? []) params.push({ ...readFieldB(p, true), in: "path" });
        for (const p of r.headers ?? []) params.push({ ...readFieldB(p, true), in: "header" });
        for (const p of r.query ?? []) params.push({ ...readFieldB(p, true), in: "query" });
        if (Array.isArray(r.body) && r.body.length > 0) {
            body = r.body.some((f: Yaml) => f.required === true) ? "required" : "optional";
            for (const f of r.body) params.push({ ...readFieldB(f, true), in: "body" });
        }
        const rb = d.response?.body;
        emptyResponse = !Array.isArray(rb) || rb.length === 0;
        if (!emptyResponse) response = rb.map((f: Yaml) => readFieldB(f, false));
        // "2xx with empty body (204 likely, 200 possible)": accept both.
        successStatus = typeof d.success_status === "number" ? [d.success_status] : [200, 204];
    }
    for (const p of params) if (p.in === "path" && AUTO_FILLED_PATH_PARAMS.has(p.name)) p.required = false;
    return {
        operation: d.operation,
        file,
        group,
        method: String(d.http.method).toUpperCase(),
        path: d.http.path,
        successStatus,
        emptyResponse,
        iamAction: typeof d.iam_action === "string" ? d.iam_action.split(" ")[0] : undefined,
        body,
        params,
        response,
    };
}

export function readReference(referenceDir: string): OperationSpec[] {
    const files = fs
        .readdirSync(referenceDir)
        .filter((f) => f.endsWith(".yaml") && f !== "common.yaml" && f !== "billing-common.yaml")
        .sort();
    return files
        .map((file) => readOperation(file, yaml.load(fs.readFileSync(path.join(referenceDir, file), "utf8"))))
        .sort((a, b) => (a.operation < b.operation ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Emitting TypeScript

function pascal(name: string): string {
    return name
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((p) => p[0].toUpperCase() + p.slice(1))
        .join("");
}

/** Indents the continuation lines of an inline (multi-line) schema by one level. */
function indent(code: string): string {
    return code.replace(/\n/g, "\n    ");
}

function key(name: string): string {
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

const FORMAT_HELPER: Record<StringFormat, string> = { datetime: "utcDateTime", date: "calendarDate", month: "calendarMonth" };

class Emitter {
    /** Named schemas in dependency order: name -> code. */
    readonly named = new Map<string, string>();
    readonly docs = new Map<string, string>();

    private nameFor(base: string, code: string): string {
        let name = base;
        for (let i = 2; this.named.has(name) && this.named.get(name) !== code; i++) name = `${base}${i}`;
        return name;
    }

    define(base: string, code: string, doc: string): string {
        const name = this.nameFor(base, code);
        if (!this.named.has(name)) {
            this.named.set(name, code);
            this.docs.set(name, doc);
        }
        return name;
    }

    requestField(f: FieldSpec, context: string): string {
        let code: string;
        switch (f.kind) {
            case "string":
                if (f.enumValues?.length) {
                    code = `z.enum(${JSON.stringify(f.enumValues)})`;
                } else {
                    code = f.format ? `${FORMAT_HELPER[f.format]}(${f.allowEmpty ? "{ allowEmpty: true }" : ""})` : "z.string()";
                    if (f.minLength !== undefined && f.minLength > 0) code += `.min(${f.minLength})`;
                    if (f.maxLength !== undefined) code += `.max(${f.maxLength})`;
                }
                break;
            case "integer":
            case "number":
                if (f.enumValues?.length) {
                    code = `z.literal(${JSON.stringify(f.enumValues)})`;
                } else {
                    code = f.kind === "integer" ? "z.number().int()" : "z.number()";
                    if (f.min !== undefined) code += `.min(${f.min})`;
                    if (f.max !== undefined) code += `.max(${f.max})`;
                }
                break;
            case "boolean":
                code = "z.boolean()";
                break;
            case "array":
                code = `z.array(${this.requestField(f.items!, context)})`;
                if (f.minItems !== undefined && f.minItems > 0) code += `.min(${f.minItems})`;
                if (f.maxItems !== undefined) code += `.max(${f.maxItems})`;
                if (f.unique) code += ".refine(allDistinct, { error: \"must not contain duplicates\" })";
                break;
            case "object": {
                const body = `z.strictObject({\n${f.fields!.map((x) => `    ${key(x.name)}: ${indent(this.requestField(x, context))},`).join("\n")}\n})`;
                code = f.typeName ? this.define(f.typeName, body, `Request type ${f.typeName} (${context}).`) : body;
                break;
            }
        }
        return f.required ? code : `${code}.optional()`;
    }

    responseField(f: FieldSpec, context: string): string {
        let code: string;
        switch (f.kind) {
            case "string":
                code = "z.string()";
                break;
            case "integer":
                code = "z.number().int()";
                break;
            case "number":
                code = "z.number()";
                break;
            case "boolean":
                code = "z.boolean()";
                break;
            case "array":
                code = `z.array(${this.responseField({ ...f.items!, name: f.name }, context)})`;
                break;
            case "object": {
                const body = `z.looseObject({\n${f.fields!.map((x) => `    ${key(x.name)}: ${indent(this.responseField(x, context))},`).join("\n")}\n})`;
                const base = f.typeName ?? `${context}${pascal(f.name)}`;
                code = this.define(base, body, f.typeName ? `Response type ${f.typeName} (${context}).` : `${context}: one \`${f.name}\` entry.`);
                break;
            }
        }
        return f.required ? code : `${code}.optional()`;
    }
}

export function generateOperationsSource(referenceDir: string): string {
    const ops = readReference(referenceDir);
    const e = new Emitter();
    const perOp: string[] = [];
    for (const op of ops) {
        const reqFields = op.params.map((p) => `    ${key(p.name)}: ${indent(e.requestField(p, op.operation))},`).join("\n");
        const reqName = e.define(`${op.operation}Request`, `z.strictObject({\n${reqFields}\n})`, `${op.operation}: the flat request (wire names).`);
        let resName = "undefined";
        if (!op.emptyResponse) {
            const resFields = op.response.map((f) => `    ${key(f.name)}: ${e.responseField(f, op.operation)},`).join("\n");
            resName = e.define(`${op.operation}Response`, `z.looseObject({\n${resFields}\n})`, `${op.operation}: the response body.`);
        }
        const where = (loc: Location) => JSON.stringify(op.params.filter((p) => p.in === loc).map((p) => p.name));
        const limitParam = op.params.find((p) => p.name === "limit");
        const offsetParam = op.params.find((p) => p.name === "offset");
        let paging = "undefined";
        if (limitParam && offsetParam) {
            const arrays = op.response.filter((f) => f.kind === "array").map((f) => f.name);
            const totals = op.response.filter((f) => /count/i.test(f.name) && f.kind === "integer").map((f) => f.name);
            if (arrays.length !== 1 || totals.length !== 1) throw new Error(`${op.operation}: cannot tell the page's records/total fields`);
            // Two offset conventions exist: 0-based record offsets, and 1-based page numbers (legacy v1.0, intl invoices).
            const style = (offsetParam.min ?? 0) >= 1 ? "page-number" : "record-offset";
            paging = `{ style: ${JSON.stringify(style)}, itemsField: ${JSON.stringify(arrays[0])}, totalField: ${JSON.stringify(totals[0])}, offsetMin: ${offsetParam.min ?? 0}, offsetMax: ${offsetParam.max ?? 2147483647}, limitMax: ${limitParam.max}, limitRequired: ${limitParam.required} }`;
        }
        perOp.push(
            [
                `    ${op.operation}: {`,
                `        operation: ${JSON.stringify(op.operation)},`,
                `        group: ${JSON.stringify(op.group)},`,
                `        file: ${JSON.stringify(op.file)},`,
                `        method: ${JSON.stringify(op.method)},`,
                `        path: ${JSON.stringify(op.path)},`,
                `        successStatus: ${JSON.stringify(op.successStatus)},`,
                `        iamAction: ${op.iamAction ? JSON.stringify(op.iamAction) : "undefined"},`,
                `        body: ${JSON.stringify(op.body)},`,
                `        pathParams: ${where("path")},`,
                `        queryParams: ${where("query")},`,
                `        headerParams: ${where("header")},`,
                `        bodyParams: ${where("body")},`,
                `        paging: ${paging},`,
                `        request: ${reqName},`,
                `        response: ${resName},`,
                `    },`,
            ].join("\n"),
        );
    }
    const schemas = [...e.named].map(
        ([name, code]) => `/** ${e.docs.get(name)} */\nexport const ${name} = ${code};\nexport type ${name} = z.${name.endsWith("Request") || isRequestType(name, e) ? "input" : "output"}<typeof ${name}>;`,
    );
    return [
        "// GENERATED by test/client/codegen/generate-operations.ts from the BSS reference (test/client/fixtures/bss-api).",
        "// Do not edit: change the generator or the reference copy and regenerate.",
        "/* eslint-disable */",
        'import { z } from "zod";',
        'import { allDistinct, calendarDate, calendarMonth, utcDateTime } from "./schema-helpers";',
        "",
        schemas.join("\n\n"),
        "",
        "/** Wire definition of every operation of both reference indexes, keyed by the reference's `operation`. */",
        "export const referenceOperations = {",
        perOp.join("\n"),
        "} as const;",
        "",
    ].join("\n");
}

function isRequestType(name: string, e: Emitter): boolean {
    return (e.docs.get(name) ?? "").startsWith("Request type");
}

if (require.main === module) {
    const repo = path.resolve(__dirname, "../../../..");
    const referenceDir = process.argv[2] ?? path.join(repo, "test/client/fixtures/bss-api");
    const outFile = process.argv[3] ?? path.join(repo, "provider/bss/operations/generated.ts");
    fs.writeFileSync(outFile, generateOperationsSource(referenceDir));
    console.log(`wrote ${outFile}`);
}

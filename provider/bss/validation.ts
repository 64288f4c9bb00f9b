/** Turns zod issues into field/rule pairs and messages that name the field (wire name) and the rule. */
import type { z } from "zod";
import { UnexpectedResponseError, ValidationError, ValidationIssue } from "./errors";

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current = root;
    for (const key of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

function show(value: unknown): string {
    let text: string;
    try {
        text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
    } catch {
        text = String(value);
    }
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fieldName(path: readonly PropertyKey[]): string {
    return path.length ? path.map(String).join(".") : "(request)";
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    for (const issue of issues) {
        const value = valueAt(input, issue.path);
        const got = value === undefined ? "" : ` (got ${show(value)})`;
        switch (issue.code) {
            case "unrecognized_keys":
                for (const k of issue.keys) out.push({ field: fieldName([...issue.path, k]), rule: "is not a field of this operation (use the reference's wire names, e.g. snake_case)" });
                break;
            case "invalid_type":
                out.push({
                    field: fieldName(issue.path),
                    rule: value === undefined ? "is required" : `must be ${issue.expected === "int" ? "an integer" : `a ${issue.expected}`}${got}`,
                });
                break;
            case "too_big": {
                const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
                const numeric = issue.origin === "number" || issue.origin === "int";
                out.push({ field: fieldName(issue.path), rule: `${numeric ? "must be at most" : "must have at most"} ${issue.maximum}${unit}${got}` });
                break;
            }
            case "too_small": {
                const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
                const numeric = issue.origin === "number" || issue.origin === "int";
                out.push({ field: fieldName(issue.path), rule: `${numeric ? "must be at least" : "must have at least"} ${issue.minimum}${unit}${got}` });
                break;
            }
            case "invalid_value":
                out.push({ field: fieldName(issue.path), rule: `must be one of ${issue.values.map((v) => show(v)).join(", ")}${got}` });
                break;
            default:
                out.push({ field: fieldName(issue.path), rule: `${issue.message}${got}` });
        }
    }
    return out;
}

export function requestValidationError(operation: string, error: z.ZodError, input: unknown): ValidationError {
    const issues = describeIssues(error.issues, input);
    const list = issues.map((i) => `${i.field} ${i.rule}`).join("; ");
    return new ValidationError(`Invalid request for BSS ${operation}, nothing was sent: ${list}.`, {
        operation,
        code: "CLIENT.VALIDATION",
        issues,
        clientSide: true,
    });
}

export function responseShapeError(operation: string, error: z.ZodError, body: unknown, status: number, requestId?: string): UnexpectedResponseError {
    const issues = describeIssues(error.issues, body);
    const list = issues.slice(0, 5).map((i) => `${i.field} ${i.rule}`).join("; ");
    return new UnexpectedResponseError(
        `BSS ${operation} answered HTTP ${status} with a body that does not match the reference: ${list}${issues.length > 5 ? "; ..." : ""}. The call itself may have succeeded; check the state before repeating it.`,
        { operation, httpStatus: status, code: "CLIENT.UNEXPECTED_RESPONSE", requestId },
    );
}

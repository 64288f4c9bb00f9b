/** Classification of service answers into the error hierarchy, from the bodies BSS and its gateway send. */
import * as assert from "node:assert/strict";
import {
    AuthenticationError,
    BssError,
    classifyBssError,
    InsufficientBalanceError,
    NotFoundError,
    parseErrorBody,
    PermissionError,
    redactSecrets,
    ResourceLockedError,
    ServerError,
    ThrottledError,
    ValidationError,
} from "../../provider/bss";

type ErrorClass = new (...args: never[]) => BssError;

const CASES: [status: number, body: string, expected: ErrorClass, code: string | undefined][] = [
    [429, '{"error_code":"CBC.0250","error_msg":"Access frequency overlimit"}', ThrottledError, "CBC.0250"],
    [429, '{"status_code":429,"request_id":"r1","error_code":"APIGW.0308","error_message":"The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 minute"}', ThrottledError, "APIGW.0308"],
    [406, '{"error_code":"CBC.0250","error_msg":"Blocked by olc"}', ThrottledError, "CBC.0250"],
    [401, '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: verify aksk signature fail"}', AuthenticationError, "APIGW.0301"],
    [403, '{"error_code":"CBC.0154","error_msg":"token invalid"}', AuthenticationError, "CBC.0154"],
    [403, '{"error_code":"CBC.0151","error_msg":"Access denied."}', PermissionError, "CBC.0151"],
    [403, '{"error_code":"CBC.0156","error_msg":"customer does not belong to the website"}', PermissionError, "CBC.0156"],
    [400, '{"error_code":"CBC.0100","error_msg":"Parameter error."}', ValidationError, "CBC.0100"],
    [400, '{"error_code":"CBC.0101","error_msg":"Invalid parameter."}', ValidationError, "CBC.0101"],
    [400, '{"error_code":"CBC.99005003","error_msg":"Insufficient balance."}', InsufficientBalanceError, "CBC.99005003"],
    [400, '{"error_code":"CBC.30050006","error_msg":"Automatic payment failed."}', InsufficientBalanceError, "CBC.30050006"],
    [400, '{"error_code":"CBC.99003100","error_msg":"in an order pending payment"}', ResourceLockedError, "CBC.99003100"],
    [400, '{"error_code":"CBC.99003144","error_msg":"order in processing"}', ResourceLockedError, "CBC.99003144"],
    [400, '{"error_code":"CBC.99003651","error_msg":"transaction in progress"}', ResourceLockedError, "CBC.99003651"],
    [400, '{"error_code":"CBC.30000067","error_msg":"Unsubscription not supported. This resource has been deleted"}', NotFoundError, "CBC.30000067"],
    [400, '{"error_code":"CBC.99003012","error_msg":"Resource ID does not exist."}', NotFoundError, "CBC.99003012"],
    [400, '{"error_code":"CBC.30000010","error_msg":"Invalid order."}', NotFoundError, "CBC.30000010"],
    [500, '{"error_code":"CBC.0999","error_msg":"Other errors."}', ServerError, "CBC.0999"],
    [503, "<html>Service Unavailable</html>", ServerError, undefined],
    [400, '{"error_code":"CBC.99003106","error_msg":"Order status changed."}', BssError, "CBC.99003106"],
    [404, '{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment"}', BssError, "APIGW.0101"],
    [401, '{"error":{"code":"401","message":"The request you have made requires authentication.","title":"Unauthorized"}}', AuthenticationError, "401"],
];

describe("error classification", () => {
    for (const [status, body, expected, code] of CASES) {
        it(`HTTP ${status} ${code ?? "(no code)"} -> ${expected.name}`, () => {
            const parsed = parseErrorBody(body);
            const error = classifyBssError({ operation: "RenewalResources", httpStatus: status, code: parsed.code, serviceMessage: parsed.message, requestId: "req-123", iamAction: "billing:subscription:renew" });
            assert.equal(error.constructor, expected);
            assert.ok(error instanceof BssError);
            assert.equal(error.name, expected.name);
            assert.equal(error.code, code);
            assert.equal(error.httpStatus, status);
            assert.equal(error.requestId, "req-123");
            assert.equal(error.operation, "RenewalResources");
            assert.match(error.message, /RenewalResources/);
            if (parsed.message) assert.ok(error.message.includes(parsed.message));
        });
    }

    it("tells the user what to do next", () => {
        const denied = classifyBssError({ operation: "RenewalResources", httpStatus: 403, code: "CBC.0151", iamAction: "billing:subscription:renew" });
        assert.match(denied.message, /grant the IAM user the action billing:subscription:renew/);
        const wrongSite = classifyBssError({ operation: "ListServiceTypes", httpStatus: 403, code: "CBC.0150" });
        assert.match(wrongSite.message, /huaweicloud-bss:site \(cn \| intl \| eu\)/);
        const locked = classifyBssError({ operation: "RenewalResources", httpStatus: 400, code: "CBC.99003100" });
        assert.match(locked.message, /pay or cancel the pending order/);
        const auth = classifyBssError({ operation: "PayOrders", httpStatus: 401, code: "APIGW.0301" });
        assert.match(auth.message, /clock is within 15 minutes/);
        const throttled = classifyBssError({ operation: "PayOrders", httpStatus: 429, code: "CBC.0250", retryAfterMs: 2000 });
        assert.ok(throttled instanceof ThrottledError);
        assert.equal(throttled.retryAfterMs, 2000);
        assert.equal(throttled.retryable, true);
        assert.match(throttled.message, /nothing was changed/);
    });

    it("classifies per-item failures the same way (fail_resource_infos entries)", () => {
        const item = classifyBssError({ operation: "ListRenewRateOnPeriod", code: "CBC.30050009", serviceMessage: "Resource expired and deleted, or does not exist." });
        assert.ok(item instanceof NotFoundError);
        assert.ok(classifyBssError({ operation: "ListRenewRateOnPeriod", code: "CBC.30050010" }) instanceof ResourceLockedError);
    });

    it("reads extra fields of the error body as details (fail_check_items)", () => {
        const parsed = parseErrorBody('{"error_code":"CBC.99007004","error_msg":"check failed","fail_check_items":["NOT_OPEN_MULTI_PROJECT"]}');
        assert.deepEqual(parsed.details, { fail_check_items: ["NOT_OPEN_MULTI_PROJECT"] });
        assert.deepEqual(parseErrorBody("not json"), {});
    });

    it("removes credentials from service messages", () => {
        const text = "Incorrect IAM authentication information: Get secretKey failed,ak:AKLEAKED00000000001,err:ak not exist";
        assert.equal(redactSecrets(text, ["AKLEAKED00000000001", undefined, "sk"]), "Incorrect IAM authentication information: Get secretKey failed,ak:[redacted],err:ak not exist");
    });
});

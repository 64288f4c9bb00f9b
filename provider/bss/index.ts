/**
 * pulumi-huaweicloud-bss/client — the Huawei Cloud BSS client shared by resources, data sources,
 * benchmarks and the emulator's request parsing.
 */
export { createBssClient, DEFAULT_OPERATION_RATES, DEFAULT_REQUESTS_PER_SECOND } from "./client";
export type { BssClient, CallOptions, OperationMethods, Paginator } from "./client";
export {
    CONFIG_KEYS,
    isResolvedClientOptions,
    normaliseEndpoint,
    readCredentialsFile,
    resolveClientOptions,
    SITE_ENDPOINTS,
    SITE_IAM_ENDPOINTS,
    SITES,
} from "./config";
export type { ClientOptions, ConfigLookup, RequestEvent, ResolvedClientOptions, ResolveInput, ResponseEvent, Site } from "./config";
export { AccessKeyCredentials, maskIdentifier, PasswordCredentials, redactSecrets, REDACTED, TokenCredentials } from "./credentials";
export type { Credentials } from "./credentials";
export {
    AmbiguousOutcomeError,
    AuthenticationError,
    BssError,
    classifyBssError,
    ConfigurationError,
    InsufficientBalanceError,
    NetworkError,
    NotFoundError,
    parseErrorBody,
    PermissionError,
    ResourceLockedError,
    ServerError,
    ThrottledError,
    UnexpectedResponseError,
    ValidationError,
} from "./errors";
export type { BssErrorFields, ServiceFailure, ValidationIssue } from "./errors";
export { createResourceLookup, MAX_RESOURCE_IDS_PER_QUERY } from "./lookup";
export type { ResourceLookup, ResourceLookupOptions } from "./lookup";
export * from "./operations";
export { Pacer, realTimer, sharedPacer } from "./pacer";
export type { Timer } from "./pacer";
export { paginate, paginatePages } from "./paginate";
export type { PageRequestOf, PaginateOptions } from "./paginate";
export { reconcile } from "./reconcile";
export { buildWireRequest } from "./request";
export type { PreparedRequest, WireContext } from "./request";
export type { Reconciliation, ReconcileStatus } from "./reconcile";
export { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from "./retry";
export type { RetryDecision, RetryPolicy } from "./retry";
export * from "./signer";

// Kubernetes `Status` errors: every failure the server answers is one, with
// the reason and code kubectl knows how to print.

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Status['details'],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  status(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const QUALIFIED = 'billingentities.billing.appuio.io';

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
export const unauthorized = (message = 'Unauthorized'): ApiError => new ApiError(401, 'Unauthorized', message);
export const forbidden = (user: string, verb: string, name?: string): ApiError =>
  new ApiError(
    403,
    'Forbidden',
    `${QUALIFIED}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "billingentities" in API group "billing.appuio.io"${name ? '' : ' at the cluster scope'}`,
    { ...(name ? { name } : {}), group: 'billing.appuio.io', kind: 'billingentities' },
  );
export const notFound = (name: string): ApiError =>
  new ApiError(404, 'NotFound', `${QUALIFIED} "${name}" not found`, { name, group: 'billing.appuio.io', kind: 'billingentities' });
export const notFoundPath = (path: string): ApiError => new ApiError(404, 'NotFound', `the server could not find the requested resource (${path})`);
export const methodNotAllowed = (message: string): ApiError => new ApiError(405, 'MethodNotAllowed', message);
export const notAcceptable = (message: string): ApiError => new ApiError(406, 'NotAcceptable', message);
export const conflict = (name: string, message: string): ApiError =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${QUALIFIED} "${name}": ${message}`, {
    name,
    group: 'billing.appuio.io',
    kind: 'billingentities',
  });
export const gone = (message: string): ApiError => new ApiError(410, 'Expired', message);
export const unsupportedMediaType = (message: string): ApiError => new ApiError(415, 'UnsupportedMediaType', message);
export const invalid = (name: string, causes: StatusCause[]): ApiError =>
  new ApiError(422, 'Invalid', `BillingEntity.billing.appuio.io "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, {
    name,
    group: 'billing.appuio.io',
    kind: 'BillingEntity',
    causes,
  });
export const unavailable = (message: string, retryAfterSeconds: number): ApiError =>
  new ApiError(503, 'ServiceUnavailable', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
export const timeout = (message: string): ApiError => new ApiError(504, 'Timeout', message, { retryAfterSeconds: 1 });
export const internal = (message: string): ApiError => new ApiError(500, 'InternalError', message);

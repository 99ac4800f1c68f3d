// OSB errors: every failure the broker answers is one of these, so a client
// always gets the `error`/`description` body the spec defines, never a 500
// for bad input.

/** The error codes the spec reserves, plus our own for cases it leaves open. */
export type ErrorCode =
  | 'AsyncRequired'
  | 'ConcurrencyError'
  | 'RequiresApp'
  | 'MaintenanceInfoConflict'
  | 'BadRequest'
  | 'Unauthorized'
  | 'NotFound'
  | 'Conflict'
  | 'Gone'
  | 'PreconditionFailed'
  | 'PlanChangeNotSupported'
  | 'InstanceFailed'
  | 'InternalError';

export interface ErrorBody {
  error: ErrorCode;
  description: string;
  instance_usable?: boolean;
  update_repeatable?: boolean;
}

export class BrokerError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    description: string,
    readonly extra: { instance_usable?: boolean; update_repeatable?: boolean } = {},
  ) {
    super(description);
  }

  body(): ErrorBody {
    return { error: this.code, description: this.message, ...this.extra };
  }
}

export const badRequest = (description: string): BrokerError => new BrokerError(400, 'BadRequest', description);
export const notFound = (description: string): BrokerError => new BrokerError(404, 'NotFound', description);
export const conflict = (description: string): BrokerError => new BrokerError(409, 'Conflict', description);
export const gone = (description: string): BrokerError => new BrokerError(410, 'Gone', description);
export const asyncRequired = (): BrokerError =>
  new BrokerError(422, 'AsyncRequired', 'This service is provisioned, changed and deleted asynchronously: send accepts_incomplete=true.');
export const concurrencyError = (description: string): BrokerError => new BrokerError(422, 'ConcurrencyError', description);

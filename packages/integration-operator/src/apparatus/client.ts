// Calls an apparatus with the operator's REST contract: GET /ping, POST
// /config and one POST per lifecycle event, JSON bodies, a timeout per
// request and a bounded number of retries for failures that may pass.
import type { Side } from '../api/types.js';

export class ApparatusError extends Error {
  override readonly name = 'ApparatusError';
  constructor(
    message: string,
    /** No HTTP answer at all: the apparatus is not (yet) running. */
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

export interface ApparatusClientOptions {
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Further attempts after a network error or a 5xx answer (default 3). */
  retries?: number;
  /** First retry delay, doubled per attempt (default 200 ms). */
  retryDelayMs?: number;
  /** Where to reach an owner's apparatus instead of its service (tests, or an apparatus run elsewhere). */
  endpointOverride?: (owner: Side) => string | undefined;
}

export const apparatusName = (owner: Side): string => `${owner.metadata.name}-${owner.kind.toLowerCase()}-apparatus`;

export class ApparatusClient {
  constructor(private readonly opts: ApparatusClientOptions = {}) {}

  /** The base URL of the owner's apparatus. */
  baseUrl(owner: Side): string {
    const override = this.opts.endpointOverride?.(owner);
    if (override) return override.replace(/\/+$/, '');
    const endpoint = owner.spec.apparatus?.endpoint ?? '';
    if (/^https?:\/\//.test(endpoint)) return endpoint.replace(/\/+$/, '');
    const path = endpoint.replace(/\/+$/, '');
    return `http://${apparatusName(owner)}.${owner.metadata.namespace}.svc.cluster.local${path}`;
  }

  async ping(owner: Side): Promise<void> {
    await this.request(owner, 'GET', '/ping', undefined);
  }

  /** POSTs the body; returns the parsed JSON answer (undefined for an empty one). */
  post(owner: Side, path: string, body: Record<string, unknown>): Promise<unknown> {
    return this.request(owner, 'POST', path, body);
  }

  private async request(owner: Side, method: string, path: string, body: Record<string, unknown> | undefined): Promise<unknown> {
    const url = this.baseUrl(owner) + path;
    const retries = this.opts.retries ?? 3;
    let delay = this.opts.retryDelayMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      let failure: ApparatusError;
      try {
        const res = await fetch(url, {
          method,
          headers: body ? { 'content-type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : null,
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        });
        const text = await res.text();
        if (res.ok) return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
        failure = new ApparatusError(`apparatus ${method} ${path} answered HTTP ${res.status}`, false);
        if (res.status < 500) throw failure;
      } catch (err) {
        if (err instanceof ApparatusError) throw err;
        if (err instanceof SyntaxError) throw new ApparatusError(`apparatus ${method} ${path} answered with invalid JSON`, false);
        failure = new ApparatusError(`apparatus ${method} ${path} is unreachable: ${(err as Error).message}`, true);
      }
      if (attempt >= retries) throw failure;
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}

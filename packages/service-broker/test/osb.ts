// A raw OSB client for the contract tests: it sends exactly what a test
// says (also what a platform must not send) and checks every response it
// gets against the official OpenAPI document.
import type { Method } from '../src/openapi.js';
import { contractProblems } from './helpers.js';
import type { Platform } from './harness.js';

export interface OSBResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Seen {
  template: string;
  method: Method;
  status: number;
}

const TEMPLATES: [RegExp, string][] = [
  [/^\/v2\/catalog$/, '/v2/catalog'],
  [/^\/v2\/service_instances\/[^/]+$/, '/v2/service_instances/{instance_id}'],
  [/^\/v2\/service_instances\/[^/]+\/last_operation$/, '/v2/service_instances/{instance_id}/last_operation'],
  [/^\/v2\/service_instances\/[^/]+\/service_bindings\/[^/]+$/, '/v2/service_instances/{instance_id}/service_bindings/{binding_id}'],
  [
    /^\/v2\/service_instances\/[^/]+\/service_bindings\/[^/]+\/last_operation$/,
    '/v2/service_instances/{instance_id}/service_bindings/{binding_id}/last_operation',
  ],
];

export interface RequestOptions {
  body?: unknown;
  /** A raw body, sent as it is. */
  rawBody?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** 'basic' (default), 'bearer', or none at all. */
  auth?: 'basic' | 'bearer' | 'none';
  /** Leave out X-Broker-API-Version. */
  noVersion?: boolean;
}

export class OSBClient {
  readonly seen: Seen[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly platform: Platform,
  ) {}

  basicAuth(): string {
    return `Basic ${Buffer.from(`${this.platform.username}:${this.platform.password}`).toString('base64')}`;
  }

  async call(method: Method, path: string, opts: RequestOptions = {}): Promise<OSBResponse> {
    const url = new URL(path, this.baseUrl());
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...(opts.noVersion ? {} : { 'X-Broker-API-Version': '2.17' }) };
    if (opts.auth !== 'none') headers['Authorization'] = opts.auth === 'bearer' ? `Bearer ${this.platform.token}` : this.basicAuth();
    const payload = opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, opts.headers);
    const res = await fetch(url, { method: method.toUpperCase(), headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      this.problems.push(`${method.toUpperCase()} ${path} ${res.status}: the body is not JSON`);
    }
    const template = TEMPLATES.find(([re]) => re.test(url.pathname))?.[1];
    if (template !== undefined) {
      this.seen.push({ template, method, status: res.status });
      this.problems.push(...contractProblems(template, method, res.status, body));
    }
    if (res.status >= 500) this.problems.push(`${method.toUpperCase()} ${path}: server error ${res.status}: ${text}`);
    return { status: res.status, headers: res.headers, body };
  }
}

/** The body's field, for assertions. */
export function field(r: OSBResponse, key: string): unknown {
  return typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>)[key] : undefined;
}

// Table cases over example stages, in the manner of function-patch-and-
// transform's tests: a case names an example stage, patches what it changes
// (JSON merge patches, null removes), and states only the expectations that
// make its point. The request is the one Crossplane would send for that
// stage, so every stage exists once, in examples/.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isObject, RunFunctionRequest, RunFunctionResponse, type JsonObject, type JsonValue, type RunFunction } from '@appcat/runtime';
import { responseJSON } from '@appcat/runtime/testing';
import { exampleAt } from './examples.js';
import { requestJSONForExample } from './request.js';
import { repoRoot } from './repo.js';

/** What a case changes in its stage's request. */
export interface StagePatch {
  /** Merged into the observed composite (its spec.parameters, metadata, ...). */
  composite?: JsonObject;
  /** Per observed resource name: merged into it; null removes the resource. */
  observed?: Record<string, JsonObject | null>;
  /** Per observed resource name: its connection details (strings); null removes them. */
  details?: Record<string, Record<string, string> | null>;
  /** The observed composite's connection details (strings); null removes them. */
  compositeDetails?: Record<string, string> | null;
  /** Merged into the function input. */
  input?: JsonObject;
  /** Resources desired by earlier pipeline steps. */
  desired?: Record<string, JsonObject>;
  /** Readiness earlier pipeline steps set on their desired resources. */
  desiredReady?: Record<string, 'True' | 'False'>;
  /** The desired composite as earlier pipeline steps left it. */
  desiredComposite?: JsonObject;
  /** The pipeline context earlier steps wrote. */
  context?: JsonObject;
}

export interface ResultExpectation {
  severity: 'NORMAL' | 'WARNING' | 'FATAL';
  reason?: string;
  message: string;
}

export interface ConditionExpectation {
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  /** Compared only when given. */
  message?: string;
}

export interface CaseExpectations {
  /** Every result, in order. */
  results?: ResultExpectation[];
  /** The names of every desired composed resource. */
  resources?: string[];
  /** Readiness of the named desired resources, and of the composite under "composite". */
  ready?: Record<string, 'True' | 'False' | 'Unspecified'>;
  /** The ServiceReady condition (status, reason, message when given). */
  serviceReady?: ConditionExpectation;
  /** Other conditions the function sets, by type. */
  conditions?: Record<string, ConditionExpectation>;
  /** The desired composite's connection details as strings; exactly these keys. */
  connectionDetails?: Record<string, string>;
  ttlSeconds?: number;
  /** The pipeline context the response hands on, whole. */
  context?: JsonObject;
  /**
   * Values at paths of the response view: `resources.<name>.<path>`,
   * `composite.<path>` (the desired composite resource). A key holding dots
   * is written in brackets: `metadata.labels[appuio.io/billing-name]`.
   * A value of null means the path is absent.
   */
  fields?: Record<string, JsonValue>;
}

/**
 * A case states `expect`. A case without it is a function's one
 * whole-response golden (test/response.golden.yaml): its `response` is the
 * full response in the protocol's canonical JSON, to catch what no case
 * states.
 */
export interface StageCase {
  file: string;
  /** Where the case file is, so that UPDATE_CASES=1 can rewrite a golden's response. */
  path: string;
  reason: string;
  /** The example stage the request comes from, e.g. examples/vshn-postgresql/full/4-cluster-ready. */
  stage: string;
  patch?: StagePatch;
  expect?: CaseExpectations;
  response?: unknown;
}

export function loadStageCases(dir: string): StageCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, path: join(dir, file), ...(parse(readFileSync(join(dir, file), 'utf8')) as Omit<StageCase, 'file' | 'path'>) }));
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  const removed = new Set(Object.keys(patch).filter((key) => patch[key] === null));
  const out: JsonObject = Object.fromEntries(Object.entries(isObject(target) ? target : {}).filter(([key]) => !removed.has(key)));
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && value !== undefined) out[key] = mergePatch(out[key], value);
  }
  return out;
}

const base64 = (details: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(details).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));

/** The request of a case: its stage's request with the case's patch applied. */
export function requestForCase(c: StageCase, functionName: string, root = repoRoot()): RunFunctionRequest {
  const json = requestJSONForExample(exampleAt(root, c.stage), functionName);
  const observed = json['observed'] as { composite: JsonObject; resources: Record<string, JsonObject> };
  const patch = c.patch ?? {};
  if (patch.composite) observed.composite['resource'] = mergePatch(observed.composite['resource'], patch.composite);
  const dropped = new Set(Object.keys(patch.observed ?? {}).filter((name) => patch.observed?.[name] === null));
  observed.resources = Object.fromEntries(Object.entries(observed.resources).filter(([name]) => !dropped.has(name)));
  for (const [name, p] of Object.entries(patch.observed ?? {})) {
    if (p !== null) observed.resources[name] = { ...observed.resources[name], resource: mergePatch(observed.resources[name]?.['resource'], p) };
  }
  for (const [name, d] of Object.entries(patch.details ?? {})) {
    const resource = observed.resources[name];
    if (!resource) throw new Error(`${c.file}: patch.details.${name}: no observed resource ${name}`);
    if (d === null) delete resource['connectionDetails'];
    else resource['connectionDetails'] = base64(d);
  }
  if (patch.compositeDetails === null) delete observed.composite['connectionDetails'];
  else if (patch.compositeDetails) observed.composite['connectionDetails'] = base64(patch.compositeDetails);
  if (patch.input) json['input'] = mergePatch(json['input'], patch.input);
  for (const name of Object.keys(patch.desiredReady ?? {})) {
    if (!patch.desired?.[name]) throw new Error(`${c.file}: patch.desiredReady.${name}: no desired resource ${name}`);
  }
  if (patch.desired || patch.desiredComposite) {
    json['desired'] = {
      ...(patch.desiredComposite ? { composite: { resource: patch.desiredComposite } } : {}),
      resources: Object.fromEntries(
        Object.entries(patch.desired ?? {}).map(([k, r]) => {
          const ready = patch.desiredReady?.[k];
          return [k, { resource: r, ...(ready ? { ready: `READY_${ready.toUpperCase()}` } : {}) }];
        }),
      ),
    };
  }
  if (patch.context) json['context'] = patch.context;
  return RunFunctionRequest.fromJSON(json);
}

/** Splits `a.b[c.d].e` into ['a', 'b', 'c.d', 'e']. */
function pathSegments(path: string): string[] {
  return [...path.matchAll(/\[([^\]]+)\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function valueAt(root: unknown, path: string): JsonValue | undefined {
  let cur: unknown = root;
  for (const seg of pathSegments(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isObject(cur) && Object.hasOwn(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur as JsonValue;
}

/** What a case's expectations are compared with: the response as the case files spell it. */
export interface ResponseView {
  results: ResultExpectation[];
  resources: string[];
  ready: Record<string, string>;
  serviceReady: { status: string; reason: string; message?: string } | undefined;
  conditions: Record<string, { status: string; reason: string; message?: string } | undefined>;
  connectionDetails: Record<string, string>;
  ttlSeconds: number;
  context: JsonObject;
  fields: Record<string, JsonValue | null>;
}

/** READY_TRUE → True, SEVERITY_FATAL → FATAL: the protocol's enum names as the case files spell them. */
const enumName = (value: JsonValue | undefined, prefix: string, title = false): string => {
  const name = (typeof value === 'string' ? value : '').replace(prefix, '');
  return title ? name.charAt(0) + name.slice(1).toLowerCase() : name;
};

/** The response reduced to what `expect` names, so a test compares the two whole and a failure shows every difference. */
export function viewOf(rsp: RunFunctionResponse, expect: CaseExpectations): Partial<ResponseView> {
  const json = RunFunctionResponse.toJSON(rsp) as JsonObject;
  const desired = isObject(json['desired']) ? json['desired'] : {};
  const resources = isObject(desired['resources']) ? desired['resources'] : {};
  const composite = isObject(desired['composite']) ? desired['composite'] : {};
  const conditions = Array.isArray(json['conditions']) ? json['conditions'].filter(isObject) : [];
  const sr = conditions.find((c) => c['type'] === 'ServiceReady');
  const readyOf = (r: JsonValue | undefined): string =>
    isObject(r) && r['ready'] !== undefined ? enumName(r['ready'], 'READY_', true) : 'Unspecified';
  const view: Partial<ResponseView> = {};
  if (expect.results) {
    const results = Array.isArray(json['results']) ? json['results'].filter(isObject) : [];
    view.results = results.map((r) => ({
      severity: enumName(r['severity'], 'SEVERITY_') as ResultExpectation['severity'],
      ...(typeof r['reason'] === 'string' ? { reason: r['reason'] } : {}),
      message: typeof r['message'] === 'string' ? r['message'] : '',
    }));
  }
  if (expect.resources) view.resources = Object.keys(resources).sort();
  if (expect.ready)
    view.ready = Object.fromEntries(Object.keys(expect.ready).map((name) => [name, readyOf(name === 'composite' ? composite : resources[name])]));
  const conditionView = (c: JsonObject | undefined, expected: ConditionExpectation) =>
    c
      ? {
          status: enumName(c['status'], 'STATUS_CONDITION_', true),
          reason: typeof c['reason'] === 'string' ? c['reason'] : '',
          ...(expected.message !== undefined && typeof c['message'] === 'string' ? { message: c['message'] } : {}),
        }
      : undefined;
  if (expect.serviceReady) view.serviceReady = conditionView(sr, expect.serviceReady);
  if (expect.conditions) {
    view.conditions = Object.fromEntries(
      Object.entries(expect.conditions).map(([type, expected]) => [
        type,
        conditionView(
          conditions.find((c) => c['type'] === type),
          expected,
        ),
      ]),
    );
  }
  if (expect.connectionDetails) {
    view.connectionDetails = Object.fromEntries(
      Object.entries(rsp.desired?.composite?.connectionDetails ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]),
    );
  }
  if (expect.ttlSeconds !== undefined) view.ttlSeconds = rsp.meta?.ttl?.seconds ?? 0;
  if (expect.context) view.context = isObject(json['context']) ? json['context'] : {};
  if (expect.fields) {
    const root = {
      composite: composite['resource'] ?? {},
      resources: Object.fromEntries(Object.entries(resources).map(([k, r]) => [k, isObject(r) ? (r['resource'] ?? null) : null])),
    };
    view.fields = Object.fromEntries(Object.keys(expect.fields).map((path) => [path, valueAt(root, path) ?? null]));
  }
  return view;
}

/**
 * Runs a case; the test compares the two results with toEqual. For a golden
 * with UPDATE_CASES=1 the actual response is written into the file instead
 * of compared: review that diff like any golden.
 */
export async function runStageCase(c: StageCase, run: RunFunction, functionName: string): Promise<{ actual: unknown; expected: unknown }> {
  const rsp = await run(requestForCase(c, functionName));
  if (!c.expect) {
    const actual = responseJSON(rsp);
    if (process.env['UPDATE_CASES'] !== '1') return { actual, expected: c.response ?? null };
    // Everything above the response (always last) stays as written. Written
    // as YAML 1.1 so that times like 01:00:00 are quoted: a 1.1 reader takes
    // them for numbers.
    const head =
      readFileSync(c.path, 'utf8')
        .split(/^response:/m)[0]
        ?.trimEnd() ?? '';
    writeFileSync(c.path, `${head}\n${stringify({ response: actual }, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' })}`);
    return { actual, expected: actual };
  }
  const { fields, ...rest } = c.expect;
  return { actual: viewOf(rsp, c.expect), expected: { ...rest, ...(fields ? { fields } : {}) } };
}

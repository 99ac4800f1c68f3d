// Every function under generated input: parameters, composite metadata and
// observed state drawn at random around the examples' own stages. Whatever
// arrives, a function answers (never an error), in sentences (never an
// internal error text), keeps every observed resource when it refuses,
// desires only well-formed objects, and answers the same request the same.
import fc from 'fast-check';
import { findExamples, functionsOf, mergePatch, repoRoot, requestJSONForExample, type ExampleCase } from '@appcat/catalog';
import { runFunction as exoscalePostgreSQL } from '@appcat/function-exoscale-postgresql/function';
import { runFunction as keycloak } from '@appcat/function-keycloak/function';
import { runFunction as objectBucket } from '@appcat/function-objectbucket/function';
import { runFunction as vshnPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import { isObject, RunFunctionRequest, RunFunctionResponse, Severity, type JsonObject, type JsonValue, type RunFunction } from '@appcat/runtime';

const root = repoRoot();
const examples = findExamples(root);

const functions: { name: string; service: string; run: RunFunction }[] = [
  { name: 'function-appcat-objectbucket', service: 'objectbucket', run: objectBucket },
  { name: 'function-appcat-vshn-postgresql', service: 'vshn-postgresql', run: vshnPostgreSQL },
  { name: 'function-appcat-exoscale-postgresql', service: 'exoscale-postgresql', run: exoscalePostgreSQL },
  { name: 'function-appcat-keycloak', service: 'keycloak', run: keycloak },
];

/** JSON of bounded depth, with the odd keys a user or a bug may produce. */
const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('constructor', '__proto__', 'toString', 'plan', 'size', 'service', 'majorVersion', 'backup', 'enabled'),
);
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }) as fc.Arbitrary<JsonValue>,
  ),
})).value;

const metadata = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(null)),
    uid: fc.oneof(fc.uuid(), fc.integer(), fc.constant('')),
    labels: fc.oneof(
      fc.dictionary(fc.constantFrom('crossplane.io/claim-name', 'crossplane.io/claim-namespace', 'x'), fc.oneof(fc.string(), fc.integer())),
      fc.constant(null),
    ),
  },
  { requiredKeys: [] },
);

/** An observed resource replaced by junk, dropped, or left as it is. */
type ObservedChange = { keep: true } | { drop: true } | { junk: JsonValue };
const observedChange: fc.Arbitrary<ObservedChange> = fc.oneof(
  fc.constant({ keep: true as const }),
  fc.constant({ drop: true as const }),
  json.map((junk) => ({ junk })),
);

interface Draw {
  stage: ExampleCase;
  parameters: JsonValue;
  metadata: JsonObject;
  observed: ObservedChange[];
}

function requestOf(fn: (typeof functions)[number], d: Draw): JsonObject {
  const req = requestJSONForExample(d.stage, fn.name);
  const observed = req['observed'] as { composite: JsonObject; resources: Record<string, JsonObject> };
  const xr = observed.composite['resource'] as JsonObject;
  observed.composite['resource'] = mergePatch(xr, { metadata: d.metadata, spec: { parameters: d.parameters } });
  Object.keys(observed.resources).forEach((name, i) => {
    const change = d.observed[i % Math.max(d.observed.length, 1)] ?? { keep: true };
    if ('drop' in change) Reflect.deleteProperty(observed.resources, name);
    else if ('junk' in change) observed.resources[name] = { resource: change.junk };
  });
  return req;
}

/** A name the API server accepts for any kind: a DNS-1123 subdomain. */
const validName = (r: unknown): boolean => {
  const name = isObject(r) && isObject(r['metadata']) ? r['metadata']['name'] : undefined;
  return typeof name === 'string' && name.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name);
};

const wellFormed = (r: unknown): boolean =>
  isObject(r) && typeof r['apiVersion'] === 'string' && r['apiVersion'] !== '' && typeof r['kind'] === 'string' && r['kind'] !== '';

/** The admin password Keycloak generates when none exists yet is random by design; mask it to compare two answers. */
function canonical(rsp: RunFunctionResponse): string {
  const json = RunFunctionResponse.toJSON(rsp) as JsonObject;
  return JSON.stringify(json).replace(/"(password|KEYCLOAK_PASSWORD)":"[^"]*"/g, '"$1":"*"');
}

describe.each(functions.map((f) => [f.service, f] as const))('%s under generated input', (_service, fn) => {
  const stages = examples.filter((c) => functionsOf([c]).has(fn.name));

  test('answers every request with readable results, keeps what exists when it refuses, desires only objects, and is deterministic', async () => {
    expect(stages.length).toBeGreaterThan(0);
    const draw = fc.record({
      stage: fc.constantFrom(...stages),
      parameters: fc.oneof(json, fc.constant({})),
      metadata,
      observed: fc.array(observedChange, { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(draw, async (d) => {
        const json = requestOf(fn, d);
        // Through the protocol's codec, as the request travels over gRPC.
        const bytes = RunFunctionRequest.encode(RunFunctionRequest.fromJSON(json)).finish();
        const rsp = await fn.run(RunFunctionRequest.decode(bytes));
        RunFunctionResponse.encode(rsp).finish();

        for (const r of rsp.results) {
          expect(r.message.length).toBeGreaterThan(0);
          expect(r.message.length).toBeLessThan(4000);
          expect(r.message).not.toMatch(/TypeError|is not a function|Cannot read propert|undefined is not|\[object Object\]/);
        }
        const desired = rsp.desired?.resources ?? {};
        for (const [name, r] of Object.entries(desired)) {
          expect({ name, wellFormed: wellFormed(r.resource), named: validName(r.resource) }).toEqual({ name, wellFormed: true, named: true });
        }
        if (rsp.results.some((r) => r.severity === Severity.SEVERITY_FATAL)) {
          const observed = RunFunctionRequest.decode(bytes).observed?.resources ?? {};
          const kept = Object.entries(observed)
            .filter(([, o]) => wellFormed(o.resource))
            .map(([name]) => name);
          for (const name of kept) expect({ name, desired: Object.hasOwn(desired, name) }).toEqual({ name, desired: true });
        }
        const again = await fn.run(RunFunctionRequest.decode(bytes));
        expect(canonical(again)).toEqual(canonical(rsp));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

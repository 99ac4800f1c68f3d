// Where alerts go is one piece shared by every service (packages/appcat's
// alerting): whatever a claim's monitoring group holds, VSHNPostgreSQL and
// VSHNKeycloak refuse it with the same errors, or compose the same
// AlertmanagerConfigs and Secret copies, only in their own instance namespace
// and under their own name. A template key that is no AlertmanagerConfig
// spec field is refused, naming it.
import fc from 'fast-check';
import { exampleAt, repoRoot, requestJSONForExample } from '@appcat/catalog';
import { runFunction as runKeycloak } from '@appcat/function-keycloak/function';
import { runFunction as runPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import { getObject, RunFunctionRequest, Severity, type JsonObject, type RunFunction } from '@appcat/runtime';

const root = repoRoot();
const SERVICES = [
  {
    run: runPostgreSQL,
    stage: exampleAt(root, 'examples/vshn-postgresql/empty/4-cluster-ready'),
    fn: 'function-appcat-vshn-postgresql',
    configName: 'postgresql',
  },
  { run: runKeycloak, stage: exampleAt(root, 'examples/keycloak/empty/3-release-ready'), fn: 'function-appcat-keycloak', configName: 'keycloak' },
] as const;
const ALERTING = ['alertmanager-config', 'alertmanager-secret', 'email-alerting', 'email-secret'];
const SPEC_FIELDS = ['route', 'receivers', 'inhibitRules', 'muteTimeIntervals'];
const RELAY = { smarthost: 'smtp.relay.internal:587', from: 'alerts@appcat.example.com', passwordSecret: { name: 'smtp-relay', key: 'password' } };

const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,40}[a-z0-9])?$/);
const templateKey = fc.oneof(
  fc.constantFrom(...SPEC_FIELDS),
  fc.constantFrom('receiver', 'routes', 'constructor', '__proto__'),
  fc.string({ maxLength: 12 }),
);
const monitoring = fc.record(
  {
    alertmanagerConfigRef: name,
    alertmanagerConfigSecretRef: name,
    alertmanagerConfigTemplate: fc.dictionary(templateKey, fc.constant({}), { maxKeys: 3 }),
    email: fc.constantFrom('ops@shop.example.com', 'a@b'),
  },
  { requiredKeys: [] },
);

const requests = new Map<string, JsonObject>();
/** The stage's request, read once. */
function requestOf(stage: ReturnType<typeof exampleAt>, fn: string): JsonObject {
  let req = requests.get(stage.id);
  if (!req) requests.set(stage.id, (req = requestJSONForExample(stage, fn)));
  return req;
}

interface Outcome {
  fatal: string[];
  alerting: Record<string, unknown>;
}

async function outcomeOf(
  svc: { run: RunFunction; stage: ReturnType<typeof exampleAt>; fn: string; configName: string },
  group: JsonObject,
  relay: boolean,
  claimed: boolean,
): Promise<Outcome> {
  const req = structuredClone(requestOf(svc.stage, svc.fn));
  const input = req['input'] as JsonObject;
  if (relay) input['emailAlerting'] = RELAY;
  else delete input['emailAlerting'];
  const xr = (req['observed'] as { composite: { resource: JsonObject } }).composite.resource;
  const labels = (xr['metadata'] as { labels: Record<string, string> }).labels;
  // One claim namespace for both, so the copies' sources agree.
  if (claimed) labels['crossplane.io/claim-namespace'] = 'shop';
  else delete labels['crossplane.io/claim-namespace'];
  const parameters = ((xr['spec'] as JsonObject)['parameters'] ??= {}) as JsonObject;
  parameters['monitoring'] = group;
  const rsp = await svc.run(RunFunctionRequest.fromJSON(req));
  const resources = rsp.desired?.resources ?? {};
  const namespace = `"${svc.stage.id.includes('keycloak') ? 'vshn-keycloak-sso-7hd2k' : 'vshn-postgresql-orders-db-4kf9x'}"`;
  const alerting: Record<string, unknown> = {};
  for (const key of ALERTING) {
    const spec = getObject(resources[key]?.resource, 'spec');
    if (!spec) continue;
    // The same objects up to the instance namespace, the service's AlertmanagerConfig name and the owner labels.
    const same = JSON.parse(JSON.stringify(spec).split(namespace).join('"NS"').split(`"${svc.configName}"`).join('"NAME"')) as JsonObject;
    delete (getObject(same, 'forProvider.manifest.metadata') ?? {})['labels'];
    alerting[key] = same;
  }
  return { fatal: rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message), alerting };
}

test('both services refuse or route alerts alike, and name every template key that is no AlertmanagerConfig spec field', async () => {
  await fc.assert(
    fc.asyncProperty(monitoring, fc.boolean(), fc.boolean(), async (group, relay, claimed) => {
      const [postgresql, keycloak] = await Promise.all(SERVICES.map(async (svc) => outcomeOf(svc, group as JsonObject, relay, claimed)));
      expect(keycloak).toEqual(postgresql);
      const unknown = Object.keys(group.alertmanagerConfigTemplate ?? {}).filter((k) => !SPEC_FIELDS.includes(k));
      for (const k of unknown)
        expect(keycloak?.fatal.join('; ')).toContain(`spec.parameters.monitoring.alertmanagerConfigTemplate.${k}: unknown field`);
      if (keycloak?.fatal.length === 0) {
        expect(unknown).toEqual([]);
        expect(Object.keys(keycloak.alerting).includes('email-alerting')).toBe(group.email !== undefined);
        expect(Object.keys(keycloak.alerting).includes('alertmanager-config')).toBe(
          group.alertmanagerConfigTemplate !== undefined || group.alertmanagerConfigRef !== undefined,
        );
      }
    }),
    { numRuns: 80 },
  );
});

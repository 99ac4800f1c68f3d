// `observe RENDERED [--ready all|NAME,...] [--unobserved NAME,...] [--set NAME:PATH=VALUE]...`
// Turns a render into the observed state of the next lifecycle stage, as
// the providers would report it: each composed resource as created, the
// named ones with Ready=True, provider-kubernetes Objects with the manifest
// they observed (unless --unobserved: not synced yet), and any status field set by hand (a bucket's endpoint, a
// parent's billing config). Prints YAML for an example's observed.yaml.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '@appcat/runtime';
import { composedResources } from '../output.js';

const { values, positionals } = parseArgs({
  options: {
    ready: { type: 'string', multiple: true, default: [] },
    unobserved: { type: 'string', multiple: true, default: [] },
    set: { type: 'string', multiple: true, default: [] },
  },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: observe RENDERED [--ready all|NAME,...] [--unobserved NAME,...] [--set NAME:PATH=VALUE]...\n');
  process.exit(2);
}
const ready = new Set(values.ready.flatMap((r) => r.split(',')));
const unobserved = new Set(values.unobserved.flatMap((r) => r.split(',')));
const sets = values.set.map((s) => {
  const m = /^([^:]+):([^=]+)=(.*)$/.exec(s);
  if (!m?.[1] || !m[2] || m[3] === undefined) throw new Error(`--set ${s}: expected NAME:PATH=VALUE`);
  // A dot inside a key (a label such as appuio.io/organization) is written as \\.
  const path = m[2].split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
  return { name: m[1], path, value: m[3] };
});

function setPath(obj: JsonObject, path: readonly string[], value: JsonValue): void {
  let cur = obj;
  const last = path.at(-1);
  if (last === undefined) return;
  for (const key of path.slice(0, -1)) {
    if (!isObject(cur[key])) cur[key] = {};
    cur = cur[key];
  }
  cur[last] = value;
}

const docs = composedResources(readFileSync(file, 'utf8')).map((r) => {
  const obj = structuredClone(r) as unknown as JsonObject;
  const meta = obj['metadata'] as JsonObject;
  const name = (meta['annotations'] as Record<string, string> | undefined)?.['crossplane.io/composition-resource-name'] ?? '';
  delete meta['ownerReferences'];
  const status: JsonObject = {};
  if (r.kind === 'Object' && !unobserved.has(name) && isObject(obj['spec']) && isObject(obj['spec']['forProvider'])) {
    status['atProvider'] = { manifest: structuredClone(obj['spec']['forProvider']['manifest'] ?? null) };
  }
  const isReady = ready.has('all') || ready.has(name);
  status['conditions'] = [
    { type: 'Ready', status: isReady ? 'True' : 'False', reason: isReady ? 'Available' : 'Creating', lastTransitionTime: '2026-11-20T09:00:00Z' },
    { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: '2026-11-20T09:00:00Z' },
  ];
  obj['status'] = status;
  for (const s of sets.filter((s) => s.name === name)) setPath(obj, s.path, s.value);
  return obj;
});
process.stdout.write(docs.map((d) => `---\n${stringify(d)}`).join(''));

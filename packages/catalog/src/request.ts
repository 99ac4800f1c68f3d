// The RunFunctionRequest a function receives for an example stage, built the
// way Crossplane builds it: the XR and its observed composed resources (keyed
// by their composition-resource-name annotation), the step's input, and the
// observed connection details that the Crossplane CLI cannot pass
// (`details.yaml` beside the stage).
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { getObject, getString, isObject, readYamlDocuments, RunFunctionRequest, type JsonObject } from '@appcat/runtime';
import type { ExampleCase } from './examples.js';

/** `details.yaml`: observed connection details as strings, of composed resources and of the composite. */
export interface StageDetails {
  resources?: Record<string, Record<string, string>>;
  composite?: Record<string, string>;
}

const base64 = (details: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(details).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));

/** The pipeline step's input that calls `functionName` in the example's composition. */
export function stepInput(c: ExampleCase, functionName: string): JsonObject {
  const steps = readYamlDocuments(c.composition).flatMap((comp) => {
    const pipeline = isObject(comp['spec']) ? comp['spec']['pipeline'] : undefined;
    return Array.isArray(pipeline) ? pipeline.filter(isObject) : [];
  });
  const step = steps.find((s) => getString(s, 'functionRef.name') === functionName);
  if (!step) throw new Error(`${c.id}: the composition has no step for ${functionName}`);
  return getObject(step, 'input') ?? {};
}

/** The request in the protocol's canonical JSON form (bytes as base64), before it is decoded. */
export function requestJSONForExample(c: ExampleCase, functionName: string): JsonObject {
  const [xr] = readYamlDocuments(c.xr);
  const details: StageDetails = existsSync(c.details) ? ((parse(readFileSync(c.details, 'utf8')) as StageDetails | null) ?? {}) : {};
  const resources: Record<string, JsonObject> = {};
  for (const doc of c.observed ? readYamlDocuments(c.observed) : []) {
    const name = getObject(doc, 'metadata.annotations')?.['crossplane.io/composition-resource-name'];
    if (typeof name === 'string') resources[name] = { resource: doc };
  }
  for (const [name, d] of Object.entries(details.resources ?? {})) {
    const observed = resources[name];
    if (!observed) throw new Error(`${c.id}/details.yaml: no observed resource ${name}`);
    observed['connectionDetails'] = base64(d);
  }
  return {
    meta: { tag: c.id },
    observed: { composite: { resource: xr ?? null, ...(details.composite ? { connectionDetails: base64(details.composite) } : {}) }, resources },
    input: stepInput(c, functionName),
  };
}

export function requestForExample(c: ExampleCase, functionName: string): RunFunctionRequest {
  return RunFunctionRequest.fromJSON(requestJSONForExample(c, functionName));
}

// The RunFunctionRequest a function receives for an example, built the way
// Crossplane builds it: the XR and its observed composed resources (keyed by
// their composition-resource-name annotation) and the step's input.
import { getObject, getString, isObject, readYamlDocuments, RunFunctionRequest, type JsonObject } from '@appcat/runtime';
import type { ExampleCase } from './examples.js';

export function requestForExample(c: ExampleCase, functionName: string): RunFunctionRequest {
  const [xr] = readYamlDocuments(c.xr);
  const steps = readYamlDocuments(c.composition).flatMap((comp) => {
    const pipeline = isObject(comp['spec']) ? comp['spec']['pipeline'] : undefined;
    return Array.isArray(pipeline) ? pipeline.filter(isObject) : [];
  });
  const step = steps.find((s) => getString(s, 'functionRef.name') === functionName);
  if (!step) throw new Error(`${c.id}: the composition has no step for ${functionName}`);
  const resources: Record<string, { resource: JsonObject }> = {};
  for (const doc of c.observed ? readYamlDocuments(c.observed) : []) {
    const name = getObject(doc, 'metadata.annotations')?.['crossplane.io/composition-resource-name'];
    if (typeof name === 'string') resources[name] = { resource: doc };
  }
  return RunFunctionRequest.fromJSON({
    meta: { tag: `bench-${c.id}` },
    observed: { composite: { resource: xr }, resources },
    input: step['input'] ?? {},
  });
}

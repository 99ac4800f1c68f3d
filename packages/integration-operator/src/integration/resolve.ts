// Data, config and result of one side, merged in the documented order (later
// wins): the literal map, then its ConfigMap, its Secret, its template and,
// for config, the apparatus' /config answer.
import { createHash } from 'node:crypto';
import type { Plug, Side, Socket, StringMap, Var } from '../api/types.js';
import type { TemplateEngine } from '../template/engine.js';
import { renderStringMap } from '../template/resources.js';

/** A referenced ConfigMap, Secret or object cannot be read: the integration waits for it. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface Sources {
  /** Data of a ConfigMap of the owner's namespace; SourceError when it is missing. */
  configMap(namespace: string, name: string): Promise<StringMap>;
  /** Decoded data of a Secret of the owner's namespace; SourceError when it is missing. */
  secret(namespace: string, name: string): Promise<StringMap>;
  /** The owner's vars, read as its service account. */
  vars(owner: Side, vars: Var[] | undefined): Promise<StringMap>;
  /** The apparatus' POST /config answer, when the owner has an apparatus. */
  apparatusConfig(owner: Side, body: Record<string, unknown>): Promise<StringMap | undefined>;
  /** The resourceVersion of a ConfigMap or Secret of the owner's namespace; undefined when it is missing. */
  version(kind: SourceKind, namespace: string, name: string): Promise<string | undefined>;
}

export type SourceKind = 'ConfigMap' | 'Secret';

/** The ConfigMaps and Secrets a side names for its data, config and result. */
export function namedSources(owner: Side): { kind: SourceKind; name: string }[] {
  const s = owner.spec;
  const named: [SourceKind, string | undefined][] = [
    ['ConfigMap', s.dataConfigMapName],
    ['Secret', s.dataSecretName],
    ['ConfigMap', s.configConfigMapName],
    ['Secret', s.configSecretName],
    ['ConfigMap', s.resultConfigMapName],
    ['Secret', s.resultSecretName],
  ];
  return named.flatMap(([kind, name]) => (name ? [{ kind, name }] : []));
}

/**
 * What the ConfigMaps and Secrets both sides name are now: a digest of their
 * resourceVersions (a missing one counts as missing). When it changes, the
 * integration is updated as for a spec change. It holds no data, so it may
 * be kept in the status.
 */
export async function sourcesDigest(sides: Side[], src: Sources): Promise<string> {
  const seen = new Set<string>();
  for (const side of sides) {
    const ns = side.metadata.namespace;
    for (const { kind, name } of namedSources(side)) seen.add(`${kind}/${ns}/${name}@${(await src.version(kind, ns, name)) ?? 'missing'}`);
  }
  return createHash('sha256')
    .update([...seen].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

async function merged(
  owner: Side,
  literal: StringMap | undefined,
  configMap: string | undefined,
  secret: string | undefined,
  src: Sources,
): Promise<StringMap> {
  const ns = owner.metadata.namespace;
  return {
    ...literal,
    ...(configMap ? await src.configMap(ns, configMap) : {}),
    ...(secret ? await src.secret(ns, secret) : {}),
  };
}

export function resolveData(owner: Side, src: Sources): Promise<StringMap> {
  return merged(owner, owner.spec.data, owner.spec.dataConfigMapName, owner.spec.dataSecretName, src);
}

export interface Parties {
  plug: Plug;
  socket: Socket;
  plugData: StringMap;
  socketData: StringMap;
}

/** The owner's config before the interface is applied. */
export async function resolveConfig(owner: Side, parties: Parties, src: Sources, engine: TemplateEngine): Promise<StringMap> {
  const spec = owner.spec;
  const config = await merged(owner, spec.config, spec.configConfigMapName, spec.configSecretName, src);
  const vars = await src.vars(owner, spec.vars);
  const seen = { vars, plug: parties.plug, socket: parties.socket, plugData: parties.plugData, socketData: parties.socketData };
  Object.assign(config, renderStringMap(engine, spec.configTemplate, seen));
  if (spec.apparatus) Object.assign(config, await src.apparatusConfig(owner, { version: 1, ...seen }));
  return config;
}

export interface Configured extends Parties {
  plugConfig: StringMap;
  socketConfig: StringMap;
}

/** The owner's result before the interface is applied. */
export async function resolveResult(owner: Side, parties: Configured, src: Sources, engine: TemplateEngine): Promise<StringMap> {
  const spec = owner.spec;
  const result = await merged(owner, spec.result, spec.resultConfigMapName, spec.resultSecretName, src);
  const resultVars = await src.vars(owner, spec.resultVars);
  // `vars` as well: sockets written for the Go operator read their resultVars as .vars.
  Object.assign(result, renderStringMap(engine, spec.resultTemplate, { ...parties, resultVars, vars: resultVars }));
  return result;
}

// The two patch formats the server applies: JSON merge patch (RFC 7386; also
// used for strategic merge patch, as kube-apiserver does for custom
// resources) and JSON patch (RFC 6902).
import { badRequest, ApiError } from './status.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const isObject = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  const result: Record<string, JsonValue> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null) result[key] = mergePatch(result[key] ?? null, value);
  }
  // null removes a key (RFC 7386).
  return Object.fromEntries(Object.entries(result).filter(([key]) => patch[key] !== null));
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`JSON patch: invalid path "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

function parentOf(doc: JsonValue, tokens: string[], path: string): { parent: JsonValue; key: string } {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    const next = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (next === undefined) throw new ApiError(422, 'Invalid', `JSON patch: path "${path}" does not exist`);
    node = next;
  }
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function get(doc: JsonValue, path: string): JsonValue {
  let node = doc;
  for (const t of parsePointer(path)) {
    const next = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (next === undefined) throw new ApiError(422, 'Invalid', `JSON patch: path "${path}" does not exist`);
    node = next;
  }
  return node;
}

function arrayIndex(arr: JsonValue[], key: string, path: string, forAdd: boolean): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new ApiError(422, 'Invalid', `JSON patch: invalid array index in "${path}"`);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new ApiError(422, 'Invalid', `JSON patch: index out of range in "${path}"`);
  return i;
}

function add(doc: JsonValue, path: string, value: JsonValue): JsonValue {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, true), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw new ApiError(422, 'Invalid', `JSON patch: cannot add at "${path}"`);
  return doc;
}

/** `doc` with the node at `tokens` replaced by `value`. */
function replaceIn(doc: JsonValue, tokens: string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, '/' + tokens.join('/'));
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else if (isObject(parent)) parent[key] = value;
  return doc;
}

function remove(doc: JsonValue, path: string): JsonValue {
  const tokens = parsePointer(path);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, false), 1);
  else if (isObject(parent) && key in parent)
    return replaceIn(doc, tokens.slice(0, -1), Object.fromEntries(Object.entries(parent).filter(([k]) => k !== key)));
  else throw new ApiError(422, 'Invalid', `JSON patch: path "${path}" does not exist`);
  return doc;
}

export function jsonPatch(target: JsonValue, ops: unknown): JsonValue {
  if (!Array.isArray(ops)) throw badRequest('JSON patch: the body must be an array of operations');
  let doc = clone(target);
  for (const op of ops as unknown[]) {
    if (!isObject(op) || typeof op['op'] !== 'string' || typeof op['path'] !== 'string')
      throw badRequest('JSON patch: every operation needs "op" and "path"');
    const path = op['path'];
    const value = op['value'];
    switch (op['op']) {
      case 'add':
        if (value === undefined) throw badRequest('JSON patch: "add" needs a value');
        doc = add(doc, path, clone(value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        if (value === undefined) throw badRequest('JSON patch: "replace" needs a value');
        get(doc, path);
        doc = add(remove(doc, path), path, clone(value));
        break;
      case 'move':
      case 'copy': {
        if (typeof op['from'] !== 'string') throw badRequest(`JSON patch: "${op['op']}" needs "from"`);
        const moved = clone(get(doc, op['from']));
        if (op['op'] === 'move') doc = remove(doc, op['from']);
        doc = add(doc, path, moved);
        break;
      }
      case 'test':
        if (JSON.stringify(get(doc, path)) !== JSON.stringify(value)) throw new ApiError(422, 'Invalid', `JSON patch: test failed at "${path}"`);
        break;
      default:
        throw badRequest(`JSON patch: unknown operation "${op['op']}"`);
    }
  }
  return doc;
}

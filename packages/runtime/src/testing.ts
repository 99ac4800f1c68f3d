// Whole-response table tests, in the manner of function-patch-and-transform:
// each case is a YAML file with a request and the full response it must
// produce, both in the protocol's canonical JSON form (enums as names,
// bytes as base64, durations as "60s").
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import type { RunFunction } from './function.js';

export interface TableCase {
  file: string;
  reason: string;
  request: RunFunctionRequest;
  /** The expected response in canonical JSON form. */
  response: unknown;
}

export function loadTableCases(dir: string): TableCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const doc = parse(readFileSync(join(dir, file), 'utf8'), { merge: true }) as { reason: string; request: unknown; response: unknown };
      return { file, reason: doc.reason, request: RunFunctionRequest.fromJSON(doc.request), response: doc.response ?? null };
    });
}

/** The canonical JSON of a response, as the case files hold it. */
export function responseJSON(rsp: RunFunctionResponse): unknown {
  return JSON.parse(JSON.stringify(RunFunctionResponse.toJSON(rsp))) as unknown;
}

/**
 * Runs a case. With UPDATE_CASES=1 the actual response is written into the
 * case file instead of compared: review that diff like any golden.
 */
export async function runTableCase(dir: string, c: TableCase, run: RunFunction): Promise<{ actual: unknown; expected: unknown }> {
  const actual = responseJSON(await run(c.request));
  if (process.env['UPDATE_CASES'] === '1') {
    // Only the response section (always last) is rewritten; the request stays as written.
    const path = join(dir, c.file);
    const text = readFileSync(path, 'utf8');
    const head = (text.split(/^response:/m)[0] ?? '').trimEnd();
    writeFileSync(path, `${head}\n${stringify({ response: actual }, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' })}`);
    return { actual, expected: actual };
  }
  return { actual, expected: c.response };
}

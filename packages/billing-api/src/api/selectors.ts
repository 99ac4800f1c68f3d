// labelSelector and fieldSelector as kube-apiserver parses them. Entities
// carry no labels (the ERP stores none), so a label selector matches when
// it only asks for absence; fieldSelector supports metadata.name.
import { badRequest } from './status.js';

export type Selector = (name: string, labels: Record<string, string>) => boolean;

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas outside parentheses. */
function terms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

export function parseLabelSelector(s: string | undefined): Selector {
  if (!s?.trim()) return () => true;
  const preds = terms(s).map((t): ((labels: Record<string, string>) => boolean) => {
    let m: RegExpExecArray | null;
    if ((m = /^!\s*(\S+)$/.exec(t)) && KEY.test(m[1] ?? '')) {
      const k = m[1] ?? '';
      return (l) => !(k in l);
    }
    if ((m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(t)) && KEY.test(m[1] ?? '')) {
      const [, k = '', op, v] = m;
      return op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v;
    }
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t)) && KEY.test(m[1] ?? '')) {
      const [, k = '', op, list = ''] = m;
      const values = list.split(',').map((v) => v.trim());
      return op === 'in' ? (l) => values.includes(l[k] ?? '\0') : (l) => !values.includes(l[k] ?? '\0');
    }
    if (KEY.test(t)) return (l) => t in l;
    throw badRequest(`unable to parse requirement: invalid label selector "${t}"`);
  });
  return (_name, labels) => preds.every((p) => p(labels));
}

export function parseFieldSelector(s: string | undefined): Selector {
  if (!s?.trim()) return () => true;
  const preds = terms(s).map((t): ((name: string) => boolean) => {
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(t);
    if (!m) throw badRequest(`invalid field selector: "${t}"`);
    const [, field = '', op, value = ''] = m;
    if (field !== 'metadata.name') throw badRequest(`field label not supported: ${field}`);
    return op === '!=' ? (n) => n !== value : (n) => n === value;
  });
  return (name) => preds.every((p) => p(name));
}

// The pure parts of the API: names and versions, validation, patches,
// selectors, the Table, and watch's diffing.
import {
  type EntityRecord,
  ListSnapshots,
  diff,
  humanDuration,
  idOf,
  jsonPatch,
  mergePatch,
  parseFieldSelector,
  parseLabelSelector,
  resourceVersionOf,
  toBillingEntity,
  toTable,
  validate,
  watchStart,
} from '@appcat/billing-api';

const RECORD: EntityRecord = {
  id: 7,
  name: 'Acme AG',
  phone: '',
  emails: ['a@acme.ch'],
  address: { line1: 'Weg 1', line2: '', postalCode: '8000', city: 'Zürich', country: 'Switzerland' },
  accountingContact: { name: 'Finance', emails: ['f@acme.ch'] },
  languagePreference: 'en_US',
  createdAt: Date.parse('2026-01-01T10:00:00Z'),
  writtenAt: Date.parse('2026-01-02T10:00:00Z'),
};

describe('names and versions', () => {
  it('maps be-<id> both ways and refuses other names', () => {
    expect(toBillingEntity(RECORD).metadata.name).toBe('be-7');
    expect(idOf('be-7')).toBe(7);
    for (const bad of ['be-', 'be-0', 'be-07', 'be-x', 'foo', 'be-1/2']) expect(idOf(bad)).toBeUndefined();
  });

  it('derives the resourceVersion from the write second and the content', () => {
    const rv = resourceVersionOf(RECORD);
    expect(Math.floor(Number(rv) / 1000) * 1000).toBe(RECORD.writtenAt);
    expect(resourceVersionOf({ ...RECORD, phone: '+41' })).not.toBe(rv);
    expect(resourceVersionOf({ ...RECORD })).toBe(rv);
  });

  it('gives the same uid for the same name', () => {
    expect(toBillingEntity(RECORD).metadata.uid).toBe(toBillingEntity({ ...RECORD, name: 'Other' }).metadata.uid);
    expect(toBillingEntity(RECORD).metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('validate', () => {
  const body = (spec: unknown, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'billing.appuio.io/v1',
    kind: 'BillingEntity',
    metadata: {},
    spec,
    ...extra,
  });

  it('names the field of an invalid e-mail address and of a missing name', () => {
    const { causes } = validate(body({ emails: ['ok@x.ch', 'nope'], accountingContact: { emails: ['a,b@x.ch'] } }), 'Strict');
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.emails[1]: must be an e-mail address',
      'spec.accountingContact.emails[0]: must be an e-mail address',
      'spec.name: Required value: the display name',
    ]);
  });

  it('refuses unknown fields under Strict and reports them under Warn', () => {
    expect(() => validate(body({ name: 'x', colour: 'red' }), 'Strict')).toThrow(/unknown field "spec.colour"/);
    const warned = validate(body({ name: 'x', colour: 'red' }), 'Warn');
    expect(warned.unknown).toEqual(['spec.colour']);
    expect(warned.entity.spec).toEqual({ name: 'x' });
  });

  it('refuses another kind', () => {
    expect(() => validate({ apiVersion: 'v1', kind: 'ConfigMap' }, 'Strict')).toThrow(/must be a BillingEntity/);
  });
});

describe('patches', () => {
  it('applies a merge patch, null removing a key', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({ a: 1, b: { d: 3, e: 4 }, f: [1] });
  });

  it('applies a JSON patch and fails a test operation', () => {
    const doc = { spec: { emails: ['a@x.ch'], name: 'A' } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/spec/emails/-', value: 'b@x.ch' },
        { op: 'replace', path: '/spec/name', value: 'B' },
        { op: 'remove', path: '/spec/emails/0' },
      ]),
    ).toEqual({ spec: { emails: ['b@x.ch'], name: 'B' } });
    expect(doc.spec.emails).toEqual(['a@x.ch']);
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/spec/name', value: 'Z' }])).toThrow(/test failed/);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }])).toThrow(/does not exist/);
  });
});

describe('selectors', () => {
  it('matches label selectors against entities without labels', () => {
    expect(parseLabelSelector('team=a')('be-1', {})).toBe(false);
    expect(parseLabelSelector('!team')('be-1', {})).toBe(true);
    expect(parseLabelSelector('team notin (a,b),tier!=x')('be-1', {})).toBe(true);
    expect(parseLabelSelector('team in (a)')('be-1', { team: 'a' })).toBe(true);
    expect(() => parseLabelSelector('a b c')).toThrow(/unable to parse/);
  });

  it('supports metadata.name in field selectors only', () => {
    expect(parseFieldSelector('metadata.name=be-1')('be-1', {})).toBe(true);
    expect(parseFieldSelector('metadata.name!=be-1')('be-1', {})).toBe(false);
    expect(() => parseFieldSelector('spec.name=x')).toThrow(/field label not supported: spec.name/);
  });
});

describe('table', () => {
  it('has the columns kubectl shows and ages like Kubernetes', () => {
    const t = toTable([toBillingEntity(RECORD)], 'PartialObjectMetadata', {}, 'v1', Date.parse('2026-01-01T10:05:00Z')) as {
      columnDefinitions: Array<{ name: string }>;
      rows: Array<{ cells: unknown[]; object: { kind: string } }>;
    };
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Display Name', 'Accounting Contact', 'Age']);
    expect(t.rows[0]!.cells).toEqual(['be-7', 'Acme AG', 'Finance', '5m']);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
    expect([humanDuration(30_000), humanDuration(3 * 3600_000), humanDuration(3 * 86400_000)]).toEqual(['30s', '3h', '3d']);
  });
});

describe('watch', () => {
  it('diffs two polls into ADDED, MODIFIED and DELETED', () => {
    const a = toBillingEntity(RECORD);
    const b = toBillingEntity({ ...RECORD, id: 8 });
    const a2 = toBillingEntity({ ...RECORD, phone: '+41' });
    const c = toBillingEntity({ ...RECORD, id: 9 });
    const events = diff(
      new Map([
        ['be-7', a],
        ['be-8', b],
      ]),
      [a2, c],
    );
    expect(events.map((e) => `${e.type} ${(e.object as { metadata: { name: string } }).metadata.name}`)).toEqual([
      'MODIFIED be-7',
      'ADDED be-9',
      'DELETED be-8',
    ]);
  });

  it('remembers what a list returned, so a watch from its version sends only real changes', () => {
    let now = 0;
    const snaps = new ListSnapshots(60_000, 3, () => now);
    const a = toBillingEntity(RECORD);
    const b = toBillingEntity({ ...RECORD, id: 8 });
    snaps.remember('list-1', [a, b]);
    const seen = snaps.recall('list-1')!;
    const a2 = toBillingEntity({ ...RECORD, phone: '+41' });
    expect(diff(seen, [a2, b]).map((e) => e.type)).toEqual(['MODIFIED']);
    expect(diff(seen, [a]).map((e) => e.type)).toEqual(['DELETED']);
    // Bounded: a fourth entry pushes the oldest list out; and by age.
    snaps.remember('list-2', [a, b]);
    expect(snaps.recall('list-1')).toBeUndefined();
    now = 120_000;
    snaps.remember('list-3', [a]);
    expect(snaps.recall('list-2')).toBeUndefined();
    expect(snaps.recall('list-3')?.size).toBe(1);
  });

  it('answers 410 Gone for a resourceVersion older than the history', () => {
    const now = 1_000_000_000;
    expect(watchStart(undefined, 60_000, now)).toBeUndefined();
    expect(watchStart(String(now - 1000), 60_000, now)).toBe(now - 1000);
    expect(() => watchStart(String(now - 120_000), 60_000, now)).toThrow(/too old resource version/);
  });
});

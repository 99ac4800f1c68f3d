import fc from 'fast-check';
import { BACKUP_RETENTION_ANNOTATION, MAX_RETENTION_DAYS, releaseTimeOf, RetentionError, retentionDaysOf } from '../src/index.js';

test('retention days are read back as the function writes them, for every retention the XRD allows', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: MAX_RETENTION_DAYS }), (days) => {
      expect(retentionDaysOf(String(days))).toBe(days);
    }),
  );
});

test('anything else is refused, naming the annotation and what it must be', () => {
  for (const bad of ['0', '3651', '9999', '7.0', '+7', '007', 'seven', '']) {
    expect(() => retentionDaysOf(bad)).toThrow(
      new RetentionError(`annotation ${BACKUP_RETENTION_ANNOTATION} is ${JSON.stringify(bad)}: must be whole days from 1 to ${MAX_RETENTION_DAYS}`),
    );
  }
  expect(() => retentionDaysOf(undefined)).toThrow(`annotation ${BACKUP_RETENTION_ANNOTATION} is missing`);
});

test('the release time is the deletion time plus the days', () => {
  expect(releaseTimeOf('2026-02-27T23:30:00Z', 2).toISOString()).toBe('2026-03-01T23:30:00.000Z');
  expect(() => releaseTimeOf('yesterday', 1)).toThrow('metadata.deletionTimestamp is "yesterday": not a time');
});

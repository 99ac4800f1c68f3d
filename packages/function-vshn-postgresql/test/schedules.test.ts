import { schedulesOf } from '../src/schedules.js';
import type { Context } from '../src/names.js';

const ctx = (uid: string, params: Partial<Context['params']> = {}): Context => {
  const fake = {
    uid,
    params: { maintenance: {}, backup: { enabled: true, retention: 6 }, ...params },
    once: <T>(compute: (c: Context) => T): T => compute(fake as unknown as Context),
  };
  return fake as unknown as Context;
};

describe('derived schedules', () => {
  test('are stable for an instance and spread across instances', () => {
    expect(schedulesOf(ctx('a'))).toEqual(schedulesOf(ctx('a')));
    const windows = new Set(Array.from({ length: 50 }, (_, i) => JSON.stringify(schedulesOf(ctx(`uid-${i}`)).maintenance)));
    expect(windows.size).toBeGreaterThan(20);
  });

  test('keep maintenance in the evening and backups after it, at night', () => {
    for (let i = 0; i < 200; i++) {
      const s = schedulesOf(ctx(`uid-${i}`));
      expect(s.maintenance.timeOfDay).toMatch(/^2[1-3]:(00|15|30|45):00$/);
      const [minute, hour, ...rest] = s.backup.split(' ');
      expect(Number(minute)).toBeLessThan(60);
      expect(Number(hour)).toBeLessThan(5);
      expect(rest).toEqual(['*', '*', '*']);
    }
  });

  test('yield to what the claim sets', () => {
    const s = schedulesOf(
      ctx('a', {
        maintenance: { dayOfWeek: 'sunday', timeOfDay: '03:00:00', disableAppcatRelease: false },
        backup: { enabled: true, retention: 6, schedule: '0 2 * * *', deletionProtection: true, deletionRetention: 7 },
      }),
    );
    expect(s).toEqual({ maintenance: { dayOfWeek: 'sunday', timeOfDay: '03:00:00' }, backup: '0 2 * * *' });
  });

  test("take AppCat's one-digit hour and show it padded", () => {
    const s = schedulesOf(ctx('a', { maintenance: { dayOfWeek: 'monday', timeOfDay: '3:05:00', disableAppcatRelease: false } }));
    expect(s.maintenance).toEqual({ dayOfWeek: 'monday', timeOfDay: '03:05:00' });
  });
});

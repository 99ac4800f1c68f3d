// Structured JSON logs (pino). Log calls carry names and reasons, never
// config, data or result values, which may hold credentials.
import { type Logger, pino } from 'pino';

export function createLogger(level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'integration-operator', level, base: { component: 'integration-operator' } });
}

export type { Logger };

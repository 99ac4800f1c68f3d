// Structured JSON logs (pino): bucket names, times and reasons, never object
// contents.
import { type Logger, pino } from 'pino';

export function createLogger(level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'backup-retention', level, base: { component: 'backup-retention' } });
}

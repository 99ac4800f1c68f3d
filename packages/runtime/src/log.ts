import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Requests and responses are never logged: they carry secrets. */
export function createLogger(debug: boolean): Logger {
  return pino({ level: debug ? 'debug' : 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

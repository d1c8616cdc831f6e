import type { LogLevel } from '@nestjs/common';
import { pino } from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';

/** Nest's level names as pino's: `log` is pino's `info`, `verbose` its `trace`. */
export function pinoLevelOf(level: LogLevel): Level {
  switch (level) {
    case 'fatal':
    case 'error':
    case 'warn':
    case 'debug':
      return level;
    case 'log':
      return 'info';
    case 'verbose':
      return 'trace';
    default: {
      const unknown: never = level;
      return unknown;
    }
  }
}

/** Fields no log line may carry, wherever a caller puts them: credentials and what unlocks them. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...[
    'token',
    'access_token',
    'id_token',
    'refresh_token',
    'password',
    'secret',
    'jwtSecret',
    'connectionString',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/**
 * The processes' logger: one JSON object per line with pino's standard fields (`level` as its
 * name, `time`, `pid`, `hostname`, `msg`). Written synchronously, so that the lines before an
 * exit (a refusal, the end of a graceful shutdown) are not lost in a buffer.
 */
export function jsonLogger(
  level: LogLevel | 'silent',
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level: level === 'silent' ? 'silent' : pinoLevelOf(level),
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
    },
    destination,
  );
}

import { durationSeconds, durationText } from '../auth/identity-config';
import { DEFAULT_HTTP_SERVER_LIMITS, httpServerLimits } from '../http/http-server-limits';
import type { HttpServerLimits } from '../http/http-server-limits';
import { ConfigError } from './app-config';

/** The server timeouts an operator may change, by setting, and the longest each may be. */
const SETTINGS = [
  ['LICENCES_HTTP_HEADERS_TIMEOUT', 'headersTimeoutMs', 300],
  // A slow line with a large import may need longer than the default 120 s, never an hour.
  ['LICENCES_HTTP_REQUEST_TIMEOUT', 'requestTimeoutMs', 3600],
  ['LICENCES_HTTP_KEEPALIVE_TIMEOUT', 'keepAliveTimeoutMs', 600],
  ['LICENCES_HTTP_IDLE_TIMEOUT', 'idleSocketTimeoutMs', 3600],
] as const satisfies readonly (readonly [string, keyof HttpServerLimits, number])[];

/**
 * The HTTP server's timeouts from the environment (`90s`, `2m`), each unset one at its default;
 * refused at start, naming the setting, when it is no duration, 0, too long, or when the headers
 * would be given longer than the whole request.
 */
export function httpLimitsOf(env: NodeJS.ProcessEnv): HttpServerLimits {
  const overrides: Partial<Record<keyof HttpServerLimits, number>> = {};
  for (const [name, field, maxSeconds] of SETTINGS) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const seconds = durationSeconds(raw);
    if (seconds === undefined || seconds === 0) {
      throw new ConfigError(`${name}=${raw} is not a duration above 0; write e.g. 30s or 2m`);
    }
    if (seconds > maxSeconds) {
      throw new ConfigError(`${name}=${raw} is longer than the ${durationText(maxSeconds)} allowed`);
    }
    overrides[field] = seconds * 1000;
  }
  const limits = { ...DEFAULT_HTTP_SERVER_LIMITS, ...overrides };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      'LICENCES_HTTP_HEADERS_TIMEOUT must not be longer than LICENCES_HTTP_REQUEST_TIMEOUT ' +
        `(${durationText(limits.headersTimeoutMs / 1000)} against ${durationText(limits.requestTimeoutMs / 1000)})`,
    );
  }
  return httpServerLimits(overrides);
}

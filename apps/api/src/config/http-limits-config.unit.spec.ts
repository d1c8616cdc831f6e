import { ConfigError } from './app-config';
import { httpLimitsOf } from './http-limits-config';

describe('httpLimitsOf', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(httpLimitsOf({})).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000 });
  });

  it('reads durations, so an operator on slow lines can give large imports longer', () => {
    expect(
      httpLimitsOf({ LICENCES_HTTP_REQUEST_TIMEOUT: '10m', LICENCES_HTTP_HEADERS_TIMEOUT: '20s' }),
    ).toMatchObject({ headersTimeoutMs: 20_000, requestTimeoutMs: 600_000, keepAliveTimeoutMs: 5_000 });
  });

  it.each([
    [{ LICENCES_HTTP_REQUEST_TIMEOUT: 'soon' }, /LICENCES_HTTP_REQUEST_TIMEOUT=soon is not a duration/],
    [{ LICENCES_HTTP_IDLE_TIMEOUT: '0' }, /LICENCES_HTTP_IDLE_TIMEOUT=0 is not a duration above 0/],
    [{ LICENCES_HTTP_REQUEST_TIMEOUT: '2h' }, /longer than the 1h allowed/],
    [{ LICENCES_HTTP_HEADERS_TIMEOUT: '3m', LICENCES_HTTP_REQUEST_TIMEOUT: '1m' }, /must not be longer than/],
  ])('refuses %j naming the setting', (env, message) => {
    expect(() => httpLimitsOf(env)).toThrow(ConfigError);
    expect(() => httpLimitsOf(env)).toThrow(message);
  });
});

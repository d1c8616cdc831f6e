import { ConfigError, DEFAULT_SHUTDOWN_TIMEOUT_MS, loadConfig } from './app-config';

describe('LICENCES_SHUTDOWN_TIMEOUT_MS', () => {
  it('is 10 s by default and takes whole milliseconds up to an hour', () => {
    expect(DEFAULT_SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ LICENCES_SHUTDOWN_TIMEOUT_MS: ' 2500 ' }).shutdownTimeoutMs).toBe(2500);
    expect(loadConfig({ LICENCES_SHUTDOWN_TIMEOUT_MS: '0' }).shutdownTimeoutMs).toBe(0);
  });

  it('refuses anything else, naming the setting', () => {
    for (const raw of ['-1', '1.5', 'soon', '3600001']) {
      expect(() => loadConfig({ LICENCES_SHUTDOWN_TIMEOUT_MS: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ LICENCES_SHUTDOWN_TIMEOUT_MS: raw })).toThrow(/LICENCES_SHUTDOWN_TIMEOUT_MS/);
    }
  });
});

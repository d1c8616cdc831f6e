import { ConfigError } from '../config/app-config';
import { DEFAULT_METRICS_PORT, metricsPortOf } from './probe-server';

describe('LICENCES_METRICS_PORT', () => {
  it('is 9464 by default and takes a port from 1 to 65535', () => {
    expect(DEFAULT_METRICS_PORT).toBe(9464);
    expect(metricsPortOf(undefined)).toBe(9464);
    expect(metricsPortOf(' ')).toBe(9464);
    expect(metricsPortOf('9100')).toBe(9100);
  });

  it('refuses anything else, naming the setting', () => {
    for (const raw of ['0', '65536', 'metrics', '-1', '1.5']) {
      expect(() => metricsPortOf(raw)).toThrow(ConfigError);
      expect(() => metricsPortOf(raw)).toThrow(/LICENCES_METRICS_PORT/);
    }
  });
});

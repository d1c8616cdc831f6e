import { ConfigError, DEFAULT_RATE_LIMITS, isLoopbackHost, loadConfig } from './app-config';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the run mode', () => {
  it('is production unless LICENCES_MODE=development says otherwise, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'staging', 'prod', 'Production', 'test']) {
      expect([NODE_ENV, loadConfig({ ...(NODE_ENV && { NODE_ENV }) }).mode]).toEqual([
        NODE_ENV,
        'production',
      ]);
    }
    expect(loadConfig({ LICENCES_MODE: 'production' }).mode).toBe('production');
    expect(loadConfig({ LICENCES_MODE: '' }).mode).toBe('production');
    expect(loadConfig({ LICENCES_MODE: 'development', NODE_ENV: 'staging' }).mode).toBe('development');
  });

  it('refuses any other LICENCES_MODE, and development beside NODE_ENV=production', () => {
    expect(refusal({ LICENCES_MODE: 'dev' })).toBe(
      'LICENCES_MODE must be production (the default) or development, not dev',
    );
    expect(refusal({ LICENCES_MODE: 'Development' })).toContain('not Development');
    expect(refusal({ LICENCES_MODE: 'development', NODE_ENV: 'production' })).toBe(
      'LICENCES_MODE=development contradicts NODE_ENV=production; unset one of them',
    );
    expect(refusal({ LICENCES_MODE: 'development', NODE_ENV: 'Production' })).toContain('contradicts');
  });
});

describe('HOST', () => {
  it('is 0.0.0.0 by default in production, and whatever it is set to', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('is 127.0.0.1 in development mode, which refuses a host that is not loopback', () => {
    expect(loadConfig({ LICENCES_MODE: 'development' }).host).toBe('127.0.0.1');
    expect(loadConfig({ LICENCES_MODE: 'development', HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ LICENCES_MODE: 'development', HOST: 'localhost' }).host).toBe('localhost');
    expect(refusal({ LICENCES_MODE: 'development', HOST: '0.0.0.0' })).toBe(
      'HOST=0.0.0.0 is not a loopback address; development mode (LICENCES_MODE=development) listens on 127.0.0.1 only',
    );
    expect(refusal({ LICENCES_MODE: 'development', HOST: '::' })).toContain('HOST=:: is not a loopback');
    expect(refusal({ LICENCES_MODE: 'development', HOST: '192.168.1.2' })).toContain('HOST=192.168.1.2');
  });

  it('knows loopback addresses', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      '::ffff:127.0.0.1',
    ]) {
      expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.example.org',
      '127.0.0.1.nip.io',
    ]) {
      expect([host, isLoopbackHost(host)]).toEqual([host, false]);
    }
  });
});

describe('rate limits', () => {
  it('default to 600 per principal and 60 per address a minute, and take whole numbers from 1', () => {
    expect(loadConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS).toEqual({ perPrincipal: 600, perAddress: 60 });
    expect(
      loadConfig({ LICENCES_RATE_LIMIT_PER_PRINCIPAL: '1200', LICENCES_RATE_LIMIT_PER_ADDRESS: ' 30 ' })
        .rateLimits,
    ).toEqual({ perPrincipal: 1200, perAddress: 30 });
  });

  it('refuses a limit that is not a whole number from 1, naming the setting', () => {
    for (const raw of ['0', '-5', '1.5', 'many', '1e3']) {
      expect(refusal({ LICENCES_RATE_LIMIT_PER_ADDRESS: raw })).toBe(
        `LICENCES_RATE_LIMIT_PER_ADDRESS must be a whole number of requests per minute from 1, not ${raw}`,
      );
    }
    expect(refusal({ LICENCES_RATE_LIMIT_PER_PRINCIPAL: '0' })).toContain(
      'LICENCES_RATE_LIMIT_PER_PRINCIPAL',
    );
  });
});

describe('LICENCES_TRUST_PROXY', () => {
  it('trusts no proxy by default, and takes the number of proxies in front', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ LICENCES_TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    for (const raw of ['true', '-1', '10', '1.5']) {
      expect(refusal({ LICENCES_TRUST_PROXY: raw })).toBe(
        `LICENCES_TRUST_PROXY must be the number of reverse proxies in front of the API, 0 to 9, not ${raw}`,
      );
    }
  });
});

describe('settings that do not concern identity', () => {
  it('load without any identity configured, for the CLIs that verify no token', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow();
    expect(loadConfig({ NODE_ENV: 'production', LICENCES_JWT_SECRET: 'a' }).mode).toBe('production');
  });
});

describe('LICENCES_READ_STORE', () => {
  it('is the embedded SQLite by default, and PostgreSQL at DATABASE_URL when asked for', () => {
    expect(loadConfig({}).readStore).toEqual({ kind: 'sqlite' });
    expect(loadConfig({ LICENCES_READ_STORE: 'sqlite', DATABASE_URL: 'postgres://x/y' }).readStore).toEqual({
      kind: 'sqlite',
    });
    expect(
      loadConfig({ LICENCES_READ_STORE: 'postgres', DATABASE_URL: 'postgresql://app:pw@db:5432/licences' })
        .readStore,
    ).toEqual({ kind: 'postgres', connectionString: 'postgresql://app:pw@db:5432/licences' });
  });

  it('refuses another kind, and PostgreSQL without a PostgreSQL DATABASE_URL, naming the setting', () => {
    expect(refusal({ LICENCES_READ_STORE: 'mysql' })).toMatch(
      /LICENCES_READ_STORE must be sqlite or postgres/,
    );
    expect(refusal({ LICENCES_READ_STORE: 'postgres' })).toMatch(/needs DATABASE_URL/);
    expect(refusal({ LICENCES_READ_STORE: 'postgres', DATABASE_URL: 'mysql://db/x' })).toMatch(
      /needs DATABASE_URL/,
    );
  });
});

describe('LICENCES_READY_MAX_PROJECTION_LAG', () => {
  it('is 1000 events by default and takes a whole number of events', () => {
    expect(loadConfig({}).maxProjectionLag).toBe(1000);
    expect(loadConfig({ LICENCES_READY_MAX_PROJECTION_LAG: '0' }).maxProjectionLag).toBe(0);
    expect(loadConfig({ LICENCES_READY_MAX_PROJECTION_LAG: ' 250 ' }).maxProjectionLag).toBe(250);
  });

  it('refuses anything else, naming the setting', () => {
    for (const raw of ['-1', '1.5', 'many']) {
      expect(refusal({ LICENCES_READY_MAX_PROJECTION_LAG: raw })).toMatch(
        /LICENCES_READY_MAX_PROJECTION_LAG/,
      );
    }
  });
});

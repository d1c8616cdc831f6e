import { loadIdentityConfig } from '../auth/identity-config';
import { loadConfig } from './app-config';
import { startUpBanner, withoutCredentials } from './start-up-banner';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes-for-tests';

describe('the start-up banner', () => {
  it('names the address to browse, the docs, the store, the folder, the projections, the identity and how to get a token', () => {
    const env = { LICENCES_DATA_DIR: '/srv/licences', LICENCES_JWT_SECRET: SECRET };
    const config = loadConfig(env);

    const banner = startUpBanner(config, loadIdentityConfig(env, config.mode));

    expect(banner.lines).toEqual([
      'Admin API    http://localhost:3000/api (listening on 0.0.0.0:3000)',
      'API docs     http://localhost:3000/api/docs',
      'Console      http://localhost:3000/console/',
      'Event store  sqlite, /srv/licences/licences.sqlite',
      'Read models  sqlite, /srv/licences/read-models.sqlite (access log /srv/licences/access-log.sqlite)',
      'Data folder  /srv/licences',
      'Projections  inline, in this process',
      'Identity     HS256 shared secret',
      'Tokens       npm run -s token -- --role <role> --sub <name>',
    ]);
    expect(banner.warnings).toEqual([]);
    expect(banner.lines.join('\n')).not.toContain(SECRET);
  });

  it('warns loudly in development mode with the development secret, and never shows EventStoreDB credentials', () => {
    const env = {
      LICENCES_MODE: 'development',
      PORT: '8080',
      LICENCES_PROJECTIONS: 'external',
      LICENCES_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@node1:2113,node2:2113?tls=true',
      LICENCES_READ_STORE: 'postgres',
      DATABASE_URL: 'postgres://licences:s3cret-pw@db.internal:5432/licences',
    };
    const config = loadConfig(env);
    const identity = loadIdentityConfig(env, config.mode);
    expect(identity.hs256?.development).toBe(true);

    const banner = startUpBanner(config, identity);

    expect(banner.lines.join('\n')).not.toContain('changeit');
    expect(banner.lines.join('\n')).not.toContain('s3cret-pw');
    expect(banner.lines).toContain(
      'Read models  PostgreSQL, db.internal:5432/licences (with the access log and idempotency records)',
    );
    expect(banner.lines).toContain('Event store  EventStoreDB, esdb://node1:2113,node2:2113?tls=true');
    expect(banner.lines[0]).toBe('Admin API    http://127.0.0.1:8080/api');
    expect(banner.lines).toContain('Projections  external: run `npm run projector` beside this API');
    expect(banner.lines).toContain('Identity     HS256 with the DEVELOPMENT secret');
    expect(banner.warnings).toHaveLength(1);
    expect(banner.warnings[0]).toMatch(
      /^WARNING: development mode \(LICENCES_MODE=development\), listening on loopback only: .*DEVELOPMENT secret that stands in the source/,
    );
  });

  it('names the issuer and where its keys come from, and no token command, with only a key set', () => {
    const env = {
      LICENCES_JWKS_URL: 'https://id.example.org/realms/licences/protocol/openid-connect/certs',
      LICENCES_JWT_ISSUER: 'https://id.example.org/realms/licences',
      LICENCES_JWT_AUDIENCE: 'licences-api',
    };
    const config = loadConfig(env);

    const banner = startUpBanner(config, loadIdentityConfig(env, config.mode));

    expect(banner.lines).toContain(
      'Identity     issuer https://id.example.org/realms/licences, keys from https://id.example.org/realms/licences/protocol/openid-connect/certs',
    );
    expect(banner.lines).toContain(
      'Tokens       from the identity provider https://id.example.org/realms/licences',
    );
    expect(banner.warnings).toEqual([]);
  });

  it('strips user and password from discover connection strings too', () => {
    expect(withoutCredentials('esdb+discover://ops:pw@cluster.example:2113')).toBe(
      'esdb+discover://cluster.example:2113',
    );
    expect(withoutCredentials('esdb://node1:2113?tls=false')).toBe('esdb://node1:2113?tls=false');
  });
});

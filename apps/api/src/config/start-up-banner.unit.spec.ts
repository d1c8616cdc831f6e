import { DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';
import { startUpBanner, withoutCredentials } from './start-up-banner';

describe('the start-up banner', () => {
  it('names the address to browse, the docs, the store, the folder, the projections and how to get a token', () => {
    const config = loadConfig({ LICENCES_DATA_DIR: '/srv/licences', LICENCES_JWT_SECRET: 's3cret' });

    const banner = startUpBanner(config);

    expect(banner.lines).toEqual([
      'Admin API    http://localhost:3000/api (listening on 0.0.0.0:3000)',
      'API docs     http://localhost:3000/api/docs',
      'Event store  sqlite, /srv/licences/licences.sqlite',
      'Data folder  /srv/licences',
      'Projections  inline, in this process',
      'Tokens       npm run -s token -- --role <role> --sub <name>',
    ]);
    expect(banner.warnings).toEqual([]);
  });

  it('warns loudly with the development secret, and never shows EventStoreDB credentials', () => {
    const config = loadConfig({
      HOST: '10.0.0.5',
      PORT: '8080',
      LICENCES_PROJECTIONS: 'external',
      LICENCES_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@node1:2113,node2:2113?tls=true',
    });
    expect(config.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);

    const banner = startUpBanner(config);

    expect(banner.lines.join('\n')).not.toContain('changeit');
    expect(banner.lines).toContain('Event store  EventStoreDB, esdb://node1:2113,node2:2113?tls=true');
    expect(banner.lines[0]).toBe('Admin API    http://10.0.0.5:8080/api');
    expect(banner.lines).toContain('Projections  external: run `npm run projector` beside this API');
    expect(banner.warnings).toHaveLength(1);
    expect(banner.warnings[0]).toMatch(/^WARNING: .*DEVELOPMENT secret.*Set LICENCES_JWT_SECRET/);
  });

  it('strips user and password from discover connection strings too', () => {
    expect(withoutCredentials('esdb+discover://ops:pw@cluster.example:2113')).toBe(
      'esdb+discover://cluster.example:2113',
    );
    expect(withoutCredentials('esdb://node1:2113?tls=false')).toBe('esdb://node1:2113?tls=false');
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { derivedId } from '@licences/licensing-application';
import { assessment, caseBody, revocation } from './support/cases';
import { TestApp } from './support/test-app';

/*
 * Issue 10: a revocation answered 200 but never stored. Assessor `x/y` extended a licence under
 * Idempotency-Key `k`, senior assessor `x` then revoked it under `y/k`; both requests derived
 * their event id from the joined string "x/y/k/<case>/0", and the store took the revocation for a
 * retry of the extension. Ids now come from structured tuples, and an id stored for another
 * event is refused (409 EVENT_ID_CONFLICT), never answered as success.
 */
describe('event ids that cannot collide (issue 10) over HTTP', () => {
  const app = new TestApp();

  beforeAll(async () => {
    await app.start();
  });

  afterAll(async () => {
    await app.dispose();
  });

  beforeEach(() => app.clock.set('2024-11-28T10:00:00Z'));

  const post = (path: string, token: string, body: unknown, key?: string) =>
    app.request('POST', path, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });

  const history = async (id: string) =>
    (await app.request('GET', `/api/licences/${id}/history`, { role: 'oversight' })).body.decisions as {
      type: string;
      actor: { sub: string; role: string };
    }[];

  async function issuedLicence(): Promise<string> {
    const id = await app.registerCase();
    expect(await app.issueLicence(id)).toMatchObject({ status: 200, body: { status: 'issued' } });
    return id;
  }

  const extend = (id: string, sub: string, key: string, validUntil = '2028-12-31') =>
    post(
      `/api/licences/${id}/extend`,
      app.token('assessor', sub),
      { reassessment: assessment, validUntil },
      key,
    );

  it('stores the revocation by x under y/k after the extension by x/y under k, and answers each its own', async () => {
    const id = await issuedLicence();
    app.clock.set('2026-06-01T09:00:00Z');
    const extended = await extend(id, 'x/y', 'k');
    expect(extended).toMatchObject({ status: 200, body: { status: 'issued', validUntil: '2028-12-31' } });
    app.clock.set('2026-06-20T09:00:00Z');
    expect(
      await post(`/api/licences/${id}/revocation-proposal`, app.token('assessor', 'erik'), revocation),
    ).toMatchObject({ status: 200 });

    app.clock.set('2026-06-25T09:00:00Z');
    const revoked = await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'x'), {}, 'y/k');

    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(revoked.body.revision).toBeGreaterThan(extended.body.revision);
    const decisions = await history(id);
    expect(decisions.map((d) => d.type)).toEqual([
      'Applied',
      'Issued',
      'Extended',
      'RevocationProposed',
      'RevokedForChangedCircumstances',
    ]);
    expect(decisions[2]?.actor).toEqual({ sub: 'x/y', role: 'assessor' });
    expect(decisions[4]?.actor).toEqual({ sub: 'x', role: 'senior-assessor' });
    // Each key still answers its own first answer on a repeat, and records nothing again.
    expect(await extend(id, 'x/y', 'k')).toMatchObject({ status: 200, body: extended.body });
    expect(
      await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'x'), {}, 'y/k'),
    ).toMatchObject({
      status: 200,
      body: revoked.body,
    });
    expect(await history(id)).toHaveLength(5);
  });

  it('registers two cases for intake x/y under r and intake x under y/r, with the same body', async () => {
    const body = caseBody();
    const first = await post('/api/licences', app.token('intake', 'x/y'), body, 'r');
    const second = await post('/api/licences', app.token('intake', 'x'), body, 'y/r');

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await history(first.body.id)).map((d) => d.actor.sub)).toEqual(['x/y']);
    expect((await history(second.body.id)).map((d) => d.actor.sub)).toEqual(['x']);
    expect((await post('/api/licences', app.token('intake', 'x'), body, 'y/r')).body).toEqual(second.body);
  });

  it('takes the same key and body in another acting role for another request (422), not a repeat', async () => {
    const id = await issuedLicence();
    const dual = app.token(['assessor', 'senior-assessor'], 'dana');
    const propose = (role: string) =>
      app.request('POST', `/api/licences/${id}/revocation-proposal`, {
        token: dual,
        body: revocation,
        headers: { 'idempotency-key': 'p', 'x-acting-role': role },
      });
    app.clock.set('2026-06-20T09:00:00Z');
    const first = await propose('assessor');
    expect(first.status).toBe(200);

    expect(await propose('senior-assessor')).toMatchObject({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await propose('assessor')).toMatchObject({ status: 200, body: first.body });
    expect((await history(id)).at(-1)?.actor).toEqual({ sub: 'dana', role: 'assessor' });
  });

  it('refuses with 409 EVENT_ID_CONFLICT an id that another stream already holds, storing nothing', async () => {
    const id = await issuedLicence();
    // Crafted at the store level: the id the next extension by x/y under key "planted" will derive.
    const plantedId = derivedId(['licence-command-event/v1', 'x/y', 'planted', id, 'ExtendLicence', 0]);
    const store = SqliteEventStore.open({ file: join(app.dataDir, 'licences.sqlite') });
    try {
      await store.append(
        `crafted-${randomUUID()}`,
        [
          {
            id: plantedId,
            type: 'Crafted',
            schemaVersion: 1,
            data: {},
            metadata: {
              occurredAt: '2024-11-28T10:00:00Z',
              actor: { sub: 'mallory', role: 'admin' },
              correlationId: 'crafted',
              causationId: 'crafted',
            },
          },
        ],
        'no-stream',
      );
    } finally {
      await store.close();
    }

    app.clock.set('2026-06-01T09:00:00Z');
    const refused = await extend(id, 'x/y', 'planted');

    expect(refused).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'EVENT_ID_CONFLICT', eventId: plantedId },
    });
    expect((await history(id)).map((d) => d.type)).toEqual(['Applied', 'Issued']);
    // Nothing was stored, so the same extension under a fresh key goes through.
    expect(await extend(id, 'x/y', 'fresh')).toMatchObject({
      status: 200,
      body: { validUntil: '2028-12-31' },
    });
  });

  describe('a repeat whose first answer was lost after its events were stored', () => {
    /** What a crash between the append and storing the answer leaves: the events, no answer. */
    function loseAnswer(principal: string, key: string): void {
      const db = new Database(join(app.dataDir, 'licences.sqlite'));
      try {
        db.pragma('busy_timeout = 5000');
        const removed = db
          .prepare('DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?')
          .run(principal, key);
        expect(removed.changes).toBe(1);
      } finally {
        db.close();
      }
    }

    it('gets the answer it had and records nothing again', async () => {
      const id = await issuedLicence();
      app.clock.set('2026-06-01T09:00:00Z');
      const first = await extend(id, 'bob', 'extend-once');
      expect(first.status).toBe(200);
      loseAnswer('bob', 'extend-once');

      app.clock.set('2026-06-02T09:00:00Z');
      const repeat = await extend(id, 'bob', 'extend-once');

      expect(repeat).toMatchObject({ status: 200, body: first.body });
      expect((await history(id)).map((d) => d.type)).toEqual(['Applied', 'Issued', 'Extended']);
    });

    it('is refused as EVENT_ID_CONFLICT, not answered as success, when it asks for something else', async () => {
      const id = await issuedLicence();
      app.clock.set('2026-06-01T09:00:00Z');
      expect(await extend(id, 'bob', 'extend-twice', '2028-12-31')).toMatchObject({ status: 200 });
      loseAnswer('bob', 'extend-twice');

      const other = await extend(id, 'bob', 'extend-twice', '2028-06-30');

      expect(other).toMatchObject({ status: 409, body: { code: 'EVENT_ID_CONFLICT' } });
      const licence = await app.request('GET', `/api/licences/${id}`, { role: 'oversight' });
      expect(licence.body).toMatchObject({ validUntil: '2028-12-31', extensions: 1 });
    });
  });
});

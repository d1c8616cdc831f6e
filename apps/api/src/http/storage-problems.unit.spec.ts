import { StorageFaultError } from '@licences/event-store';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import { NotReadyError } from '../health/readiness.checks';
import { STORAGE_RETRY_AFTER_SECONDS, storageProblem } from './storage-problems';

describe('storage problems', () => {
  it.each([
    ['full', 'STORAGE_FULL', 'has no space left'],
    ['read-only', 'STORAGE_READ_ONLY', 'is read-only'],
    ['unavailable', 'STORAGE_UNAVAILABLE', 'could not read or write'],
  ] as const)('answers a %s store 503 %s with Retry-After', (kind, code, words) => {
    const answer = storageProblem(
      new StorageFaultError(kind, 'event store', 'event store: SQLITE_x at /data/licences.sqlite'),
    );
    expect(answer?.body).toMatchObject({ status: 503, code, store: 'event store' });
    expect(answer?.body.detail).toContain(words);
    // Paths and driver codes are for the log, not the client.
    expect(answer?.body.detail).not.toContain('/data');
    expect(answer?.headers).toEqual({ 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) });
  });

  it('answers a damaged store 503 STORAGE_CORRUPTED pointing at verify and restore, without Retry-After', () => {
    const answer = storageProblem(new StorageFaultError('corrupted', 'read models', 'malformed'));
    expect(answer?.body).toMatchObject({ status: 503, code: 'STORAGE_CORRUPTED' });
    expect(answer?.body.detail).toContain('npm run verify');
    expect(answer?.body.detail).toContain('npm run restore');
    expect(answer?.headers).toBeUndefined();
  });

  it('answers an access log it cannot use 503 ACCESS_AUDIT_UNAVAILABLE, as the audit does', () => {
    const answer = storageProblem(new AccessLogUnavailableError('the access log is not open'));
    expect(answer?.body).toMatchObject({ status: 503, code: 'ACCESS_AUDIT_UNAVAILABLE' });
    expect(answer?.headers?.['Retry-After']).toBeDefined();
  });

  it('answers not ready 503 NOT_READY naming each failing check', () => {
    const checks = [
      { name: 'event-store', status: 'failing', code: 'STORAGE_FULL', detail: 'full' },
      { name: 'read-models', status: 'ok' },
    ] as const;
    const answer = storageProblem(new NotReadyError(checks));
    expect(answer?.body).toMatchObject({ status: 503, code: 'NOT_READY', checks });
    expect(answer?.body.detail).toBe('Not ready: event-store (STORAGE_FULL)');
  });

  it('leaves anything else to the rest of the filter', () => {
    expect(storageProblem(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBeUndefined();
  });
});

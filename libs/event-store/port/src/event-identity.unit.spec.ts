import { createHash } from 'node:crypto';
import { eventIdConflictOf, uuidOfTuple } from './event-identity';
import type { EventIdentity } from './event-identity';
import { isUuid } from './event-store.port';

describe('uuidOfTuple', () => {
  it('keeps the fields apart, so joined strings that read alike give different ids', () => {
    const ids = [
      uuidOfTuple(['licence-command-event/v1', 'x/y', 'k']),
      uuidOfTuple(['licence-command-event/v1', 'x', 'y/k']),
      uuidOfTuple(['licence-command-event/v1', 'x/y/k']),
      uuidOfTuple(['licence-command-event/v1', 'x', 'y', 'k']),
      uuidOfTuple(['licence-case/v1', 'x/y', 'k']),
      uuidOfTuple(['licence-command-event/v1', 'x/y', 'k', 0]),
      uuidOfTuple(['licence-command-event/v1', 'x/y', 'k', '0']),
    ];

    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the SHA-256 of the tuple as a JSON array, shaped as a version 8 UUID of variant 10', () => {
    const tuple = ['licence-case/v1', 'alice', 'key-1'] as const;
    const hex = createHash('sha256').update('["licence-case/v1","alice","key-1"]').digest('hex');

    const id = uuidOfTuple(tuple);

    expect(isUuid(id)).toBe(true);
    expect(id).toBe(uuidOfTuple([...tuple]));
    expect(id.replace(/-/g, '').slice(0, 12)).toBe(hex.slice(0, 12));
    expect(id.charAt(14)).toBe('8');
    expect('89ab').toContain(id.charAt(19));
    expect(id.replace(/-/g, '').slice(20)).toBe(hex.slice(20, 32));
  });

  it('refuses numbers whose JSON is not a whole number', () => {
    expect(() => uuidOfTuple(['ns', 1.5])).toThrow(TypeError);
    expect(() => uuidOfTuple(['ns', Number.NaN])).toThrow(TypeError);
  });
});

describe('eventIdConflictOf', () => {
  const stored: EventIdentity = {
    streamId: 'licence-1',
    type: 'Extended',
    schemaVersion: 1,
    data: { validUntil: '2026-01-31', reassessment: { summary: 'ok', findings: [] } },
  };

  it('takes the same event in its stored form as a retry: key order, undefined members and dates do not count', () => {
    const date = new Date('2026-01-31T00:00:00.000Z');
    const withDate: EventIdentity = { ...stored, data: { at: date } };

    expect(
      eventIdConflictOf(
        {
          ...stored,
          data: { reassessment: { findings: [], summary: 'ok' }, validUntil: '2026-01-31', gone: undefined },
        },
        stored,
      ),
    ).toBeUndefined();
    expect(eventIdConflictOf(withDate, { ...stored, data: { at: date.toISOString() } })).toBeUndefined();
  });

  it('names what differs, the stream first', () => {
    expect(eventIdConflictOf({ ...stored, streamId: 'licence-2', type: 'Revoked' }, stored)).toBe(
      'other-stream',
    );
    expect(eventIdConflictOf({ ...stored, type: 'Revoked' }, stored)).toBe('other-type');
    expect(eventIdConflictOf({ ...stored, schemaVersion: 2 }, stored)).toBe('other-schema-version');
    expect(eventIdConflictOf({ ...stored, data: { validUntil: '2026-02-01' } }, stored)).toBe('other-data');
    expect(eventIdConflictOf({ ...stored, data: [stored.data] }, stored)).toBe('other-data');
  });
});

import type { AccessLogReport } from './access-log-verifier';
import { decideAccessLogStart } from './access-log-start';

const anchor = { origin: 'a'.repeat(64), seq: 12, hash: 'b'.repeat(64) };

function report(overrides: Partial<AccessLogReport>): AccessLogReport {
  return {
    intact: true,
    recordsChecked: 12,
    head: { seq: 12, hash: anchor.hash },
    origin: anchor.origin,
    anchor: { anchor, matches: true },
    summary: 'Intact: 12 records verified.',
    ...overrides,
  };
}

describe('whether the API may start with the access log it found', () => {
  it('starts a new log by itself only on a new installation: no log, no anchor, no events', () => {
    expect(decideAccessLogStart({ log: 'missing', anchor: null, eventsHead: 0 })).toEqual({
      action: 'start-new',
      reason: 'new installation: no events and no access log yet',
    });
  });

  it('refuses a missing log when an anchor names its head, or when events were already recorded', () => {
    expect(decideAccessLogStart({ log: 'missing', anchor, eventsHead: 0 })).toEqual({
      action: 'refuse',
      problem: `the access log is missing, while its anchor names record 12 (hash ${anchor.hash})`,
    });
    expect(decideAccessLogStart({ log: 'missing', anchor: null, eventsHead: 40 })).toMatchObject({
      action: 'refuse',
      problem: expect.stringContaining('the event store already holds events (head position 40)'),
    });
  });

  it('refuses an unreadable log and a damaged one (a broken chain, or a log behind its anchor)', () => {
    expect(decideAccessLogStart({ log: 'unreadable', error: 'file is not a database' })).toEqual({
      action: 'refuse',
      problem: 'the access log cannot be read (file is not a database)',
    });
    const behind = report({
      intact: false,
      summary: 'Tampered: record 11 removed: records 11 to 12 are missing.',
    });
    expect(decideAccessLogStart({ log: 'present', report: behind })).toEqual({
      action: 'refuse',
      problem: 'the access log is damaged: Tampered: record 11 removed: records 11 to 12 are missing.',
    });
  });

  it('opens an intact log, anchored or not, and starts afresh in an empty one that was never anchored', () => {
    expect(decideAccessLogStart({ log: 'present', report: report({}) })).toEqual({ action: 'open' });
    expect(decideAccessLogStart({ log: 'present', report: report({ anchor: null }) })).toEqual({
      action: 'open',
    });
    const empty = report({ recordsChecked: 0, head: null, origin: null, anchor: null });
    expect(decideAccessLogStart({ log: 'present', report: empty })).toMatchObject({ action: 'start-new' });
  });
});

import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  holdInlineProjectionsLease,
  INLINE_PROJECTIONS_LEASE,
  inlineProjectionsHolder,
} from './inline-projections.lease';

describe('the lease of an API that projects inline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-lease-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (holder: object) =>
    writeFileSync(join(dir, INLINE_PROJECTIONS_LEASE), JSON.stringify(holder));

  it('names the process that holds it until it releases it', () => {
    const release = holdInlineProjectionsLease(dir);
    try {
      expect(inlineProjectionsHolder(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    } finally {
      release();
    }
    expect(inlineProjectionsHolder(dir)).toBeUndefined();
  });

  it('ignores a lease whose process on this host is gone, or that nobody touched for a while', () => {
    // A pid above the kernel's maximum can belong to no process.
    write({ pid: 2 ** 22 + 1, host: hostname(), startedAt: '2026-01-01T00:00:00Z' });
    expect(inlineProjectionsHolder(dir)).toBeUndefined();

    write({ pid: process.pid, host: 'another-host', startedAt: '2026-01-01T00:00:00Z' });
    expect(inlineProjectionsHolder(dir)).toMatchObject({ host: 'another-host' });
    const file = join(dir, INLINE_PROJECTIONS_LEASE);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(file, aMinuteAgo, aMinuteAgo);
    expect(inlineProjectionsHolder(dir)).toBeUndefined();
  });

  it('ignores a file that is no lease', () => {
    writeFileSync(join(dir, INLINE_PROJECTIONS_LEASE), 'not json');
    expect(inlineProjectionsHolder(dir)).toBeUndefined();
  });
});

import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '@licences/event-store';
import type { AccessLogEntry, AccessRecord } from '../ports/access-log.port';
import { accessRecordHash, canonicalAccessRecordEncoding, sealAccessRecord } from './access-log-seal';
import { logOpeningEntry } from './access-log-start';
import { verifyAccessLog } from './access-log-verifier';

/** Just the reads the verifier uses, over an array the test tampers with as it likes. */
class InMemoryLog {
  constructor(public records: AccessRecord[]) {}

  readAfter(afterSeq: number, maxCount: number): Promise<AccessRecord[]> {
    const sorted = [...this.records].sort((a, b) => a.seq - b.seq);
    return Promise.resolve(sorted.filter((r) => r.seq > afterSeq).slice(0, maxCount));
  }

  seqsWithHash(hash: string): Promise<number[]> {
    return Promise.resolve(this.records.filter((r) => r.hash === hash).map((r) => r.seq));
  }
}

function access(n: number): AccessLogEntry {
  return {
    kind: 'access',
    at: `2025-02-03T09:00:0${n}.000Z`,
    sub: n % 2 ? 'audit-office' : 'stats-job',
    roles: n % 2 ? ['oversight', 'intake'] : ['reporting'],
    role: n % 2 ? 'oversight' : 'reporting',
    method: 'GET',
    route: '/api/licences/:id',
    url: `/api/licences/case-${n}`,
    caseId: `case-${n}`,
    status: 200,
    correlationId: null,
    detail: null,
  };
}

/** Seals the entries into a chain from record 1, as the store does. */
function chain(entries: AccessLogEntry[]): AccessRecord[] {
  const records: AccessRecord[] = [];
  for (const entry of entries) {
    const previous = records.at(-1);
    records.push(sealAccessRecord(previous?.hash ?? GENESIS_HASH, (previous?.seq ?? 0) + 1, entry));
  }
  return records;
}

/** Six records: a log-started record and five accesses. */
function log(): AccessRecord[] {
  return chain([
    logOpeningEntry('log-started', '2025-02-03T09:00:00.000Z', 'system', { reason: 'new installation' }),
    ...[1, 2, 3, 4, 5].map(access),
  ]);
}

const renumbered = (records: AccessRecord[], from: number, by: number) =>
  records.map((r) => (r.seq >= from ? { ...r, seq: r.seq + by } : r));
const anchorOf = (records: AccessRecord[], seq: number) => ({
  origin: records[0]!.hash,
  seq,
  hash: records.find((r) => r.seq === seq)!.hash,
});

async function verify(records: AccessRecord[], anchor: ReturnType<typeof anchorOf> | null = null) {
  const reports = await Promise.all(
    [1000, 1, 2].map((pageSize) => verifyAccessLog(new InMemoryLog(records), anchor, pageSize)),
  );
  // Paging never changes the verdict.
  expect(reports[1]).toEqual(reports[0]);
  expect(reports[2]).toEqual(reports[0]);
  return reports[0]!;
}

describe('the access log hash chain', () => {
  it('hashes SHA-256 over the previous hash and the canonical JSON of the record', () => {
    const entry = access(1);
    const canonical =
      '{"at":"2025-02-03T09:00:01.000Z","caseId":"case-1","correlationId":null,"detail":null,"kind":"access",' +
      '"method":"GET","role":"oversight","roles":["oversight","intake"],"route":"/api/licences/:id","seq":7,' +
      '"status":200,"sub":"audit-office","url":"/api/licences/case-1"}';
    expect(canonicalAccessRecordEncoding(7, entry)).toBe(canonical);
    const expected = createHash('sha256')
      .update(`${'ab'.repeat(32)}${canonical}`)
      .digest('hex');
    expect(accessRecordHash('ab'.repeat(32), 7, entry)).toBe(expected);
    // Only the record's own members count: a stray property of the object does not.
    expect(accessRecordHash('ab'.repeat(32), 7, { ...entry, extra: 1 } as AccessLogEntry)).toBe(expected);
  });

  it('verifies an untouched log, with its head and origin, and an anchor it has reached or passed', async () => {
    const records = log();
    const report = await verify(records, anchorOf(records, 4));

    expect(report).toMatchObject({
      intact: true,
      recordsChecked: 6,
      head: { seq: 6, hash: records[5]!.hash },
      origin: records[0]!.hash,
      anchor: { matches: true },
    });
    expect(report.summary).toBe(`Intact: 6 records verified; head record 6, hash ${records[5]!.hash}.`);
    expect(await verify([], null)).toMatchObject({ intact: true, recordsChecked: 0, head: null });
  });

  it('names a changed record, and one whose link to the record before it was altered', async () => {
    const records = log();
    const changed = records.map((r) => (r.seq === 3 ? { ...r, url: '/api/licences/other' } : r));
    const relinked = records.map((r) => (r.seq === 3 ? { ...r, prevHash: 'cd'.repeat(32) } : r));

    expect((await verify(changed)).firstProblem).toEqual({
      kind: 'changed',
      seq: 3,
      detail: 'its content no longer matches its hash',
    });
    expect((await verify(relinked)).firstProblem).toMatchObject({ kind: 'changed', seq: 3 });
    expect(await verify(changed)).toMatchObject({ intact: false, recordsChecked: 2, head: { seq: 2 } });
  });

  it('names a removed record, whether the later ones kept their seqs or were renumbered', async () => {
    const records = log();
    const gap = records.filter((r) => r.seq !== 3);
    const closed = renumbered(gap, 4, -1);
    const twoGone = records.filter((r) => r.seq !== 3 && r.seq !== 4);

    expect((await verify(gap)).firstProblem).toEqual({
      kind: 'removed',
      seq: 3,
      detail: 'record 3 is missing before record 4',
    });
    expect((await verify(closed)).firstProblem).toMatchObject({ kind: 'removed', seq: 3 });
    expect((await verify(twoGone)).firstProblem?.detail).toBe('records 3 to 4 are missing before record 5');
  });

  it('names an inserted record, with a made-up hash or a freshly computed one', async () => {
    const records = log();
    const forged = { ...access(9), seq: 3, prevHash: records[1]!.hash, hash: 'ef'.repeat(32) };
    const madeUp = [...renumbered(records, 3, 1), forged];
    const sealed = sealAccessRecord(records[1]!.hash, 3, access(9));
    const resealed = [...renumbered(records, 3, 1), sealed];
    const copied = [...renumbered(records, 4, 1), { ...records[2]!, seq: 4 }];

    expect((await verify(madeUp)).firstProblem).toMatchObject({ kind: 'inserted', seq: 3 });
    expect(await verify(resealed)).toMatchObject({
      recordsChecked: 2,
      firstProblem: { kind: 'inserted', seq: 3, detail: 'record 4 follows record 2 directly' },
    });
    expect((await verify(copied)).firstProblem).toMatchObject({ kind: 'inserted', seq: 4 });
  });

  it('names reordered records, whether they moved with their hashes or their contents were swapped', async () => {
    const records = log();
    const [third, fourth] = [records[2]!, records[3]!];
    const moved = records.map((r) =>
      r === third ? { ...fourth, seq: 3 } : r === fourth ? { ...third, seq: 4 } : r,
    );
    const chainOf = (r: AccessRecord) => ({ seq: r.seq, prevHash: r.prevHash, hash: r.hash });
    const swapped = records.map((r) =>
      r === third ? { ...fourth, ...chainOf(third) } : r === fourth ? { ...third, ...chainOf(fourth) } : r,
    );

    expect((await verify(moved)).firstProblem).toEqual({
      kind: 'reordered',
      seq: 3,
      detail: 'it follows record 4, which is stored after it',
    });
    expect((await verify(swapped)).firstProblem).toMatchObject({ kind: 'reordered', seq: 3 });
  });

  it('names the newest records as removed when the log ends before its anchor', async () => {
    const records = log();
    const anchor = anchorOf(records, 6);

    const report = await verify(records.slice(0, 4), anchor);
    expect(report).toMatchObject({
      intact: false,
      recordsChecked: 4,
      anchor: { anchor, matches: false },
      firstProblem: { kind: 'removed', seq: 5 },
    });
    expect(report.firstProblem?.detail).toContain('records 5 to 6 are missing: the anchor names record 6');
    expect((await verify([], anchor)).firstProblem?.detail).toContain('the log ends before its first record');
  });

  it('names a log rewritten with fresh hashes, or another log, by its anchor', async () => {
    const records = log();
    const anchor = anchorOf(records, 5);
    const rewritten = chain(records.map((r) => (r.seq === 4 ? { ...r, status: 404 } : r)));
    const another = chain([access(7), access(8), access(9), access(1), access(2)]);

    expect(await verify(rewritten)).toMatchObject({ intact: true });
    expect(await verify(rewritten, anchor)).toMatchObject({
      intact: false,
      firstProblem: { kind: 'changed', seq: 5 },
    });
    expect((await verify(rewritten, anchor)).firstProblem?.detail).toContain(
      'the log up to it was rewritten',
    );
    expect((await verify(another, anchor)).firstProblem?.detail).toContain(
      'another log than the anchored one',
    );
  });
});

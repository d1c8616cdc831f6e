import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import {
  HistoricalImportService,
  ImportTooManyLinesError,
  LISTED_MAX,
  MAX_IMPORT_LINES,
  MAX_REFUSALS,
  stagingDirIn,
} from '@licences/licensing-application';
import { DomainError, DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import { CUTOVER, generateHistory } from './historical-history';

// Half a million lines through both staging passes take seconds alone (9 s for the file on an idle
// machine) and far more late in the whole suite on two cores (161 s in a clean-clone CI run, near
// the 180 s this bound was); every wait in this file ends with the staging it awaits.
jest.setTimeout(600_000);

const IMPORT_TIME = '2026-01-15T09:00:00.000Z';
const alice = { sub: 'alice', role: 'admin' };

/** `count` copies of `line`, each ended by a newline, in pieces of at most 10,000 lines. */
function* repeated(line: string, count: number): Generator<string> {
  for (let done = 0; done < count; done += 10_000) yield `${line}\n`.repeat(Math.min(10_000, count - done));
}

describe('the import refuses a file it could not answer for, whole, with nothing left behind (issue 11)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-import-limits-'));
  let store: SqliteEventStore;
  let service: HistoricalImportService;

  /** The staged files and the stored events: a file refused whole changes neither. */
  const kept = async () => ({
    files: readdirSync(stagingDirIn(dataDir)).sort(),
    events: (await store.readAll()).length,
  });

  /** The refusal `stage` throws, after checking that it left nothing behind. */
  const refusalOf = async (staging: () => Promise<unknown>): Promise<unknown> => {
    const before = await kept();
    const error = await staging().then(
      () => new Error('The file was staged, not refused'),
      (thrown: unknown) => thrown,
    );
    expect(await kept()).toEqual(before);
    return error;
  };

  beforeAll(() => {
    mkdirSync(stagingDirIn(dataDir), { recursive: true });
    store = SqliteEventStore.open({
      file: join(dataDir, 'licences.sqlite'),
      clock: () => new Date(IMPORT_TIME),
    });
    service = new HistoricalImportService(
      store,
      { now: () => new Date(IMPORT_TIME) },
      DUTCH_VALIDITY_POLICY,
      {
        cutover: new Date(CUTOVER),
        stagingDir: stagingDirIn(dataDir),
      },
    );
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`refuses a file of more than ${MAX_IMPORT_LINES} lines while receiving it`, async () => {
    const error = await refusalOf(() => service.stage(repeated('x', MAX_IMPORT_LINES + 1), alice));
    expect(error).toBeInstanceOf(ImportTooManyLinesError);
    expect(error).toMatchObject({ code: 'IMPORT_TOO_MANY_LINES', details: { maxLines: MAX_IMPORT_LINES } });
    expect((error as Error).message).toContain('split the history');
    // A last line without a newline counts as a line too.
    const unterminated = [...repeated('', MAX_IMPORT_LINES), 'x'];
    expect(await refusalOf(() => service.stage(unterminated, alice))).toBeInstanceOf(ImportTooManyLinesError);
  });

  it(`stages a file of exactly ${MAX_IMPORT_LINES} lines`, async () => {
    const history = generateHistory(1).text;
    const lines = history.split('\n').length;
    const { record } = await service.stage([history, '\n', ...repeated('', MAX_IMPORT_LINES - lines)], alice);
    expect(record.staging).toMatchObject({ lines: MAX_IMPORT_LINES, accepted: 1 });
  });

  it(`refuses a file with more than ${MAX_REFUSALS} refusals, listing the first ${LISTED_MAX} and the lines read`, async () => {
    const refusals = await refusalOf(() => service.stage(repeated('x', 2 * MAX_REFUSALS), alice));
    expect(refusals).toBeInstanceOf(DomainError);
    const { code, kind, details } = refusals as DomainError;
    expect({ code, kind }).toEqual({ code: 'IMPORT_TOO_MANY_REFUSALS', kind: 'rule-violation' });
    expect(details).toMatchObject({ maxRefusals: MAX_REFUSALS, linesRead: MAX_REFUSALS + 1 });
    const refused = details['refused'] as { line: number; code: string }[];
    expect(refused.map((r) => r.line)).toEqual(Array.from({ length: LISTED_MAX }, (_, i) => i + 1));
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['MALFORMED_JSON']));
  });

  it('counts refused cases and lines without a case alike', async () => {
    // Each line a case of its own that starts with an extension: refused per case, not per line.
    const caseLines = Array.from({ length: MAX_REFUSALS + 1 }, (_, i) =>
      JSON.stringify({ caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'Withdrawn' }),
    );
    const error = await refusalOf(() => service.stage([`${caseLines.join('\n')}\n`], alice));
    expect(error).toMatchObject({
      code: 'IMPORT_TOO_MANY_REFUSALS',
      details: { linesRead: MAX_REFUSALS + 1, refused: expect.any(Array) },
    });
  });

  it(`stages a file with exactly ${MAX_REFUSALS} refusals, counting them all`, async () => {
    const { record } = await service.stage(repeated('not JSON', MAX_REFUSALS), alice);
    expect(record.staging).toMatchObject({ lines: MAX_REFUSALS, refusedTotal: MAX_REFUSALS, accepted: 0 });
    expect(record.staging.refused).toHaveLength(LISTED_MAX);
  });
});

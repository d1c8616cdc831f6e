import { amsterdamDateOf, DomainError, localDate } from '@licences/licensing-domain';
import type { LicenceCommand, LocalDate } from '@licences/licensing-domain';
import { casesAtByFolding, PROJECTION_NAMES } from '@licences/licensing-read-models';
import type {
  LicenceFilter,
  LicenceSort,
  PointInTime,
  ReadModelStore,
} from '@licences/licensing-read-models';
import type { Actor } from '@licences/event-store';
import {
  answerSondage,
  applyAfterSondage,
  approveRevocation,
  deny,
  details,
  extend,
  goods,
  hold,
  issue,
  OFFICER,
  proposeRevocation,
  register,
  reinstate,
  release,
  REVIEWER,
  SUPERVISOR,
  suspend,
  withdraw,
} from '../licence-events.fixture';
import { ReadModelHarness } from '../read-model-harness.fixture';
import { seededNumbers } from '../seeded-numbers';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/*
 * The listing at a point in time answered from the validity periods must say exactly what folding
 * every candidate's history says: the same cases in the same order and the same totals, for many
 * points in time, filters, sorts and pages, on a generated history of several hundred cases.
 */

const CASES = 300;
const DAY = 86_400_000;

/** What a case may be asked next, with who decides it; the decider refuses what does not fit. */
const NEXT: readonly (readonly [() => LicenceCommand, Actor, number])[] = [
  [() => answerSondage(), SUPERVISOR, 3],
  [() => applyAfterSondage(), OFFICER, 3],
  [() => issue(), SUPERVISOR, 6],
  [() => deny(), SUPERVISOR, 1],
  [() => withdraw(), OFFICER, 1],
  [() => extend(), OFFICER, 2],
  [() => suspend('2024-01-02'), SUPERVISOR, 2],
  [() => reinstate(), SUPERVISOR, 3],
  [() => hold(), OFFICER, 2],
  [() => release(), OFFICER, 3],
  [() => proposeRevocation('2024-01-02'), SUPERVISOR, 1],
  [() => approveRevocation(), REVIEWER, 2],
];

async function writeGeneratedHistory(h: ReadModelHarness): Promise<void> {
  const random = seededNumbers(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weights = NEXT.reduce((sum, [, , w]) => sum + w, 0);
  const next = () => {
    let r = random() * weights;
    return NEXT.find(([, , w]) => (r -= w) < 0) ?? NEXT[0]!;
  };
  for (let n = 0; n < CASES; n++) {
    const id = `g-${String(n).padStart(3, '0')}`;
    let at =
      Date.parse('2024-01-08T09:00:00Z') +
      Math.floor(random() * 540) * DAY +
      Math.floor(random() * 8) * 3_600_000;
    const country = pick(['DE', 'FR', 'SA', 'US', 'BE']);
    const caseDetails = details({
      kind: pick(['individual', 'individual', 'global']),
      destinations: [{ country, endUser: 'Ministry of Defence' }],
      goods: goods(pick(['ML1.a', 'ML5', 'ML10.a'])),
    });
    await h.writer.decide(
      id,
      register(id, caseDetails, random() < 0.25 ? 'sondage' : 'application'),
      new Date(at).toISOString(),
    );
    const steps = Math.floor(random() * 9);
    for (let s = 0; s < steps; s++) {
      at += (1 + Math.floor(random() * 120)) * DAY;
      const [command, actor] = next();
      try {
        await h.writer.decide(id, command(), new Date(at).toISOString(), actor);
      } catch (error) {
        // A step that does not fit the case's state: the decider refused it and nothing was recorded.
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }
}

const VALID_ON = [
  '2024-01-01',
  '2024-03-15',
  '2024-09-30',
  '2025-01-01',
  '2025-06-30',
  '2026-02-01',
  '2027-06-01',
];
const AS_OF = [
  '2024-02-01T00:00:00Z',
  '2024-08-15T12:00:00+02:00',
  '2025-03-01T08:00:00Z',
  '2026-01-01T00:00:00Z',
];
const POINTS: readonly PointInTime[] = [
  ...VALID_ON.map((validOn) => ({ validOn: localDate(validOn) })),
  ...AS_OF.map((asOf) => ({ asOf })),
  { validOn: localDate('2025-01-01'), asOf: '2024-08-15T12:00:00Z' },
  { validOn: localDate('2024-06-01'), asOf: '2025-03-01T08:00:00Z' },
  { validOn: localDate('2025-06-30'), asOf: '2025-06-30T10:00:00Z' },
];
const FILTERS: readonly LicenceFilter[] = [
  {},
  { destination: 'SA' },
  { kind: 'global' },
  { controlListEntry: 'ML10' },
  { status: 'issued' },
  { status: 'expired' },
  { status: 'suspended' },
  { status: 'revoked' },
  { status: 'applied' },
  { status: 'sondage-requested', destination: 'DE' },
  { onHold: true },
  { onHold: false, status: 'issued' },
  { revocationProposed: true },
  { reassessmentRequested: false, destination: 'FR' },
  { expiresFrom: localDate('2025-01-01'), expiresTo: localDate('2026-06-30') },
  { expiresFrom: localDate('2026-01-01') },
];
const PAGE = 25;
const SMALL_PAGE = 3;

export function describeValidityPeriods(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: listings at a point in time from the validity periods`, () => {
    let h: ReadModelHarness;
    let store: ReadModelStore;
    let db: string;

    beforeAll(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
      await writeGeneratedHistory(h);
      ({ store, db } = await h.openStore());
      await h.projectAll(store, await h.events.readAll());
    }, 600_000);

    afterAll(() => h.dispose());

    const on = (at: PointInTime): LocalDate => at.validOn ?? amsterdamDateOf(new Date(at.asOf as string));

    it('lists the same cases in the same order with the same totals as the fold, page by page', async () => {
      const compared: string[] = [];
      const differences: unknown[] = [];
      let nonEmpty = 0;
      for (const at of POINTS) {
        for (const filter of FILTERS) {
          for (const sort of ['registered', 'expiry'] as LicenceSort[]) {
            const folded = (await casesAtByFolding(store, filter, at, on(at), sort)).map((c) => c.caseId);
            if (folded.length > 0) nonEmpty++;
            // Small pages too: with many matches a page is found by walking the cases in
            // registration order, with few by sorting every match; both must give the fold's rows.
            for (const size of [PAGE, SMALL_PAGE]) {
              const pages = Math.ceil(folded.length / size);
              for (const page of new Set([0, 1, pages - 1, pages].filter((p) => p >= 0))) {
                const range = { offset: page * size, limit: size };
                const listed = await store.listCasesAt(filter, at, on(at), range, sort);
                const expected = {
                  caseIds: folded.slice(range.offset, range.offset + size),
                  total: folded.length,
                };
                compared.push(JSON.stringify({ at, filter, sort, page, size }));
                if (JSON.stringify(listed) !== JSON.stringify(expected)) {
                  differences.push({ at, filter, sort, page, size, listed, expected });
                }
              }
            }
          }
        }
      }
      expect(differences.slice(0, 3)).toEqual([]);
      // The history is rich enough that many combinations list something.
      expect(nonEmpty).toBeGreaterThan((POINTS.length * FILTERS.length * 2) / 3);
      expect(compared.length).toBeGreaterThan(POINTS.length * FILTERS.length * 2);
    }, 600_000);

    it('rebuilds the periods with the history: the same rows as projected live', async () => {
      const before = (await h.dumpTables(db))['validity_periods'];
      expect(before?.length).toBeGreaterThan(CASES);
      await store.startRebuild('decision-history');
      await store.project('decision-history', await h.events.readAll(), 'rebuild');
      await store.completeRebuild('decision-history', () => Promise.resolve([]));
      expect((await h.dumpTables(db))['validity_periods']).toEqual(before);
      expect(PROJECTION_NAMES).toContain('decision-history');
    }, 600_000);
  });
}

/**
 * A store projected before the periods existed (made so by `older`, SQL run behind the store's
 * back while it is closed) gets them filled from its stored history when it opens again.
 */
export function describeValidityPeriodsUpgrade(setup: ReadModelSuiteSetup, older: string): void {
  describe(`${setup.label} read-model store: validity periods on a store projected before them`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    it('fills them from the stored history on open, keeping the history and its checkpoint', async () => {
      await h.writeLifecycles();
      const { store, db } = await h.openStore();
      await h.projectAll(store, await h.events.readAll());
      const projected = await h.dumpTables(db);
      const checkpoint = await store.checkpoint('decision-history');
      await store.close();
      await h.execute(db, older);

      const { store: reopened } = await h.openStore();

      expect(await h.dumpTables(db)).toEqual(projected);
      expect(await reopened.checkpoint('decision-history')).toBe(checkpoint);
      const validOn = localDate('2025-01-01');
      const page = await reopened.listCasesAt({}, { validOn }, validOn, { offset: 0, limit: 10 });
      expect(page).toEqual({ caseIds: ['case-a', 'case-b'], total: 2 });
    });
  });
}

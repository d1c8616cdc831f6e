import { localDate } from '@licences/licensing-domain';
import type { LicenceFilter, ReadModelStore } from '@licences/licensing-read-models';
import {
  details,
  hold,
  issue,
  register,
  reinstate,
  release,
  SUPERVISOR,
  suspend,
} from '../licence-events.fixture';
import { ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/** Suspensions and holds in the validity model: what the present-day status and hold filters see. */
export function describeAfterIssue(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: after issue`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    const at = (date: string) => `${date}T12:00:00Z`;
    const ids = async (store: ReadModelStore, filter: LicenceFilter, today: string) =>
      (await store.listValidity(filter, localDate(today), { offset: 0, limit: 100 })).rows.map(
        (r) => r.caseId,
      );

    /**
     * s-ended: suspended 2025-03-10, reinstated 2025-04-10. s-open: suspended 2025-05-01, still.
     * s-plain: never suspended. All issued 2024-03-01 to Germany (allies: until 2027-02-28).
     * h-own: held by itself; h-measure: held by a measure; h-released: held and released.
     */
    async function writeCases(): Promise<void> {
      for (const id of ['s-ended', 's-open', 's-plain']) {
        await h.writer.decide(id, register(id), at('2024-02-01'));
        await h.writer.decide(id, issue(), at('2024-03-01'));
      }
      await h.writer.decide('s-ended', suspend('2025-03-01'), at('2025-03-10'), SUPERVISOR);
      await h.writer.decide('s-ended', reinstate(), at('2025-04-10'), SUPERVISOR);
      await h.writer.decide('s-open', suspend('2025-04-20'), at('2025-05-01'), SUPERVISOR);
      for (const id of ['h-own', 'h-measure', 'h-released']) {
        await h.writer.decide(id, register(id, details()), at('2025-01-02'));
      }
      await h.writer.decide('h-own', hold(), at('2025-01-03'));
      await h.writer.decide('h-measure', hold('5f0c3c1e-6d1f-4a39-9a55-1d1f8a6f2b10'), at('2025-01-03'));
      await h.writer.decide('h-released', hold(), at('2025-01-03'));
      await h.writer.decide('h-released', release(), at('2025-01-04'));
    }

    async function projected(): Promise<{ store: ReadModelStore; db: string }> {
      const opened = await h.openStore();
      await opened.store.project('licence-validity', await h.events.readAll());
      return opened;
    }

    it('counts an issued licence as suspended on the days of its suspensions, and issued on the others', async () => {
      await writeCases();
      const { store } = await projected();
      const suspended = (today: string) => ids(store, { status: 'suspended' }, today);
      const issued = (today: string) => ids(store, { status: 'issued' }, today);
      expect(await suspended('2025-03-09')).toEqual([]);
      expect(await suspended('2025-03-10')).toEqual(['s-ended']);
      // The reinstatement day is the last day not valid; the day after it is valid again.
      expect(await suspended('2025-04-10')).toEqual(['s-ended']);
      expect(await issued('2025-04-10')).toEqual(['s-open', 's-plain']);
      expect(await suspended('2025-04-11')).toEqual([]);
      expect(await issued('2025-04-11')).toEqual(['s-ended', 's-open', 's-plain']);
      expect(await suspended('2026-01-01')).toEqual(['s-open']);
      expect(await issued('2026-01-01')).toEqual(['s-ended', 's-plain']);
      // Past its end date a licence is expired, suspended or not.
      expect(await suspended('2027-03-01')).toEqual([]);
      expect(await ids(store, { status: 'expired' }, '2027-03-01')).toEqual(['s-ended', 's-open', 's-plain']);
    });

    it('filters on a hold in force, of the case alone or of a measure', async () => {
      await writeCases();
      const { store } = await projected();
      expect(await ids(store, { onHold: true }, '2025-06-01')).toEqual(['h-measure', 'h-own']);
      expect(await ids(store, { onHold: false }, '2025-06-01')).toEqual([
        's-ended',
        's-open',
        's-plain',
        'h-released',
      ]);
      expect(await ids(store, { onHold: true, status: 'applied' }, '2025-06-01')).toEqual([
        'h-measure',
        'h-own',
      ]);
      expect(await ids(store, { onHold: true, status: 'issued' }, '2025-06-01')).toEqual([]);
    });

    it('gives the same rows projected in one batch or event by event', async () => {
      await writeCases();
      const { db: file } = await projected();
      const stepwise = await h.openStore('stepwise');
      for (const event of await h.events.readAll()) await stepwise.store.project('licence-validity', [event]);
      const validityTables = (dump: Record<string, unknown[]>) => ({
        suspensions: dump['licence_validity_suspensions'],
        holds: dump['licence_validity_holds'],
      });
      expect(validityTables(await h.dumpTables(file))).toEqual(
        validityTables(await h.dumpTables(stepwise.db)),
      );
      expect(validityTables(await h.dumpTables(file))).toEqual({
        suspensions: [
          { case_id: 's-ended', suspended_from: '2025-03-10', suspended_until: '2025-04-10' },
          { case_id: 's-open', suspended_from: '2025-05-01', suspended_until: null },
        ],
        holds: [
          { case_id: 'h-measure', measure_id: '5f0c3c1e-6d1f-4a39-9a55-1d1f8a6f2b10', held_on: '2025-01-03' },
          { case_id: 'h-own', measure_id: null, held_on: '2025-01-03' },
        ],
      });
    });
  });
}

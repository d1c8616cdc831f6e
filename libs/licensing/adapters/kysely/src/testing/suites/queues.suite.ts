import type { Actor } from '@licences/event-store';
import { localDate } from '@licences/licensing-domain';
import type { ReassessLicence, RequestReassessment } from '@licences/licensing-domain';
import { ListLicencesHandler, ListLicencesQuery } from '@licences/licensing-read-models';
import type {
  LicenceFilter,
  LicenceSort,
  PointInTime,
  ReadModelStore,
} from '@licences/licensing-read-models';
import {
  approveRevocation,
  details,
  issue,
  OFFICER,
  proposeRevocation,
  register,
  REVIEWER,
  SUPERVISOR,
} from '../licence-events.fixture';
import { ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/*
 * The work-queue filters and the expiry order, on the present (SQL on the validity model) and on
 * the past (the folded histories), which must mean the same.
 */

const INTAKE: Actor = { sub: 'intake-2', role: 'intake' };
const MEASURE = 'measure-tr-2024';
const TODAY = localDate('2024-07-01');
const NOW = '2024-07-01T10:00:00.000Z';
const at = (date: string) => `${date}T12:00:00Z`;
const toSaudiArabia = details({ destinations: [{ country: 'SA', endUser: 'MoD' }] });

const requestReassessment = (): RequestReassessment => ({
  type: 'RequestReassessment',
  measureId: MEASURE,
  reason: 'A country measure on the destination.',
});

const reassess = (): ReassessLicence => ({
  type: 'ReassessLicence',
  outcome: 'maintained',
  measureId: MEASURE,
  assessment: { summary: 'Still no clear risk.', findings: [{ criterion: 7, finding: 'Unchanged.' }] },
});

export function describeQueues(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: work-queue filters`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    /**
     * Six cases, registered in this order by two officials. Ends of validity (DE: 36 months, SA: 12):
     * q-1 2027-02-28, q-2 2025-03-04, q-3 2025-03-09 with an open revocation proposal, q-4 none
     * (applied), q-5 2027-03-01 with a reassessment asked for, q-6 2025-03-04 (as q-2).
     */
    async function writeQueueCases(): Promise<ReadModelStore> {
      const decide = h.writer.decide.bind(h.writer);
      await decide('q-1', register('q-1'), at('2024-02-01'), OFFICER);
      await decide('q-2', register('q-2', toSaudiArabia), at('2024-02-02'), INTAKE);
      await decide('q-3', register('q-3', toSaudiArabia), at('2024-02-03'), OFFICER);
      await decide('q-4', register('q-4'), at('2024-02-04'), INTAKE);
      await decide('q-5', register('q-5'), at('2024-02-05'), OFFICER);
      await decide('q-6', register('q-6', toSaudiArabia), at('2024-02-06'), INTAKE);
      // In recorded order: the event store never records an instant before the last one.
      await decide('q-1', issue(), at('2024-03-01'), SUPERVISOR);
      await decide('q-5', issue(), at('2024-03-02'), SUPERVISOR);
      await decide('q-2', issue(), at('2024-03-05'), SUPERVISOR);
      await decide('q-6', issue(), at('2024-03-05'), SUPERVISOR);
      await decide('q-3', issue(), at('2024-03-10'), SUPERVISOR);
      await decide('q-3', proposeRevocation('2024-04-28'), at('2024-05-01'), SUPERVISOR);
      await decide('q-5', requestReassessment(), at('2024-06-01'), SUPERVISOR);
      const { store } = await h.openStore();
      await h.projectAll(store, await h.events.readAll());
      return store;
    }

    const list = async (
      store: ReadModelStore,
      filter: LicenceFilter,
      page = { offset: 0, limit: 100 },
      sort?: LicenceSort,
    ) => {
      const { rows, total } = await store.listValidity(filter, TODAY, page, sort);
      return { ids: rows.map((r) => r.caseId), total };
    };
    const ids = async (store: ReadModelStore, filter: LicenceFilter) => (await list(store, filter)).ids;

    it('filters on the official who registered the case, whoever decided later', async () => {
      const store = await writeQueueCases();
      expect(await ids(store, { registeredBy: OFFICER.sub })).toEqual(['q-1', 'q-3', 'q-5']);
      expect(await ids(store, { registeredBy: INTAKE.sub })).toEqual(['q-2', 'q-4', 'q-6']);
      expect(await ids(store, { registeredBy: SUPERVISOR.sub })).toEqual([]);
      expect(await ids(store, { registeredBy: INTAKE.sub, status: 'issued' })).toEqual(['q-2', 'q-6']);
      expect(await store.findCaseIds({ registeredBy: INTAKE.sub })).toEqual(['q-2', 'q-4', 'q-6']);
      expect(await store.findValidity('q-1')).toMatchObject({
        registeredAt: '2024-02-01T12:00:00.000Z',
        registeredBy: OFFICER,
      });
    });

    it('filters on an open revocation proposal and an open reassessment request, until they are answered', async () => {
      const store = await writeQueueCases();
      expect(await ids(store, { revocationProposed: true })).toEqual(['q-3']);
      expect(await ids(store, { revocationProposed: false })).toEqual(['q-1', 'q-2', 'q-4', 'q-5', 'q-6']);
      expect(await ids(store, { reassessmentRequested: true })).toEqual(['q-5']);
      expect(await ids(store, { reassessmentRequested: false })).toEqual(['q-1', 'q-2', 'q-3', 'q-4', 'q-6']);

      const before = await h.events.readAll();
      await h.writer.decide('q-3', approveRevocation(), at('2024-06-10'), REVIEWER);
      await h.writer.decide('q-5', reassess(), at('2024-06-11'), OFFICER);
      await h.projectAll(store, (await h.events.readAll()).slice(before.length));
      expect(await ids(store, { revocationProposed: true })).toEqual([]);
      expect(await ids(store, { reassessmentRequested: true })).toEqual([]);
      expect(await ids(store, { reassessmentRequested: false })).toHaveLength(6);
    });

    it('filters on a window of end dates, inclusive at both ends, never matching a case without one', async () => {
      const store = await writeQueueCases();
      const window = { expiresFrom: localDate('2025-03-04'), expiresTo: localDate('2025-03-09') };
      expect(await ids(store, window)).toEqual(['q-2', 'q-3', 'q-6']);
      expect(await ids(store, { expiresFrom: localDate('2025-03-05') })).toEqual(['q-1', 'q-3', 'q-5']);
      expect(await ids(store, { expiresTo: localDate('2025-03-04') })).toEqual(['q-2', 'q-6']);
      expect(await ids(store, { expiresFrom: localDate('2027-03-02') })).toEqual([]);
      await expect(
        store.listValidity({ expiresTo: '2025-02-30' as never }, TODAY, { offset: 0, limit: 1 }),
      ).rejects.toThrow(RangeError);
    });

    it('orders by the soonest end of validity, then registration, cases without one last, in exact pages', async () => {
      const store = await writeQueueCases();
      const byExpiry = ['q-2', 'q-6', 'q-3', 'q-1', 'q-5', 'q-4'];
      expect((await list(store, {}, undefined, 'expiry')).ids).toEqual(byExpiry);
      const pages = [];
      for (const offset of [0, 2, 4]) pages.push(await list(store, {}, { offset, limit: 2 }, 'expiry'));
      expect(pages).toEqual([
        { ids: ['q-2', 'q-6'], total: 6 },
        { ids: ['q-3', 'q-1'], total: 6 },
        { ids: ['q-5', 'q-4'], total: 6 },
      ]);
      expect(await list(store, { registeredBy: OFFICER.sub }, { offset: 0, limit: 2 }, 'expiry')).toEqual({
        ids: ['q-3', 'q-1'],
        total: 3,
      });
      // The default order is still the registration's.
      expect((await list(store, {})).ids).toEqual(['q-1', 'q-2', 'q-3', 'q-4', 'q-5', 'q-6']);
      await expect(
        store.listValidity({}, TODAY, { offset: 0, limit: 1 }, 'soonest' as never),
      ).rejects.toThrow(RangeError);
    });

    describe('through the list query, in the present and in the past alike', () => {
      const handlerOn = (store: ReadModelStore) =>
        new ListLicencesHandler(store, { now: () => new Date(NOW) });
      const listed = async (
        store: ReadModelStore,
        filter: LicenceFilter,
        pointInTime: PointInTime,
        sort?: LicenceSort,
        page = 1,
        pageSize = 100,
      ) => {
        const answer = await handlerOn(store).execute(
          new ListLicencesQuery(filter, pointInTime, page, pageSize, sort),
        );
        return { ids: answer.items.map((v) => v.id), total: answer.total };
      };

      it('answers each filter and order as of now exactly as the present does', async () => {
        const store = await writeQueueCases();
        const cases: [LicenceFilter, LicenceSort?][] = [
          [{ registeredBy: OFFICER.sub }],
          [{ registeredBy: INTAKE.sub }, 'expiry'],
          [{ revocationProposed: true }],
          [{ revocationProposed: false }, 'expiry'],
          [{ reassessmentRequested: true }],
          [{ reassessmentRequested: false }],
          [{ expiresFrom: localDate('2025-03-04'), expiresTo: localDate('2025-03-09') }],
          [{ expiresFrom: localDate('2025-03-05') }, 'expiry'],
          [{}, 'expiry'],
        ];
        for (const [filter, sort] of cases) {
          const present = await listed(store, filter, {}, sort);
          expect({ filter, sort, ...(await listed(store, filter, { asOf: NOW }, sort)) }).toEqual({
            filter,
            sort,
            ...present,
          });
          expect(present.total).toBeGreaterThan(0);
        }
        expect(await listed(store, {}, { asOf: NOW }, 'expiry', 2, 2)).toEqual({
          ids: ['q-3', 'q-1'],
          total: 6,
        });
      });

      it('judges the changing filters on the case as it stood, and shows who registered it', async () => {
        const store = await writeQueueCases();
        // Before the proposal and the request, and before q-3 was issued (so without an end date).
        const beforeTheProposal = { validOn: localDate('2024-03-08') };
        expect(await listed(store, { revocationProposed: true }, {}, undefined)).toEqual({
          ids: ['q-3'],
          total: 1,
        });
        expect(await listed(store, { revocationProposed: true }, beforeTheProposal)).toEqual({
          ids: [],
          total: 0,
        });
        expect(
          await listed(store, { reassessmentRequested: true }, { asOf: '2024-05-31T23:00:00Z' }),
        ).toEqual({
          ids: [],
          total: 0,
        });
        expect(
          await listed(
            store,
            { expiresTo: localDate('2025-03-09') },
            { asOf: '2024-03-06T00:00:00Z' },
            'expiry',
          ),
        ).toEqual({ ids: ['q-2', 'q-6'], total: 2 });
        const [view] = (
          await handlerOn(store).execute(
            new ListLicencesQuery({ registeredBy: INTAKE.sub }, { asOf: NOW }, 1, 1, 'registered'),
          )
        ).items;
        expect(view).toMatchObject({
          id: 'q-2',
          registeredAt: '2024-02-02T12:00:00.000Z',
          registeredBy: INTAKE,
        });
      });
    });
  });
}

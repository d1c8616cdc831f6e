import { localDate } from '@licences/licensing-domain';
import type { LicenceFilter, ReadModelStore } from '@licences/licensing-read-models';
import {
  answerSondage,
  applyAfterSondage,
  approveRevocation,
  deny,
  details,
  goods,
  issue,
  proposeRevocation,
  register,
  REVIEWER,
  withdraw,
} from '../licence-events.fixture';
import { ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

export function describeQueries(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: queries`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    describe('listValidity', () => {
      const ids = async (store: ReadModelStore, filter: LicenceFilter, today = '2025-06-01') =>
        (await store.listValidity(filter, localDate(today), { offset: 0, limit: 100 })).rows.map(
          (r) => r.caseId,
        );

      async function writeListingCases(): Promise<ReadModelStore> {
        const at = (date: string) => `${date}T12:00:00Z`;
        // lv-2 is registered first, at the same instant as lv-1: the case id breaks the tie.
        await h.writer.decide(
          'lv-2',
          register(
            'lv-2',
            details({ destinations: [{ country: 'SA', endUser: 'MoD' }], goods: goods('ML1.a') }),
          ),
          at('2024-02-01'),
        );
        await h.writer.decide(
          'lv-1',
          register('lv-1', details({ goods: goods('ML10.a') })),
          at('2024-02-01'),
        );
        const dualUse = details({
          goodsCategory: 'dual-use',
          kind: 'global',
          destinations: [{ country: 'US', endUser: 'NASA' }],
          goods: goods('5A002.a.1'),
        });
        await h.writer.decide('lv-3', register('lv-3', dualUse), at('2024-02-02'));
        await h.writer.decide(
          'lv-4',
          register('lv-4', details({ kind: 'transit', goods: goods('ML10', 'ML11') })),
          at('2024-02-03'),
        );
        await h.writer.decide(
          'lv-5',
          register(
            'lv-5',
            details({
              kind: 'brokering',
              destinations: [{ country: 'FR', endUser: 'DGA' }],
              goods: goods('ML22'),
            }),
          ),
          at('2024-02-04'),
        );
        await h.writer.decide(
          'lv-6',
          register(
            'lv-6',
            details({ destinations: [{ country: 'BE', endUser: 'MoD' }], goods: goods('ML10.b.1') }),
          ),
          at('2024-02-05'),
        );
        await h.writer.decide('lv-1', issue(), at('2024-03-01')); // allies: until 2027-02-28
        await h.writer.decide('lv-2', issue(), at('2024-03-01')); // default: until 2025-02-28
        await h.writer.decide('lv-4', deny(), at('2024-03-02'));
        await h.writer.decide('lv-5', withdraw(), at('2024-03-03'));
        await h.writer.decide('lv-6', issue(), at('2024-03-04'));
        await h.writer.decide('lv-6', proposeRevocation('2024-04-01'), at('2024-04-02'));
        await h.writer.decide('lv-6', approveRevocation(), at('2024-04-02'), REVIEWER);
        const { store } = await h.openStore();
        await store.project('licence-validity', await h.events.readAll());
        return store;
      }

      it('filters on status, with expired and issued decided by today', async () => {
        const store = await writeListingCases();
        expect(await ids(store, { status: 'issued' })).toEqual(['lv-1']);
        expect(await ids(store, { status: 'expired' })).toEqual(['lv-2']);
        expect(await ids(store, { status: 'applied' })).toEqual(['lv-3']);
        expect(await ids(store, { status: 'denied' })).toEqual(['lv-4']);
        expect(await ids(store, { status: 'withdrawn' })).toEqual(['lv-5']);
        expect(await ids(store, { status: 'revoked' })).toEqual(['lv-6']);
        // lv-2 is valid until 2025-02-28 inclusive.
        expect(await ids(store, { status: 'issued' }, '2025-02-28')).toEqual(['lv-1', 'lv-2']);
        expect(await ids(store, { status: 'expired' }, '2025-02-28')).toEqual([]);
        expect(await ids(store, { status: 'expired' }, '2025-03-01')).toEqual(['lv-2']);
        await expect(store.listValidity({}, '2025-13-01' as never, { offset: 0, limit: 1 })).rejects.toThrow(
          RangeError,
        );
      });

      it('filters on destination, goods category, kind and their combination', async () => {
        const store = await writeListingCases();
        expect(await ids(store, { destination: 'DE' })).toEqual(['lv-1', 'lv-4']);
        expect(await ids(store, { goodsCategory: 'dual-use' })).toEqual(['lv-3']);
        expect(await ids(store, { goodsCategory: 'military' })).toEqual([
          'lv-1',
          'lv-2',
          'lv-4',
          'lv-5',
          'lv-6',
        ]);
        expect(await ids(store, { kind: 'transit' })).toEqual(['lv-4']);
        expect(await ids(store, { kind: 'individual', destination: 'DE', status: 'issued' })).toEqual([
          'lv-1',
        ]);
        expect(await ids(store, { destination: 'NL' })).toEqual([]);
      });

      it('matches a control-list entry and its sub-items only', async () => {
        const store = await writeListingCases();
        expect(await ids(store, { controlListEntry: 'ML10' })).toEqual(['lv-1', 'lv-4', 'lv-6']);
        expect(await ids(store, { controlListEntry: 'ML1' })).toEqual(['lv-2']);
        expect(await ids(store, { controlListEntry: 'ML10.a' })).toEqual(['lv-1']);
        expect(await ids(store, { controlListEntry: 'ML10.b' })).toEqual(['lv-6']);
        expect(await ids(store, { controlListEntry: 'ML10.b.1' })).toEqual(['lv-6']);
        expect(await ids(store, { controlListEntry: '5A002' })).toEqual(['lv-3']);
        for (const noMatch of ['5A', 'ml10', 'ML1%', 'ML1_', 'ML10.', 'ML2']) {
          expect(await ids(store, { controlListEntry: noMatch })).toEqual([]);
        }
        expect(await ids(store, { controlListEntry: 'ML10', status: 'issued' })).toEqual(['lv-1']);
      });

      it('pages in registration order with the total of all matches', async () => {
        const store = await writeListingCases();
        const today = localDate('2025-06-01');
        const pages = [];
        for (const offset of [0, 2, 4, 6])
          pages.push(await store.listValidity({}, today, { offset, limit: 2 }));
        expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
        expect(pages.map((p) => p.rows.map((r) => r.caseId))).toEqual([
          ['lv-1', 'lv-2'],
          ['lv-3', 'lv-4'],
          ['lv-5', 'lv-6'],
          [],
        ]);
        expect(pages[0]!.rows[0]).toEqual(await store.findValidity('lv-1'));
        expect(await store.listValidity({ destination: 'DE' }, today, { offset: 0, limit: 1 })).toMatchObject(
          {
            total: 2,
            rows: [{ caseId: 'lv-1' }],
          },
        );
        expect(await store.listValidity({}, today, { offset: 0, limit: 0 })).toEqual({ rows: [], total: 6 });
        await expect(store.listValidity({}, today, { offset: -1, limit: 2 })).rejects.toThrow(RangeError);
      });
    });

    describe('as of a recorded instant', () => {
      const T1 = '2024-05-01T08:00:00.000Z';
      const T2 = '2024-05-02T08:00:00.000Z';
      const T3 = '2024-05-03T08:00:00.000Z';

      async function writeTimeline(): Promise<ReadModelStore> {
        await h.writer.decide('t-1', register('t-1'), T1);
        await h.writer.decide('t-1', issue(), T2);
        await h.writer.decide(
          't-2',
          register('t-2', details({ destinations: [{ country: 'FR', endUser: 'DGA' }] })),
          T3,
        );
        const { store } = await h.openStore();
        await h.projectAll(store, await h.events.readAll());
        return store;
      }

      it('finds the cases registered at or before asOf, oldest first', async () => {
        const store = await writeTimeline();
        expect(await store.findCaseIds({})).toEqual(['t-1', 't-2']);
        expect(await store.findCaseIds({}, '2024-05-01T07:59:59.999Z')).toEqual([]);
        expect(await store.findCaseIds({}, T1)).toEqual(['t-1']);
        expect(await store.findCaseIds({}, T3)).toEqual(['t-1', 't-2']);
        // The same instant written with an offset and without milliseconds.
        expect(await store.findCaseIds({}, '2024-05-03T10:00:00+02:00')).toEqual(['t-1', 't-2']);
        expect(await store.findCaseIds({ destination: 'FR' }, T3)).toEqual(['t-2']);
        expect(await store.findCaseIds({ destination: 'FR' }, T2)).toEqual([]);
        expect(await store.findCaseIds({ controlListEntry: 'ML5' })).toEqual(['t-1', 't-2']);
        await expect(store.findCaseIds({}, 'yesterday')).rejects.toThrow(RangeError);
      });

      it('returns each case history recorded at or before asOf, in chunks for long id lists', async () => {
        const store = await writeTimeline();
        const types = (history: Map<string, { type: string }[]>) =>
          Object.fromEntries([...history].map(([id, entries]) => [id, entries.map((e) => e.type)]));
        expect(types(await store.historyOf(['t-1', 't-2']))).toEqual({
          't-1': ['Applied', 'Issued'],
          't-2': ['Applied'],
        });
        expect(types(await store.historyOf(['t-1', 't-2'], '2024-05-02T07:59:59.999Z'))).toEqual({
          't-1': ['Applied'],
          't-2': [],
        });
        expect(types(await store.historyOf(['t-1', 't-2'], '2024-05-02T10:00:00+02:00'))).toEqual({
          't-1': ['Applied', 'Issued'],
          't-2': [],
        });
        await expect(store.historyOf(['t-1'], 'not an instant')).rejects.toThrow(RangeError);

        // 1200 ids with the real ones in the first, second and third chunk of 500, and a repeat.
        const many = Array.from({ length: 1200 }, (_, i) => `missing-${i}`);
        many[0] = 't-2';
        many[700] = 't-1';
        many[1199] = 't-2';
        const history = await store.historyOf(many, T3);
        expect(history.size).toBe(1199);
        expect(history.get('t-1')!.map((e) => e.revision)).toEqual([0, 1]);
        expect(history.get('t-2')!.map((e) => e.revision)).toEqual([0]);
        expect(history.get('missing-1')).toEqual([]);
      });
    });

    describe('cases with several destinations', () => {
      const at = (date: string) => `${date}T12:00:00Z`;
      const global = details({
        kind: 'global',
        destinations: [
          { country: 'DE', endUser: 'Bundeswehr' },
          { country: 'FR', endUser: 'DGA' },
          { country: 'US', endUser: 'US Army' },
        ],
      });

      it('finds a case by any of its destinations, now and as of an instant, and keeps the first apart', async () => {
        await h.writer.decide('g-1', register('g-1', global), at('2024-03-01'));
        await h.writer.decide(
          'g-2',
          register('g-2', details({ destinations: [{ country: 'FR', endUser: 'DGA' }] })),
          at('2024-03-02'),
        );
        const { store } = await h.openStore();
        await h.projectAll(store, await h.events.readAll());
        const today = localDate('2024-06-01');
        const listed = async (destination: string) =>
          (await store.listValidity({ destination }, today, { offset: 0, limit: 10 })).rows.map(
            (r) => r.caseId,
          );
        expect(await listed('US')).toEqual(['g-1']);
        expect(await listed('FR')).toEqual(['g-1', 'g-2']);
        expect(await listed('BE')).toEqual([]);
        expect(await store.findCaseIds({ destination: 'US' }, at('2024-03-01'))).toEqual(['g-1']);
        expect(await store.findValidity('g-1')).toMatchObject({
          destinationCountry: 'DE',
          endUser: 'Bundeswehr',
          destinationCountries: ['DE', 'FR', 'US'],
        });
      });

      it('follows an application that changes the destination its sondage named', async () => {
        await h.writer.decide('s-1', register('s-1', details(), 'sondage'), at('2024-03-01'));
        await h.writer.decide('s-1', answerSondage(), at('2024-03-02'));
        const elsewhere = details({ destinations: [{ country: 'BE', endUser: 'Belgian Army' }] });
        await h.writer.decide('s-1', applyAfterSondage(elsewhere), at('2024-03-03'));
        const { store } = await h.openStore();
        await h.projectAll(store, await h.events.readAll());
        const today = localDate('2024-06-01');
        expect((await store.listValidity({ destination: 'BE' }, today, { offset: 0, limit: 10 })).total).toBe(
          1,
        );
        expect((await store.listValidity({ destination: 'DE' }, today, { offset: 0, limit: 10 })).total).toBe(
          0,
        );
      });
    });
  });
}

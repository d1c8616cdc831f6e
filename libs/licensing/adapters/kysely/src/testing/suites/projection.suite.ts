import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@licences/event-store';
import { licenceStreamId } from '@licences/licensing-application';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { ProjectionName } from '@licences/licensing-read-models';
import { OFFICER, REVIEWER, SUPERVISOR, goods, proposeRevocation } from '../licence-events.fixture';
import { A, B, C, ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

export function describeProjection(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: projection and checkpoints`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    it('projects whole lifecycles into validity rows, decision history and revocation justifications', async () => {
      await h.writeLifecycles();
      const { store } = await h.openStore();
      const all = await h.events.readAll();
      await h.projectAll(store, all);

      const streamA = await h.events.readStream(licenceStreamId(A));
      expect(await store.findValidity(A)).toEqual({
        caseId: A,
        revision: 5,
        position: streamA[5]!.position,
        status: 'revoked',
        procedure: 'application',
        kind: 'individual',
        afterSales: false,
        goodsCategory: 'military',
        destinationCountry: 'DE',
        endUser: 'Bundeswehr',
        destinationCountries: ['DE'],
        applicantName: 'Example Defence B.V.',
        chamberOfCommerceNumber: '12345678',
        controlListEntries: ['ML10.a', 'ML5'],
        totalValueEur: 3000,
        validFrom: '2024-02-01',
        validUntil: '2029-01-11',
        ruleId: 'allies',
        policyVersion: expect.stringMatching(/^nl-export-licence-validity@/),
        lastDecisionType: 'RevokedForChangedCircumstances',
        lastDecisionDate: '2026-06-01',
        registeredAt: '2024-01-15T12:00:00.000Z',
        registeredBy: OFFICER,
        updatedAt: '2026-06-01T12:00:00.000Z',
        state: expect.objectContaining({
          status: 'revoked',
          extensions: 2,
          issuedOn: '2024-02-01',
          closedOn: '2026-06-01',
        }),
      });
      expect(await store.findValidity(B)).toMatchObject({
        status: 'revoked',
        procedure: 'sondage',
        revision: 7,
      });
      expect(await store.findValidity(C)).toMatchObject({ status: 'denied', validUntil: null, ruleId: null });
      expect(await store.findValidity('no-such-case')).toBeUndefined();

      const history = await store.historyOf([A, B, 'no-such-case']);
      const entriesA = history.get(A)!;
      expect(entriesA.map((e) => [e.type, e.decisionDate, e.actor, e.ruleId])).toEqual([
        ['Applied', '2024-01-15', OFFICER, null],
        ['Issued', '2024-02-01', SUPERVISOR, 'allies'],
        ['Extended', '2025-03-03', OFFICER, 'allies'],
        ['Extended', '2026-01-12', OFFICER, 'allies'],
        ['RevocationProposed', '2026-05-25', SUPERVISOR, null],
        ['RevokedForChangedCircumstances', '2026-06-01', REVIEWER, null],
      ]);
      expect(
        entriesA.map((e) => [e.caseId, e.revision, e.position, e.eventId, e.recordedAt, e.payload]),
      ).toEqual(streamA.map((e) => [A, e.revision, e.position, e.id, e.recordedAt, e.data]));
      expect(history.get(B)!.map((e) => [e.type, e.ruleId])).toEqual([
        ['SondageRequested', null],
        ['SondageAnswered', null],
        ['Applied', null],
        ['Issued', 'default'],
        ['Extended', 'default'],
        ['Extended', 'default'],
        ['RevocationProposed', null],
        ['RevokedForChangedCircumstances', null],
      ]);
      expect(history.get('no-such-case')).toEqual([]);

      expect(await store.findRevocation(A)).toEqual({
        caseId: A,
        revision: 5,
        position: streamA[5]!.position,
        revokedOn: '2026-06-01',
        recordedAt: '2026-06-01T12:00:00.000Z',
        proposedBy: SUPERVISOR,
        proposedOn: '2026-05-25',
        approvedBy: REVIEWER,
        effectiveOn: '2026-06-01',
        objectionDeadline: '2026-07-13', // six weeks after 2026-06-01
        objectionTermId: 'awb-6:7',
        circumstances: proposeRevocation('2026-05-20').circumstances,
        criteria: [4, 7],
        evidence: proposeRevocation('2026-05-20').evidence,
        additionalEvidence: [],
        destinationCountry: 'DE',
        endUser: 'Bundeswehr',
        destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
        kind: 'individual',
        goodsCategory: 'military',
        goods: goods('ML10.a', 'ML5'),
        issuedOn: '2024-02-01',
        validFrom: '2024-02-01',
        validUntil: '2029-01-11',
        extensions: 2,
        daysOfValidityLeft: 956, // 2026-06-01 up to and including 2029-01-11
        daysBetweenIssueAndRevocation: 851, // 2024-02-01 to 2026-06-01
      });
      expect(await store.findRevocation(B)).toMatchObject({
        validUntil: '2026-06-01',
        extensions: 2,
        daysOfValidityLeft: 274,
        daysBetweenIssueAndRevocation: 574,
      });
      expect(await store.findRevocation(C)).toBeUndefined();
      expect(await h.checkpoints(store)).toEqual([
        all.at(-1)!.position,
        all.at(-1)!.position,
        all.at(-1)!.position,
        all.at(-1)!.position,
      ]);
    });

    it('skips events at or before the checkpoint, and moves it over events of other streams', async () => {
      await h.writeLifecycles();
      const { store, db: file } = await h.openStore();
      const all = await h.events.readAll();
      const head = all.at(-1)!.position;
      await h.projectAll(store, all);
      const projected = await h.dumpTables(file);

      for (const name of PROJECTION_NAMES) {
        expect(await store.project(name, all)).toBe(head);
        expect(await store.project(name, all.slice(3, 9))).toBe(head);
      }
      expect(await h.dumpTables(file)).toEqual(projected);

      // One event at a time, with overlaps, reads back every row from the database instead of the
      // batch's memory: the result must be the same.
      const { store: stepwise, db: stepwiseFile } = await h.openStore('stepwise');
      for (let i = 0; i < all.length; i++) await h.projectAll(stepwise, all.slice(Math.max(0, i - 1), i + 1));
      expect(await h.dumpTables(stepwiseFile)).toEqual(projected);

      const note = { type: 'AuditNote', schemaVersion: 1, data: { note: 'not a licence' } };
      const metadata = {
        occurredAt: h.clock.now().toISOString(),
        actor: OFFICER,
        correlationId: 'c',
        causationId: 'c',
      };
      await h.events.append('audit-1', [{ id: randomUUID(), ...note, metadata }], 'no-stream');
      const others = await h.events.readAll({ after: head });
      expect(others).toHaveLength(1);
      for (const name of PROJECTION_NAMES)
        expect(await store.project(name, others)).toBe(others[0]!.position);
      expect(await h.checkpoints(store)).toEqual([
        others[0]!.position,
        others[0]!.position,
        others[0]!.position,
        others[0]!.position,
      ]);
      expect(await h.dumpTables(file)).toEqual(projected);
    });

    it('stores nothing of a batch that fails half-way, and refuses batches out of order', async () => {
      await h.writeLifecycles();
      const { store, db: file } = await h.openStore();
      const all = await h.events.readAll();
      const [done, rest] = [all.slice(0, 6), all.slice(6)];
      await h.projectAll(store, done);
      const before = await h.dumpTables(file);
      const issued = all.find((e) => e.type === 'Issued')!;
      const ghost: RecordedEvent = {
        ...issued,
        id: 'ghost-issued',
        streamId: licenceStreamId('never-registered'),
        position: all.at(-1)!.position + 1,
      };
      // Issuing a case never registered breaks the fold; the history does not fold, so it gets an unknown type.
      const poison: Record<ProjectionName, RecordedEvent> = {
        'licence-validity': ghost,
        'decision-history': { ...ghost, type: 'LicenceTeleported' },
        'revocation-justification': ghost,
        statistics: ghost,
      };

      for (const name of PROJECTION_NAMES) {
        await expect(store.project(name, [...rest, poison[name]])).rejects.toThrow();
        await expect(store.project(name, [all[7]!, all[6]!])).rejects.toThrow(/global order/);
      }
      expect(await h.dumpTables(file)).toEqual(before);
      expect(await h.checkpoints(store)).toEqual([
        done.at(-1)!.position,
        done.at(-1)!.position,
        done.at(-1)!.position,
        done.at(-1)!.position,
      ]);

      // The store is still usable, and the events before the poison did change the tables.
      await h.projectAll(store, rest);
      expect(await h.dumpTables(file)).not.toEqual(before);
      expect(await h.checkpoints(store)).toEqual([
        all.at(-1)!.position,
        all.at(-1)!.position,
        all.at(-1)!.position,
        all.at(-1)!.position,
      ]);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId, toNewEvent } from '@licences/licensing-application';
import { applicableRule, DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import type { LicenceEvent, LocalDate } from '@licences/licensing-domain';

const d = (value: string) => value as LocalDate;

/** Who the imported decisions name, in the payload and in the metadata alike. */
const ARCHIVE_CLERK = { sub: 'archive-clerk', role: 'assessor' };

const assessment = {
  summary: 'Archived assessment',
  findings: [{ criterion: 7 as const, finding: 'End-user certificate on file' }],
};

/**
 * The deviation the oversight features exist to find, as imported history would carry it: an
 * issue to North Macedonia on 2020-03-26, the day before it joined NATO, for 3 years under the
 * allied rule, claiming the NATO membership it only had from the next day.
 */
export function alliedIssueBeforeAccession(): LicenceEvent {
  const allied = applicableRule(
    DUTCH_VALIDITY_POLICY,
    {
      destinations: ['MK'],
      goodsCategory: 'military',
      kind: 'individual',
      afterSales: false,
      exportType: 'definitive',
      firearmsAct: false,
    },
    d('2020-03-27'),
  );
  return {
    type: 'Issued',
    data: {
      decisionDate: d('2020-03-26'),
      validFrom: d('2020-03-26'),
      validUntil: d('2023-03-25'),
      assessment,
      rule: { ...allied, countryFacts: { ...allied.countryFacts, on: d('2020-03-26') } },
      issuedBy: ARCHIVE_CLERK,
    },
  };
}

/**
 * Appends an event to a case straight into the event store file of a running app, marked as
 * imported, as the historical import would; the app's projections pick it up. Returns its position.
 */
export async function appendImported(
  dataDir: string,
  caseId: string,
  event: LicenceEvent,
  expectedRevision: number,
): Promise<number> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
  try {
    const stored = toNewEvent(event, randomUUID(), {
      occurredAt: `${event.data.decisionDate}T10:00:00.000Z`,
      actor: ARCHIVE_CLERK,
      correlationId: 'test-import',
      causationId: 'test-import',
      imported: { importId: 'test-import', line: 2 },
    });
    return (await store.append(licenceStreamId(caseId), [stored], expectedRevision)).position;
  } finally {
    await store.close();
  }
}

/** Global position of the last event in an app's event store file. */
export async function headPosition(dataDir: string): Promise<number> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

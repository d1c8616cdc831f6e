/*
 * Test support (not exported from the library): real licence events, decided by the real domain
 * and appended as the application would, so the read models are tested on what production writes.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, EventMetadata, EventStore } from '@licences/event-store';
import { licenceStreamId, toNewEvent } from '@licences/licensing-application';
import { decide, DUTCH_VALIDITY_POLICY, evolve, localDate } from '@licences/licensing-domain';
import type {
  AnswerSondage,
  ApplyAfterSondage,
  ApproveRevocation,
  CaseDetails,
  DenyLicence,
  ExtendLicence,
  GoodsItem,
  HoldCase,
  IssueLicence,
  LicenceCommand,
  LicenceState,
  RegisterCase,
  ProposeRevocation,
  ReinstateLicence,
  ReleaseCase,
  SuspendLicence,
  WithdrawCase,
} from '@licences/licensing-domain';

export const OFFICER: Actor = { sub: 'officer-17', role: 'licensing-officer' };
export const SUPERVISOR: Actor = { sub: 'supervisor-3', role: 'licensing-supervisor' };
/** A second supervisor, who approves revocations that the others proposed or whose licences they decided. */
export const REVIEWER: Actor = { sub: 'supervisor-8', role: 'licensing-supervisor' };

/** The event store's clock, moved by the writer to each decision's instant: recordedAt = decision time. */
export class TestClock {
  private current: Date;

  constructor(start = '2024-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }

  readonly now = (): Date => new Date(this.current.getTime());
}

/** Decides commands with the real decider and appends the events to the case's stream. */
export class LicenceEventWriter {
  private readonly states = new Map<string, LicenceState>();

  constructor(
    private readonly events: EventStore,
    private readonly clock: TestClock,
  ) {}

  /** `at` is the instant of decision (ISO); its Amsterdam calendar date is the decision date. */
  async decide(caseId: string, command: LicenceCommand, at: string, actor: Actor = OFFICER): Promise<void> {
    const now = new Date(at);
    const state = this.states.get(caseId);
    const decided = decide(command, state, { now, actor }, DUTCH_VALIDITY_POLICY);
    const correlationId = randomUUID();
    const metadata: EventMetadata = {
      occurredAt: now.toISOString(),
      actor,
      correlationId,
      causationId: correlationId,
    };
    const streamId = licenceStreamId(caseId);
    this.clock.set(at);
    await this.events.append(
      streamId,
      decided.map((event) => toNewEvent(event, randomUUID(), metadata)),
      (await this.events.streamRevision(streamId)) ?? 'no-stream',
    );
    this.states.set(caseId, decided.reduce<LicenceState>(evolve, state));
  }
}

export function goods(...entries: string[]): GoodsItem[] {
  return entries.map((controlListEntry, i) => ({
    controlListEntry,
    description: `Item ${i + 1} (${controlListEntry})`,
    quantity: i + 1,
    valueEur: 1000 * (i + 1),
  }));
}

export function details(overrides: Partial<CaseDetails> = {}): CaseDetails {
  return {
    applicant: { name: 'Example Defence B.V.', chamberOfCommerceNumber: '12345678' },
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: goods('ML5.a'),
    exportType: 'definitive',
    firearmsAct: false,
    destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
    ...overrides,
  };
}

export function register(
  caseId: string,
  caseDetails: CaseDetails = details(),
  procedure: RegisterCase['procedure'] = 'application',
): RegisterCase {
  return { type: 'RegisterCase', caseId, procedure, details: caseDetails };
}

const ASSESSMENT = {
  summary: 'No objections under the criteria of the Common Position.',
  findings: [{ criterion: 2 as const, finding: 'No clear risk of use for internal repression.' }],
};

export function answerSondage(): AnswerSondage {
  return {
    type: 'AnswerSondage',
    outcome: 'positive',
    reasoning: 'A licence is likely to be issued.',
    criteria: [],
  };
}

/** Without details the sondage's stand; with them, the application changes them. */
export function applyAfterSondage(changed?: CaseDetails): ApplyAfterSondage {
  return { type: 'ApplyAfterSondage', ...(changed && { details: changed }) };
}

export function issue(): IssueLicence {
  return { type: 'IssueLicence', assessment: ASSESSMENT };
}

/** Without `validUntil`, the longest extension the rule in force allows. */
export function extend(validUntil?: string): ExtendLicence {
  return {
    type: 'ExtendLicence',
    reassessment: ASSESSMENT,
    ...(validUntil === undefined ? {} : { validUntil: localDate(validUntil) }),
  };
}

/** The first half of a revocation; `approveRevocation` by another official completes it. */
export function proposeRevocation(evidenceDate: string): ProposeRevocation {
  return {
    type: 'ProposeRevocation',
    circumstances: 'Armed conflict broke out in the region of the end user.',
    criteria: [4, 7],
    evidence: [
      {
        title: 'Country report',
        source: 'Ministry of Foreign Affairs',
        date: localDate(evidenceDate),
        reference: 'BZ-2026-0042',
      },
    ],
  };
}

export function approveRevocation(): ApproveRevocation {
  return { type: 'ApproveRevocation', additionalEvidence: [] };
}

export function deny(): DenyLicence {
  return { type: 'DenyLicence', criteria: [1], reasoning: 'Arms embargo.' };
}

export function withdraw(): WithdrawCase {
  return { type: 'WithdrawCase', reason: 'The applicant withdrew the application.' };
}

export function suspend(evidenceDate: string): SuspendLicence {
  const { criteria, evidence } = proposeRevocation(evidenceDate);
  return { type: 'SuspendLicence', criteria, evidence, reasons: 'Reports of misuse are being verified.' };
}

export function reinstate(): ReinstateLicence {
  return { type: 'ReinstateLicence', reason: 'The reports were not confirmed.' };
}

export function hold(measureId?: string): HoldCase {
  return {
    type: 'HoldCase',
    reason: 'The situation in the country is being reviewed.',
    ...(measureId && { measureId }),
  };
}

export function release(measureId?: string): ReleaseCase {
  return { type: 'ReleaseCase', reason: 'The review is complete.', ...(measureId && { measureId }) };
}

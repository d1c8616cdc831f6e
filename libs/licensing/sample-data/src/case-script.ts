import { addDays, addMonths, compareDates, daysBetween } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCase, LicenceEvent, LocalDate } from '@licences/licensing-domain';
import { AfterIssueSteps } from './after-issue-steps';
import { nextWorkday } from './business-calendar';
import type { CaseBuilder } from './case.builder';
import {
  changedAtApplication,
  extensionAssessment,
  issueAssessment,
  revocationGrounds,
} from './case-profile';
import type { DemoPath } from './demo-plan.types';
import type { SeededRandom } from './seeded-random';
import {
  DENIALS,
  PROPOSAL_REJECTIONS,
  PROPOSAL_WITHDRAWALS,
  SONDAGE_NEGATIVE,
  SONDAGE_POSITIVE,
  WITHDRAWALS,
} from './wording.catalogue';
import type { DemoOfficial } from './wording.catalogue';

/*
 * The lifecycle paths, step by step, with plausible gaps between the steps: sondages answered in
 * weeks, most applications decided within the eight weeks of Awb art. 4:13 (some later),
 * extensions in the last months of validity, revocations while the licence is valid.
 */

type Adjust = (event: LicenceEvent) => LicenceEvent;

/** Changes to the decided events, for imported history that deviates from the rules. */
export interface PathAdjustments {
  readonly issue?: Adjust;
  readonly extension?: Adjust;
  /** How many extensions at most (default: one, sometimes two). */
  readonly extensions?: number;
  /** Decide within days rather than weeks (a case that must be decided before a date, such as Brexit). */
  readonly prompt?: boolean;
}

function later(random: SeededRandom, date: LocalDate, min: number, max: number): LocalDate {
  return nextWorkday(addDays(date, random.int(min, max)));
}

/** Most decisions within the eight-week term, some late. */
function decisionDelay(random: SeededRandom, prompt = false): [number, number] {
  if (prompt) return [2, 6];
  return random.chance(0.9) ? [10, 52] : [57, 95];
}

function isIssued(
  state: LicenceCase,
): state is LicenceCase & { validFrom: LocalDate; validUntil: LocalDate } {
  return state.status === 'issued' && state.validUntil !== undefined && state.validFrom !== undefined;
}

export class PathRunner {
  private readonly after: AfterIssueSteps;

  constructor(
    private readonly b: CaseBuilder,
    private readonly random: SeededRandom,
    /** Non-allied destinations get a criterion 2 finding in every assessment. */
    private readonly allied: boolean,
    private readonly adjustments: PathAdjustments = {},
    /** Imported history: revocations as one official took them before the four-eyes rule. */
    private readonly historical = false,
  ) {
    this.after = new AfterIssueSteps(b, random, allied, historical);
  }

  register(at: string, procedure: 'sondage' | 'application', details: CaseDetails): boolean {
    return this.b.takeAt(at, 'intake', { type: 'RegisterCase', caseId: this.b.caseId, procedure, details });
  }

  run(path: DemoPath): void {
    switch (path) {
      case 'issue':
        if (this.issue()) this.after.duringValidity();
        return;
      case 'issue-extend':
        if (this.issue() && this.afterIssue() && this.extend()) this.extendAgain();
        return;
      case 'issue-revoke':
        if (this.issue()) this.revoke();
        return;
      case 'issue-extend-revoke':
        if (this.issue() && this.extend()) this.revoke();
        return;
      case 'issue-revocation-rejected':
        if (this.issue()) this.revoke('rejected');
        return;
      case 'issue-revocation-withdrawn':
        if (this.issue()) this.revoke('withdrawn');
        return;
      case 'deny':
        this.deny();
        return;
      case 'withdraw-application':
        this.withdraw(5, 40);
        return;
      case 'sondage-issue':
        if (
          this.answer('positive') &&
          this.apply() &&
          this.issue() &&
          this.afterIssue() &&
          this.random.chance(0.3)
        )
          this.extend();
        return;
      case 'sondage-deny':
        if (this.answer(this.random.chance(0.6) ? 'positive' : 'negative') && this.apply()) this.deny();
        return;
      case 'sondage-negative':
        if (this.answer('negative') && this.random.chance(0.4)) this.withdraw(10, 60);
        return;
      case 'sondage-withdraw':
        this.withdraw(10, 45);
        return;
      case 'sondage-positive-no-application':
        this.answer('positive');
        return;
      case 'sondage-apply-withdraw':
        if (this.answer('positive') && this.apply()) this.withdraw(5, 40);
        return;
      default: {
        const unexpected: never = path;
        throw new Error(`Unknown path ${String(unexpected)}`);
      }
    }
  }

  private answer(outcome: 'positive' | 'negative'): boolean {
    const date = later(this.random, this.b.lastDate, 8, 35);
    const negative = this.random.pick(SONDAGE_NEGATIVE);
    return this.b.take(date, 'assessor', {
      type: 'AnswerSondage',
      outcome,
      reasoning: outcome === 'positive' ? this.random.pick(SONDAGE_POSITIVE) : negative.reasoning,
      criteria: outcome === 'positive' ? [] : [...negative.criteria],
    });
  }

  private apply(): boolean {
    const details = changedAtApplication(this.random, this.b.current.details);
    return this.b.take(later(this.random, this.b.lastDate, 7, 70), 'intake', {
      type: 'ApplyAfterSondage',
      ...(details && { details }),
    });
  }

  /** The steps a licence may take while it runs; true unless the plan ended meanwhile. */
  private afterIssue(): boolean {
    this.after.duringValidity();
    return !this.b.stopped;
  }

  private issue(): boolean {
    // A case planted with a deviation, or one decided in days, keeps the timing it was planned for.
    const keepsTiming = this.adjustments.prompt || this.adjustments.issue !== undefined;
    if (!keepsTiming && !this.after.holdBeforeDecision()) return false;
    const [min, max] = decisionDelay(this.random, this.adjustments.prompt);
    const date = later(this.random, this.b.lastDate, min, max);
    // Now and then the licence starts on the first of the next month rather than on the decision date.
    const validFrom = this.random.chance(0.12)
      ? addMonths(`${date.slice(0, 8)}01` as LocalDate, 1)
      : undefined;
    return this.b.take(
      date,
      'assessor',
      {
        type: 'IssueLicence',
        assessment: issueAssessment(this.random, this.allied),
        ...(validFrom && { validFrom }),
      },
      { adjust: this.adjustments.issue },
    );
  }

  /** An extension in the last weeks of validity; now and then for six months only (shorter than the rule). */
  private extend(): boolean {
    if (this.b.stopped || !isIssued(this.b.current)) return false;
    const { validUntil } = this.b.current;
    let target = addDays(validUntil, -this.random.int(14, 80));
    if (compareDates(target, this.b.lastDate) <= 0) target = addDays(this.b.lastDate, 1);
    const date = nextWorkday(target);
    if (compareDates(date, validUntil) > 0) return false;
    // A licence at its legal maximum (dual-use: two years in all) cannot be extended any more.
    const byLaw = this.b.legalMaximumOn(date);
    if (byLaw && compareDates(byLaw, validUntil) <= 0) return false;
    const sixMonths = addMonths(validUntil, 6);
    const shorter =
      this.random.chance(0.25) && !(byLaw && compareDates(sixMonths, byLaw) > 0) ? sixMonths : undefined;
    return this.b.take(
      date,
      'assessor',
      {
        type: 'ExtendLicence',
        reassessment: extensionAssessment(this.random, this.allied),
        ...(shorter && { validUntil: shorter }),
      },
      { adjust: this.adjustments.extension },
    );
  }

  private extendAgain(): void {
    const limit = this.adjustments.extensions ?? (this.random.chance(0.35) ? 2 : 1);
    if (limit >= 2) this.extend();
  }

  /**
   * A revocation by two officials: an assessor (now and then a senior assessor) proposes it with
   * the grounds, and weeks later a senior assessor who neither proposed it nor issued or extended
   * the licence approves it, or rejects it; or the proposer withdraws it. Imported history from
   * before the four-eyes rule records a revocation one senior assessor took alone.
   */
  private revoke(ending: 'approved' | 'rejected' | 'withdrawn' = 'approved'): boolean {
    if (this.b.stopped || !isIssued(this.b.current)) return false;
    const { validUntil, issuedOn } = this.b.current;
    let earliest = addDays(this.b.lastDate, 20);
    const latest = addDays(validUntil, -30);
    if (compareDates(earliest, latest) > 0) earliest = addDays(this.b.lastDate, 1);
    const span = Math.max(0, daysBetween(earliest, latest));
    const date = nextWorkday(addDays(earliest, this.random.int(0, span)));
    if (compareDates(date, addDays(validUntil, -9)) > 0) return false;
    const grounds = revocationGrounds(this.random, date, daysBetween(issuedOn ?? this.b.lastDate, date));
    if (this.historical) {
      return this.b.take(date, 'senior-assessor', { type: 'RecordHistoricalRevocation', ...grounds });
    }
    const proposer = this.random.chance(0.2) ? 'senior-assessor' : 'assessor';
    const proposed =
      this.after.proposeByReassessment(date, grounds) ||
      this.b.take(date, proposer, { type: 'ProposeRevocation', ...grounds });
    if (!proposed) return false;
    const proposedBy = this.b.steps.at(-1)?.actor as DemoOfficial;
    const second = later(this.random, date, 3, 21);
    switch (ending) {
      case 'approved': {
        const additionalEvidence = this.random.chance(0.3)
          ? revocationGrounds(this.random, second, daysBetween(date, second)).evidence.slice(0, 1)
          : [];
        return this.b.take(
          second,
          'senior-assessor',
          { type: 'ApproveRevocation', additionalEvidence },
          { exclude: [proposedBy.sub] },
        );
      }
      case 'rejected':
        return this.b.take(
          second,
          'senior-assessor',
          { type: 'RejectRevocationProposal', reason: this.random.pick(PROPOSAL_REJECTIONS) },
          { exclude: [proposedBy.sub] },
        );
      case 'withdrawn':
        return this.b.take(
          second,
          proposedBy.role,
          { type: 'WithdrawRevocationProposal', reason: this.random.pick(PROPOSAL_WITHDRAWALS) },
          { actor: proposedBy },
        );
      default: {
        const unexpected: never = ending;
        throw new Error(`Unknown ending ${String(unexpected)}`);
      }
    }
  }

  private deny(): boolean {
    if (!this.after.holdBeforeDecision()) return false;
    const [min, max] = decisionDelay(this.random);
    const denial = this.random.pick(DENIALS);
    return this.b.take(later(this.random, this.b.lastDate, min, max), 'assessor', {
      type: 'DenyLicence',
      criteria: [...denial.criteria],
      reasoning: denial.reasoning,
    });
  }

  private withdraw(min: number, max: number): boolean {
    return this.b.take(later(this.random, this.b.lastDate, min, max), 'intake', {
      type: 'WithdrawCase',
      reason: this.random.pick(WITHDRAWALS),
    });
  }
}

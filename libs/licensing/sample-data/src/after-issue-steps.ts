import { addDays, daysBetween } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { nextWorkday } from './business-calendar';
import type { CaseBuilder } from './case.builder';
import { reassessmentAssessment, revocationGrounds } from './case-profile';
import { SeededRandom } from './seeded-random';
import { HOLDS, REINSTATEMENTS, RELEASES, SUSPENSION_REASONS } from './wording.catalogue';

/*
 * The steps beside a case's main path (issue 13): holds of pending cases and their release,
 * reassessments that keep a licence, suspensions reinstated weeks later, and reassessments that
 * propose a revocation. Whether a case takes one is drawn from a generator of its own, so that
 * the cases that take none are planned exactly as before these steps existed.
 */

/** Applications registered this close to the plan's last day are held more often: some stay held today. */
const RECENT_DAYS = 75;

function later(random: SeededRandom, date: LocalDate, min: number, max: number): LocalDate {
  return nextWorkday(addDays(date, random.int(min, max)));
}

export class AfterIssueSteps {
  private readonly chance: SeededRandom;

  constructor(
    private readonly b: CaseBuilder,
    /** The case's own generator, for the times and wording of the steps it does take. */
    private readonly random: SeededRandom,
    private readonly allied: boolean,
    /** Imported history: one line per event, so no reassessment that proposes revocation. */
    private readonly historical: boolean,
  ) {
    this.chance = new SeededRandom(0, `after-issue/${b.caseId}`);
  }

  /**
   * Now and then a pending case is held before its decision and released weeks later; false when
   * the plan ends first, so that the case stays on hold today.
   */
  holdBeforeDecision(): boolean {
    const recent = daysBetween(this.b.lastDate, this.b.lastDay) <= RECENT_DAYS;
    if (!this.chance.chance(recent ? 0.5 : 0.06)) return true;
    const heldOn = later(this.random, this.b.lastDate, 2, 12);
    if (!this.b.take(heldOn, 'assessor', { type: 'HoldCase', reason: this.random.pick(HOLDS) })) return false;
    return this.b.take(later(this.random, heldOn, 10, 60), 'assessor', {
      type: 'ReleaseCase',
      reason: this.random.pick(RELEASES),
    });
  }

  /** Now and then, while the licence runs, a reassessment that keeps it, or a suspension reinstated later. */
  duringValidity(): void {
    const current = this.b.current;
    if (this.b.stopped || current.status !== 'issued' || !current.validUntil) return;
    const roll = this.chance.next();
    if (roll >= 0.16) return;
    const room = daysBetween(this.b.lastDate, current.validUntil) - 120;
    if (room < 30) return;
    const date = later(this.random, this.b.lastDate, 30, room);
    if (roll < 0.11) {
      this.b.take(date, 'assessor', {
        type: 'ReassessLicence',
        assessment: reassessmentAssessment(this.random, this.allied, 'maintained'),
        outcome: 'maintained',
      });
      return;
    }
    const grounds = revocationGrounds(this.random, date, daysBetween(this.b.lastDate, date));
    const suspended = this.b.take(date, 'senior-assessor', {
      type: 'SuspendLicence',
      criteria: grounds.criteria,
      evidence: grounds.evidence,
      reasons: this.random.pick(SUSPENSION_REASONS),
    });
    // Suspended at least 120 days before the end, so reinstated while the licence still runs.
    if (!suspended) return;
    this.b.take(later(this.random, date, 14, 70), 'senior-assessor', {
      type: 'ReinstateLicence',
      reason: this.random.pick(REINSTATEMENTS),
    });
  }

  /**
   * A revocation proposal opened by a reassessment rather than on its own, about one in five
   * live; false when the case takes the plain proposal.
   */
  proposeByReassessment(date: LocalDate, grounds: ReturnType<typeof revocationGrounds>): boolean {
    if (this.historical || !this.chance.chance(0.2)) return false;
    return this.b.take(date, 'assessor', {
      type: 'ReassessLicence',
      assessment: reassessmentAssessment(this.random, this.allied, 'revocation-proposed'),
      outcome: 'revocation-proposed',
      revocation: grounds,
    });
  }
}

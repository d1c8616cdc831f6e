import {
  applicableRule,
  compareDates,
  decide,
  evolve,
  legalMaximumUntil,
  validityQuestionOf,
} from '@licences/licensing-domain';
import type {
  LicenceCase,
  LicenceCommand,
  LicenceEvent,
  LicenceState,
  LocalDate,
  ValidityPolicy,
} from '@licences/licensing-domain';
import { OFFICE_MINUTES, officeInstant } from './business-calendar';
import type { PlannedStep } from './demo-plan.types';
import type { SeededRandom } from './seeded-random';
import { OFFICIALS } from './wording.catalogue';
import type { DemoOfficial, DemoRole } from './wording.catalogue';

export interface TakeOptions {
  /**
   * Changes the decided event before it is folded: only the imported history uses it, to record
   * validity as it was decided then, deviations included.
   */
  readonly adjust?: (event: LicenceEvent) => LicenceEvent;
  /** Officials who may not take this step (four eyes: the proposer of a revocation, say). */
  readonly exclude?: readonly string[];
  /** The one official who may take it (only the proposer withdraws a proposal). */
  readonly actor?: DemoOfficial;
}

/**
 * Builds one case's steps by deciding each command with the real decider as it is planned, so
 * the plan only holds decisions the live system takes, and later steps can be timed against the
 * case as it really stands (its end of validity after an issue or extension).
 */
export class CaseBuilder {
  readonly steps: PlannedStep[] = [];
  private state: LicenceState = undefined;
  private cutShort = false;
  /** The revision the next event gets: a step may record more than one. */
  private revision = 0;

  constructor(
    readonly caseId: string,
    private readonly random: SeededRandom,
    /** No step is planned after this day: the case stays where it is (pending, or not yet extended). */
    readonly lastDay: LocalDate,
    private readonly policy: ValidityPolicy,
    /** Imported history: decided as the import decides it, which lets one official revoke alone. */
    private readonly historical = false,
  ) {}

  get current(): LicenceCase {
    if (!this.state) throw new Error(`Case ${this.caseId} has no events yet`);
    return this.state;
  }

  get lastDate(): LocalDate {
    const last = this.steps.at(-1);
    if (!last) throw new Error(`Case ${this.caseId} has no steps yet`);
    return last.at.slice(0, 10) as LocalDate;
  }

  /** The last day the legal maximum in force on `date` allows the issued licence; undefined without one. */
  legalMaximumOn(date: LocalDate): LocalDate | undefined {
    const { details, validFrom } = this.current;
    if (!validFrom) return undefined;
    return legalMaximumUntil(applicableRule(this.policy, validityQuestionOf(details), date), validFrom);
  }

  /** True once a step fell after the last day; every later step is left out too. */
  get stopped(): boolean {
    return this.cutShort;
  }

  /** Plans `command` on `date` at a random office-hours time; false when the date lies beyond the plan. */
  take(date: LocalDate, role: DemoRole, command: LicenceCommand, options: TakeOptions = {}): boolean {
    const at = officeInstant(date, this.random.int(0, OFFICE_MINUTES - 1), this.random.int(0, 59));
    return this.takeAt(at, role, command, options);
  }

  /** Plans `command` at the instant `at`, decided for the official who takes it. */
  takeAt(at: string, role: DemoRole, command: LicenceCommand, options: TakeOptions = {}): boolean {
    const date = at.slice(0, 10) as LocalDate;
    if (this.cutShort || compareDates(date, this.lastDay) > 0) {
      this.cutShort = true;
      return false;
    }
    const previous = this.steps.at(-1);
    if (previous && previous.at >= at) {
      throw new Error(`Case ${this.caseId}: step at ${at} does not follow the step at ${previous.at}`);
    }
    const excluded = new Set(options.exclude ?? []);
    const actor =
      options.actor ?? this.random.pick(OFFICIALS[role].filter((official) => !excluded.has(official.sub)));
    const context = { now: new Date(at), actor, historical: this.historical };
    const [decided, ...alsoRecorded] = decide(command, this.state, context, this.policy);
    if (!decided) throw new Error(`Case ${this.caseId}: ${command.type} decided no event`);
    const event = options.adjust ? options.adjust(decided) : decided;
    this.state = [event, ...alsoRecorded].reduce<LicenceState>((s, e) => evolve(s, e), this.state);
    const recorded = 1 + alsoRecorded.length;
    this.steps.push({
      at,
      caseId: this.caseId,
      sequence: this.revision,
      recorded,
      actor,
      command,
      event,
      ...(alsoRecorded.length > 0 && { alsoRecorded }),
    });
    this.revision += recorded;
    return true;
  }
}

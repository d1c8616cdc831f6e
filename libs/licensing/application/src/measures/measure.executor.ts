import { Inject, Injectable, Logger } from '@nestjs/common';
import { amsterdamDateOf, DomainError, pendingExecution, remainingCases } from '@licences/licensing-domain';
import type { Measure, MeasureStep, NotApplicableCase, Official } from '@licences/licensing-domain';
import { LicenceCommandExecutor } from '../licence-command.executor';
import type { CommandMeta } from '../licence-command.executor';
import { LicenceRepository } from '../licence.repository';
import { CLOCK } from '../ports/clock.port';
import type { Clock } from '../ports/clock.port';
import { carriesStep, notApplicableStatus, stepCommand } from './measure-case.step';
import { MeasureDirectory } from './measure-directory.service';
import { MeasureWorklistFinder } from './measure-worklist.finder';
import { MeasureRepository } from './measure.repository';

/** Cases per progress record: a crash loses at most this many records, never a case (see `runStep`). */
const PROGRESS_BATCH = 50;

/**
 * Carries out approved and lifted measures case by case. Exactly once per case, also across a
 * crash: each case command goes under an idempotency key derived from the measure and the step
 * (so a repeat records nothing twice), a case whose stream already holds the step's event counts
 * as done without a command, and the measure's stream records each case once (the decider refuses
 * a second record). A run that dies part-way is simply run again.
 */
@Injectable()
export class MeasureExecutor {
  private readonly logger = new Logger(MeasureExecutor.name);
  /** One run per measure in this process; a request while it runs asks for one more run after it. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly measures: MeasureRepository,
    private readonly directory: MeasureDirectory,
    private readonly finder: MeasureWorklistFinder,
    private readonly cases: LicenceRepository,
    private readonly licences: LicenceCommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs the measure until nothing is owed; resolves when this process has no run of it left. */
  run(measureId: string): Promise<void> {
    const current = this.running.get(measureId);
    if (current) {
      this.again.add(measureId);
      return current;
    }
    const started = this.runUntilSettled(measureId).finally(() => this.running.delete(measureId));
    this.running.set(measureId, started);
    return started;
  }

  /** Starts a run without waiting for it; a failure is logged and left for the next start. */
  start(measureId: string): void {
    this.run(measureId).catch((error: unknown) =>
      this.logger.error(
        `Measure ${measureId} stopped part-way; it resumes on the next start: ${String(error)}`,
      ),
    );
  }

  /** Every measure approved or lifted whose execution is not complete (after a crash or a restart). */
  async unfinished(): Promise<string[]> {
    const ids = await this.directory.measureIds();
    const owed: string[] = [];
    for (const id of ids) {
      const { state } = await this.measures.load(id);
      if (state && pendingExecution(state)) owed.push(id);
    }
    return owed;
  }

  /** Runs every unfinished measure, one after the other. */
  async resumeAll(): Promise<string[]> {
    const owed = await this.unfinished();
    for (const id of owed) await this.run(id);
    return owed;
  }

  private async runUntilSettled(measureId: string): Promise<void> {
    do {
      this.again.delete(measureId);
      await this.execute(measureId);
    } while (this.again.has(measureId));
  }

  private async execute(measureId: string): Promise<void> {
    for (;;) {
      const { state } = await this.measures.load(measureId);
      if (!state) return;
      const owed = pendingExecution(state);
      if (owed === undefined) return;
      switch (owed) {
        case 'worklist': {
          const approvedOn = state.approvedOn ?? amsterdamDateOf(this.clock.now());
          const list = await this.finder.find(state.destination, approvedOn);
          await this.measures.decide(
            measureId,
            { type: 'FixMeasureWorklist', ...list },
            this.metaOf(state, 'worklist'),
          );
          break;
        }
        case 'execution':
          await this.runStep(state, 'hold');
          await this.runStep(state, 'reassessment');
          await this.measures.decide(
            measureId,
            { type: 'CompleteMeasureExecution' },
            this.metaOf(state, 'complete'),
          );
          break;
        case 'lift':
          await this.runStep(state, 'release');
          await this.measures.decide(
            measureId,
            { type: 'CompleteMeasureLift' },
            this.metaOf(state, 'lift-complete'),
          );
          break;
        default: {
          const unexpected: never = owed;
          throw new Error(`Unknown execution ${String(unexpected)}`);
        }
      }
    }
  }

  /**
   * Sends the step to every case not yet recorded. The case's own stream is the truth of what was
   * sent: the progress records may lag it by one batch after a crash, never lead it.
   */
  private async runStep(measure: Measure, step: MeasureStep): Promise<void> {
    const meta = this.metaOf(measure, step);
    let done: string[] = [];
    let notApplicable: NotApplicableCase[] = [];
    const flush = async () => {
      if (done.length + notApplicable.length === 0) return;
      await this.measures.decide(
        measure.measureId,
        { type: 'RecordMeasureProgress', step, done, notApplicable },
        meta,
      );
      done = [];
      notApplicable = [];
    };
    for (const caseId of remainingCases(measure, step)) {
      const status = await this.sendStep(caseId, measure, step, meta);
      if (status === undefined) done.push(caseId);
      else notApplicable.push({ caseId, status });
      if (done.length + notApplicable.length >= PROGRESS_BATCH) await flush();
    }
    await flush();
  }

  /** Undefined when the case got the step (now or before); otherwise the status it was found in. */
  private async sendStep(
    caseId: string,
    measure: Measure,
    step: MeasureStep,
    meta: CommandMeta,
  ): Promise<string | undefined> {
    const today = amsterdamDateOf(this.clock.now());
    const { state, events } = await this.cases.load(caseId);
    if (carriesStep(events, measure.measureId, step)) return undefined;
    const status = notApplicableStatus(state, measure, step, today);
    if (status !== undefined) return status;
    try {
      await this.licences.execute(caseId, stepCommand(measure, step), meta);
      return undefined;
    } catch (error) {
      // The case moved on between the look and the command: it is whatever it is now.
      if (!(error instanceof DomainError)) throw error;
      const now = await this.cases.load(caseId);
      if (carriesStep(now.events, measure.measureId, step)) return undefined;
      return notApplicableStatus(now.state, measure, step, today) ?? error.code;
    }
  }

  /**
   * The official whose decision the run carries out (the approver, or for the releases the one who
   * lifted it) and the idempotency key of the step: the same on every run of the measure.
   */
  private metaOf(
    measure: Measure,
    step: MeasureStep | 'worklist' | 'complete' | 'lift-complete',
  ): CommandMeta {
    const lifting = step === 'release' || step === 'lift-complete';
    const actor: Official = (lifting ? measure.liftedBy : measure.approvedBy) ?? measure.proposedBy;
    return {
      actor,
      correlationId: measure.measureId,
      causationId: `measure-${measure.measureId}-${step}`,
      idempotencyKey: `measure:${measure.measureId}:${step}`,
    };
  }
}

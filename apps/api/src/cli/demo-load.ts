import { setImmediate as nextTurn } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AnswerSondageCommand,
  ApplyAfterSondageCommand,
  ApproveRevocationCommand,
  DenyLicenceCommand,
  ExtendLicenceCommand,
  HistoricalImportService,
  HoldCaseCommand,
  importParts,
  IssueLicenceCommand,
  ProposeRevocationCommand,
  ReassessLicenceCommand,
  RegisterCaseCommand,
  ReinstateLicenceCommand,
  RejectRevocationProposalCommand,
  ReleaseCaseCommand,
  SuspendLicenceCommand,
  WithdrawCaseCommand,
  WithdrawRevocationProposalCommand,
} from '@licences/licensing-application';
import type {
  CommandMeta,
  ImportProgress,
  ImportReport,
  LicenceDecisionCommand,
} from '@licences/licensing-application';
import type { LicenceCommand } from '@licences/licensing-domain';
import type { ArchiveImport, DemoPlan, DemoStep } from '@licences/licensing-sample-data';
import type { DemoClock } from './demo-context';

/** An import file as it would be uploaded: its lines, each ending in a newline. */
function* uploadOf(lines: readonly string[]): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/**
 * The archive, through the same historical import as `POST /api/imports`: staged by one demo
 * administrator and approved by the other, each at the plan's instant just after the cut-over.
 * An archive larger than one import file may be (from about 100,000 cases on) goes in as several
 * files, each case whole in one, staged and approved one after the other, as an administrator
 * would. Kept to this one function, so that a change in the import's steps is made here alone.
 */
export async function importArchive(
  app: INestApplicationContext,
  plan: DemoPlan,
  archive: ArchiveImport,
  clock: DemoClock,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport[]> {
  const imports = app.get(HistoricalImportService);
  const reports: ImportReport[] = [];
  for (const part of importParts(plan.importLines())) {
    clock.set(archive.stagedAt);
    const { record } = await imports.stage(uploadOf(part), archive.uploadedBy, { onProgress });
    const [refused] = record.staging.refused;
    if (refused) {
      throw new Error(
        `The import refused ${record.staging.refusedTotal} of the demo's archived cases; the first: ${refused.reason}`,
      );
    }
    clock.set(archive.approvedAt);
    reports.push(await imports.approve(record.importId, archive.approvedBy, { onProgress }));
  }
  return reports;
}

function busCommand(step: DemoStep, meta: CommandMeta): LicenceDecisionCommand<LicenceCommand> {
  const { caseId, command } = step;
  switch (command.type) {
    case 'RegisterCase':
      return new RegisterCaseCommand(caseId, command, meta);
    case 'AnswerSondage':
      return new AnswerSondageCommand(caseId, command, meta);
    case 'ApplyAfterSondage':
      return new ApplyAfterSondageCommand(caseId, command, meta);
    case 'IssueLicence':
      return new IssueLicenceCommand(caseId, command, meta);
    case 'DenyLicence':
      return new DenyLicenceCommand(caseId, command, meta);
    case 'WithdrawCase':
      return new WithdrawCaseCommand(caseId, command, meta);
    case 'ExtendLicence':
      return new ExtendLicenceCommand(caseId, command, meta);
    case 'ProposeRevocation':
      return new ProposeRevocationCommand(caseId, command, meta);
    case 'WithdrawRevocationProposal':
      return new WithdrawRevocationProposalCommand(caseId, command, meta);
    case 'RejectRevocationProposal':
      return new RejectRevocationProposalCommand(caseId, command, meta);
    case 'ApproveRevocation':
      return new ApproveRevocationCommand(caseId, command, meta);
    case 'ReassessLicence':
      return new ReassessLicenceCommand(caseId, command, meta);
    case 'SuspendLicence':
      return new SuspendLicenceCommand(caseId, command, meta);
    case 'ReinstateLicence':
      return new ReinstateLicenceCommand(caseId, command, meta);
    case 'HoldCase':
      return new HoldCaseCommand(caseId, command, meta);
    case 'ReleaseCase':
      return new ReleaseCaseCommand(caseId, command, meta);
    case 'RequestReassessment':
      // Only a country measure asks for a reassessment; the demo plans none.
      throw new Error(`Case ${caseId}: a reassessment request comes only from a country measure`);
    case 'RecordHistoricalRevocation':
      // Only the import records history; the live plan never holds this command.
      throw new Error(`Case ${caseId}: a one-official revocation cannot be sent as a live command`);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown command ${(unexpected as { type: string }).type}`);
    }
  }
}

/** Steps between turns given back to the event loop. */
const TURN_EVERY = 50;

export interface LoadProgress {
  /** The archive's import, staged and then approved, reporting as the import does. */
  readonly onImport: (progress: ImportProgress) => void;
  /** A live step, once its event is stored. */
  readonly onStep: (step: DemoStep) => void;
}

/**
 * Loads the plan in business-time order: every live step sent on the command bus to the real
 * handlers at its instant, so each event is decided by the same rules as a live request, and the
 * archive imported where it belongs, just after its cut-over (the store stamps recordedAt itself,
 * never backwards, so it simply follows the order of loading). Event ids derive from the seed and
 * the step, as from an Idempotency-Key, so the same plan gives the same ids; each step names the
 * revision it expects, so nothing else can slip in between.
 */
export async function loadPlan(
  app: INestApplicationContext,
  plan: DemoPlan,
  clock: DemoClock,
  progress: LoadProgress,
): Promise<ImportReport[] | undefined> {
  const bus = app.get(CommandBus);
  const archive = plan.archiveImport();
  let report: ImportReport[] | undefined;
  const { seed } = plan.options;
  let sent = 0;
  for (const step of plan.steps()) {
    if (archive && !report && step.at >= archive.stagedAt) {
      report = await importArchive(app, plan, archive, clock, progress.onImport);
    }
    // Over the embedded store each command settles in microtasks only: without a turn of the event
    // loop now and then, the progress bar's timer (and any signal handler) would wait for the end.
    if (++sent % TURN_EVERY === 0) await nextTurn();
    const request = `demo:${seed}:${step.caseId}:${step.sequence}`;
    const meta: CommandMeta = {
      actor: step.actor,
      correlationId: request,
      causationId: request,
      idempotencyKey: `demo/${seed}/${step.sequence}`,
      // `sequence` is the revision of the step's first event, also after a step that recorded two.
      ...(step.sequence > 0 && { expectedRevision: step.sequence - 1 }),
    };
    clock.set(step.at);
    await bus.execute(busCommand(step, meta));
    progress.onStep(step);
  }
  if (archive && !report) report = await importArchive(app, plan, archive, clock, progress.onImport);
  return report;
}

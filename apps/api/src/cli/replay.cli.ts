import 'reflect-metadata';
import { Command } from 'commander';
import { compareDates } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { ReplayCaseQuery, ReplayDecisionsQuery } from '@licences/licensing-read-models';
import type { CaseReplayView, DecisionsInPeriodView } from '@licences/licensing-read-models';
import { echoCommand } from './echo-command';
import { calendarDate, fail, withCaughtUpReadModels, writeJson } from './oversight-context';
import { formatCaseReplay, formatDecisions } from './oversight-report.format';

interface ReplayOptions {
  readonly case?: string;
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  readonly json?: boolean;
}

async function replay(options: ReplayOptions): Promise<void> {
  const { case: caseId, from, to } = options;
  const period = from !== undefined || to !== undefined;
  if (caseId !== undefined ? period : from === undefined || to === undefined) {
    throw new Error('Give either --case <id>, or --from <date> and --to <date>');
  }
  if (from && to && compareDates(from, to) > 0) throw new Error('--from must not lie after --to');
  const report = await withCaughtUpReadModels(async (queries) => {
    if (caseId !== undefined) {
      const view = await queries.execute<ReplayCaseQuery, CaseReplayView>(new ReplayCaseQuery(caseId));
      return options.json ? view : formatCaseReplay(view);
    }
    const view = await queries.execute<ReplayDecisionsQuery, DecisionsInPeriodView>(
      new ReplayDecisionsQuery(from as LocalDate, to as LocalDate),
    );
    return options.json ? view : formatDecisions(view);
  });
  if (typeof report === 'string') process.stdout.write(report);
  else writeJson(report);
}

new Command('replay')
  .description(
    'Replay one case, or every decision of a period, re-checking each decision against the policy in force on its date',
  )
  .option('--case <id>', 'the case to replay, step by step')
  .option('--from <date>', 'first decision date of the period (YYYY-MM-DD)', calendarDate)
  .option('--to <date>', 'last decision date of the period (YYYY-MM-DD)', calendarDate)
  .option('--json', 'print JSON instead of the text report')
  .hook('preAction', () => echoCommand('replay'))
  .action(replay)
  .parseAsync()
  .catch(fail);

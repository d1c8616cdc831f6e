import 'reflect-metadata';
import { Command, Option } from 'commander';
import { compareDates, WHAT_IF_POLICIES } from '@licences/licensing-domain';
import type { LocalDate, WhatIfComparison, WhatIfPolicyName } from '@licences/licensing-domain';
import { WhatIfQuery } from '@licences/licensing-read-models';
import { echoCommand } from './echo-command';
import { calendarDate, fail, withCaughtUpReadModels, writeJson } from './oversight-context';
import { formatWhatIf } from './oversight-report.format';

interface WhatIfOptions {
  readonly policy: WhatIfPolicyName;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly json?: boolean;
}

async function whatIf(options: WhatIfOptions): Promise<void> {
  if (compareDates(options.from, options.to) > 0) throw new Error('--from must not lie after --to');
  const comparison = await withCaughtUpReadModels((queries) =>
    queries.execute<WhatIfQuery, WhatIfComparison>(new WhatIfQuery(options.policy, options.from, options.to)),
  );
  if (options.json) writeJson(comparison);
  else process.stdout.write(formatWhatIf(comparison));
}

new Command('what-if')
  .description('Replay the licences issued in a period under another validity policy and compare')
  .addOption(
    new Option('--policy <name>', 'the policy variant').choices(WHAT_IF_POLICIES).makeOptionMandatory(),
  )
  .requiredOption('--from <date>', 'first issue decision date of the period (YYYY-MM-DD)', calendarDate)
  .requiredOption('--to <date>', 'last issue decision date of the period (YYYY-MM-DD)', calendarDate)
  .option('--json', 'print JSON instead of the text report')
  .hook('preAction', () => echoCommand('what-if'))
  .action(whatIf)
  .parseAsync()
  .catch(fail);

import { addDays, compareDates, localDate } from '@licences/licensing-domain';
import type { LocalDate, ValidityPolicy } from '@licences/licensing-domain';
import { caseDetails } from './case-profile';
import { isAlliedGroup } from './destinations.catalogue';
import { planCase } from './planned-case';
import type { DestinationGroup } from './destinations.catalogue';
import type { CaseScript, DemoPath } from './demo-plan.types';
import { SeededRandom } from './seeded-random';

/** Shares of the live cases per path, in per mille. */
export const LIVE_PATH_WEIGHTS: readonly (readonly [DemoPath, number])[] = [
  ['issue', 280],
  ['issue-extend', 110],
  ['issue-revoke', 40],
  ['issue-extend-revoke', 20],
  ['issue-revocation-rejected', 12],
  ['issue-revocation-withdrawn', 8],
  ['deny', 80],
  ['withdraw-application', 50],
  ['sondage-issue', 150],
  ['sondage-deny', 40],
  ['sondage-negative', 100],
  ['sondage-withdraw', 40],
  ['sondage-positive-no-application', 40],
  ['sondage-apply-withdraw', 30],
];

/** Paths with a refusal or a proposed revocation: in the demo these concern Turkey or non-allied destinations. */
const ADVERSE: readonly DemoPath[] = [
  'deny',
  'sondage-deny',
  'sondage-negative',
  'issue-revoke',
  'issue-extend-revoke',
  'issue-revocation-rejected',
  'issue-revocation-withdrawn',
];

/** The United Kingdom's last day in the EU. */
const BREXIT = localDate('2020-01-31');

export interface LiveCaseInput {
  readonly seed: number;
  readonly ordinal: number;
  readonly registeredAt: string;
  readonly path: DemoPath;
  readonly group: DestinationGroup;
  readonly lastDay: LocalDate;
  readonly policy: ValidityPolicy;
}

/** One live case: registered at `registeredAt`, then along its path as far as the plan's last day. */
export function liveCase(input: LiveCaseInput): CaseScript {
  const random = new SeededRandom(input.seed, `live/${input.ordinal}`);
  const caseId = random.uuid();
  const registered = input.registeredAt.slice(0, 10) as LocalDate;
  let group = input.group;
  if (ADVERSE.includes(input.path) && isAlliedGroup(group))
    group = random.chance(0.8) ? 'non-allied' : 'turkey';
  // While the window still reaches back before Brexit, let some allied cases go to the UK and be
  // decided in days, so that their licences record it as an EU member.
  const beforeBrexit = !ADVERSE.includes(input.path) && compareDates(addDays(registered, 10), BREXIT) <= 0;
  if (beforeBrexit && random.chance(0.3)) group = 'united-kingdom';
  return planCase(random, {
    caseId,
    source: 'live',
    registeredAt: input.registeredAt,
    details: caseDetails(random, { group }),
    group,
    path: input.path,
    lastDay: input.lastDay,
    policy: input.policy,
    adjustments: { prompt: beforeBrexit && group === 'united-kingdom' },
  });
}

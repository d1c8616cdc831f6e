import { destinationCountries } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCase, LocalDate, ValidityPolicy } from '@licences/licensing-domain';
import { CaseBuilder } from './case.builder';
import { PathRunner } from './case-script';
import type { PathAdjustments } from './case-script';
import { isAlliedGroup } from './destinations.catalogue';
import type { DestinationGroup } from './destinations.catalogue';
import type { CaseScript, DemoOutcome, DemoPath, ImportedVariant } from './demo-plan.types';
import type { SeededRandom } from './seeded-random';

/** A case chosen for the plan, live or archived, before its steps are decided. */
export interface CaseToPlan {
  readonly caseId: string;
  readonly source: 'live' | 'imported';
  readonly registeredAt: string;
  readonly details: CaseDetails;
  readonly group: DestinationGroup;
  readonly path: DemoPath;
  /** No step after this day: the case is left where it stands then. */
  readonly lastDay: LocalDate;
  readonly policy: ValidityPolicy;
  readonly adjustments?: PathAdjustments;
  readonly variant?: ImportedVariant;
}

/** Registers the case and takes it along its path, each step decided as it is planned. */
export function planCase(random: SeededRandom, planned: CaseToPlan): CaseScript {
  const { caseId, details, group, path } = planned;
  // The archive is decided as the import decides it (history), the rest as live requests are.
  const historical = planned.source === 'imported';
  const builder = new CaseBuilder(caseId, random, planned.lastDay, planned.policy, historical);
  const runner = new PathRunner(builder, random, isAlliedGroup(group), planned.adjustments, historical);
  const procedure = path.startsWith('sondage') ? 'sondage' : 'application';
  if (!runner.register(planned.registeredAt, procedure, details)) {
    throw new Error(
      `Case ${caseId} registered at ${planned.registeredAt}, after its last day ${planned.lastDay}`,
    );
  }
  runner.run(path);
  const state = builder.current;
  const applied = builder.steps.find((step) => step.event.type === 'Applied')?.event;
  const changes = applied?.type === 'Applied' ? applied.data.changes.map((change) => change.field) : [];
  return {
    case: {
      caseId,
      source: planned.source,
      path,
      outcome: outcomeOf(state),
      extensions: state.extensions,
      destination: { country: destinationCountries(details)[0] as string, group },
      destinations: destinationCountries(state.details),
      kind: details.kind,
      exportType: details.exportType,
      ...(details.temporaryPurpose && { temporaryPurpose: details.temporaryPurpose }),
      firearmsAct: details.firearmsAct,
      ...(changes.length > 0 && { changedAtApplication: changes }),
      goodsCategory: details.goodsCategory,
      afterSales: details.afterSales,
      valueEur: state.details.goods.reduce((sum, item) => sum + item.valueEur, 0),
      controlListEntries: state.details.goods.map((item) => item.controlListEntry),
      ...(state.validFrom && { validFrom: state.validFrom }),
      ...(state.validUntil && { validUntil: state.validUntil }),
      ...(planned.variant && { variant: planned.variant }),
    },
    steps: builder.steps,
  };
}

/** Where the case stands once its last planned step is taken. */
export function outcomeOf(state: LicenceCase): DemoOutcome {
  switch (state.status) {
    case 'issued':
    case 'revoked':
    case 'denied':
    case 'withdrawn':
      return state.status;
    case 'sondage-answered':
      return state.sondage?.outcome === 'negative' ? 'sondage-negative' : 'sondage-positive';
    case 'sondage-requested':
      return 'pending-sondage';
    case 'applied':
      return 'pending-application';
    default: {
      const unexpected: never = state.status;
      throw new Error(`Unknown status ${String(unexpected)}`);
    }
  }
}

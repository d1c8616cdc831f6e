import type { RecordedEvent } from '@licences/event-store';
import { holdApplies, reassessmentApplies, statusOn } from '@licences/licensing-domain';
import type {
  LicenceCommand,
  LicenceState,
  LocalDate,
  Measure,
  MeasureStep,
} from '@licences/licensing-domain';

/*
 * What one step of a measure means for one case: the licence command it sends, the event that
 * shows the case got it, and whether the case still fits the step when the executor reaches it.
 */

const EVENT_OF_STEP: Readonly<Record<MeasureStep, string>> = {
  hold: 'PutOnHold',
  reassessment: 'ReassessmentRequested',
  release: 'Released',
};

/**
 * True when the case's stream holds this step's event for the measure: the case is done, whether
 * a run before a crash sent it or another run did. Any event in the history counts, so that a
 * case is never sent the step a second time.
 */
export function carriesStep(events: readonly RecordedEvent[], measureId: string, step: MeasureStep): boolean {
  const type = EVENT_OF_STEP[step];
  return events.some(
    (event) => event.type === type && (event.data as { measureId?: unknown }).measureId === measureId,
  );
}

/** Undefined when the step applies to the case on `today`; otherwise the status it was found in. */
export function notApplicableStatus(
  state: LicenceState,
  measure: Measure,
  step: MeasureStep,
  today: LocalDate,
): string | undefined {
  if (!state) return 'not-found';
  const fits =
    step === 'hold'
      ? holdApplies(state, measure.destination)
      : step === 'reassessment'
        ? reassessmentApplies(state, measure.destination, today)
        : (state.holds ?? []).some((hold) => hold.measureId === measure.measureId);
  return fits ? undefined : statusOn(state, today);
}

/** The licence command of the step, naming the measure and its ground. */
export function stepCommand(measure: Measure, step: MeasureStep): LicenceCommand {
  const ground = `Country measure for ${measure.destination} (${measure.legalGround})`;
  switch (step) {
    case 'hold':
      return { type: 'HoldCase', measureId: measure.measureId, reason: `${ground}: ${measure.reasons}` };
    case 'reassessment':
      return {
        type: 'RequestReassessment',
        measureId: measure.measureId,
        reason: `${ground}: ${measure.reasons}`,
      };
    case 'release':
      return {
        type: 'ReleaseCase',
        measureId: measure.measureId,
        reason: `${ground} lifted: ${measure.liftReason ?? ''}`.trim(),
      };
    default: {
      const unexpected: never = step;
      throw new Error(`Unknown measure step ${String(unexpected)}`);
    }
  }
}

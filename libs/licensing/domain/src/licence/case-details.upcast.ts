import type { CaseDetails, Destination } from './licence.values';

/**
 * Case details as any stored version holds them, in the current shape. Before the fidelity
 * change a case had one `destination` and knew no export type or firearms-act link; such a case
 * reads as one destination, a definitive export and no firearms act, which is how the rules
 * treated it when it was decided. Used by the event codec and for working states stored by read
 * models, so that an old store gives the same answers.
 */
export function currentCaseDetails(stored: CaseDetails): CaseDetails {
  const raw = stored as CaseDetails & { readonly destination?: Destination };
  if (Array.isArray(raw.destinations) && raw.exportType !== undefined && raw.firearmsAct !== undefined) {
    return stored;
  }
  const { destination, ...rest } = raw;
  return {
    ...rest,
    exportType: raw.exportType ?? 'definitive',
    firearmsAct: raw.firearmsAct ?? false,
    destinations: Array.isArray(raw.destinations) ? raw.destinations : destination ? [destination] : [],
  };
}

/** Injection token of LICENCES_READY_MAX_PROJECTION_LAG, the events a projection may be behind. */
export const MAX_PROJECTION_LAG = Symbol.for('licences.MaxProjectionLag');

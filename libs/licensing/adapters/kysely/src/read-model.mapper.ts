import type { ImportMarker } from '@licences/event-store';
import { destinationCountries, revocationTermsOn, withCurrentDetails } from '@licences/licensing-domain';
import type { Criterion, Destination, Evidence, GoodsItem, LicenceCase } from '@licences/licensing-domain';
import type {
  DecisionHistoryEntry,
  LicenceValidityRow,
  RevocationJustification,
} from '@licences/licensing-read-models';
import type {
  DecisionHistoryTable,
  LicenceValidityDestinationsTable,
  LicenceValidityGoodsTable,
  LicenceValidityHoldsTable,
  LicenceValiditySuspensionsTable,
  LicenceValidityTable,
  RevocationJustificationTable,
} from './read-model.records';

/*
 * Between the read-model rows and their columns. Numbers go through Number() on the way out
 * because a PostgreSQL driver returns BIGINT columns (positions) as strings.
 */

function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

export function toValidityRecord(row: LicenceValidityRow): LicenceValidityTable {
  return {
    case_id: row.caseId,
    revision: row.revision,
    position: row.position,
    status: row.status,
    procedure: row.procedure,
    kind: row.kind,
    after_sales: row.afterSales ? 1 : 0,
    goods_category: row.goodsCategory,
    destination_country: row.destinationCountry,
    end_user: row.endUser,
    applicant_name: row.applicantName,
    chamber_of_commerce_number: row.chamberOfCommerceNumber,
    control_list_entries: JSON.stringify(row.controlListEntries),
    total_value_eur: row.totalValueEur,
    valid_from: row.validFrom,
    valid_until: row.validUntil,
    rule_id: row.ruleId,
    policy_version: row.policyVersion,
    last_decision_type: row.lastDecisionType,
    last_decision_date: row.lastDecisionDate,
    registered_at: row.registeredAt,
    registered_by_sub: row.registeredBy.sub,
    registered_by_role: row.registeredBy.role,
    reassessment_requested: (row.state.reassessmentRequests ?? []).length > 0 ? 1 : 0,
    revocation_proposed: row.state.revocationProposal ? 1 : 0,
    updated_at: row.updatedAt,
    state: JSON.stringify(row.state),
  };
}

export function fromValidityRecord(record: LicenceValidityTable): LicenceValidityRow {
  // A state stored before cases had several destinations reads in the current shape.
  const state = withCurrentDetails(parse<LicenceCase>(record.state));
  return {
    caseId: record.case_id,
    revision: Number(record.revision),
    position: Number(record.position),
    status: record.status,
    procedure: record.procedure,
    kind: record.kind,
    afterSales: Number(record.after_sales) === 1,
    goodsCategory: record.goods_category,
    destinationCountry: record.destination_country,
    endUser: record.end_user,
    destinationCountries: destinationCountries(state.details),
    applicantName: record.applicant_name,
    chamberOfCommerceNumber: record.chamber_of_commerce_number,
    controlListEntries: parse<string[]>(record.control_list_entries),
    totalValueEur: Number(record.total_value_eur),
    validFrom: record.valid_from,
    validUntil: record.valid_until,
    ruleId: record.rule_id,
    policyVersion: record.policy_version,
    lastDecisionType: record.last_decision_type,
    lastDecisionDate: record.last_decision_date,
    registeredAt: record.registered_at,
    registeredBy: { sub: record.registered_by_sub, role: record.registered_by_role },
    updatedAt: record.updated_at,
    state,
  };
}

/**
 * The goods rows the control-list filter matches on: each entry and every parent entry of it,
 * split at the dots (`ML10.a.1` -> `ML10`, `ML10.a`, `ML10.a.1`).
 */
export function toGoodsRecords(row: LicenceValidityRow): LicenceValidityGoodsTable[] {
  const keys = new Set<string>();
  for (const entry of row.controlListEntries) {
    const parts = entry.split('.');
    for (let i = 1; i <= parts.length; i++) keys.add(parts.slice(0, i).join('.'));
  }
  return [...keys].sort().map((control_list_entry) => ({ case_id: row.caseId, control_list_entry }));
}

/** The destination rows the destination filter matches on: each distinct country once. */
export function toDestinationRecords(row: LicenceValidityRow): LicenceValidityDestinationsTable[] {
  return [...new Set(row.destinationCountries)].map((country) => ({ case_id: row.caseId, country }));
}

/** The suspensions of the case, ended ones first and then the one in force. */
export function toSuspensionRecords(row: LicenceValidityRow): LicenceValiditySuspensionsTable[] {
  const { suspension, suspensions = [] } = row.state;
  return [
    ...suspensions.map((w) => ({ case_id: row.caseId, suspended_from: w.from, suspended_until: w.until })),
    ...(suspension
      ? [{ case_id: row.caseId, suspended_from: suspension.suspendedOn, suspended_until: null }]
      : []),
  ];
}

export function toHoldRecords(row: LicenceValidityRow): LicenceValidityHoldsTable[] {
  return (row.state.holds ?? []).map((h) => ({
    case_id: row.caseId,
    measure_id: h.measureId,
    held_on: h.heldOn,
  }));
}

export function toHistoryRecord(entry: DecisionHistoryEntry): DecisionHistoryTable {
  return {
    position: entry.position,
    case_id: entry.caseId,
    revision: entry.revision,
    event_id: entry.eventId,
    type: entry.type,
    schema_version: entry.schemaVersion,
    decision_date: entry.decisionDate,
    occurred_at: entry.occurredAt,
    recorded_at: entry.recordedAt,
    actor_sub: entry.actor.sub,
    actor_role: entry.actor.role,
    correlation_id: entry.correlationId,
    causation_id: entry.causationId,
    imported: entry.imported ? JSON.stringify(entry.imported) : null,
    rule_id: entry.ruleId,
    policy_version: entry.policyVersion,
    payload: JSON.stringify(entry.payload),
  };
}

export function fromHistoryRecord(record: DecisionHistoryTable): DecisionHistoryEntry {
  return {
    caseId: record.case_id,
    revision: Number(record.revision),
    position: Number(record.position),
    eventId: record.event_id,
    type: record.type,
    schemaVersion: Number(record.schema_version),
    decisionDate: record.decision_date,
    occurredAt: record.occurred_at,
    recordedAt: record.recorded_at,
    actor: { sub: record.actor_sub, role: record.actor_role },
    correlationId: record.correlation_id,
    causationId: record.causation_id,
    imported: record.imported ? parse<ImportMarker>(record.imported) : null,
    ruleId: record.rule_id,
    policyVersion: record.policy_version,
    payload: parse<unknown>(record.payload),
  };
}

export function toRevocationRecord(row: RevocationJustification): RevocationJustificationTable {
  return {
    case_id: row.caseId,
    revision: row.revision,
    position: row.position,
    revoked_on: row.revokedOn,
    recorded_at: row.recordedAt,
    decided_by_sub: row.approvedBy.sub,
    decided_by_role: row.approvedBy.role,
    proposed_by_sub: row.proposedBy?.sub ?? null,
    proposed_by_role: row.proposedBy?.role ?? null,
    proposed_on: row.proposedOn,
    effective_on: row.effectiveOn,
    objection_deadline: row.objectionDeadline,
    objection_term_id: row.objectionTermId,
    additional_evidence: JSON.stringify(row.additionalEvidence),
    circumstances: row.circumstances,
    criteria: JSON.stringify(row.criteria),
    evidence: JSON.stringify(row.evidence),
    goods: JSON.stringify(row.goods),
    destination_country: row.destinationCountry,
    end_user: row.endUser,
    destinations: JSON.stringify(row.destinations),
    kind: row.kind,
    goods_category: row.goodsCategory,
    issued_on: row.issuedOn,
    valid_from: row.validFrom,
    valid_until: row.validUntil,
    extensions: row.extensions,
    days_of_validity_left: row.daysOfValidityLeft,
    days_between_issue_and_revocation: row.daysBetweenIssueAndRevocation,
  };
}

export function fromRevocationRecord(record: RevocationJustificationTable): RevocationJustification {
  return {
    caseId: record.case_id,
    revision: Number(record.revision),
    position: Number(record.position),
    revokedOn: record.revoked_on,
    recordedAt: record.recorded_at,
    ...fourEyesOf(record),
    circumstances: record.circumstances,
    criteria: parse<Criterion[]>(record.criteria),
    evidence: parse<Evidence[]>(record.evidence),
    destinationCountry: record.destination_country,
    endUser: record.end_user,
    destinations: destinationsOf(record),
    kind: record.kind,
    goodsCategory: record.goods_category,
    goods: parse<GoodsItem[]>(record.goods),
    issuedOn: record.issued_on,
    validFrom: record.valid_from,
    validUntil: record.valid_until,
    extensions: Number(record.extensions),
    daysOfValidityLeft: Number(record.days_of_validity_left),
    daysBetweenIssueAndRevocation: Number(record.days_between_issue_and_revocation),
  };
}

/**
 * The officials and terms of a revocation row. A row projected before the four-eyes rule has
 * nulls: it was one official's revocation, whose effect and objection term follow from its date
 * exactly as the event's upcaster gives them to a rebuild.
 */
function fourEyesOf(record: RevocationJustificationTable) {
  const terms = revocationTermsOn(record.revoked_on);
  const proposedBy =
    record.proposed_by_sub !== null && record.proposed_by_role !== null
      ? { sub: record.proposed_by_sub, role: record.proposed_by_role }
      : null;
  return {
    proposedBy,
    proposedOn: record.proposed_on,
    approvedBy: { sub: record.decided_by_sub, role: record.decided_by_role },
    effectiveOn: record.effective_on ?? terms.effectiveOn,
    objectionDeadline: record.objection_deadline ?? terms.objectionDeadline,
    objectionTermId: record.objection_term_id ?? terms.objectionTermId,
    additionalEvidence:
      record.additional_evidence === null ? [] : parse<Evidence[]>(record.additional_evidence),
  };
}

/** A row projected when a case had one destination holds it in the first-destination columns only. */
function destinationsOf(record: RevocationJustificationTable): Destination[] {
  if (record.destinations !== null) return parse<Destination[]>(record.destinations);
  return [{ country: record.destination_country, endUser: record.end_user }];
}

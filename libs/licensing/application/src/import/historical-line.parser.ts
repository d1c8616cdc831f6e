import { UUID_PATTERN } from '@licences/event-store';
import {
  EXPORT_TYPES,
  GOODS_CATEGORIES,
  LICENCE_EVENT_TYPES,
  LICENCE_KINDS,
  REASSESSMENT_OUTCOMES,
  TEMPORARY_EXPORT_PURPOSES,
} from '@licences/licensing-domain';
import type {
  Assessment,
  CaseDetails,
  Criterion,
  Destination,
  Evidence,
  LicenceEventType,
} from '@licences/licensing-domain';
import { ImportRefusal } from './import.types';
import type { HistoricalLine, RevocationGrounds } from './import.types';
import {
  bool,
  calendarDate,
  canonicalJson,
  euros,
  instant,
  integer,
  list,
  matching,
  NAME_MAX,
  object,
  oneOf,
  text,
  TEXT_MAX,
} from './line-shape';
import type { Shape } from './line-shape';

export type ParsedLine =
  | { readonly ok: true; readonly line: HistoricalLine }
  | { readonly ok: false; readonly caseId: string | null; readonly error: ImportRefusal };

/** Reads the case of a line that is not JSON, so that its case is refused whole instead of going in without it. */
const CASE_ID_IN_TEXT = /"caseId"\s*:\s*"([^"\\]{1,100})"/;

const CASE_FIELDS = ['applicant', 'kind', 'afterSales', 'goodsCategory', 'goods'];
/** Files written before cases had several destinations name one `destination` and no export type. */
const OPTIONAL_CASE_FIELDS = [
  'destination',
  'destinations',
  'exportType',
  'temporaryPurpose',
  'firearmsAct',
  'contract',
  'procedure',
];
/** More than there are countries, so that only a malformed list meets it. */
const DESTINATIONS_MAX = 300;
const PROCEDURE_OF: Partial<Record<LicenceEventType, string>> = {
  SondageRequested: 'sondage',
  Applied: 'application',
};

const criterion = (v: unknown, f: string) => integer(v, f, -1e9, 1e9) as Criterion;
const criteria = (v: unknown, f: string) => list(v, f, 8, criterion);

function assessment(value: unknown, field: string): Assessment {
  const a = object(value, field, ['summary', 'findings']);
  return {
    summary: text(a['summary'], `${field}.summary`, TEXT_MAX),
    findings: list(a['findings'], `${field}.findings`, 100, (v, f) => {
      const finding = object(v, f, ['criterion', 'finding']);
      return {
        criterion: criterion(finding['criterion'], `${f}.criterion`),
        finding: text(finding['finding'], `${f}.finding`, TEXT_MAX),
      };
    }),
  };
}

function evidence(value: unknown, field: string): Evidence {
  const e = object(value, field, ['title', 'source', 'date', 'reference'], ['sha256']);
  const sha256 =
    e['sha256'] === undefined
      ? undefined
      : matching(e['sha256'], `${field}.sha256`, /^[0-9a-fA-F]{64}$/, '64 hexadecimal characters');
  return {
    title: text(e['title'], `${field}.title`, NAME_MAX),
    source: text(e['source'], `${field}.source`, NAME_MAX),
    date: calendarDate(e['date'], `${field}.date`),
    reference: text(e['reference'], `${field}.reference`, NAME_MAX),
    // The API stores the hash in lower case; so does the import.
    ...(sha256 !== undefined && { sha256: sha256.toLowerCase() }),
  };
}

function revocationGrounds(d: Shape): RevocationGrounds {
  return {
    circumstances: text(d['circumstances'], 'data.circumstances', TEXT_MAX),
    criteria: criteria(d['criteria'], 'data.criteria'),
    evidence: list(d['evidence'], 'data.evidence', 100, evidence),
  };
}

function destination(value: unknown, field: string): Destination {
  const d = object(value, field, ['country', 'endUser']);
  return {
    country: text(d['country'], `${field}.country`, 10),
    endUser: text(d['endUser'], `${field}.endUser`, NAME_MAX),
  };
}

/**
 * The destinations of a case: the current `destinations` list, or an older file's single
 * `destination` read as a list of one. Both at once would leave it unclear which one is meant.
 */
function destinationsOf(data: Shape): Destination[] {
  if (data['destination'] !== undefined && data['destinations'] !== undefined) {
    throw new ImportRefusal(
      'INVALID_LINE',
      'data.destination must not be given together with data.destinations; name every destination in data.destinations',
      'data.destination',
    );
  }
  if (data['destination'] !== undefined) return [destination(data['destination'], 'data.destination')];
  if (data['destinations'] === undefined) {
    throw new ImportRefusal(
      'INVALID_LINE',
      'data.destinations is required (or, as older files have it, one data.destination)',
      'data.destinations',
    );
  }
  return list(data['destinations'], 'data.destinations', DESTINATIONS_MAX, destination);
}

/**
 * The body of `POST /api/licences` without its procedure, which the event type gives. An older
 * file states no export type or firearms-act link: such a line reads as a definitive export
 * outside the firearms act, as the rules treated it when it was decided.
 */
function caseDetails(data: Shape): CaseDetails {
  const applicant = object(data['applicant'], 'data.applicant', ['name', 'chamberOfCommerceNumber']);
  const contract =
    data['contract'] === undefined ? undefined : object(data['contract'], 'data.contract', ['termMonths']);
  const destinations = destinationsOf(data);
  return {
    applicant: {
      name: text(applicant['name'], 'data.applicant.name', NAME_MAX),
      chamberOfCommerceNumber: matching(
        applicant['chamberOfCommerceNumber'],
        'data.applicant.chamberOfCommerceNumber',
        /^[0-9]{8}$/,
        'the 8 digits of a KvK number',
      ),
    },
    kind: oneOf(data['kind'], 'data.kind', LICENCE_KINDS),
    afterSales: bool(data['afterSales'], 'data.afterSales'),
    goodsCategory: oneOf(data['goodsCategory'], 'data.goodsCategory', GOODS_CATEGORIES),
    goods: list(data['goods'], 'data.goods', 1000, (v, f) => {
      const item = object(v, f, ['controlListEntry', 'description', 'quantity', 'valueEur']);
      return {
        controlListEntry: text(item['controlListEntry'], `${f}.controlListEntry`, 100),
        description: text(item['description'], `${f}.description`, TEXT_MAX),
        quantity: integer(item['quantity'], `${f}.quantity`, -1e9, 1e9),
        valueEur: euros(item['valueEur'], `${f}.valueEur`),
      };
    }),
    // Whether a purpose belongs with the export type is the domain's rule, checked for every entry point.
    exportType:
      data['exportType'] === undefined
        ? 'definitive'
        : oneOf(data['exportType'], 'data.exportType', EXPORT_TYPES),
    ...(data['temporaryPurpose'] !== undefined && {
      temporaryPurpose: oneOf(data['temporaryPurpose'], 'data.temporaryPurpose', TEMPORARY_EXPORT_PURPOSES),
    }),
    firearmsAct: data['firearmsAct'] === undefined ? false : bool(data['firearmsAct'], 'data.firearmsAct'),
    destinations,
    ...(contract && {
      contract: { termMonths: integer(contract['termMonths'], 'data.contract.termMonths', 1, 600) },
    }),
  };
}

/**
 * The case body of a registering line. An `Applied` after a sondage has none (`data: {}`) when
 * nothing changed, or the application's details in full when value, quantity, end user or
 * destinations changed since the sondage.
 */
function registration(type: LicenceEventType, raw: unknown): { details?: CaseDetails } {
  const data = object(
    raw,
    'data',
    type === 'Applied' && isEmpty(raw) ? [] : CASE_FIELDS,
    OPTIONAL_CASE_FIELDS,
  );
  if (data['procedure'] !== undefined && data['procedure'] !== PROCEDURE_OF[type]) {
    throw new ImportRefusal(
      'INVALID_LINE',
      `data.procedure must be ${PROCEDURE_OF[type]} for ${type} (or be left out)`,
      'data.procedure',
    );
  }
  return isEmpty(raw) ? {} : { details: caseDetails(data) };
}

function isEmpty(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0;
}

function dataOf(type: LicenceEventType, raw: unknown): HistoricalLine['data'] {
  switch (type) {
    case 'SondageRequested':
    case 'Applied':
      return registration(type, raw);
    case 'SondageAnswered': {
      const d = object(raw, 'data', ['outcome', 'reasoning'], ['criteria']);
      return {
        outcome: oneOf(d['outcome'], 'data.outcome', ['positive', 'negative'] as const),
        reasoning: text(d['reasoning'], 'data.reasoning', TEXT_MAX),
        criteria: d['criteria'] === undefined ? [] : criteria(d['criteria'], 'data.criteria'),
      };
    }
    case 'Issued': {
      const d = object(raw, 'data', ['assessment', 'validFrom', 'validUntil']);
      return {
        assessment: assessment(d['assessment'], 'data.assessment'),
        validFrom: calendarDate(d['validFrom'], 'data.validFrom'),
        validUntil: calendarDate(d['validUntil'], 'data.validUntil'),
      };
    }
    case 'Denied': {
      const d = object(raw, 'data', ['criteria', 'reasoning']);
      return {
        criteria: criteria(d['criteria'], 'data.criteria'),
        reasoning: text(d['reasoning'], 'data.reasoning', TEXT_MAX),
      };
    }
    case 'Withdrawn': {
      const d = object(raw, 'data', ['reason']);
      return { reason: text(d['reason'], 'data.reason', TEXT_MAX) };
    }
    case 'Extended': {
      const d = object(raw, 'data', ['reassessment', 'validUntil'], ['validFrom']);
      return {
        reassessment: assessment(d['reassessment'], 'data.reassessment'),
        validUntil: calendarDate(d['validUntil'], 'data.validUntil'),
        ...(d['validFrom'] !== undefined && { validFrom: calendarDate(d['validFrom'], 'data.validFrom') }),
      };
    }
    case 'RevocationProposed':
      return revocationGrounds(object(raw, 'data', ['circumstances', 'criteria', 'evidence']));
    case 'RevocationProposalWithdrawn':
    case 'RevocationProposalRejected':
    case 'Reinstated':
    case 'PutOnHold':
    case 'Released': {
      const d = object(raw, 'data', ['reason']);
      return { reason: text(d['reason'], 'data.reason', TEXT_MAX) };
    }
    case 'RevokedForChangedCircumstances': {
      // With the grounds: a revocation by one official (no proposal); without: an approval.
      if (typeof raw === 'object' && raw !== null && 'circumstances' in raw) {
        return revocationGrounds(object(raw, 'data', ['circumstances', 'criteria', 'evidence']));
      }
      const d = object(raw, 'data', [], ['additionalEvidence']);
      return {
        additionalEvidence:
          d['additionalEvidence'] === undefined
            ? []
            : list(d['additionalEvidence'], 'data.additionalEvidence', 100, evidence),
      };
    }
    case 'Reassessed': {
      const d = object(raw, 'data', ['assessment', 'outcome']);
      return {
        assessment: assessment(d['assessment'], 'data.assessment'),
        outcome: oneOf(d['outcome'], 'data.outcome', REASSESSMENT_OUTCOMES),
      };
    }
    case 'Suspended': {
      const d = object(raw, 'data', ['criteria', 'evidence', 'reasons']);
      return {
        criteria: criteria(d['criteria'], 'data.criteria'),
        evidence: list(d['evidence'], 'data.evidence', 100, evidence),
        reasons: text(d['reasons'], 'data.reasons', TEXT_MAX),
      };
    }
    case 'ReassessmentRequested':
      // Only an approved country measure asks for a reassessment, and history names none.
      throw new ImportRefusal(
        'MEASURE_STEP_NOT_IMPORTED',
        'ReassessmentRequested comes only from a country measure run in this system; history records the Reassessed itself',
        'type',
      );
    default: {
      const unexpected: never = type;
      throw new Error(`Unknown event type ${String(unexpected)}`);
    }
  }
}

/**
 * Reads one line of a historical import: `{ caseId, type, occurredAt, actor: { sub, role }, data }`.
 * Refuses it with the bad field named; the lifecycle rules are checked later, per case.
 */
export function parseHistoricalLine(text: string, line: number): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const caseId = CASE_ID_IN_TEXT.exec(text)?.[1]?.toLowerCase() ?? null;
    return {
      ok: false,
      caseId,
      error: new ImportRefusal('MALFORMED_JSON', `not valid JSON: ${(error as Error).message}`),
    };
  }
  const readableCaseId =
    typeof raw === 'object' && raw !== null && typeof (raw as Shape)['caseId'] === 'string'
      ? ((raw as Shape)['caseId'] as string)
      : null;
  try {
    const shape = object(raw, '', ['caseId', 'type', 'occurredAt', 'actor', 'data']);
    const caseId = matching(shape['caseId'], 'caseId', UUID_PATTERN, 'a UUID');
    const type = oneOf(shape['type'], 'type', LICENCE_EVENT_TYPES);
    const actor = object(shape['actor'], 'actor', ['sub', 'role']);
    const parsed = {
      line,
      caseId: caseId.toLowerCase(),
      type,
      occurredAt: instant(shape['occurredAt'], 'occurredAt'),
      actor: {
        sub: matching(actor['sub'], 'actor.sub', /^\S(.{0,298}\S)?$/, 'a name without surrounding spaces'),
        role: matching(actor['role'], 'actor.role', /^[a-z][a-z-]{0,49}$/, 'a role name like assessor'),
      },
      data: dataOf(type, shape['data']),
      canonical: canonicalJson(raw),
    };
    return { ok: true, line: parsed as HistoricalLine };
  } catch (error) {
    if (!(error instanceof ImportRefusal)) throw error;
    return { ok: false, caseId: readableCaseId?.toLowerCase() ?? null, error };
  }
}

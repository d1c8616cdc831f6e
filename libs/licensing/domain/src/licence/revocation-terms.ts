import type { RuleSource } from '../policy/validity-policy';
import { ruleViolation } from '../shared/domain-error';
import { addDays, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';

/** A statutory term within which the holder may object to a decision, as dated data with its source. */
export interface ObjectionTerm {
  readonly id: string;
  readonly weeks: number;
  readonly inForceFrom: LocalDate;
  readonly source: RuleSource;
}

export const OBJECTION_TERMS: readonly ObjectionTerm[] = [
  {
    id: 'awb-6:7',
    weeks: 6,
    // The General Administrative Law Act (Awb) entered into force on 1 January 1994.
    inForceFrom: '1994-01-01' as LocalDate,
    source: {
      reference: 'Algemene wet bestuursrecht (General Administrative Law Act) art. 6:7, with art. 6:8(1)',
      quote: 'De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken.',
      note:
        'The term starts on the day after the decision is made known (art. 6:8(1)), so its last day is the ' +
        'decision date plus six weeks. The Algemene termijnenwet, which moves a term ending on a Saturday, ' +
        'Sunday or public holiday to the next working day, is not applied.',
    },
  },
];

/**
 * When a revocation takes effect: the decision takes effect once made known (Awb art. 3:40), and
 * an objection does not suspend it (art. 6:16).
 */
export const REVOCATION_EFFECT: RuleSource = {
  reference: 'Algemene wet bestuursrecht art. 3:40 and 6:16',
  note: 'The revocation is taken to be made known to the holder on its decision date, so it takes effect that day.',
  assumption: true,
};

export interface RevocationTerms {
  /** The first day on which the licence is no longer valid. */
  readonly effectiveOn: LocalDate;
  /** The last day on which the holder may object. */
  readonly objectionDeadline: LocalDate;
  readonly objectionTermId: string;
}

/** The objection term in force on a date: the latest row that started on or before it. */
export function objectionTermOn(date: LocalDate, terms = OBJECTION_TERMS): ObjectionTerm {
  const inForce = terms.filter((t) => compareDates(t.inForceFrom, date) <= 0);
  const term = inForce.reduce<ObjectionTerm | undefined>(
    (latest, t) => (latest && compareDates(latest.inForceFrom, t.inForceFrom) >= 0 ? latest : t),
    undefined,
  );
  if (!term) {
    throw ruleViolation('NO_OBJECTION_TERM_IN_FORCE', `No objection term was in force on ${date}`, {
      decisionDate: date,
    });
  }
  return term;
}

/** The effective date and objection deadline of a revocation decided on `decisionDate`. */
export function revocationTermsOn(decisionDate: LocalDate): RevocationTerms {
  const term = objectionTermOn(decisionDate);
  return {
    effectiveOn: decisionDate,
    objectionDeadline: addDays(decisionDate, term.weeks * 7),
    objectionTermId: term.id,
  };
}

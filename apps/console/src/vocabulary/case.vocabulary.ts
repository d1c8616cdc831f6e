import { defineMessages } from '../i18n/i18n';

/*
 * The words of the case model in both languages. The values are the API's (OpenAPI enums);
 * the console never invents one.
 */

export const LICENCE_STATUSES = [
  'sondage-requested',
  'sondage-answered',
  'applied',
  'issued',
  'denied',
  'withdrawn',
  'revoked',
  'expired',
  'suspended',
] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_KINDS = ['individual', 'global', 'transit', 'brokering'] as const;
export const GOODS_CATEGORIES = ['military', 'dual-use'] as const;
export const EXPORT_TYPES = ['definitive', 'temporary'] as const;
export const TEMPORARY_PURPOSES = ['exhibition-or-demonstration', 'repair', 'testing', 'other'] as const;
export const PROCEDURES = ['sondage', 'application'] as const;
/** EU Common Position 2008/944/CFSP art. 2, criteria 1 to 8. */
export const CRITERIA = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export const statusMessages = defineMessages({
  nl: {
    'sondage-requested': 'Sondage ingediend',
    'sondage-answered': 'Sondage beantwoord',
    applied: 'Aangevraagd',
    issued: 'Verleend',
    denied: 'Afgewezen',
    withdrawn: 'Ingetrokken door aanvrager',
    revoked: 'Ingetrokken',
    expired: 'Verlopen',
    suspended: 'Geschorst',
  },
  en: {
    'sondage-requested': 'Sondage requested',
    'sondage-answered': 'Sondage answered',
    applied: 'Applied',
    issued: 'Issued',
    denied: 'Denied',
    withdrawn: 'Withdrawn by applicant',
    revoked: 'Revoked',
    expired: 'Expired',
    suspended: 'Suspended',
  },
});

export const kindMessages = defineMessages({
  nl: { individual: 'Individueel', global: 'Globaal', transit: 'Doorvoer', brokering: 'Bemiddeling' },
  en: { individual: 'Individual', global: 'Global', transit: 'Transit', brokering: 'Brokering' },
});

export const categoryMessages = defineMessages({
  nl: { military: 'Militaire goederen', 'dual-use': 'Goederen voor tweeërlei gebruik' },
  en: { military: 'Military goods', 'dual-use': 'Dual-use goods' },
});

export const exportTypeMessages = defineMessages({
  nl: { definitive: 'Definitief', temporary: 'Tijdelijk' },
  en: { definitive: 'Definitive', temporary: 'Temporary' },
});

export const purposeMessages = defineMessages({
  nl: {
    'exhibition-or-demonstration': 'Beurs of demonstratie',
    repair: 'Reparatie',
    testing: 'Testen',
    other: 'Anders',
  },
  en: {
    'exhibition-or-demonstration': 'Exhibition or demonstration',
    repair: 'Repair',
    testing: 'Testing',
    other: 'Other',
  },
});

export const procedureMessages = defineMessages({
  nl: { sondage: 'Sondage', application: 'Aanvraag' },
  en: { sondage: 'Sondage', application: 'Application' },
});

/** The decisions and steps the record holds (event types), as a timeline names them. */
export const eventMessages = defineMessages({
  nl: {
    SondageRequested: 'Sondage ingediend',
    SondageAnswered: 'Sondage beantwoord',
    Applied: 'Aanvraag ingediend',
    Issued: 'Vergunning verleend',
    Denied: 'Aanvraag afgewezen',
    Withdrawn: 'Ingetrokken door aanvrager',
    Extended: 'Geldigheid verlengd',
    RevocationProposed: 'Intrekking voorgesteld',
    RevocationProposalWithdrawn: 'Voorstel tot intrekking teruggenomen',
    RevocationProposalRejected: 'Voorstel tot intrekking afgewezen',
    RevokedForChangedCircumstances: 'Vergunning ingetrokken',
    Reassessed: 'Herbeoordeeld',
    Suspended: 'Geschorst',
    Reinstated: 'Schorsing opgeheven',
    PutOnHold: 'Aangehouden',
    Released: 'Aanhouding opgeheven',
    ReassessmentRequested: 'Herbeoordeling gevraagd',
  },
  en: {
    SondageRequested: 'Sondage requested',
    SondageAnswered: 'Sondage answered',
    Applied: 'Application made',
    Issued: 'Licence issued',
    Denied: 'Application denied',
    Withdrawn: 'Withdrawn by applicant',
    Extended: 'Validity extended',
    RevocationProposed: 'Revocation proposed',
    RevocationProposalWithdrawn: 'Revocation proposal withdrawn',
    RevocationProposalRejected: 'Revocation proposal rejected',
    RevokedForChangedCircumstances: 'Licence revoked',
    Reassessed: 'Reassessed',
    Suspended: 'Suspended',
    Reinstated: 'Reinstated',
    PutOnHold: 'Put on hold',
    Released: 'Hold released',
    ReassessmentRequested: 'Reassessment requested',
  },
});

/** The name of an event type in the language chosen; an unknown type is shown as the API sent it. */
export function eventName(names: Readonly<Record<string, string>>, type: string): string {
  return names[type] ?? type;
}

import type { LicenceView } from '../../api/licence.types';
import type { EXPORT_TYPES, GOODS_CATEGORIES, LICENCE_KINDS } from '../../vocabulary/case.vocabulary';

/*
 * The registration form as typed: text stays text until it is sent, so that nothing an official
 * typed is lost or changed when the API refuses it, and the API (not the console) judges it.
 */

export interface GoodsDraft {
  readonly key: string;
  readonly controlListEntry: string;
  readonly description: string;
  readonly quantity: string;
  readonly valueEur: string;
}

export interface DestinationDraft {
  readonly key: string;
  readonly country: string;
  readonly endUser: string;
}

export interface CaseDraft {
  readonly procedure: '' | 'sondage' | 'application';
  readonly applicantName: string;
  readonly chamberOfCommerceNumber: string;
  readonly kind: (typeof LICENCE_KINDS)[number];
  readonly afterSales: boolean;
  readonly goodsCategory: (typeof GOODS_CATEGORIES)[number];
  readonly goods: readonly GoodsDraft[];
  readonly destinations: readonly DestinationDraft[];
  readonly exportType: (typeof EXPORT_TYPES)[number];
  /** Empty: none stated. */
  readonly temporaryPurpose: string;
  readonly firearmsAct: boolean;
  /** Empty: the applicant states no contract. */
  readonly contractTermMonths: string;
}

export function newGoods(): GoodsDraft {
  return { key: crypto.randomUUID(), controlListEntry: '', description: '', quantity: '', valueEur: '' };
}

export function newDestination(): DestinationDraft {
  return { key: crypto.randomUUID(), country: '', endUser: '' };
}

export function emptyDraft(): CaseDraft {
  return {
    procedure: '',
    applicantName: '',
    chamberOfCommerceNumber: '',
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: [newGoods()],
    destinations: [newDestination()],
    exportType: 'definitive',
    temporaryPurpose: '',
    firearmsAct: false,
    contractTermMonths: '',
  };
}

/**
 * A number as typed, Dutch decimal comma included (`1250,50`); what is no number is sent as the
 * text it is, for the API to refuse at its field.
 */
export function numberOrText(typed: string): number | string {
  const text = typed.trim();
  const normal = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  const value = Number(normal);
  return normal !== '' && Number.isFinite(value) ? value : text;
}

/** The body of `POST /api/licences` (RegisterCaseDto). */
export function registrationBody(draft: CaseDraft): Record<string, unknown> {
  return {
    procedure: draft.procedure,
    applicant: { name: draft.applicantName, chamberOfCommerceNumber: draft.chamberOfCommerceNumber.trim() },
    kind: draft.kind,
    afterSales: draft.afterSales,
    goodsCategory: draft.goodsCategory,
    goods: draft.goods.map((g) => ({
      controlListEntry: g.controlListEntry.trim(),
      description: g.description,
      quantity: numberOrText(g.quantity),
      valueEur: numberOrText(g.valueEur),
    })),
    destinations: draft.destinations.map((d) => ({
      country: d.country.trim().toUpperCase(),
      endUser: d.endUser,
    })),
    exportType: draft.exportType,
    ...(draft.temporaryPurpose !== '' && { temporaryPurpose: draft.temporaryPurpose }),
    firearmsAct: draft.firearmsAct,
    ...(draft.contractTermMonths.trim() !== '' && {
      contract: { termMonths: numberOrText(draft.contractTermMonths) },
    }),
  };
}

/**
 * The body of `POST /api/licences/{id}/apply` with details (CaseDetailsDto): the registration
 * body without its procedure, so both forms send the same details the same way.
 */
export function applicationBody(draft: CaseDraft): Record<string, unknown> {
  const { procedure: _procedure, ...details } = registrationBody(draft);
  return details;
}

/** A case's details as the form shows them, numbers as text, to be changed and sent again. */
export function draftFromView(view: LicenceView): CaseDraft {
  return {
    procedure: view.procedure,
    applicantName: view.applicant.name,
    chamberOfCommerceNumber: view.applicant.chamberOfCommerceNumber,
    kind: view.kind,
    afterSales: view.afterSales,
    goodsCategory: view.goodsCategory,
    goods: view.goods.map((g) => ({
      key: crypto.randomUUID(),
      controlListEntry: g.controlListEntry,
      description: g.description,
      quantity: String(g.quantity),
      valueEur: String(g.valueEur),
    })),
    destinations: view.destinations.map((d) => ({
      key: crypto.randomUUID(),
      country: d.country,
      endUser: d.endUser,
    })),
    exportType: view.exportType,
    temporaryPurpose: view.temporaryPurpose ?? '',
    firearmsAct: view.firearmsAct,
    contractTermMonths: view.contract ? String(view.contract.termMonths) : '',
  };
}

export const GOODS_FIELDS = ['controlListEntry', 'description', 'quantity', 'valueEur'] as const;
export const DESTINATION_FIELDS = ['country', 'endUser'] as const;

/** The API's field names (`goods.0.quantity`) that the form shows at a control. */
export function shownFields(draft: CaseDraft): string[] {
  return [
    'procedure',
    'applicant',
    'applicant.name',
    'applicant.chamberOfCommerceNumber',
    'kind',
    'afterSales',
    'goodsCategory',
    'goods',
    ...draft.goods.flatMap((_, i) => [`goods.${i}`, ...GOODS_FIELDS.map((f) => `goods.${i}.${f}`)]),
    'destinations',
    ...draft.destinations.flatMap((_, i) => [
      `destinations.${i}`,
      ...DESTINATION_FIELDS.map((f) => `destinations.${i}.${f}`),
    ]),
    'exportType',
    'temporaryPurpose',
    'firearmsAct',
    'contract',
    'contract.termMonths',
  ];
}

import { defineMessages } from '../../i18n/i18n';

/** Words the approvals queue and the measure pages share. */
export const approvalMessages = defineMessages({
  nl: {
    ownRevocation: 'Uw eigen voorstel: een andere senior beoordelaar moet het goedkeuren.',
    ownMeasure: 'Uw eigen voorstel: een andere senior beoordelaar moet het goedkeuren of afwijzen.',
    ownImport: 'Door u klaargezet: een andere beheerder moet de import goedkeuren of afwijzen.',
    ownBadge: 'Eigen voorstel',
    ownImportBadge: 'Eigen import',
    official: (sub: string, role: string) => `${sub} (${role})`,
    approve: 'Goedkeuren',
    reject: 'Afwijzen',
    lift: 'Opheffen',
    cancel: 'Annuleren',
    busy: 'Bezig…',
    reason: 'Reden',
    rejectMeasureLegend: 'Maatregel afwijzen',
    rejectMeasureHint: 'De reden wordt bij de maatregel bewaard.',
    liftMeasureLegend: 'Maatregel opheffen',
    liftMeasureHint: 'Opheffen geeft elke zaak vrij die deze maatregel aanhield. De reden wordt bewaard.',
    rejectImportLegend: 'Import afwijzen',
    rejectImportHint: 'Er wordt niets toegevoegd; de reden wordt bij de import bewaard.',
    measureApproved: (country: string) => `De maatregel voor ${country} is goedgekeurd.`,
    measureRejected: (country: string) => `De maatregel voor ${country} is afgewezen.`,
    measureLifted: (country: string) => `De maatregel voor ${country} is opgeheven.`,
    importApproved: (accepted: number, events: number) =>
      `De import is goedgekeurd: ${accepted} zaken, ${events} gebeurtenissen toegevoegd.`,
    importRejected: 'De import is afgewezen; er is niets toegevoegd.',
  },
  en: {
    ownRevocation: 'Your own proposal: another senior assessor must approve it.',
    ownMeasure: 'Your own proposal: another senior assessor must approve or reject it.',
    ownImport: 'Staged by you: another administrator must approve or reject the import.',
    ownBadge: 'Own proposal',
    ownImportBadge: 'Own import',
    official: (sub: string, role: string) => `${sub} (${role})`,
    approve: 'Approve',
    reject: 'Reject',
    lift: 'Lift',
    cancel: 'Cancel',
    busy: 'Working…',
    reason: 'Reason',
    rejectMeasureLegend: 'Reject the measure',
    rejectMeasureHint: 'The reason is kept with the measure.',
    liftMeasureLegend: 'Lift the measure',
    liftMeasureHint: 'Lifting releases every case this measure held. The reason is kept.',
    rejectImportLegend: 'Reject the import',
    rejectImportHint: 'Nothing is appended; the reason is kept with the import.',
    measureApproved: (country: string) => `The measure for ${country} has been approved.`,
    measureRejected: (country: string) => `The measure for ${country} has been rejected.`,
    measureLifted: (country: string) => `The measure for ${country} has been lifted.`,
    importApproved: (accepted: number, events: number) =>
      `The import has been approved: ${accepted} cases, ${events} events appended.`,
    importRejected: 'The import has been rejected; nothing was appended.',
  },
});

export const measureStatusMessages = defineMessages({
  nl: { proposed: 'Voorgesteld', approved: 'Goedgekeurd', rejected: 'Afgewezen', lifted: 'Opgeheven' },
  en: { proposed: 'Proposed', approved: 'Approved', rejected: 'Rejected', lifted: 'Lifted' },
});

import { defineMessages } from '../i18n/i18n';

/** Role names as officials call them. */
export const roleMessages = defineMessages({
  nl: {
    intake: 'Intake',
    assessor: 'Beoordelaar',
    'senior-assessor': 'Senior beoordelaar',
    oversight: 'Toezicht',
    reporting: 'Rapportage',
    admin: 'Beheerder',
  },
  en: {
    intake: 'Intake',
    assessor: 'Assessor',
    'senior-assessor': 'Senior assessor',
    oversight: 'Oversight',
    reporting: 'Reporting',
    admin: 'Administrator',
  },
});

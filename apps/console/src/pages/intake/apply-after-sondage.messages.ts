import { defineMessages } from '../../i18n/i18n';

export const applyMessages = defineMessages({
  nl: {
    title: 'Aanvraag na sondage met gewijzigde gegevens',
    loading: 'De zaak wordt geladen…',
    back: 'Terug naar de zaak',
    intro:
      'De aanvrager dient na de beantwoorde sondage een formele aanvraag in. Het formulier toont de gegevens van de sondage; wijzig wat in de aanvraag anders is, bijvoorbeeld het aantal, de waarde, de eindgebruiker of de bestemmingen.',
    recorded:
      'Bij de aanvraag legt het systeem vast welke gegevens zijn gewijzigd ten opzichte van de sondage, en welke bestemming of eindgebruiker niet onder het antwoord op de sondage viel. Aan dat antwoord kon de aanvrager geen rechten ontlenen; de beoordelaar ziet zo ook wat het antwoord niet heeft beoordeeld.',
    sameApplicant:
      'De aanvrager (KvK-nummer) blijft dezelfde: een aanvraag van een andere aanvrager is een nieuwe zaak.',
    answered: (outcome: string, date: string) => `De sondage is op ${date} ${outcome} beantwoord.`,
    positive: 'positief',
    negative: 'negatief',
    notAnswered: (status: string) =>
      `Deze zaak is geen beantwoorde sondage (status: ${status}). Alleen van een beantwoorde sondage kunt u een aanvraag maken.`,
    notIntake: 'Alleen een medewerker intake dient een aanvraag na een sondage in.',
    unchanged:
      'Zijn de gegevens niet gewijzigd? Zet de sondage dan op de zaakpagina om in een aanvraag met de gegevens van de sondage.',
  },
  en: {
    title: 'Application after a sondage with changed details',
    loading: 'Loading the case…',
    back: 'Back to the case',
    intro:
      "After the answered sondage the applicant submits a formal application. The form shows the sondage's details; change what differs in the application, such as the quantity, the value, the end user or the destinations.",
    recorded:
      "With the application the system records which details changed against the sondage, and which destination or end user the sondage's answer did not cover. The applicant could derive no rights from that answer; this way the assessor also sees what the answer did not assess.",
    sameApplicant:
      'The applicant (KvK number) stays the same: an application by another applicant is a new case.',
    answered: (outcome: string, date: string) => `The sondage was answered ${outcome} on ${date}.`,
    positive: 'positively',
    negative: 'negatively',
    notAnswered: (status: string) =>
      `This case is no answered sondage (status: ${status}). Only an answered sondage can become an application.`,
    notIntake: 'Only an intake official submits an application after a sondage.',
    unchanged:
      "Have the details not changed? Then turn the sondage into an application with the sondage's details on the case page.",
  },
});

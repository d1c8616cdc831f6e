import { defineMessages } from '../../i18n/i18n';

/** The criteria of EU Common Position 2008/944/CFSP art. 2, by number, as officials cite them. */
export const criterionMessages = defineMessages({
  nl: {
    1: 'Internationale verplichtingen (embargo’s en sancties)',
    2: 'Mensenrechten en internationaal humanitair recht',
    3: 'Binnenlandse situatie in het land van eindbestemming',
    4: 'Regionale vrede, veiligheid en stabiliteit',
    5: 'Nationale veiligheid van de lidstaten en hun bondgenoten',
    6: 'Gedrag van het kopende land tegenover de internationale gemeenschap',
    7: 'Risico van omleiding of ongewenste wederuitvoer',
    8: 'Technische en economische capaciteit van het ontvangende land',
  },
  en: {
    1: 'International obligations (embargoes and sanctions)',
    2: 'Human rights and international humanitarian law',
    3: 'Internal situation in the country of final destination',
    4: 'Regional peace, security and stability',
    5: 'National security of the Member States and their allies',
    6: 'Behaviour of the buyer country towards the international community',
    7: 'Risk of diversion or undesirable re-export',
    8: 'Technical and economic capacity of the recipient country',
  },
});

/** `7: Risk of diversion…`; a number outside 1–8 is shown as it was recorded. */
export function criterionLabel(names: Readonly<Record<number, string>>, criterion: number): string {
  const name = names[criterion];
  return name ? `${criterion}. ${name}` : String(criterion);
}

import { defineMessages } from '../../i18n/i18n';
import type { FindingSeverity } from '../../api/oversight.types';

/** The finding codes the re-check gives (README, "Oversight"); an unknown code is shown as sent. */
export const FINDING_CODES = [
  'VALIDITY_LONGER_THAN_RULE',
  'VALIDITY_SHORTER_THAN_RULE',
  'RULE_MISMATCH',
  'RULE_NOT_RECORDED',
  'RULE_BASIS_DIFFERS',
  'POLICY_VERSION_MISMATCH',
  'POLICY_VERSION_LABEL_OUTDATED',
  'MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE',
  'MEMBERSHIP_FACT_NOT_RECORDED',
  'VALID_FROM_BEFORE_DECISION_DATE',
  'EXTENSION_NOT_LATER',
  'TRANSITION_NOT_ALLOWED',
  'REVOCATION_BY_ONE_OFFICIAL',
  'DECIDED_WHILE_ON_HOLD',
] as const;

type CodeNames = Readonly<Record<(typeof FINDING_CODES)[number], string>>;

const nlCodes: CodeNames = {
  VALIDITY_LONGER_THAN_RULE: 'Geldig langer dan de regel toestaat',
  VALIDITY_SHORTER_THAN_RULE: 'Geldig korter dan de regel toestaat',
  RULE_MISMATCH: 'Andere regel dan die van de besluitdatum',
  RULE_NOT_RECORDED: 'Geen regel vastgelegd',
  RULE_BASIS_DIFFERS: 'Zelfde termijn onder een andere regel',
  POLICY_VERSION_MISMATCH: 'Beleidsversie was niet van kracht',
  POLICY_VERSION_LABEL_OUTDATED: 'Naam van een eerdere beleidsversie',
  MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE: 'Lidmaatschap gold niet op de besluitdatum',
  MEMBERSHIP_FACT_NOT_RECORDED: 'Lidmaatschap niet vastgelegd',
  VALID_FROM_BEFORE_DECISION_DATE: 'Ingangsdatum vóór de besluitdatum',
  EXTENSION_NOT_LATER: 'Verlenging niet later dan de oude einddatum',
  TRANSITION_NOT_ALLOWED: 'Stap niet toegestaan vanuit de toenmalige status',
  REVOCATION_BY_ONE_OFFICIAL: 'Intrekking door één ambtenaar',
  DECIDED_WHILE_ON_HOLD: 'Besloten terwijl de zaak was aangehouden',
};

const enCodes: CodeNames = {
  VALIDITY_LONGER_THAN_RULE: 'Valid longer than the rule allows',
  VALIDITY_SHORTER_THAN_RULE: 'Valid shorter than the rule allows',
  RULE_MISMATCH: 'Another rule than that of the decision date',
  RULE_NOT_RECORDED: 'No rule recorded',
  RULE_BASIS_DIFFERS: 'Same period under another rule',
  POLICY_VERSION_MISMATCH: 'Policy version was not in force',
  POLICY_VERSION_LABEL_OUTDATED: "An earlier policy version's label",
  MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE: 'Membership not true on the decision date',
  MEMBERSHIP_FACT_NOT_RECORDED: 'Membership not recorded',
  VALID_FROM_BEFORE_DECISION_DATE: 'Start before the decision date',
  EXTENSION_NOT_LATER: 'Extension not later than the old end',
  TRANSITION_NOT_ALLOWED: 'Step not allowed from the status then',
  REVOCATION_BY_ONE_OFFICIAL: 'Revocation by one official',
  DECIDED_WHILE_ON_HOLD: 'Decided while the case was on hold',
};

export const findingCodeMessages = defineMessages({ nl: nlCodes, en: enCodes });

type SeverityNames = Readonly<Record<FindingSeverity, string>>;

export const severityMessages = defineMessages({
  nl: { deviation: 'Afwijking', note: 'Opmerking' } satisfies SeverityNames,
  en: { deviation: 'Deviation', note: 'Note' } satisfies SeverityNames,
});

/** The name of a finding code in the language chosen, or the code itself when it is new. */
export function findingCodeName(names: Readonly<Record<string, string>>, code: string): string {
  return names[code] ?? code;
}

import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
} from '@utrecht/component-library-react';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { criterionLabel, criterionMessages } from '../../components/timeline/criteria.vocabulary';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { CRITERIA } from '../../vocabulary/case.vocabulary';

/*
 * The reasoning parts the API's commands take: criteria of the Common Position, evidence rows and
 * an assessment with findings per criterion. They only collect what is typed; the API judges it.
 */

const messages = defineMessages({
  nl: {
    criteria: 'Criteria (Gemeenschappelijk Standpunt 2008/944/GBVB, art. 2)',
    evidence: 'Bewijs',
    evidenceRow: (n: number) => `Bewijsstuk ${n}`,
    title: 'Titel',
    source: 'Bron',
    date: 'Datum',
    reference: 'Kenmerk',
    sha256: 'SHA-256 van het document (optioneel)',
    optional: 'optioneel',
    addEvidence: 'Bewijsstuk toevoegen',
    removeEvidence: (n: number) => `Bewijsstuk ${n} verwijderen`,
    summary: 'Samenvatting van de beoordeling',
    findings: 'Bevindingen per criterium',
    findingRow: (n: number) => `Bevinding ${n}`,
    criterion: 'Criterium',
    finding: 'Bevinding',
    addFinding: 'Bevinding toevoegen',
    removeFinding: (n: number) => `Bevinding ${n} verwijderen`,
  },
  en: {
    criteria: 'Criteria (Common Position 2008/944/CFSP, art. 2)',
    evidence: 'Evidence',
    evidenceRow: (n: number) => `Evidence ${n}`,
    title: 'Title',
    source: 'Source',
    date: 'Date',
    reference: 'Reference',
    sha256: 'SHA-256 of the document (optional)',
    optional: 'optional',
    addEvidence: 'Add evidence',
    removeEvidence: (n: number) => `Remove evidence ${n}`,
    summary: 'Summary of the assessment',
    findings: 'Findings per criterion',
    findingRow: (n: number) => `Finding ${n}`,
    criterion: 'Criterion',
    finding: 'Finding',
    addFinding: 'Add finding',
    removeFinding: (n: number) => `Remove finding ${n}`,
  },
});

export function CriteriaField({
  id,
  value,
  onChange,
  error,
  required = false,
}: {
  id: string;
  value: readonly number[];
  onChange: (value: number[]) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  const t = useMessages(messages);
  const names = useMessages(criterionMessages);
  return (
    <Fieldset
      invalid={error !== undefined}
      {...(error !== undefined && { 'aria-describedby': `${id}-error` })}
    >
      <FieldsetLegend>
        {t.criteria}
        {!required && ` (${t.optional})`}
      </FieldsetLegend>
      {error !== undefined && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
      {CRITERIA.map((criterion) => (
        <FormField key={criterion} type="checkbox">
          <Paragraph className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor={`${id}-${criterion}`} type="checkbox">
              <Checkbox
                id={`${id}-${criterion}`}
                name={id}
                value={String(criterion)}
                checked={value.includes(criterion)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...value, criterion].sort((a, b) => a - b)
                      : value.filter((c) => c !== criterion),
                  )
                }
              />
              {criterionLabel(names, criterion)}
            </FormLabel>
          </Paragraph>
        </FormField>
      ))}
    </Fieldset>
  );
}

export interface EvidenceInput {
  readonly title: string;
  readonly source: string;
  readonly date: string;
  readonly reference: string;
  readonly sha256: string;
}

export const NO_EVIDENCE: EvidenceInput = { title: '', source: '', date: '', reference: '', sha256: '' };

/** Evidence as the API takes it: an optional hash left out when empty. */
export function evidenceBody(rows: readonly EvidenceInput[]) {
  return rows.map(({ sha256, ...rest }) => ({ ...rest, ...(sha256.trim() && { sha256: sha256.trim() }) }));
}

/** The problem fields of evidence rows, so that the form shows them at the rows. */
export function evidenceFields(field: string, rows: number): string[] {
  return Array.from({ length: rows }, (_, i) =>
    ['title', 'source', 'date', 'reference', 'sha256'].map((part) => `${field}.${i}.${part}`),
  ).flat();
}

export function EvidenceRows({
  id,
  field,
  rows,
  onChange,
  error,
}: {
  id: string;
  /** The body's field (`evidence`, `revocation.evidence`), as the API names it in problems. */
  field: string;
  rows: readonly EvidenceInput[];
  onChange: (rows: EvidenceInput[]) => void;
  error: unknown;
}) {
  const t = useMessages(messages);
  const set = (index: number, part: keyof EvidenceInput, text: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [part]: text } : row)));
  const listError = fieldError(error, field);
  return (
    <Fieldset invalid={listError !== undefined}>
      <FieldsetLegend>{t.evidence}</FieldsetLegend>
      {listError !== undefined && <FormFieldErrorMessage>{listError}</FormFieldErrorMessage>}
      {rows.map((row, index) => (
        <Fieldset key={index} className="console-case-row">
          <FieldsetLegend>{t.evidenceRow(index + 1)}</FieldsetLegend>
          {(['title', 'source', 'reference'] as const).map((part) => (
            <TextField
              key={part}
              id={`${id}-${index}-${part}`}
              label={t[part]}
              value={row[part]}
              onChange={(text) => set(index, part, text)}
              error={fieldError(error, `${field}.${index}.${part}`)}
              required
            />
          ))}
          <TextField
            id={`${id}-${index}-date`}
            label={t.date}
            type="date"
            value={row.date}
            onChange={(text) => set(index, 'date', text)}
            error={fieldError(error, `${field}.${index}.date`)}
            required
          />
          <TextField
            id={`${id}-${index}-sha256`}
            label={t.sha256}
            value={row.sha256}
            onChange={(text) => set(index, 'sha256', text)}
            error={fieldError(error, `${field}.${index}.sha256`)}
          />
          <Button
            appearance="secondary-action-button"
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            {t.removeEvidence(index + 1)}
          </Button>
        </Fieldset>
      ))}
      <Button appearance="secondary-action-button" onClick={() => onChange([...rows, NO_EVIDENCE])}>
        {t.addEvidence}
      </Button>
    </Fieldset>
  );
}

export interface FindingInput {
  readonly criterion: string;
  readonly finding: string;
}

export interface AssessmentInput {
  readonly summary: string;
  readonly findings: readonly FindingInput[];
}

export const NO_ASSESSMENT: AssessmentInput = { summary: '', findings: [{ criterion: '', finding: '' }] };

export function assessmentBody(input: AssessmentInput) {
  return {
    summary: input.summary,
    // An unchosen criterion goes as sent, so the API names the row that lacks it.
    findings: input.findings.map((f) => ({
      criterion: f.criterion === '' ? null : Number(f.criterion),
      finding: f.finding,
    })),
  };
}

export function assessmentFields(field: string, rows: number): string[] {
  return [
    field,
    `${field}.summary`,
    `${field}.findings`,
    ...Array.from({ length: rows }, (_, i) => [
      `${field}.findings.${i}.criterion`,
      `${field}.findings.${i}.finding`,
    ]).flat(),
  ];
}

export function AssessmentFields({
  id,
  field,
  value,
  onChange,
  error,
}: {
  id: string;
  /** `assessment` or `reassessment`, as the API names it. */
  field: string;
  value: AssessmentInput;
  onChange: (value: AssessmentInput) => void;
  error: unknown;
}) {
  const t = useMessages(messages);
  const names = useMessages(criterionMessages);
  const choices = [
    { value: '', label: '—' },
    ...CRITERIA.map((c) => ({ value: String(c), label: criterionLabel(names, c) })),
  ];
  const setRow = (index: number, row: FindingInput) =>
    onChange({ ...value, findings: value.findings.map((f, i) => (i === index ? row : f)) });
  const listError = fieldError(error, field, `${field}.findings`);
  return (
    <>
      <TextAreaField
        id={`${id}-summary`}
        label={t.summary}
        value={value.summary}
        onChange={(summary) => onChange({ ...value, summary })}
        error={fieldError(error, `${field}.summary`)}
        required
      />
      <Fieldset invalid={listError !== undefined}>
        <FieldsetLegend>{t.findings}</FieldsetLegend>
        {listError !== undefined && <FormFieldErrorMessage>{listError}</FormFieldErrorMessage>}
        {value.findings.map((row, index) => (
          <Fieldset key={index} className="console-case-row">
            <FieldsetLegend>{t.findingRow(index + 1)}</FieldsetLegend>
            <SelectField
              id={`${id}-${index}-criterion`}
              label={t.criterion}
              value={row.criterion}
              choices={choices}
              onChange={(criterion) => setRow(index, { ...row, criterion })}
              error={fieldError(error, `${field}.findings.${index}.criterion`)}
              required
            />
            <TextAreaField
              id={`${id}-${index}-finding`}
              label={t.finding}
              rows={2}
              value={row.finding}
              onChange={(finding) => setRow(index, { ...row, finding })}
              error={fieldError(error, `${field}.findings.${index}.finding`)}
              required
            />
            <Button
              appearance="secondary-action-button"
              onClick={() => onChange({ ...value, findings: value.findings.filter((_, i) => i !== index) })}
            >
              {t.removeFinding(index + 1)}
            </Button>
          </Fieldset>
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() =>
            onChange({ ...value, findings: [...value.findings, { criterion: '', finding: '' }] })
          }
        >
          {t.addFinding}
        </Button>
      </Fieldset>
    </>
  );
}

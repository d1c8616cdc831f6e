import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { LicenceView } from '../../api/licence.types';
import { fieldError, SelectField, TextAreaField } from '../../components/form-fields';
import { useFormats, useMessages } from '../../i18n/i18n';
import { actionMessages } from './case-action.messages';
import { ActionForm } from './case-action-form';
import { useCaseCommand } from './case-command';
import type { ActionFormProps } from './case-reason-forms';
import {
  AssessmentFields,
  assessmentBody,
  assessmentFields,
  CriteriaField,
  evidenceBody,
  evidenceFields,
  EvidenceRows,
  NO_ASSESSMENT,
  NO_EVIDENCE,
} from './case-reasoning-fields';
import type { AssessmentInput, EvidenceInput } from './case-reasoning-fields';

/** Criteria, evidence and a text: the grounds of a revocation proposal or a suspension. */
function useGrounds() {
  const [text, setText] = useState('');
  const [criteria, setCriteria] = useState<number[]>([]);
  const [evidence, setEvidence] = useState<EvidenceInput[]>([NO_EVIDENCE]);
  return { text, setText, criteria, setCriteria, evidence, setEvidence };
}

type Grounds = ReturnType<typeof useGrounds>;

function GroundsFields({
  id,
  prefix,
  textField,
  textLabel,
  grounds,
  error,
}: {
  id: string;
  /** Where the grounds sit in the body (`revocation.` in a reassessment), for the API's field names. */
  prefix: string;
  textField: string;
  textLabel: string;
  grounds: Grounds;
  error: unknown;
}) {
  return (
    <>
      <TextAreaField
        id={`${id}-${textField}`}
        label={textLabel}
        value={grounds.text}
        onChange={grounds.setText}
        error={fieldError(error, `${prefix}${textField}`)}
        required
      />
      <CriteriaField
        id={`${id}-criteria`}
        value={grounds.criteria}
        onChange={grounds.setCriteria}
        error={fieldError(error, `${prefix}criteria`)}
        required
      />
      <EvidenceRows
        id={`${id}-evidence`}
        field={`${prefix}evidence`}
        rows={grounds.evidence}
        onChange={grounds.setEvidence}
        error={error}
      />
    </>
  );
}

function groundsFields(prefix: string, textField: string, grounds: Grounds): string[] {
  return [
    `${prefix}${textField}`,
    `${prefix}criteria`,
    `${prefix}evidence`,
    ...evidenceFields(`${prefix}evidence`, grounds.evidence.length),
  ];
}

export function ProposeRevocationForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'propose-revocation');
  const grounds = useGrounds();
  return (
    <ActionForm
      id="propose-revocation-form"
      command={command}
      shownFields={groundsFields('', 'circumstances', grounds)}
      onReload={onReload}
      onSubmit={() =>
        void command.submit('revocation-proposal', {
          circumstances: grounds.text,
          criteria: grounds.criteria,
          evidence: evidenceBody(grounds.evidence),
        })
      }
    >
      <GroundsFields
        id="propose-revocation"
        prefix=""
        textField="circumstances"
        textLabel={t.circumstances}
        grounds={grounds}
        error={command.error}
      />
    </ActionForm>
  );
}

export function SuspendForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'suspend');
  const grounds = useGrounds();
  return (
    <ActionForm
      id="suspend-form"
      command={command}
      shownFields={groundsFields('', 'reasons', grounds)}
      onReload={onReload}
      onSubmit={() =>
        void command.submit('suspend', {
          reasons: grounds.text,
          criteria: grounds.criteria,
          evidence: evidenceBody(grounds.evidence),
        })
      }
    >
      <GroundsFields
        id="suspend"
        prefix=""
        textField="reasons"
        textLabel={t.reasons}
        grounds={grounds}
        error={command.error}
      />
    </ActionForm>
  );
}

export function ApproveRevocationForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'approve-revocation');
  const [evidence, setEvidence] = useState<EvidenceInput[]>([]);
  return (
    <ActionForm
      id="approve-revocation-form"
      command={command}
      shownFields={['additionalEvidence', ...evidenceFields('additionalEvidence', evidence.length)]}
      onReload={onReload}
      onSubmit={() => void command.submit('revoke', { additionalEvidence: evidenceBody(evidence) })}
    >
      <Paragraph>{t.approveHelp}</Paragraph>
      <EvidenceRows
        id="approve-evidence"
        field="additionalEvidence"
        rows={evidence}
        onChange={setEvidence}
        error={command.error}
      />
    </ActionForm>
  );
}

export function ReassessForm({
  target,
  onReload,
  requests,
}: ActionFormProps & { requests: LicenceView['reassessmentRequests'] }) {
  const t = useMessages(actionMessages);
  const { date } = useFormats();
  const command = useCaseCommand(target, 'reassess');
  const [assessment, setAssessment] = useState<AssessmentInput>(NO_ASSESSMENT);
  const [outcome, setOutcome] = useState('');
  // An open request from a country measure is what a reassessment usually answers.
  const [measureId, setMeasureId] = useState(requests[0]?.measureId ?? '');
  const grounds = useGrounds();
  const proposing = outcome === 'revocation-proposed';
  return (
    <ActionForm
      id="reassess-form"
      command={command}
      shownFields={[
        ...assessmentFields('assessment', assessment.findings.length),
        'outcome',
        'measureId',
        'revocation',
        ...groundsFields('revocation.', 'circumstances', grounds),
      ]}
      onReload={onReload}
      onSubmit={() =>
        void command.submit('reassess', {
          assessment: assessmentBody(assessment),
          outcome,
          ...(proposing && {
            revocation: {
              circumstances: grounds.text,
              criteria: grounds.criteria,
              evidence: evidenceBody(grounds.evidence),
            },
          }),
          ...(measureId && { measureId }),
        })
      }
    >
      <AssessmentFields
        id="reassess-assessment"
        field="assessment"
        value={assessment}
        onChange={setAssessment}
        error={command.error}
      />
      <SelectField
        id="reassess-outcome"
        label={t.outcome}
        value={outcome}
        onChange={setOutcome}
        choices={[
          { value: '', label: '—' },
          { value: 'maintained', label: t.maintained },
          { value: 'revocation-proposed', label: t['revocation-proposed'] },
        ]}
        error={fieldError(command.error, 'outcome', 'revocation')}
        required
      />
      {requests.length > 0 && (
        <SelectField
          id="reassess-measure"
          label={t.measure}
          value={measureId}
          onChange={setMeasureId}
          choices={[
            { value: '', label: t.noMeasure },
            ...requests.map((r) => ({
              value: r.measureId,
              label: `${r.measureId} (${date(r.requestedOn)})`,
            })),
          ]}
          error={fieldError(command.error, 'measureId')}
        />
      )}
      {proposing && (
        <Fieldset>
          <FieldsetLegend>{t.revocationGrounds}</FieldsetLegend>
          <GroundsFields
            id="reassess-revocation"
            prefix="revocation."
            textField="circumstances"
            textLabel={t.circumstances}
            grounds={grounds}
            error={command.error}
          />
        </Fieldset>
      )}
    </ActionForm>
  );
}

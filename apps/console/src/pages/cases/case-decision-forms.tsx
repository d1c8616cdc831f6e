import { useState } from 'react';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { useMessages } from '../../i18n/i18n';
import { actionMessages } from './case-action.messages';
import { ActionForm } from './case-action-form';
import { useCaseCommand } from './case-command';
import type { ActionFormProps } from './case-reason-forms';
import {
  AssessmentFields,
  assessmentBody,
  assessmentFields,
  CriteriaField,
  NO_ASSESSMENT,
} from './case-reasoning-fields';
import type { AssessmentInput } from './case-reasoning-fields';

export function SondageAnswerForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'answer-sondage');
  const [outcome, setOutcome] = useState('');
  const [reasoning, setReasoning] = useState('');
  const [criteria, setCriteria] = useState<number[]>([]);
  return (
    <ActionForm
      id="answer-sondage-form"
      command={command}
      shownFields={['outcome', 'reasoning', 'criteria']}
      onReload={onReload}
      onSubmit={() => void command.submit('sondage-answer', { outcome, reasoning, criteria })}
    >
      <SelectField
        id="answer-sondage-outcome"
        label={t.outcome}
        value={outcome}
        onChange={setOutcome}
        choices={[
          { value: '', label: '—' },
          { value: 'positive', label: t.positive },
          { value: 'negative', label: t.negative },
        ]}
        error={fieldError(command.error, 'outcome')}
        required
      />
      <TextAreaField
        id="answer-sondage-reasoning"
        label={t.reasoning}
        value={reasoning}
        onChange={setReasoning}
        error={fieldError(command.error, 'reasoning')}
        required
      />
      <CriteriaField
        id="answer-sondage-criteria"
        value={criteria}
        onChange={setCriteria}
        error={fieldError(command.error, 'criteria')}
      />
    </ActionForm>
  );
}

export function IssueForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'issue');
  const [assessment, setAssessment] = useState<AssessmentInput>(NO_ASSESSMENT);
  const [validFrom, setValidFrom] = useState('');
  return (
    <ActionForm
      id="issue-form"
      command={command}
      shownFields={[...assessmentFields('assessment', assessment.findings.length), 'validFrom']}
      onReload={onReload}
      onSubmit={() =>
        void command.submit('issue', {
          assessment: assessmentBody(assessment),
          ...(validFrom && { validFrom }),
        })
      }
    >
      <AssessmentFields
        id="issue-assessment"
        field="assessment"
        value={assessment}
        onChange={setAssessment}
        error={command.error}
      />
      <TextField
        id="issue-valid-from"
        label={t.validFrom}
        type="date"
        value={validFrom}
        onChange={setValidFrom}
        error={fieldError(command.error, 'validFrom')}
      />
    </ActionForm>
  );
}

export function DenyForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'deny');
  const [criteria, setCriteria] = useState<number[]>([]);
  const [reasoning, setReasoning] = useState('');
  return (
    <ActionForm
      id="deny-form"
      command={command}
      shownFields={['criteria', 'reasoning']}
      onReload={onReload}
      onSubmit={() => void command.submit('deny', { criteria, reasoning })}
    >
      <CriteriaField
        id="deny-criteria"
        value={criteria}
        onChange={setCriteria}
        error={fieldError(command.error, 'criteria')}
        required
      />
      <TextAreaField
        id="deny-reasoning"
        label={t.reasoning}
        value={reasoning}
        onChange={setReasoning}
        error={fieldError(command.error, 'reasoning')}
        required
      />
    </ActionForm>
  );
}

export function ExtendForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'extend');
  const [reassessment, setReassessment] = useState<AssessmentInput>(NO_ASSESSMENT);
  const [validUntil, setValidUntil] = useState('');
  return (
    <ActionForm
      id="extend-form"
      command={command}
      shownFields={[...assessmentFields('reassessment', reassessment.findings.length), 'validUntil']}
      onReload={onReload}
      onSubmit={() =>
        void command.submit('extend', {
          reassessment: assessmentBody(reassessment),
          ...(validUntil && { validUntil }),
        })
      }
    >
      <AssessmentFields
        id="extend-reassessment"
        field="reassessment"
        value={reassessment}
        onChange={setReassessment}
        error={command.error}
      />
      <TextField
        id="extend-valid-until"
        label={t.validUntil}
        type="date"
        value={validUntil}
        onChange={setValidUntil}
        error={fieldError(command.error, 'validUntil')}
      />
    </ActionForm>
  );
}

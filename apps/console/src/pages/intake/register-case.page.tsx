import { Button, Fieldset, FieldsetLegend, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CommandResult } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { CheckboxField, RadioGroupField } from '../../components/cases/choice-fields';
import { countryHint } from '../../components/cases/country-hint';
import { fieldError, SelectField, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import {
  categoryMessages,
  EXPORT_TYPES,
  exportTypeMessages,
  GOODS_CATEGORIES,
  kindMessages,
  LICENCE_KINDS,
  PROCEDURES,
  procedureMessages,
  purposeMessages,
  TEMPORARY_PURPOSES,
} from '../../vocabulary/case.vocabulary';
import type { CaseDraft, DestinationDraft, GoodsDraft } from './case-draft';
import { emptyDraft, newDestination, newGoods, registrationBody, shownFields } from './case-draft';
import { registerMessages } from './register-case.messages';
import { RepeatedRows } from './repeated-rows';
import './register-case.css';

/** The idempotency key of one submission: the same body sent again is the same submission. */
interface Attempt {
  readonly key: string;
  readonly body: string;
}

export function RegisterCasePage() {
  const t = useMessages(registerMessages);
  const procedures = useMessages(procedureMessages);
  const kinds = useMessages(kindMessages);
  const categories = useMessages(categoryMessages);
  const exportTypes = useMessages(exportTypeMessages);
  const purposes = useMessages(purposeMessages);
  const { language } = useLanguage();
  const { api } = useSession();
  const navigate = useNavigate();
  usePageTitle(t.title);

  const [draft, setDraft] = useState<CaseDraft>(emptyDraft);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const attempt = useRef<Attempt | undefined>(undefined);

  const set =
    <K extends keyof CaseDraft>(name: K) =>
    (value: CaseDraft[K]) =>
      setDraft((d) => ({ ...d, [name]: value }));
  const setGoods = (index: number, change: Partial<GoodsDraft>) =>
    setDraft((d) => ({ ...d, goods: d.goods.map((g, i) => (i === index ? { ...g, ...change } : g)) }));
  const setDestination = (index: number, change: Partial<DestinationDraft>) =>
    setDraft((d) => ({
      ...d,
      destinations: d.destinations.map((r, i) => (i === index ? { ...r, ...change } : r)),
    }));
  const at = (...fields: string[]) => fieldError(error, ...fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const body = registrationBody(draft);
    const text = JSON.stringify(body);
    // A retry of the same submission keeps its key, so it cannot register the case twice.
    if (attempt.current?.body !== text) attempt.current = { key: crypto.randomUUID(), body: text };
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<CommandResult>('/api/licences', body, {
        idempotencyKey: attempt.current.key,
      });
      void navigate(`/cases/${result.id}?minPosition=${result.position}`);
    } catch (refusal: unknown) {
      setError(refusal);
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro}</Paragraph>
      <form className="console-form" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} shownFields={shownFields(draft)} />
        <RadioGroupField
          id="procedure"
          legend={t.procedure}
          description={t.procedureHelp}
          value={draft.procedure}
          choices={PROCEDURES.map((p) => ({ value: p, label: procedures[p] }))}
          onChange={(value) => set('procedure')(value as CaseDraft['procedure'])}
          error={at('procedure')}
        />
        <Fieldset>
          <FieldsetLegend>{t.applicant}</FieldsetLegend>
          <TextField
            id="applicant-name"
            label={t.applicantName}
            value={draft.applicantName}
            onChange={set('applicantName')}
            error={at('applicant', 'applicant.name')}
            autoComplete="organization"
          />
          <TextField
            id="applicant-kvk"
            label={t.kvk}
            description={t.kvkHelp}
            value={draft.chamberOfCommerceNumber}
            onChange={set('chamberOfCommerceNumber')}
            error={at('applicant.chamberOfCommerceNumber')}
            inputMode="numeric"
          />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t.licence}</FieldsetLegend>
          <SelectField
            id="kind"
            label={t.kind}
            description={t.kindHelp}
            value={draft.kind}
            choices={LICENCE_KINDS.map((k) => ({ value: k, label: kinds[k] }))}
            onChange={(value) => set('kind')(value as CaseDraft['kind'])}
            error={at('kind')}
          />
          <SelectField
            id="goods-category"
            label={t.goodsCategory}
            value={draft.goodsCategory}
            choices={GOODS_CATEGORIES.map((c) => ({ value: c, label: categories[c] }))}
            onChange={(value) => set('goodsCategory')(value as CaseDraft['goodsCategory'])}
            error={at('goodsCategory')}
          />
          <CheckboxField
            id="after-sales"
            label={t.afterSales}
            checked={draft.afterSales}
            onChange={set('afterSales')}
            error={at('afterSales')}
          />
          <SelectField
            id="export-type"
            label={t.exportType}
            description={t.exportTypeHelp}
            value={draft.exportType}
            choices={EXPORT_TYPES.map((e) => ({ value: e, label: exportTypes[e] }))}
            onChange={(value) => set('exportType')(value as CaseDraft['exportType'])}
            error={at('exportType')}
          />
          <SelectField
            id="temporary-purpose"
            label={t.temporaryPurpose}
            description={t.temporaryPurposeHelp}
            value={draft.temporaryPurpose}
            choices={[
              { value: '', label: t.noPurpose },
              ...TEMPORARY_PURPOSES.map((p) => ({ value: p, label: purposes[p] })),
            ]}
            onChange={set('temporaryPurpose')}
            error={at('temporaryPurpose')}
          />
          <CheckboxField
            id="firearms-act"
            label={t.firearmsAct}
            checked={draft.firearmsAct}
            onChange={set('firearmsAct')}
            error={at('firearmsAct')}
          />
          <TextField
            id="contract-term"
            label={t.contractTerm}
            description={t.contractTermHelp}
            value={draft.contractTermMonths}
            onChange={set('contractTermMonths')}
            error={at('contract', 'contract.termMonths')}
            inputMode="numeric"
          />
        </Fieldset>
        <RepeatedRows
          id="goods"
          legend={t.goods}
          description={t.goodsHelp}
          error={at('goods')}
          rows={draft.goods}
          rowLegend={t.goodsItem}
          removeLabel={t.removeGoods}
          addLabel={t.addGoods}
          canAdd
          onAdd={() => setDraft((d) => ({ ...d, goods: [...d.goods, newGoods()] }))}
          onRemove={(index) => {
            // The refusal named rows by position; after a removal those positions are other rows.
            setError(undefined);
            setDraft((d) => ({ ...d, goods: d.goods.filter((_, i) => i !== index) }));
          }}
        >
          {(row, i) => (
            <>
              <TextField
                id={`goods-${i}-control-list-entry`}
                label={t.controlListEntry}
                description={t.controlListEntryHelp}
                value={row.controlListEntry}
                onChange={(value) => setGoods(i, { controlListEntry: value })}
                error={at(`goods.${i}`, `goods.${i}.controlListEntry`)}
              />
              <TextField
                id={`goods-${i}-description`}
                label={t.description}
                value={row.description}
                onChange={(value) => setGoods(i, { description: value })}
                error={at(`goods.${i}.description`)}
              />
              <TextField
                id={`goods-${i}-quantity`}
                label={t.quantity}
                value={row.quantity}
                onChange={(value) => setGoods(i, { quantity: value })}
                error={at(`goods.${i}.quantity`)}
                inputMode="numeric"
              />
              <TextField
                id={`goods-${i}-value`}
                label={t.valueEur}
                description={t.valueEurHelp}
                value={row.valueEur}
                onChange={(value) => setGoods(i, { valueEur: value })}
                error={at(`goods.${i}.valueEur`)}
                inputMode="decimal"
              />
            </>
          )}
        </RepeatedRows>
        <RepeatedRows
          id="destinations"
          legend={t.destinations}
          description={t.destinationsHelp}
          error={at('destinations', 'destination')}
          rows={draft.destinations}
          rowLegend={t.destinationItem}
          removeLabel={t.removeDestination}
          addLabel={t.addDestination}
          // Only a global licence names several; the API still judges what is sent.
          canAdd={draft.kind === 'global'}
          onAdd={() => setDraft((d) => ({ ...d, destinations: [...d.destinations, newDestination()] }))}
          onRemove={(index) => {
            setError(undefined);
            setDraft((d) => ({ ...d, destinations: d.destinations.filter((_, i) => i !== index) }));
          }}
        >
          {(row, i) => {
            const name = countryHint(row.country, language);
            return (
              <>
                <TextField
                  id={`destinations-${i}-country`}
                  label={t.country}
                  description={name ? t.countryIs(name) : t.countryHelp}
                  value={row.country}
                  onChange={(value) => setDestination(i, { country: value })}
                  error={at(`destinations.${i}`, `destinations.${i}.country`)}
                  autoComplete="off"
                />
                <TextField
                  id={`destinations-${i}-end-user`}
                  label={t.endUser}
                  value={row.endUser}
                  onChange={(value) => setDestination(i, { endUser: value })}
                  error={at(`destinations.${i}.endUser`)}
                />
              </>
            );
          }}
        </RepeatedRows>
        <div>
          <Button type="submit" appearance="primary-action-button" aria-disabled={busy}>
            {busy ? t.submitting : t.submit}
          </Button>
        </div>
      </form>
    </>
  );
}

import { Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import type { Dispatch, SetStateAction } from 'react';
import { CheckboxField } from '../../components/cases/choice-fields';
import { countryHint } from '../../components/cases/country-hint';
import { fieldError, SelectField, TextField } from '../../components/form-fields';
import { useLanguage, useMessages } from '../../i18n/i18n';
import {
  categoryMessages,
  EXPORT_TYPES,
  exportTypeMessages,
  GOODS_CATEGORIES,
  kindMessages,
  LICENCE_KINDS,
  purposeMessages,
  TEMPORARY_PURPOSES,
} from '../../vocabulary/case.vocabulary';
import type { CaseDraft, DestinationDraft, GoodsDraft } from './case-draft';
import { newDestination, newGoods } from './case-draft';
import { registerMessages } from './register-case.messages';
import { RepeatedRows } from './repeated-rows';
import './register-case.css';

/**
 * What a case is about, as typed: applicant, licence, goods and destinations (everything of a
 * registration but its procedure). Registration and the application after a sondage send the
 * same details. `error` is the API's refusal, shown at the fields it names; `onRowsRemoved` is
 * called when a row goes, because the refusal named rows by position.
 */
export function CaseDetailsFields({
  draft,
  setDraft,
  error,
  onRowsRemoved,
}: {
  draft: CaseDraft;
  setDraft: Dispatch<SetStateAction<CaseDraft>>;
  error: unknown;
  onRowsRemoved: () => void;
}) {
  const t = useMessages(registerMessages);
  const kinds = useMessages(kindMessages);
  const categories = useMessages(categoryMessages);
  const exportTypes = useMessages(exportTypeMessages);
  const purposes = useMessages(purposeMessages);
  const { language } = useLanguage();

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

  return (
    <>
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
          onRowsRemoved();
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
          onRowsRemoved();
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
    </>
  );
}

import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormFieldErrorMessage,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';

/** Moves focus to the first input of a row, so a keyboard user continues where the row is. */
function focusRow(id: string): void {
  document.getElementById(id)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

/**
 * A list of rows of fields (goods, destinations) that an official can extend and shorten. Each
 * row is a fieldset with its number, so the repeated labels are told apart; focus follows the
 * row added, or moves to the row before the one removed.
 */
export function RepeatedRows<Row extends { readonly key: string }>(props: {
  id: string;
  legend: string;
  description: string;
  error: string | undefined;
  rows: readonly Row[];
  rowLegend: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  canAdd: boolean;
  onAdd: () => void;
  onRemove: (index: number) => void;
  children: (row: Row, index: number) => ReactNode;
}) {
  const rowId = (index: number) => `${props.id}-${index}`;
  const add = () => {
    flushSync(props.onAdd);
    focusRow(rowId(props.rows.length));
  };
  const remove = (index: number) => {
    flushSync(() => props.onRemove(index));
    focusRow(rowId(Math.max(0, index - 1)));
  };
  const invalid = props.error !== undefined;
  return (
    <Fieldset
      invalid={invalid}
      aria-describedby={[`${props.id}-description`, invalid && `${props.id}-error`].filter(Boolean).join(' ')}
    >
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      <FormFieldDescription id={`${props.id}-description`}>{props.description}</FormFieldDescription>
      {invalid && <FormFieldErrorMessage id={`${props.id}-error`}>{props.error}</FormFieldErrorMessage>}
      {props.rows.map((row, index) => (
        <div key={row.key} id={rowId(index)} className="console-repeated-row">
          <Fieldset>
            <FieldsetLegend>{props.rowLegend(index + 1)}</FieldsetLegend>
            <div className="console-repeated-row__fields">{props.children(row, index)}</div>
            {props.rows.length > 1 && (
              <Button appearance="subtle-button" onClick={() => remove(index)}>
                {props.removeLabel(index + 1)}
              </Button>
            )}
          </Fieldset>
        </div>
      ))}
      {props.canAdd && (
        <Button appearance="secondary-action-button" onClick={add}>
          {props.addLabel}
        </Button>
      )}
    </Fieldset>
  );
}

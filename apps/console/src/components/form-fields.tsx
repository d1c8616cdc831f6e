import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ApiProblem } from '../api/api-problem';

/** The API's messages for a field, or for any of the given fields, as one error text. */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const found = fields.flatMap((field) => error.messagesFor(field));
  return found.length > 0 ? found.join('; ') : undefined;
}

interface BaseProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly required?: boolean;
}

export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'date' | 'datetime-local' | 'number' | 'search';
    autoComplete?: string;
    inputMode?: 'numeric' | 'decimal' | 'text';
  },
) {
  return (
    <FormFieldTextbox
      id={`${props.id}-field`}
      inputRef={undefined}
      label={props.label}
      name={props.id}
      {...(props.description !== undefined && { description: props.description })}
      {...(props.error !== undefined && { errorMessage: props.error, invalid: true })}
      required={props.required ?? false}
      type={props.type ?? 'text'}
      value={props.value}
      {...(props.autoComplete !== undefined && { autoComplete: props.autoComplete })}
      onChange={(event) => props.onChange((event.target as HTMLInputElement).value)}
    />
  );
}

export function TextAreaField(
  props: BaseProps & { value: string; onChange: (value: string) => void; rows?: number },
) {
  return (
    <FormFieldTextarea
      id={`${props.id}-field`}
      label={props.label}
      name={props.id}
      {...(props.description !== undefined && { description: props.description })}
      {...(props.error !== undefined && { errorMessage: props.error, invalid: true })}
      required={props.required ?? false}
      rows={props.rows ?? 4}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function SelectField(
  props: BaseProps & { value: string; onChange: (value: string) => void; choices: readonly Choice[] },
) {
  const describedBy = [props.description && `${props.id}-description`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <FormField type="select" invalid={props.error !== undefined}>
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      </Paragraph>
      {props.description !== undefined && (
        <FormFieldDescription id={`${props.id}-description`}>{props.description}</FormFieldDescription>
      )}
      {props.error !== undefined && (
        <FormFieldErrorMessage id={`${props.id}-error`}>{props.error}</FormFieldErrorMessage>
      )}
      <Select
        id={props.id}
        name={props.id}
        value={props.value}
        invalid={props.error !== undefined}
        required={props.required ?? false}
        {...(describedBy && { 'aria-describedby': describedBy })}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.choices.map((choice) => (
          <SelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { Choice } from '../form-fields';
import './choice-fields.css';

/** One yes/no question as a checkbox, with the API's message for it. */
export function CheckboxField(props: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const invalid = props.error !== undefined;
  return (
    <FormField type="checkbox" invalid={invalid}>
      {invalid && <FormFieldErrorMessage id={`${props.id}-error`}>{props.error}</FormFieldErrorMessage>}
      <Paragraph className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={props.id} type="checkbox" className="console-choice-label">
          <Checkbox
            id={props.id}
            name={props.id}
            checked={props.checked}
            invalid={invalid}
            {...(invalid && { 'aria-describedby': `${props.id}-error` })}
            onChange={(event) => props.onChange(event.target.checked)}
          />
          {props.label}
        </FormLabel>
      </Paragraph>
    </FormField>
  );
}

/** One choice of a few, as radio buttons in a fieldset whose legend asks the question. */
export function RadioGroupField(props: {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const invalid = props.error !== undefined;
  const describedBy = [
    props.description !== undefined && `${props.id}-description`,
    invalid && `${props.id}-error`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Fieldset invalid={invalid} {...(describedBy && { 'aria-describedby': describedBy })}>
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      {props.description !== undefined && (
        <FormFieldDescription id={`${props.id}-description`}>{props.description}</FormFieldDescription>
      )}
      {invalid && <FormFieldErrorMessage id={`${props.id}-error`}>{props.error}</FormFieldErrorMessage>}
      {props.choices.map((choice) => (
        <FormField key={choice.value} type="radio">
          <Paragraph className="utrecht-form-field__label utrecht-form-field__label--radio">
            <FormLabel htmlFor={`${props.id}-${choice.value}`} type="radio" className="console-choice-label">
              <RadioButton
                id={`${props.id}-${choice.value}`}
                name={props.id}
                value={choice.value}
                checked={props.value === choice.value}
                invalid={invalid}
                onChange={() => props.onChange(choice.value)}
              />
              {choice.label}
            </FormLabel>
          </Paragraph>
        </FormField>
      ))}
    </Fieldset>
  );
}

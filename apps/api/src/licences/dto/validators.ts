import { ValidateBy } from 'class-validator';
import { isLocalDate } from '@licences/licensing-domain';

/** A real calendar date written YYYY-MM-DD (2023-02-29 is refused). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isLocalDate(value),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD`,
    },
  });

export const TEXT_MAX = 20_000;
export const NAME_MAX = 300;

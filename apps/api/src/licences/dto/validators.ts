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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone (`2025-01-31T12:00:00Z`), as recorded times are. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an ISO 8601 instant with a zone, e.g. 2025-01-31T12:00:00Z`,
    },
  });

/** A non-negative whole number as a query string carries it, e.g. a global position. */
export const WHOLE_NUMBER = /^[0-9]{1,9}$/;

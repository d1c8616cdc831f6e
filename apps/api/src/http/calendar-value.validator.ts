import { ValidateBy } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import { isCalendarDateInRange, isInstantInRange, MAX_YEAR, MIN_YEAR } from '@licences/licensing-domain';

const RANGE = `${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31`;

function propertyOf(args?: ValidationArguments): string {
  return args?.property ?? 'value';
}

/** A real calendar date written YYYY-MM-DD in the accepted years (2023-02-29 and 9999-12-31 are refused). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDateInRange(value),
      defaultMessage: (args) => `${propertyOf(args)} must be a real calendar date YYYY-MM-DD from ${RANGE}`,
    },
  });

/** An ISO 8601 instant with a zone (`2025-01-31T12:00:00Z`), as recorded times are, in the accepted years. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isInstantInRange(value),
      defaultMessage: (args) =>
        `${propertyOf(args)} must be a real ISO 8601 instant with a zone, e.g. 2025-01-31T12:00:00Z, from ${RANGE}`,
    },
  });

import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

/** A request whose body or query does not match its schema; each bad field is named. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid request: ${errors.map((e) => e.field).join(', ')}`);
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const { nestedValidation, ...constraints } = error.constraints ?? {};
    // A value that is no list (IsList) has no items to report on: its one message says it all.
    if (constraints['isList'] !== undefined) return [{ field, messages: Object.values(constraints) }];
    const messages = Object.values(constraints);
    if (nestedValidation !== undefined) messages.push(nestedValidation);
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates and transforms every DTO; unknown fields are refused, not silently dropped. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}

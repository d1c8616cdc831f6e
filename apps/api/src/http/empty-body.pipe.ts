import { Body } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './request-validation';

/**
 * Refuses a body on a route that takes none. Without it a client's misplaced fields (a reason
 * sent to `/apply`) would be dropped in silence while the command went ahead.
 */
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  transform(body: unknown): undefined {
    if (body === undefined || body === null) return undefined;
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new RequestValidationError([
        { field: 'body', messages: ['This route takes no body; send none or {}'] },
      ]);
    }
    const fields = Object.keys(body);
    if (fields.length > 0) {
      throw new RequestValidationError(
        fields.map((field) => ({ field, messages: [`property ${field} should not exist`] })),
      );
    }
    return undefined;
  }
}

/** A route parameter that only checks that no body came; the handler need not read it. */
export const NoBody = () => Body(new EmptyBodyPipe());

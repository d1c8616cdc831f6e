import { Body } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../http/request-validation';
import { requestValidationPipe } from '../http/request-validation';
import { CaseDetailsDto } from './dto/case.dto';

/**
 * The body of an application after a sondage: none (or `{}`) when the sondage's details stand,
 * else the application's details in full, validated like a registration's. A partial body would
 * leave unclear whether a missing field was dropped or unchanged, so there is none.
 */
export class OptionalCaseDetailsPipe implements PipeTransform<unknown, Promise<CaseDetailsDto | undefined>> {
  private readonly validation = requestValidationPipe();

  async transform(body: unknown): Promise<CaseDetailsDto | undefined> {
    if (body === undefined || body === null) return undefined;
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new RequestValidationError([
        { field: 'body', messages: ["Send no body, {} or the application's case details as an object"] },
      ]);
    }
    if (Object.keys(body).length === 0) return undefined;
    return (await this.validation.transform(body, {
      type: 'body',
      metatype: CaseDetailsDto,
    })) as CaseDetailsDto;
  }
}

/** A body parameter that is either absent or the application's full case details. */
export const OptionalCaseDetails = () => Body(new OptionalCaseDetailsPipe());

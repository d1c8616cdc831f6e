import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, GetValidityPolicyQuery } from '@licences/licensing-application';
import type { Clock, ValidityAnswer } from '@licences/licensing-application';
import { amsterdamDateOf, isIsoCountryCode, ruleViolation } from '@licences/licensing-domain';
import type { LocalDate, ValidityQuestion } from '@licences/licensing-domain';
import { GetPolicyVersionsQuery } from '@licences/licensing-read-models';
import type { PolicyVersionView } from '@licences/licensing-read-models';
import { Public } from '../auth/roles';
import { ValidityQueryDto } from '../licences/dto/validity-query.dto';

/** The validity policy, public so that exporters know in advance what period a licence would get. */
@ApiTags('policy')
@Controller('api/policy')
export class PolicyController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('validity')
  @Public()
  @ApiOperation({
    summary: 'Validity period the policy gives a case decided on a date',
    description:
      'Per destination, every row of the table with whether it matched and why; with several ' +
      'destinations the least favourable decides (`decidingDestination`).',
  })
  validity(@Query() q: ValidityQueryDto): Promise<ValidityAnswer> {
    const unknown = q.destination.find((country) => !isIsoCountryCode(country));
    if (unknown !== undefined) {
      throw ruleViolation('UNKNOWN_COUNTRY', `${unknown} is not an ISO 3166-1 alpha-2 country code`, {
        field: 'destination',
      });
    }
    const on = (q.on ?? amsterdamDateOf(this.clock.now())) as LocalDate;
    const question: ValidityQuestion = {
      destinations: q.destination,
      goodsCategory: q.goodsCategory,
      kind: q.kind,
      afterSales: q.afterSales === 'true',
      exportType: q.exportType ?? 'definitive',
      firearmsAct: q.firearmsAct === 'true',
    };
    return this.queries.execute<GetValidityPolicyQuery, ValidityAnswer>(
      new GetValidityPolicyQuery(question, on),
    );
  }

  @Get('versions')
  @Public()
  @ApiOperation({ summary: 'Every version of the validity table with its rows, sources and dates in force' })
  versions(): Promise<PolicyVersionView[]> {
    return this.queries.execute<GetPolicyVersionsQuery, PolicyVersionView[]>(new GetPolicyVersionsQuery());
  }
}

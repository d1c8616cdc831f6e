import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AnswerSondageHandler } from './commands/answer-sondage.handler';
import { ApplyAfterSondageHandler } from './commands/apply-after-sondage.handler';
import { ApproveRevocationHandler } from './commands/approve-revocation.handler';
import { DenyLicenceHandler } from './commands/deny-licence.handler';
import { ExtendLicenceHandler } from './commands/extend-licence.handler';
import { IssueLicenceHandler } from './commands/issue-licence.handler';
import { ProposeRevocationHandler } from './commands/propose-revocation.handler';
import { RegisterCaseHandler } from './commands/register-case.handler';
import { RejectRevocationProposalHandler } from './commands/reject-revocation-proposal.handler';
import { WithdrawCaseHandler } from './commands/withdraw-case.handler';
import { WithdrawRevocationProposalHandler } from './commands/withdraw-revocation-proposal.handler';
import { ReassessLicenceHandler } from './commands/reassess-licence.handler';
import { SuspendLicenceHandler } from './commands/suspend-licence.handler';
import { ReinstateLicenceHandler } from './commands/reinstate-licence.handler';
import { HoldCaseHandler } from './commands/hold-case.handler';
import { ReleaseCaseHandler } from './commands/release-case.handler';
import { RequestReassessmentHandler } from './commands/request-reassessment.handler';
import { IdempotentRequests } from './idempotent-requests.service';
import { LicenceCommandExecutor } from './licence-command.executor';
import { LicenceRepository } from './licence.repository';
import { GetValidityPolicyHandler } from './queries/get-validity-policy.handler';
import { MEASURE_PROVIDERS } from './measures/measure.providers';

/**
 * The licensing use cases. Needs EVENT_STORE, IDEMPOTENCY_STORE, CLOCK and VALIDITY_POLICY from a global
 * infrastructure module provided by the app.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    LicenceRepository,
    LicenceCommandExecutor,
    IdempotentRequests,
    RegisterCaseHandler,
    AnswerSondageHandler,
    ApplyAfterSondageHandler,
    IssueLicenceHandler,
    DenyLicenceHandler,
    WithdrawCaseHandler,
    ExtendLicenceHandler,
    ProposeRevocationHandler,
    WithdrawRevocationProposalHandler,
    RejectRevocationProposalHandler,
    ApproveRevocationHandler,
    GetValidityPolicyHandler,
    ReassessLicenceHandler,
    SuspendLicenceHandler,
    ReinstateLicenceHandler,
    HoldCaseHandler,
    ReleaseCaseHandler,
    RequestReassessmentHandler,
    ...MEASURE_PROVIDERS,
  ],
  exports: [CqrsModule, IdempotentRequests, ...MEASURE_PROVIDERS],
})
export class LicensingApplicationModule {}

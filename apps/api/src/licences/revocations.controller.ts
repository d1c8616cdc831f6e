import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  ApproveRevocationCommand,
  ProposeRevocationCommand,
  ReassessLicenceCommand,
  ReinstateLicenceCommand,
  RejectRevocationProposalCommand,
  SuspendLicenceCommand,
  WithdrawRevocationProposalCommand,
} from '@licences/licensing-application';
import { Roles } from '../auth/roles';
import { Exchange } from './command-context.decorator';
import type { CommandContext } from './command-context.decorator';
import { ApproveRevocationDto, ProposeRevocationDto, RevocationProposalReasonDto } from './dto/decision.dto';
import { CaseStepReasonDto, ReassessLicenceDto, SuspendLicenceDto } from './dto/after-issue.dto';
import { evidenceOf } from './evidence.mapper';
import { LicenceCommandSender } from './licence-command.sender';
import { CaseId, LicenceRoutes } from './licence-route.decorators';

/**
 * What may happen to an issued licence besides its extension: reassessment, suspension and
 * reinstatement, and revocation by two officials: one proposes (or reassesses with that outcome),
 * a senior assessor who neither proposed it nor issued or extended the licence approves (or
 * rejects); the proposer may withdraw. The decider enforces who may do what; these routes only
 * say which role may ask.
 */
@LicenceRoutes()
@Controller('api/licences')
export class RevocationsController {
  constructor(private readonly sender: LicenceCommandSender) {}

  @Post(':id/revocation-proposal')
  @HttpCode(200)
  @Roles('assessor', 'senior-assessor')
  @ApiOperation({
    summary:
      'Propose revoking a valid licence for changed circumstances, with evidence; it stays valid until approved',
  })
  proposeRevocation(@CaseId() id: string, @Body() b: ProposeRevocationDto, @Exchange() ctx: CommandContext) {
    const command = {
      type: 'ProposeRevocation',
      circumstances: b.circumstances,
      criteria: b.criteria,
      evidence: evidenceOf(b.evidence),
    } as const;
    return this.sender.send(ctx, (meta) => new ProposeRevocationCommand(id, command, meta));
  }

  @Post(':id/revocation-proposal/withdraw')
  @HttpCode(200)
  @Roles('assessor', 'senior-assessor')
  @ApiOperation({ summary: 'Withdraw your own open revocation proposal' })
  withdrawRevocationProposal(
    @CaseId() id: string,
    @Body() b: RevocationProposalReasonDto,
    @Exchange() ctx: CommandContext,
  ) {
    const command = { type: 'WithdrawRevocationProposal', reason: b.reason } as const;
    return this.sender.send(ctx, (meta) => new WithdrawRevocationProposalCommand(id, command, meta));
  }

  @Post(':id/revocation-proposal/reject')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({ summary: 'Reject an open revocation proposal, as a second official, with a reason' })
  rejectRevocationProposal(
    @CaseId() id: string,
    @Body() b: RevocationProposalReasonDto,
    @Exchange() ctx: CommandContext,
  ) {
    const command = { type: 'RejectRevocationProposal', reason: b.reason } as const;
    return this.sender.send(ctx, (meta) => new RejectRevocationProposalCommand(id, command, meta));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({
    summary: 'Approve the open revocation proposal as a second official: the licence is revoked',
  })
  revoke(@CaseId() id: string, @Body() b: ApproveRevocationDto, @Exchange() ctx: CommandContext) {
    const command = {
      type: 'ApproveRevocation',
      additionalEvidence: evidenceOf(b.additionalEvidence ?? []),
    } as const;
    return this.sender.send(ctx, (meta) => new ApproveRevocationCommand(id, command, meta));
  }

  @Post(':id/reassess')
  @HttpCode(200)
  @Roles('assessor')
  @ApiOperation({
    summary: 'Reassess an issued licence on new information: maintained, or a revocation proposed',
    description:
      'Records the findings per criterion and the outcome. `revocation-proposed` also opens a ' +
      'revocation proposal with the grounds in `revocation`, under the four-eyes rule: the ' +
      "reassessor cannot approve it. With `measureId` it answers that country measure's request.",
  })
  reassess(@CaseId() id: string, @Body() b: ReassessLicenceDto, @Exchange() ctx: CommandContext) {
    const { revocation } = b;
    const command = {
      type: 'ReassessLicence',
      assessment: b.assessment,
      outcome: b.outcome,
      ...(revocation && {
        revocation: {
          circumstances: revocation.circumstances,
          criteria: revocation.criteria,
          evidence: evidenceOf(revocation.evidence),
        },
      }),
      ...(b.measureId && { measureId: b.measureId }),
    } as const;
    return this.sender.send(ctx, (meta) => new ReassessLicenceCommand(id, command, meta));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({
    summary: 'Suspend an issued licence: not valid from today until reinstated; its end date stays',
  })
  suspend(@CaseId() id: string, @Body() b: SuspendLicenceDto, @Exchange() ctx: CommandContext) {
    const command = {
      type: 'SuspendLicence',
      criteria: b.criteria,
      evidence: evidenceOf(b.evidence),
      reasons: b.reasons,
    } as const;
    return this.sender.send(ctx, (meta) => new SuspendLicenceCommand(id, command, meta));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('senior-assessor')
  @ApiOperation({ summary: 'End a suspension: the licence is valid again from tomorrow until its end date' })
  reinstate(@CaseId() id: string, @Body() b: CaseStepReasonDto, @Exchange() ctx: CommandContext) {
    const command = { type: 'ReinstateLicence', reason: b.reason } as const;
    return this.sender.send(ctx, (meta) => new ReinstateLicenceCommand(id, command, meta));
  }
}

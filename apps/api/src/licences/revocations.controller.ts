import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  ApproveRevocationCommand,
  ProposeRevocationCommand,
  RejectRevocationProposalCommand,
  WithdrawRevocationProposalCommand,
} from '@licences/licensing-application';
import { Roles } from '../auth/roles';
import { Exchange } from './command-context.decorator';
import type { CommandContext } from './command-context.decorator';
import { ApproveRevocationDto, ProposeRevocationDto, RevocationProposalReasonDto } from './dto/decision.dto';
import { evidenceOf } from './evidence.mapper';
import { LicenceCommandSender } from './licence-command.sender';
import { CaseId, LicenceRoutes } from './licence-route.decorators';

/**
 * Revocation by two officials: one proposes, a senior assessor who neither proposed it nor issued
 * or extended the licence approves (or rejects); the proposer may withdraw. The decider enforces
 * who may do what; these routes only say which role may ask.
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
}

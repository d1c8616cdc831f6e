import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IdempotentRequests } from '@licences/licensing-application';
import type {
  CommandMeta,
  LicenceCommandResult,
  LicenceDecisionCommand,
} from '@licences/licensing-application';
import type { LicenceCommand } from '@licences/licensing-domain';
import { ProjectionWaiter } from '@licences/licensing-read-models';
import { PROJECTION_MODE } from '../config/app-config';
import type { ProjectionMode } from '../config/app-config';
import { requestCorrelationIdOf, requestIdOf } from '../logging/request-ids';
import { markCommand } from '../metrics/command-marks';
import { expectedRevisionOf, idempotencyKeyOf, requestHashOf } from './command-headers';
import type { CommandContext } from './command-context.decorator';

export type CommandFactory = (meta: CommandMeta) => LicenceDecisionCommand<LicenceCommand>;

/** Metadata for building a command only to read its type; never sent. */
function placeholderMeta(principal: CommandContext['principal']): CommandMeta {
  return {
    actor: { sub: principal.sub, role: principal.actingRole },
    correlationId: '',
    causationId: '',
  };
}

/** Sends a command with the caller's metadata, honouring If-Match and Idempotency-Key. */
@Injectable()
export class LicenceCommandSender {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotent: IdempotentRequests,
    private readonly waiter: ProjectionWaiter,
    @Inject(PROJECTION_MODE) private readonly projections: ProjectionMode,
  ) {}

  async send(
    { principal, request, response }: CommandContext,
    build: CommandFactory,
  ): Promise<LicenceCommandResult> {
    const draft = build(placeholderMeta(principal));
    markCommand(request, draft.command.type);
    const expectedRevision = expectedRevisionOf(request);
    const idempotencyKey = idempotencyKeyOf(request);
    // The ids the request's log lines carry (made once, by the request logger): one story.
    const meta: CommandMeta = {
      actor: { sub: principal.sub, role: principal.actingRole },
      correlationId: requestCorrelationIdOf(request),
      causationId: requestIdOf(request),
      ...(expectedRevision !== undefined && { expectedRevision }),
      ...(idempotencyKey !== undefined && { idempotencyKey }),
    };
    const execute = () =>
      this.commands.execute<LicenceDecisionCommand<LicenceCommand>, LicenceCommandResult>(build(meta));
    const result = idempotencyKey
      ? await this.idempotent.run(
          { principal: principal.sub, key: idempotencyKey },
          requestHashOf(request, principal.actingRole),
          execute,
        )
      : await execute();
    response.setHeader('ETag', `"${result.revision}"`);
    // Read your writes: with the projections in this process, answer once they include the write.
    if (this.projections === 'inline') await this.waiter.waitFor(result.position, 2_000);
    return result;
  }
}

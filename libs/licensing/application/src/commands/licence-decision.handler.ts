import { Injectable } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import type { LicenceCommand } from '@licences/licensing-domain';
import { LicenceCommandExecutor } from '../licence-command.executor';
import type { CommandMeta } from '../licence-command.executor';
import type { LicenceCommandResult } from '../licence.view';

/** A command on the bus: which case, what the domain is asked, and who asks. */
export abstract class LicenceDecisionCommand<T extends LicenceCommand> implements ICommand {
  constructor(
    readonly caseId: string,
    readonly command: T,
    readonly meta: CommandMeta,
  ) {}
}

/** Every lifecycle use case runs the same load-decide-append cycle; only the command differs. */
@Injectable()
export abstract class LicenceDecisionHandler<C extends LicenceDecisionCommand<LicenceCommand>> {
  constructor(private readonly executor: LicenceCommandExecutor) {}

  execute(message: C): Promise<LicenceCommandResult> {
    return this.executor.execute(message.caseId, message.command, message.meta);
  }
}

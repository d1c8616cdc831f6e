import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetPolicyVersionsHandler } from './oversight/get-policy-versions.handler';
import { ReplayCaseHandler } from './oversight/replay-case.handler';
import { ReplayDecisionsHandler } from './oversight/replay-decisions.handler';
import { StreamDecisionsHandler } from './oversight/stream-decisions.handler';
import { WhatIfHandler } from './oversight/what-if.handler';
import { GetLicenceHistoryHandler } from './queries/get-licence-history.handler';
import { GetLicenceHandler } from './queries/get-licence.handler';
import { GetProjectionsHandler } from './queries/get-projections.handler';
import { GetRevocationHandler } from './queries/get-revocation.handler';
import { ListLicencesHandler } from './queries/list-licences.handler';
import { ProjectionRebuilder } from './running/projection-rebuilder.service';
import { ProjectionRunner } from './running/projection-runner.service';
import { ProjectionWaiter } from './running/projection-waiter.service';

/**
 * Read models: the projections that build them and the queries that read them. Needs
 * EVENT_STORE, READ_MODEL_STORE, CLOCK and VALIDITY_POLICY from the app's infrastructure module.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    ProjectionRunner,
    ProjectionRebuilder,
    ProjectionWaiter,
    GetLicenceHandler,
    ListLicencesHandler,
    GetLicenceHistoryHandler,
    GetRevocationHandler,
    GetProjectionsHandler,
    ReplayCaseHandler,
    ReplayDecisionsHandler,
    StreamDecisionsHandler,
    WhatIfHandler,
    GetPolicyVersionsHandler,
  ],
  exports: [ProjectionRunner, ProjectionRebuilder, ProjectionWaiter],
})
export class LicensingReadModelsModule {}

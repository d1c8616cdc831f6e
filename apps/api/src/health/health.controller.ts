import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { Public } from '../auth/roles';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Up when the event store answers. */
  @Get()
  @Public()
  async health(): Promise<{ status: 'ok'; eventStore: { headPosition: number } }> {
    return { status: 'ok', eventStore: { headPosition: await this.store.headPosition() } };
  }
}

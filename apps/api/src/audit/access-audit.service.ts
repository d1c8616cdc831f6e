import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import {
  AccessLogAnchorKeeper,
  AccessLogUnavailableError,
  CLOCK,
  logOpeningEntry,
  verifyAccessLog,
} from '@licences/licensing-application';
import type {
  AccessLog,
  AccessLogAnchor,
  AccessLogEntry,
  AccessLogFilter,
  AccessLogReport,
  AccessRecord,
  Clock,
} from '@licences/licensing-application';
import { ConfigError } from '../config/app-config';
import { refusalMessage } from './access-log-backend';
import type { AccessLogBackend } from './access-log-backend';

export const ACCESS_LOG_BACKEND = Symbol.for('licences.AccessLogBackend');

/** The access log cannot be trusted to hold every read: the API must not serve. */
export class AccessLogStartRefusedError extends ConfigError {}

/**
 * The API's access log: checked against its anchor before the first request (refusing to start on
 * a log that is lost, cut short or broken), then appended to for every audited request, with the
 * anchor following the head.
 */
@Injectable()
export class AccessAudit implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AccessAudit');
  private log: AccessLog | undefined;
  private anchor: AccessLogAnchor | undefined;
  private keeper: AccessLogAnchorKeeper | undefined;
  /** Hash of record 1: the name of this log in its anchor. */
  private origin = '';

  constructor(
    @Inject(ACCESS_LOG_BACKEND) private readonly backend: AccessLogBackend,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const anchor = await this.backend.openAnchor();
    this.anchor = anchor;
    // Under the backend's lock: replicas starting at once on one new log start it once.
    await this.backend.exclusively(() => this.openChecked(anchor));
    this.keeper = new AccessLogAnchorKeeper(anchor, (error) =>
      this.logger.warn(`The access log anchor lags behind the log: ${String(error)}`),
    );
  }

  /**
   * Writes `entry`; resolves once it is durable.
   * @throws AccessLogUnavailableError when it could not be written: the access must not be answered.
   */
  async record(entry: AccessLogEntry): Promise<AccessRecord> {
    if (!this.log || !this.keeper) throw new AccessLogUnavailableError('the access log is not open');
    const record = await this.log.append(entry);
    this.keeper.advance({ origin: this.origin, seq: record.seq, hash: record.hash });
    return record;
  }

  list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }> {
    if (!this.log) throw new AccessLogUnavailableError('the access log is not open');
    return this.log.list(filter, page);
  }

  /** The whole chain recomputed and compared with the anchor. */
  async verify(): Promise<AccessLogReport> {
    if (!this.log || !this.anchor) throw new AccessLogUnavailableError('the access log is not open');
    // An open SQLite handle would read on from a file removed under it.
    this.backend.assertInPlace(this.log);
    return verifyAccessLog(this.log, await this.anchor.read());
  }

  /** Checks the log against its anchor and opens it, starts a new one, or refuses. */
  private async openChecked(anchor: AccessLogAnchor): Promise<void> {
    const { log, facts, decision } = await this.backend.inspect(anchor, () => this.events.headPosition());
    switch (decision.action) {
      case 'refuse':
        await log?.close();
        throw new AccessLogStartRefusedError(refusalMessage(this.backend.where, decision.problem));
      case 'start-new': {
        this.log = log ?? (await this.backend.create());
        const first = await this.log.append(
          logOpeningEntry('log-started', this.clock.now().toISOString(), 'system', {
            reason: decision.reason,
          }),
        );
        this.origin = first.hash;
        await anchor.reset({ origin: first.hash, seq: first.seq, hash: first.hash });
        break;
      }
      case 'open': {
        this.log = log;
        const report = facts.log === 'present' ? facts.report : undefined;
        if (!this.log || !report?.head || !report.origin) throw new Error('An open log has a head');
        this.origin = report.origin;
        // A log without an anchor (an older version) is adopted; a lagging anchor catches up.
        const head = { origin: report.origin, ...report.head };
        if (report.anchor) {
          await anchor.advance(head);
        } else {
          this.logger.warn(`The access log had no anchor: anchored now at record ${head.seq}`);
          await anchor.reset(head);
        }
        break;
      }
      default: {
        const unexpected: never = decision;
        throw new Error(`Unknown start-up decision ${JSON.stringify(unexpected)}`);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.keeper?.flush();
    await this.log?.close();
    await this.anchor?.close();
    this.log = undefined;
    this.anchor = undefined;
  }
}

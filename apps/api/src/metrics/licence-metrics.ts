import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppendTimer } from './timed-appends';

/** How a command ended, by the status of its answer. */
export type CommandOutcome = 'accepted' | 'refused' | 'conflict' | 'error';

export function commandOutcomeOf(status: number): CommandOutcome {
  if (status >= 500) return 'error';
  if (status === 409 || status === 412) return 'conflict';
  if (status >= 400) return 'refused';
  return 'accepted';
}

/** One projection as a scrape sees it. */
export interface ProjectionSample {
  readonly projection: string;
  /** The projection's checkpoint: the last global position it applied. */
  readonly position: number;
  /** Events stored after the checkpoint. */
  readonly lag: number;
  /** Whether this process runs (holds) the projection. */
  readonly held: boolean;
  /** Share of the latest rebuild done: 1 when none runs. */
  readonly rebuildRatio: number;
}

/** Where the projection gauges come from, read at every scrape. */
export interface ProjectionSamples {
  samples(): Promise<readonly ProjectionSample[]>;
}

/** Seconds: a command takes milliseconds when healthy, seconds when a store struggles. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one process, in a registry of its own (not prom-client's global
 * one), so that several apps in one test process never share or clash. Labels carry command
 * types, routes as declared, statuses and projection names only: never a case, a subject or a token.
 */
export class LicenceMetrics implements AppendTimer {
  readonly registry = new Registry();
  private projections: ProjectionSamples | undefined;

  readonly commands = new Counter({
    name: 'licences_commands_total',
    help: 'Commands by type and outcome (accepted, refused: 4xx, conflict: 409/412, error: 5xx)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'licences_command_duration_seconds',
    help: 'Time from a command request arriving to its answer, by command type',
    labelNames: ['command'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'licences_http_request_duration_seconds',
    help: 'HTTP requests by method, route as declared and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'licences_event_append_duration_seconds',
    help: 'Time to append events to the event store',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly auditFailures = new Counter({
    name: 'licences_access_audit_failures_total',
    help: 'Requests refused because their access could not be recorded in the access log',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'licences_' });
    const samples = () => this.projections?.samples() ?? Promise.resolve([]);
    const gauge = (name: string, help: string, value: (sample: ProjectionSample) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const sample of await samples()) this.set({ projection: sample.projection }, value(sample));
        },
      });
    gauge(
      'licences_projection_position',
      'Global position of the last event each projection applied',
      (s) => s.position,
    );
    gauge('licences_projection_lag_events', "Events stored after each projection's checkpoint", (s) => s.lag);
    gauge('licences_projection_held', '1 when this process runs the projection', (s) => (s.held ? 1 : 0));
    gauge(
      'licences_projection_rebuild_progress_ratio',
      'Share of the latest rebuild done (1 when none runs)',
      (s) => s.rebuildRatio,
    );
  }

  /** Where the projection gauges read from; none until set. */
  watchProjections(source: ProjectionSamples): void {
    this.projections = source;
  }

  observeAppend(seconds: number): void {
    this.appendDuration.observe(seconds);
  }

  recordCommand(command: string, status: number, seconds: number): void {
    this.commands.inc({ command, outcome: commandOutcomeOf(status) });
    this.commandDuration.observe({ command }, seconds);
  }

  /** The text a Prometheus scrape gets. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

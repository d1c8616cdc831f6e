/**
 * TEST DOUBLE — an in-process stand-in for an EventStoreDB node, speaking the EventStoreDB gRPC
 * protocol through the real client's generated definitions (@eventstore/db-client/generated), so
 * the EventStoreDB adapter can be tested through the real `@eventstore/db-client` where no server
 * can run. It is NOT EventStoreDB: it implements only
 *   - ServerFeatures.GetSupportedMethods (advertising exactly what is implemented, so the client
 *     appends with Streams.Append, not BatchAppend),
 *   - Streams.Append (expected revisions, wrong expected version, idempotent retries),
 *   - Streams.Read (stream and $all reads, catch-up subscriptions with filters),
 * and answers every other method of the client-facing services with UNIMPLEMENTED, naming it.
 * Connect with `esdb://127.0.0.1:<port>?tls=false` (single node: no gossip/discovery).
 */
import type {
  MethodDefinition,
  ServerWritableStream,
  ServiceDefinition,
  UntypedHandleCall,
  UntypedServiceImplementation,
  handleClientStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  sendUnaryData,
} from '@grpc/grpc-js';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { MonitoringService } from '@eventstore/db-client/generated/monitoring_grpc_pb';
import { OperationsService } from '@eventstore/db-client/generated/operations_grpc_pb';
import { PersistentSubscriptionsService } from '@eventstore/db-client/generated/persistent_grpc_pb';
import { ProjectionsService } from '@eventstore/db-client/generated/projections_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { UsersService } from '@eventstore/db-client/generated/users_grpc_pb';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from './event-log';
import { EventLog } from './event-log';
import type { InjectedFailure } from './grpc-messages';
import { StandInStatus, injectedFailure, unimplemented } from './grpc-messages';
import { handleAppend } from './streams-append';
import type { ReadCall } from './streams-read';
import { handleRead } from './streams-read';

export type { InjectedFailure } from './grpc-messages';
export type { StoredEvent } from './event-log';

/** The version reported by ServerFeatures (the client only logs it). */
export const STAND_IN_SERVER_VERSION = '24.10.0-stand-in';

/** The client-facing services of the generated definitions; whatever is not implemented fails loudly. */
const SERVICES: readonly ServiceDefinition[] = [
  StreamsService,
  ServerFeaturesService,
  PersistentSubscriptionsService,
  ProjectionsService,
  OperationsService,
  UsersService,
  GossipService,
  MonitoringService,
];

type FailingRpc = 'append' | 'read';

export class EsdbStandIn {
  private readonly log = new EventLog();
  private readonly subscriptions = new Set<ReadCall>();
  private readonly failures: Record<FailingRpc, InjectedFailure[]> = { append: [], read: [] };
  private readonly callCounts: Record<string, number> = {};

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<EsdbStandIn> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const standIn = new EsdbStandIn(server, port);
    for (const service of SERVICES) server.addService(service, standIn.implementationOf(service));
    // A fresh node already holds a few system events; filters must keep them out.
    standIn.appendSystemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 });
    standIn.appendSystemEvent('$user-admin', '$UserCreated', { loginName: 'admin' });
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** RPC calls received so far, per gRPC method path, e.g. `/event_store.client.streams.Streams/Append`. */
  get calls(): Readonly<Record<string, number>> {
    return { ...this.callCounts };
  }

  /** Every stored event in log order (system events included), for assertions. */
  get events(): readonly StoredEvent[] {
    return [...this.log.all];
  }

  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Appends an event as the server itself would (e.g. a `$`-typed event in a `$`-stream). */
  appendSystemEvent(streamName: string, type: string, data: unknown = {}): StoredEvent {
    const outcome = this.log.append(streamName, { kind: 'any' }, [
      {
        id: randomUUID(),
        type,
        isJson: true,
        data: Buffer.from(JSON.stringify(data), 'utf8'),
        customMetadata: new Uint8Array(),
      },
    ]);
    const stored = this.log.all[this.log.all.length - 1];
    if (outcome.kind !== 'success' || !stored) throw new Error('stand-in: system append failed');
    return stored;
  }

  /** The next `times` calls of that RPC fail with the status a real node/cluster would send. */
  failNext(rpc: FailingRpc, failure: InjectedFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures[rpc].push(failure);
  }

  /** Ends every open subscription (Read with subscription option) with UNAVAILABLE. */
  dropSubscriptions(): void {
    for (const call of [...this.subscriptions]) {
      this.subscriptions.delete(call);
      call.emit('error', new StandInStatus(status.UNAVAILABLE, 'Subscription dropped by the stand-in'));
    }
  }

  stop(): Promise<void> {
    this.subscriptions.clear();
    this.server.forceShutdown();
    return Promise.resolve();
  }

  private readonly append: handleClientStreamingCall<AppendReq, AppendResp> = (call, callback) => {
    const failure = this.failures.append.shift();
    if (!failure) return handleAppend(this.log, call, callback);
    // Like the server, read the whole request before answering.
    call.on('data', () => undefined);
    call.on('end', () => callback(injectedFailure(failure, this.port)));
  };

  private readonly read: handleServerStreamingCall<ReadReq, ReadResp> = (call) => {
    const failure = this.failures.read.shift();
    if (failure) call.emit('error', injectedFailure(failure, this.port));
    else handleRead(this.log, this.subscriptions, call);
  };

  private readonly getSupportedMethods: handleUnaryCall<Empty, SupportedMethods> = (_call, callback) => {
    const methods = Object.keys(this.implemented()).map((path) => {
      const [, serviceName = '', methodName = ''] = path.split('/');
      return new SupportedMethod()
        .setServiceName(serviceName.toLowerCase())
        .setMethodName(methodName.toLowerCase());
    });
    callback(
      null,
      new SupportedMethods().setEventStoreServerVersion(STAND_IN_SERVER_VERSION).setMethodsList(methods),
    );
  };

  private implemented(): Record<string, UntypedHandleCall> {
    return {
      [StreamsService.append.path]: this.append,
      [StreamsService.read.path]: this.read,
      [ServerFeaturesService.getSupportedMethods.path]: this.getSupportedMethods,
    };
  }

  private implementationOf(service: ServiceDefinition): UntypedServiceImplementation {
    const implemented = this.implemented();
    const implementation: UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(service)) {
      const handler = implemented[method.path] ?? unimplementedHandler(method);
      implementation[name] = this.counted(method.path, handler);
    }
    return implementation;
  }

  private counted(path: string, handler: UntypedHandleCall): UntypedHandleCall {
    // grpc-js picks the call shape from the method definition, not from the handler; this wrapper
    // only counts and forwards whatever arguments it gets, hence the cast at this boundary.
    const forward = handler as (...args: unknown[]) => void;
    return ((...args: unknown[]) => {
      this.callCounts[path] = (this.callCounts[path] ?? 0) + 1;
      forward(...args);
    }) as UntypedHandleCall;
  }
}

function unimplementedHandler(method: MethodDefinition<unknown, unknown>): UntypedHandleCall {
  const error = unimplemented(`method ${method.path}`);
  if (method.responseStream) {
    return (call: ServerWritableStream<unknown, unknown>) => void call.emit('error', error);
  }
  return (_call: unknown, callback: sendUnaryData<unknown>) => callback(error);
}

/**
 * TEST DOUBLE — wire helpers of the EventStoreDB stand-in (see esdb-stand-in.ts): gRPC status
 * errors shaped like the real server's, and conversions between the client's generated protobuf
 * messages (@eventstore/db-client/generated) and the stand-in's in-memory events.
 */
import { Metadata, status } from '@grpc/grpc-js';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './event-log';

/**
 * A gRPC status to end a call with. grpc-js reads `code`, `details` and `metadata` (sent as
 * trailers) from whatever is passed to a handler's callback or emitted as the call's 'error'.
 */
export class StandInStatus extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
    readonly metadata: Metadata = new Metadata(),
  ) {
    super(details);
  }
}

/** Anything the stand-in does not model fails loudly rather than answering like a server would. */
export function unimplemented(what: string): StandInStatus {
  return new StandInStatus(
    status.UNIMPLEMENTED,
    `EventStoreDB stand-in (test double) does not implement ${what}`,
  );
}

export function invalidArgument(details: string): StandInStatus {
  return new StandInStatus(status.INVALID_ARGUMENT, `EventStoreDB stand-in: ${details}`);
}

export type InjectedFailure = 'not-leader' | 'unavailable' | 'deadline-exceeded';

/**
 * The statuses a real node or cluster answers with. The client recognises `not-leader` by the
 * `exception` trailer (status NOT_FOUND, "Leader info available", as RpcExceptions.LeaderInfo does)
 * and reconnects to the advertised leader, here the stand-in itself.
 */
export function injectedFailure(failure: InjectedFailure, leaderPort: number): StandInStatus {
  switch (failure) {
    case 'not-leader': {
      const trailers = new Metadata();
      trailers.set('exception', 'not-leader');
      trailers.set('leader-endpoint-host', '127.0.0.1');
      trailers.set('leader-endpoint-port', String(leaderPort));
      return new StandInStatus(status.NOT_FOUND, 'Leader info available', trailers);
    }
    case 'unavailable':
      return new StandInStatus(status.UNAVAILABLE, 'Server Is Not Ready (injected by the stand-in)');
    case 'deadline-exceeded':
      return new StandInStatus(status.DEADLINE_EXCEEDED, 'Deadline Exceeded (injected by the stand-in)');
  }
}

/** Normalises an error thrown inside a handler into a status; unknown errors become INTERNAL. */
export function toStatus(error: unknown): StandInStatus {
  if (error instanceof StandInStatus) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StandInStatus(status.INTERNAL, `EventStoreDB stand-in failed: ${message}`);
}

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids arrive as `UUID.string` from this client; the structured form is not implemented. */
export function eventIdOf(uuid: UUID | undefined): string {
  if (!uuid) throw invalidArgument('proposed message without an id');
  if (uuid.getValueCase() !== UUID.ValueCase.STRING)
    throw unimplemented('structured UUIDs (only UUID.string)');
  const id = uuid.getString();
  if (!UUID_PATTERN.test(id)) throw invalidArgument(`event id "${id}" is not a UUID`);
  return id.toLowerCase();
}

/**
 * A read response carrying one event, as the server shapes it: `created` in .NET ticks since the
 * Unix epoch, `type` and `content-type` in the metadata map, uint64 fields as decimal strings.
 */
export function eventResponse(event: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(readEvent);
}

/**
 * TEST DOUBLE — `event_store.client.streams.Streams/Read` of the EventStoreDB stand-in
 * (see esdb-stand-in.ts): finite reads of one stream or of `$all`, and catch-up subscriptions
 * (confirmation, stored events, caught-up, then live events; checkpoints when filtered).
 * Options it does not model end the call with UNIMPLEMENTED.
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventLog, StoredEvent } from './event-log';
import {
  eventResponse,
  invalidArgument,
  streamIdentifier,
  streamNameOf,
  toStatus,
  unimplemented,
} from './grpc-messages';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

type From = 'start' | 'end' | bigint;

interface ReadPlan {
  /** undefined: `$all`. */
  readonly streamName?: string;
  readonly from: From;
  readonly backwards: boolean;
  /** undefined: a subscription. */
  readonly count?: number;
  readonly filter?: EventFilter;
}

interface EventFilter {
  readonly matches: (event: StoredEvent) => boolean;
  readonly checkpointInterval: number;
}

/** The server's default search window (ReadBatchSize) when the filter asks for `count`. */
const DEFAULT_MAX_SEARCH_WINDOW = 32;
/** Streams only the server's system projections would fill; the stand-in runs no projections. */
const PROJECTION_STREAM_PREFIXES = ['$ce-', '$et-', '$bc-', '$category-', '$streams'];

export function handleRead(log: EventLog, subscriptions: Set<ReadCall>, call: ReadCall): void {
  try {
    const plan = planOf(call.request.getOptions());
    if (plan.count === undefined) subscribe(log, subscriptions, call, plan);
    else read(log, call, plan, plan.count);
  } catch (error) {
    call.emit('error', toStatus(error));
  }
}

function read(log: EventLog, call: ReadCall, plan: ReadPlan, count: number): void {
  const source = plan.streamName === undefined ? log.all : log.stream(plan.streamName);
  if (plan.streamName !== undefined && source === undefined) {
    // Without a compatibility control option, the server answers a missing stream this way.
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(plan.streamName));
    call.write(new ReadResp().setStreamNotFound(notFound));
    call.end();
    return;
  }
  const key = plan.streamName === undefined ? byPosition : byRevision;
  const { from, filter } = plan;
  const selected = (source ?? []).filter((event) => {
    if (filter && !filter.matches(event)) return false;
    if (from === 'start') return !plan.backwards;
    if (from === 'end') return plan.backwards;
    // Forwards from X includes X; backwards from a revision includes it, from a position does not.
    if (!plan.backwards) return key(event) >= from;
    return plan.streamName === undefined ? key(event) < from : key(event) <= from;
  });
  const ordered = plan.backwards ? selected.reverse() : selected;
  for (const event of ordered.slice(0, count)) call.write(eventResponse(event));
  call.end();
}

function subscribe(log: EventLog, subscriptions: Set<ReadCall>, call: ReadCall, plan: ReadPlan): void {
  const { streamName, from, filter } = plan;
  const inScope = (event: StoredEvent): boolean =>
    streamName === undefined ? true : event.streamName === streamName;
  const key = streamName === undefined ? byPosition : byRevision;
  let sinceCheckpoint = 0;
  const send = (event: StoredEvent): void => {
    if (!inScope(event) || call.cancelled || call.writableEnded) return;
    if (!filter) {
      call.write(eventResponse(event));
      return;
    }
    if (filter.matches(event)) call.write(eventResponse(event));
    sinceCheckpoint += 1;
    if (sinceCheckpoint >= filter.checkpointInterval) {
      sinceCheckpoint = 0;
      const position = event.position.toString();
      const checkpoint = new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position);
      call.write(new ReadResp().setCheckpoint(checkpoint));
    }
  };

  call.write(
    new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
  );
  // Catch-up and switching to live happen in one synchronous step: no append can slip between.
  // Subscriptions start after `from` (exclusive), unlike reads.
  if (from !== 'end') {
    for (const event of log.all) if (from === 'start' || key(event) > from) send(event);
  }
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.onAppend(send);
  subscriptions.add(call);
  const stop = (): void => {
    unsubscribe();
    subscriptions.delete(call);
  };
  call.on('cancelled', stop);
  call.on('error', stop);
  call.on('close', stop);
}

function byPosition(event: StoredEvent): bigint {
  return event.position;
}

function byRevision(event: StoredEvent): bigint {
  return event.revision;
}

function planOf(options: ReadReq.Options | undefined): ReadPlan {
  if (!options) throw invalidArgument('Read request without options');
  if (options.hasControlOption()) throw unimplemented('ReadReq.Options.control_option (compatibility mode)');
  if (options.getUuidOption()?.getContentCase() !== ReadReq.Options.UUIDOption.ContentCase.STRING) {
    throw unimplemented('structured UUIDs (ReadReq.Options.uuid_option must be string)');
  }
  if (options.getResolveLinks()) throw unimplemented('resolve_links (it stores no link events)');
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;

  const CountCase = ReadReq.Options.CountOptionCase;
  let count: number | undefined;
  switch (options.getCountOptionCase()) {
    case CountCase.COUNT: {
      const requested = BigInt(options.getCount());
      count = requested > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(requested);
      break;
    }
    case CountCase.SUBSCRIPTION:
      if (backwards) throw unimplemented('backwards subscriptions');
      break;
    case CountCase.COUNT_OPTION_NOT_SET:
      throw invalidArgument('Read request without count or subscription');
  }

  const filter = options.hasFilter() ? eventFilterOf(options.getFilter()) : undefined;
  const stream = options.getStream();
  if (stream) {
    if (filter) throw unimplemented('filters on stream reads (only on $all)');
    const streamName = streamNameOf(stream.getStreamIdentifier());
    if (PROJECTION_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix))) {
      throw unimplemented(`projection stream "${streamName}" (it runs no projections)`);
    }
    const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
    switch (stream.getRevisionOptionCase()) {
      case Case.START:
        return { streamName, from: 'start', backwards, count };
      case Case.END:
        return { streamName, from: 'end', backwards, count };
      case Case.REVISION:
        return { streamName, from: BigInt(stream.getRevision()), backwards, count };
      case Case.REVISION_OPTION_NOT_SET:
        throw invalidArgument('stream read without a revision option');
    }
  }
  const all = options.getAll();
  if (!all) throw invalidArgument('Read request for neither a stream nor $all');
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  switch (all.getAllOptionCase()) {
    case Case.START:
      return { from: 'start', backwards, count, filter };
    case Case.END:
      return { from: 'end', backwards, count, filter };
    case Case.POSITION:
      return { from: BigInt(all.getPosition()?.getCommitPosition() ?? '0'), backwards, count, filter };
    case Case.ALL_OPTION_NOT_SET:
      throw invalidArgument('$all read without a position option');
  }
}

/** As the server's ConvertToEventFilter: a non-empty regex wins, else the prefixes. */
function eventFilterOf(options: ReadReq.Options.FilterOptions | undefined): EventFilter {
  const Case = ReadReq.Options.FilterOptions.FilterCase;
  const onStream = options?.getFilterCase() === Case.STREAM_IDENTIFIER;
  const expression = onStream ? options?.getStreamIdentifier() : options?.getEventType();
  if (!options || !expression) throw invalidArgument('filter without stream_identifier or event_type');
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  let test: (value: string) => boolean;
  if (regex !== '') {
    const pattern = new RegExp(regex);
    test = (value) => pattern.test(value);
  } else {
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  }
  const multiplier = options.getCheckpointintervalmultiplier();
  if (multiplier === 0) throw invalidArgument('checkpointIntervalMultiplier must be greater than 0');
  const window =
    options.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX
      ? options.getMax()
      : DEFAULT_MAX_SEARCH_WINDOW;
  return {
    matches: (event) => test(onStream ? event.streamName : event.type),
    checkpointInterval: multiplier * window,
  };
}

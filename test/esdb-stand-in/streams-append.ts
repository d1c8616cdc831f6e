/**
 * TEST DOUBLE — `event_store.client.streams.Streams/Append` of the EventStoreDB stand-in
 * (see esdb-stand-in.ts). Client-streaming: one `options` message, then proposed messages; the
 * answer is `success` or `wrong_expected_version` shaped as the real server's Streams.Append does.
 */
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { Metadata, status } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EventLog, ExpectedRevision, ProposedEvent } from './event-log';
import {
  StandInStatus,
  eventIdOf,
  invalidArgument,
  streamNameOf,
  toStatus,
  unimplemented,
} from './grpc-messages';

export type AppendCall = ServerReadableStream<AppendReq, AppendResp>;

/** Collects the whole request stream (as the server does before writing), then answers. */
export function handleAppend(log: EventLog, call: AppendCall, callback: sendUnaryData<AppendResp>): void {
  const requests: AppendReq[] = [];
  call.on('data', (request: AppendReq) => requests.push(request));
  call.on('end', () => {
    try {
      callback(null, append(log, requests));
    } catch (error) {
      callback(toStatus(error));
    }
  });
}

function append(log: EventLog, requests: readonly AppendReq[]): AppendResp {
  const [header, ...messages] = requests;
  const options = header?.getOptions();
  if (!options) throw invalidArgument('the first Append message must carry the options');
  const streamName = streamNameOf(options.getStreamIdentifier());
  if (streamName.startsWith('$$')) {
    // setStreamMetadata appends to "$$<stream>"; storing it without honouring it would mislead.
    throw unimplemented(
      `stream metadata ("${streamName}": maxAge, truncateBefore and ACLs are not modelled)`,
    );
  }
  const expected = expectedRevisionOf(options);
  const events = messages.map(proposedEvent);
  return toResponse(log.append(streamName, expected, events), options);
}

function expectedRevisionOf(options: AppendReq.Options): ExpectedRevision {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'exact', revision: BigInt(options.getRevision()) };
    case Case.EXPECTED_STREAM_REVISION_NOT_SET:
      throw invalidArgument('Append options without an expected stream revision');
  }
}

function proposedEvent(request: AppendReq): ProposedEvent {
  const message = request.getProposedMessage();
  if (!message) throw invalidArgument('every Append message after the options must be a proposed message');
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    // RpcExceptions.RequiredMetadataPropertyMissing
    const missing = type === undefined ? 'type' : 'content-type';
    const trailers = new Metadata();
    trailers.set('exception', 'missing-required-metadata-property');
    trailers.set('required-metadata-properties', missing);
    throw new StandInStatus(
      status.INVALID_ARGUMENT,
      `Required metadata property ${missing} is missing`,
      trailers,
    );
  }
  return {
    id: eventIdOf(message.getId()),
    type,
    isJson: contentType === 'application/json',
    data: Uint8Array.from(message.getData_asU8()),
    customMetadata: Uint8Array.from(message.getCustomMetadata_asU8()),
  };
}

/** Both the current fields and the deprecated *_20_6_0 ones are filled, as the server does. */
function toResponse(outcome: AppendOutcome, options: AppendReq.Options): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else {
      const position = outcome.position.toString();
      success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    }
    return new AppendResp().setSuccess(success);
  }

  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) {
    wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  } else {
    wrong
      .setCurrentRevision(outcome.currentRevision.toString())
      .setCurrentRevision2060(Number(outcome.currentRevision));
  }
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
      break;
    case Case.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case Case.NO_STREAM:
      // The server also sets expected_revision_20_6_0 = ulong.MaxValue, which the generated JS
      // (a number field) cannot carry exactly; the client never reads the 20.6.0 fields.
      wrong.setExpectedNoStream(new Empty());
      break;
    case Case.REVISION:
      wrong.setExpectedRevision(options.getRevision()).setExpectedRevision2060(Number(options.getRevision()));
      break;
    case Case.EXPECTED_STREAM_REVISION_NOT_SET:
      break;
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}

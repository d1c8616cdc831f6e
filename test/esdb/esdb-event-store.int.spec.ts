import { EsdbEventStore } from '@licences/event-store-esdb';
import { runEventStoreConformance } from '@licences/event-store-conformance';
import { EsdbStandIn } from '../esdb-stand-in/esdb-stand-in';

/*
 * The event-store conformance suite against the EventStoreDB adapter, through the real
 * @eventstore/db-client. Without EVENTSTORE_CONNECTION_STRING it talks gRPC to the in-process
 * stand-in server (a test double: no EventStoreDB server can run on this machine); with it, to a
 * real server or cluster, e.g. the compose stack in deploy/compose.
 */
const realServer = process.env['EVENTSTORE_CONNECTION_STRING'];

runEventStoreConformance(
  realServer ? 'EventStoreDB (real server)' : 'EventStoreDB (gRPC stand-in)',
  async () => {
    if (realServer) {
      let store = EsdbEventStore.connect({ connectionString: realServer });
      return {
        store,
        freshStorage: false,
        reopen: async () => {
          await store.close();
          store = EsdbEventStore.connect({ connectionString: realServer });
          return store;
        },
        dispose: () => store.close(),
      };
    }
    const standIn = await EsdbStandIn.start();
    let store = EsdbEventStore.connect({
      connectionString: standIn.connectionString,
      resubscribeDelayMs: 20,
    });
    // A real server always holds some system events; the adapter must never show them.
    standIn.appendSystemEvent('$settings', '$settings');
    return {
      store,
      reopen: async () => {
        await store.close();
        store = EsdbEventStore.connect({
          connectionString: standIn.connectionString,
          resubscribeDelayMs: 20,
        });
        return store;
      },
      dispose: async () => {
        await store.close();
        await standIn.stop();
      },
    };
  },
);

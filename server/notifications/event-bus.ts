// The event bus subscriber: publishes every committed event, in commit order, to a NATS JetStream
// stream (created if missing) under `<prefix>.<streamType>.<eventType>`, with the event id as the
// message id (Nats-Msg-Id). A batch is published pipelined on one connection (JetStream stores it
// in that order) and the checkpoint moves only after every acknowledgement; after a crash the
// unacknowledged tail is published again and JetStream drops the duplicates (window: 1 hour).
import 'server-only';
import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { logger } from '../log';
import { recordBusPublished } from '../metrics';
import type { Subscriber } from './subscribers/types';
import { feedEvent } from './webhooks/subscriber';

export interface EventBusOptions {
  url: string;
  stream: string;
  subjectPrefix: string;
  /** Name of the subscriber (its checkpoint); tests run several buses against one database. */
  name?: string;
}

const DUPLICATE_WINDOW_MS = 60 * 60_000;

export function createEventBusSubscriber(options: EventBusOptions): Subscriber & { close(): Promise<void> } {
  const log = logger('event-bus');
  let connection: { nc: NatsConnection; js: JetStreamClient } | null = null;

  async function connected(): Promise<JetStreamClient> {
    if (connection && !connection.nc.isClosed()) return connection.js;
    const nc = await connect({
      servers: options.url,
      name: 'leasebook',
      timeout: 5_000,
      maxReconnectAttempts: -1,
    });
    const jsm = await jetstreamManager(nc);
    try {
      await jsm.streams.info(options.stream);
    } catch {
      await jsm.streams.add({
        name: options.stream,
        subjects: [`${options.subjectPrefix}.>`],
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
      log.info({ stream: options.stream }, 'created the JetStream stream');
    }
    connection = { nc, js: jetstream(nc) };
    return connection.js;
  }

  return {
    name: options.name ?? 'event-bus',
    startAt: 'beginning',
    afterProjections: false,
    async handleBatch(_tx, events) {
      const js = await connected();
      const acks = events.map((event) =>
        js.publish(
          `${options.subjectPrefix}.${event.streamType}.${event.eventType}`,
          JSON.stringify(feedEvent(event)),
          {
            msgID: event.eventId,
            timeout: 10_000,
          },
        ),
      );
      // Every publish is in flight before the first ack is awaited; all must be stored to move on.
      const settled = await Promise.allSettled(acks);
      const failure = settled.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
      recordBusPublished(events.length);
    },
    async close() {
      const nc = connection?.nc;
      connection = null;
      await nc?.drain().catch(() => {});
    },
  };
}

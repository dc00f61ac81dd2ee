// The event bus subscriber against the NATS JetStream server on 127.0.0.1:4222 (skipped, with the
// reason, when none answers): every committed event once, in commit order, with the event id as
// message id, also when a batch is published twice (a crash between publish and checkpoint).
import net from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@/server/db/client';
import { createEventStore, type EventStore } from '@/server/eventstore';
import { createEventBusSubscriber } from '@/server/notifications/event-bus';
import { createSubscriberRunner } from '@/server/notifications/subscribers/runner';
import { freshDatabase, type TestDatabase } from '../support/db';
import { newStreamId, systemMetadata, things } from '../support/fixtures';

const NATS_URL = 'nats://127.0.0.1:4222';

function natsAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(4222, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

// Skipped only when no NATS server listens on 127.0.0.1:4222 (start one with `nats-server -js`).
const available = await natsAnswers();

describe.skipIf(!available)('event bus (NATS JetStream on 127.0.0.1:4222)', () => {
  let database: TestDatabase;
  let store: EventStore;
  let nc: NatsConnection;
  const suffix = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const stream = `LB_INT_${suffix}`;
  const prefix = `lbint${suffix}`;

  beforeAll(async () => {
    database = await freshDatabase();
    store = createEventStore(database.db);
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => {});
    await nc.drain();
    await database.close();
  });

  async function streamMessages(): Promise<{ msgId: string; subject: string; seq: number }[]> {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const found: { msgId: string; subject: string; seq: number }[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (!message) continue;
      found.push({ msgId: message.header?.get('Nats-Msg-Id') ?? '', subject: message.subject, seq });
    }
    return found;
  }

  it('publishes every event once, in commit order, even when batches are published again', async () => {
    const streams = Array.from({ length: 20 }, () => newStreamId('thing'));
    for (const streamId of streams) {
      await store.append(streamId, things(100), { expectedVersion: 0, metadata: systemMetadata });
    }
    const bus = createEventBusSubscriber({ url: NATS_URL, stream, subjectPrefix: prefix });
    const runner = createSubscriberRunner(store, [bus], { batchSize: 250 });
    const started = performance.now();
    await runner.catchUp();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `event bus: 2,000 events published in ${seconds.toFixed(2)} s = ${Math.round(2000 / seconds)} events/s`,
    );

    // A crash after publishing but before the checkpoint moved: the next run publishes again.
    await database.db.execute(
      sql`UPDATE projection_checkpoints SET tx_id = '0'::xid8, global_position = 0 WHERE name = 'subscriber:event-bus'`,
    );
    await runner.catchUp();
    await bus.close();

    const committed = await rows<{ event_id: string; stream_type: string; event_type: string }>(
      database.db,
      sql`SELECT event_id::text AS event_id, stream_type, event_type FROM events ORDER BY tx_id, global_position`,
    );
    const published = await streamMessages();
    expect(published.map((m) => m.msgId)).toEqual(committed.map((e) => e.event_id));
    expect(published[0]?.subject).toBe(`${prefix}.${committed[0]?.stream_type}.${committed[0]?.event_type}`);
    const [health] = await runner.health();
    expect(health).toMatchObject({ name: 'event-bus', status: 'ok', lagEvents: 0 });
  });
});

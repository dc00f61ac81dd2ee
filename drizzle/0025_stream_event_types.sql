ALTER TABLE "streams" ADD COLUMN "event_types" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- The streams written so far (one pass over the log; a few seconds at a million events).
UPDATE "streams" s SET "event_types" = t.types
  FROM (SELECT stream_id, array_agg(DISTINCT event_type ORDER BY event_type) AS types FROM events GROUP BY stream_id) t
  WHERE t.stream_id = s.stream_id;--> statement-breakpoint
-- The append (0007) now also keeps the stream's event types, sorted and distinct.
CREATE OR REPLACE FUNCTION leasebook_append(
  p_stream_id text,
  p_stream_type text,
  p_expected_version integer,
  p_previous_hash text,
  p_recorded_at timestamptz,
  p_events jsonb,
  p_command_id text,
  p_request_hash text,
  p_result jsonb,
  p_reply jsonb
) RETURNS TABLE (
  outcome text,
  current_version integer,
  positions bigint[],
  tx_id text,
  stored_result jsonb,
  stored_reply jsonb
)
LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
  v_hash text;
  v_request_hash text;
  v_result jsonb;
  v_reply jsonb;
  v_positions bigint[];
  v_count integer := jsonb_array_length(p_events);
BEGIN
  -- Lock the stream row, creating it for a new stream: writers on one stream queue here.
  INSERT INTO streams AS s (stream_id, stream_type, version, last_hash, last_recorded_at)
    VALUES (p_stream_id, p_stream_type, 0, '', 'epoch')
    ON CONFLICT (stream_id) DO UPDATE SET stream_id = s.stream_id
    RETURNING s.version, s.last_hash INTO v_version, v_hash;

  IF p_command_id IS NOT NULL THEN
    -- Checked under the stream lock, so a concurrent duplicate on this stream is seen here.
    SELECT c.request_hash, c.result, c.reply INTO v_request_hash, v_result, v_reply
      FROM processed_commands c WHERE c.command_id = p_command_id;
    IF FOUND THEN
      outcome := CASE WHEN v_request_hash = p_request_hash THEN 'duplicate' ELSE 'reused' END;
      current_version := v_version;
      stored_result := v_result;
      stored_reply := v_reply;
      RETURN NEXT;
      RETURN;
    END IF;
  END IF;

  IF v_version <> p_expected_version OR v_hash <> p_previous_hash THEN
    outcome := 'conflict';
    current_version := v_version;
    RETURN NEXT;
    RETURN;
  END IF;

  IF p_command_id IS NOT NULL THEN
    -- The same id racing on another stream: the unique key waits for it; if it committed, answer
    -- as a duplicate (nothing of ours is written yet).
    INSERT INTO processed_commands (command_id, stream_id, request_hash, result, reply)
      VALUES (p_command_id, p_stream_id, p_request_hash, '{}'::jsonb, p_reply)
      ON CONFLICT (command_id) DO NOTHING;
    IF NOT FOUND THEN
      SELECT c.request_hash, c.result, c.reply INTO v_request_hash, v_result, v_reply
        FROM processed_commands c WHERE c.command_id = p_command_id;
      outcome := CASE WHEN v_request_hash = p_request_hash THEN 'duplicate' ELSE 'reused' END;
      current_version := v_version;
      stored_result := v_result;
      stored_reply := v_reply;
      RETURN NEXT;
      RETURN;
    END IF;
  END IF;

  WITH inserted AS (
    INSERT INTO events
      (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at, hash)
    SELECT p_stream_id, p_stream_type, p_expected_version + e.ordinality::integer, (e.value->>'eventId')::uuid,
      e.value->>'eventType', (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata',
      p_recorded_at, e.value->>'hash'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ordinality)
    ORDER BY e.ordinality
    RETURNING global_position, version
  )
  SELECT array_agg(global_position ORDER BY version) INTO v_positions FROM inserted;

  UPDATE streams
    SET version = p_expected_version + v_count,
        last_hash = p_events->(v_count - 1)->>'hash',
        last_recorded_at = p_recorded_at,
        event_types = ARRAY(SELECT DISTINCT t FROM unnest(event_types || ARRAY(
          SELECT e->>'eventType' FROM jsonb_array_elements(p_events) AS e)) AS t ORDER BY t)
    WHERE stream_id = p_stream_id;

  IF p_command_id IS NOT NULL THEN
    UPDATE processed_commands
      SET result = p_result || jsonb_build_object(
        'positions', to_jsonb(v_positions), 'txId', pg_current_xact_id()::text)
      WHERE command_id = p_command_id;
  END IF;

  outcome := 'appended';
  current_version := p_expected_version + v_count;
  positions := v_positions;
  tx_id := pg_current_xact_id()::text;
  RETURN NEXT;
END;
$$;

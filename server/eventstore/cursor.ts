// Opaque cursors over the global commit order (tx_id, global_position).
import { EventStoreInputError } from './errors';

export interface LogPosition {
  txId: string;
  globalPosition: number;
}

const START: LogPosition = { txId: '0', globalPosition: 0 };

export function encodeCursor(position: LogPosition): string {
  return Buffer.from(`v1:${position.txId}:${position.globalPosition}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): LogPosition {
  if (cursor === undefined || cursor === null || cursor === '') return START;
  const match = /^v1:(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) throw new EventStoreInputError('invalid_cursor', 'The cursor is not valid.');
  return { txId: match[1], globalPosition: Number(match[2]) };
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  const ta = BigInt(a.txId);
  const tb = BigInt(b.txId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

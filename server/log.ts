// Structured JSON logs (pino). One logger; modules take a child with their name.
import 'server-only';
import pino from 'pino';
import { env } from './env';

const ROOT = Symbol.for('leasebook.logger');
type Holder = { [ROOT]?: pino.Logger };

export function logger(module?: string): pino.Logger {
  const holder = globalThis as Holder;
  if (!holder[ROOT]) {
    holder[ROOT] = pino({ level: env().LOG_LEVEL, base: { app: 'leasebook' } });
  }
  return module ? holder[ROOT].child({ module }) : holder[ROOT];
}

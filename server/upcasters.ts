// Every upcaster the app registers, from each aggregate's events module.
import type { Upcaster } from './eventstore/upcasters';

export const appUpcasters: readonly Upcaster[] = [];

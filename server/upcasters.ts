// Every upcaster the app registers: the domain's registry gathers each aggregate's.
import { allUpcasters } from './domain/registry';
import type { Upcaster } from './eventstore/upcasters';

export const appUpcasters: readonly Upcaster[] = allUpcasters;

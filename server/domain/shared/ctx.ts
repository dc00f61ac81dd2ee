// What a decider may know about the world: the clock and a source of fresh ids.
// Deciders never read the system clock or generate ids themselves, so tests can pin both.

export type Ctx = {
  /** The instant the command is decided; calendar dates derive from it in UTC. */
  now: Date;
  /** A fresh UUID for every call. */
  newId: () => string;
};

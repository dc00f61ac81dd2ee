// Compile-time exhaustiveness for switches over unions: adding a command or event type
// without handling it becomes a type error instead of a silent fall-through.

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

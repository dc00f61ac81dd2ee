// Vitest runs outside the React server runtime; `server-only` would throw there.
export {};

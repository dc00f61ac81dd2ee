// Shared building blocks of the pure domain: errors, context, money, dates, event shapes.
export { assertNever } from './assert-never';
export type { Ctx } from './ctx';
export * from './dates';
export * from './errors';
export * from './event';
export * from './money';
export * from './validate';

// Public entry of the order-set contract: schema, types, JSON Schema, unit helpers, scheduler, clinical facts and diff, and their text (no Langium inside).
export * from './schema.js';
export * from './schedule-schema.js';
export * from './json-schema.js';
export * from './check-schema.js';
export * from './units.js';
export { CONVERSION_TOLERANCE, compareWithTolerance } from '../vocabulary/tolerance.js';
export { durationInDays } from '../vocabulary/time-units.js';
export * from './conditions.js';
export * from './schedule/index.js';
export * from './scenario.js';
export * from './text/index.js';
export * from './clinical-facts.js';
export * from './diff.js';
export * from './diff-report.js';

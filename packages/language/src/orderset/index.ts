// Public entry of the order-set contract: schema, types, JSON Schema, unit helpers, scheduler and clinical diff (no Langium inside).
export * from './schema.js';
export * from './schedule-schema.js';
export * from './json-schema.js';
export * from './units.js';
export { CONVERSION_TOLERANCE, compareWithTolerance } from '../vocabulary/tolerance.js';
export { durationInDays } from '../vocabulary/time-units.js';
export * from './conditions.js';
export * from './schedule/index.js';
export * from './scenario.js';
export * from './diff.js';
export * from './diff-report.js';

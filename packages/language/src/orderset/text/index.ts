// Human-readable text of order sets, and HTML and Markdown escaping: the one home every report, document and narrative uses (no Langium inside).
export * from './numbers.js';
export * from './units.js';
export * from './durations.js';
export * from './conditions.js';
export * from './orders.js';
export * from './monitoring.js';
export * from './schedule.js';
export * from './infusion.js';
export * from './lines.js';
export * from './html.js';
export * from './markdown.js';
export * from './deviations.js';
export * from './schedule-notices.js';
export * from './before-dose.js';
export * from './timeline.js';

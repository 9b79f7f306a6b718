// The scheduler's public entry: dates, the input contract, dose calculation and the schedule of one patient.
export { addDays, daysBetween, IsoDate, isIsoDate } from './dates.js';
export { DEFAULT_SCHEDULE_HORIZON_DAYS, PatientInputs, ScheduleInputError, TimelineEvent, type ScheduleRequest } from './input.js';
export { bodySurfaceArea, computeDose } from './dose.js';
export { computeSchedule } from './scheduler.js';

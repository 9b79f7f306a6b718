// Monitoring after a dose in human-readable order-set text: "inpatient 48 hours", "outpatient, observe 6 to 8 hours",
// "outpatient: daily phone call", with what is watched: "inpatient 48 hours (vital signs every 4 hours; ICE score every 12 hours)".
import type { Duration, MonitoringWatch, ObservationPeriod } from '../schema.js';
import { durationOrRangeText, durationText } from './durations.js';

/** Monitoring after a dose: inpatient for a duration, or outpatient with an optional observation time and note; what is watched. */
export type MonitoringFacts = ({ setting: 'inpatient'; duration: Duration } | { setting: 'outpatient'; observe?: ObservationPeriod; note?: string })
    & { watch?: MonitoringWatch[] };

/** One thing watched during monitoring: "vital signs every 4 hours". */
export function monitoringWatchText(watch: MonitoringWatch): string {
    return watch.frequency ? `${watch.text} ${watch.frequency.text}` : watch.text;
}

/** The one reading of monitoring in every output: "inpatient 48 hours", "outpatient", "outpatient: note", then what is watched. */
export function monitoringText(monitoring: MonitoringFacts): string {
    const base = monitoring.setting === 'inpatient' ? `inpatient ${durationText(monitoring.duration)}`
        : `outpatient${monitoring.observe ? `, observe ${durationOrRangeText(monitoring.observe.min, monitoring.observe.max)}` : ''}${monitoring.note ? `: ${monitoring.note}` : ''}`;
    return monitoring.watch ? `${base} (${monitoring.watch.map(monitoringWatchText).join('; ')})` : base;
}

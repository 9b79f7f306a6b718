// Monitoring after a dose in human-readable order-set text: "inpatient 48 hours", "outpatient: daily phone call".
import type { Duration } from '../schema.js';
import { durationText } from './durations.js';

/** Monitoring after a dose: inpatient for a duration, or outpatient with an optional note. */
export type MonitoringFacts = { setting: 'inpatient'; duration: Duration } | { setting: 'outpatient'; note?: string };

/** The one reading of monitoring in every output: "inpatient 48 hours", "outpatient", "outpatient: note". */
export function monitoringText(monitoring: MonitoringFacts): string {
    return monitoring.setting === 'inpatient' ? `inpatient ${durationText(monitoring.duration)}`
        : `outpatient${monitoring.note ? `: ${monitoring.note}` : ''}`;
}

// Lab thresholds of conditions (holds, supportive care, variants, panels) against the observation's plausible range and the IMWG thresholds.
import type { ValidationAcceptor } from 'langium';
import type { ObservationCondition } from '../grammar/generated/ast.js';
import {
    observationDecisionThresholds, observationDefinition, observationPlausibleRange, type DecisionThresholdReference
} from '../knowledge/knowledge-base.js';
import { convertUnit } from '../orderset/units.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';
import { formatNumber, numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';

/** A threshold this many times above or below every guideline threshold of its direction is a decimal or unit slip. */
const SCALE_SLIP_FACTOR = 10;

/** The threshold of a condition in its observation's own unit; undefined when the observation, unit or number is unknown (other checks report those). */
function thresholdInObservationUnit(condition: ObservationCondition): number | undefined {
    const definition = observationDefinition(condition.observation);
    const value = numberOf(condition.value);
    const unit = condition.unit === undefined ? undefined : translateUnit(condition.unit);
    if (!definition || value === undefined || !unit) return undefined;
    return convertUnit(value, unit.ucum, definition.unit);
}

/** The plausible range of the observation when `value` (in its unit) lies outside it. */
function violatedRange(observation: string, value: number) {
    const range = observationPlausibleRange(observation);
    if (!range || ((range.low === undefined || value >= range.low) && (range.high === undefined || value <= range.high))) return undefined;
    return range;
}

/**
 * A threshold outside the observation's plausible range (OHDSI data-quality bounds) cannot be a measurement in that
 * unit: an error with the range, what it means and its source. Observations without a range are not compared.
 */
export function checkThresholdPlausible(condition: ObservationCondition, accept: ValidationAcceptor): void {
    const value = thresholdInObservationUnit(condition);
    const range = value === undefined ? undefined : violatedRange(condition.observation, value);
    if (!range) return;
    const unit = observationDefinition(condition.observation)!.displayUnit;
    const bounds = range.low === undefined ? `at most ${formatNumber(range.high!)} ${unit}`
        : range.high === undefined ? `at least ${formatNumber(range.low)} ${unit}`
        : `${formatNumber(range.low)} to ${formatNumber(range.high)} ${unit}`;
    accept('error', `${condition.observation} ${condition.op} ${condition.value} ${condition.unit} is outside the plausible range of ${condition.observation} (${bounds}): no measurement in this unit has that value, so the threshold is most likely a unit or scale slip; the range is a data-quality bound, far wider than the normal range (source: ${range.source}).`, {
        node: condition, property: 'value', ...diagnostic(Codes.implausibleThreshold)
    });
}

/**
 * A threshold ten times above or below every IMWG 2024 threshold of its direction (ANC < 5 for the hold at ANC < 0.5,
 * IgG < 4000 mg/dL for IVIG at IgG < 400) is a decimal or unit slip: an error naming the nearest guideline threshold.
 */
export function checkThresholdScale(condition: ObservationCondition, accept: ValidationAcceptor): void {
    const value = thresholdInObservationUnit(condition);
    // An implausible threshold is reported as such (checkThresholdPlausible), not twice.
    if (value === undefined || value <= 0 || violatedRange(condition.observation, value)) return;
    const all = observationDecisionThresholds(condition.observation);
    const direction = condition.op.startsWith('<') ? '<' : condition.op.startsWith('>') ? '>' : undefined;
    const sameDirection = all.filter((t) => t.comparator === direction);
    const candidates = sameDirection.length > 0 ? sameDirection : all;
    if (candidates.length === 0) return;
    const factor = (t: DecisionThresholdReference) => Math.max(value / t.value, t.value / value);
    const nearest = candidates.reduce((best, t) => (factor(t) < factor(best) ? t : best));
    if (factor(nearest) < SCALE_SLIP_FACTOR) return;
    const unit = observationDefinition(condition.observation)!.displayUnit;
    const how = value > nearest.value ? 'times the' : 'times below the';
    accept('error', `${condition.observation} ${condition.op} ${condition.value} ${condition.unit} is ${formatNumber(Math.round(factor(nearest) * 10) / 10)} ${how} IMWG 2024 threshold ${condition.observation} ${nearest.comparator} ${formatNumber(nearest.value)} ${unit} (${nearest.description}): a decimal or unit slip? (source: ${nearest.source}).`, {
        node: condition, property: 'value', ...diagnostic(Codes.thresholdScaleSlip)
    });
}

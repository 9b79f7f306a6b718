// Checks the timeline's lab events against the order set and writes their units in UCUM: an event the scheduler cannot read is bad input, never skipped.
import { translateUnit } from '../../vocabulary/unit-spellings.js';
import type { OrderSet } from '../schema.js';
import { commensurable } from '../units.js';
import { forEachObject } from '../walk.js';
import { ScheduleInputError, type TimelineEvent } from './input.js';

/** The units each observation is compared in: its required-input unit and the unit of every condition on it. */
function comparisonUnits(orderSet: OrderSet): Map<string, Set<string>> {
    const units = new Map<string, Set<string>>();
    const add = (observation: string, unit: string | undefined) => {
        if (unit === undefined) return;
        const set = units.get(observation) ?? new Set<string>();
        set.add(unit);
        units.set(observation, set);
    };
    for (const input of orderSet.requiredInputs) add(input.name, input.unit);
    // Every observation condition anywhere in the order set (holds, variants, phases, supportive care, ...).
    forEachObject(orderSet, (record) => {
        if (record.type === 'observation' && typeof record.observation === 'string') add(record.observation, record.unit as string | undefined);
    });
    return units;
}

/**
 * The events with each lab unit written in UCUM (`x10^9/L`, `G/L` and `/mcL` are spelled as protocols may spell them).
 * A lab event on an observation the protocol does not require, or in a unit that cannot be converted to the unit
 * the protocol compares it in, is a ScheduleInputError naming the event by its position in the list (1 = first).
 */
export function readableEvents(events: readonly TimelineEvent[], orderSet: OrderSet): TimelineEvent[] {
    const required = orderSet.requiredInputs.map((i) => i.name);
    const units = comparisonUnits(orderSet);
    return events.map((event, index) => {
        if (event.type !== 'lab') return event;
        const where = `event ${index + 1} (${event.date}, ${event.observation} ${event.value} ${event.unit})`;
        if (!required.includes(event.observation)) {
            throw new ScheduleInputError(`${where}: the protocol does not use '${event.observation}' (inputs: ${required.join(', ')})`);
        }
        const ucum = translateUnit(event.unit)?.ucum;
        if (ucum === undefined) throw new ScheduleInputError(`${where}: '${event.unit}' is not a unit Titra knows (UCUM)`);
        const inconvertible = [...(units.get(event.observation) ?? [])].filter((unit) => !commensurable(ucum, unit));
        if (inconvertible.length > 0) {
            throw new ScheduleInputError(`${where}: '${event.unit}' cannot be converted to ${inconvertible.join(', ')}, the unit the protocol compares ${event.observation} in`);
        }
        return { ...event, unit: ucum };
    });
}

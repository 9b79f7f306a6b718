// The titra.schedule/1 contract: the example scenarios' schedules satisfy its checked-in JSON Schema (orderset-schema.test.ts compares it with the zod definition).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { contractValidator } from '#test-support/contract-validator.js';
import { computeSchedule, OrderSet, Scenario, SCHEDULE_FORMAT, SCHEDULE_SCHEMA_FILE } from '../src/orderset/index.js';

const checkedIn = JSON.parse(readFileSync(new URL(`../schema/${SCHEDULE_SCHEMA_FILE}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const scenarioFolder = new URL('../../../examples/scenarios/', import.meta.url);
const goldenFolder = new URL('../../../examples/golden/', import.meta.url);
const scenarios = readdirSync(scenarioFolder).filter((f) => f.endsWith('.scenario.json')).map((file) => {
    const scenario = Scenario.parse(JSON.parse(readFileSync(new URL(file, scenarioFolder), 'utf8')));
    // The scenarios name their .titra protocol; its compiled order set is the golden file of the same name.
    const golden = new URL(`${path.basename(scenario.protocol, '.titra')}.orderset.json`, goldenFolder);
    return { file, scenario, orderSet: OrderSet.parse(JSON.parse(readFileSync(golden, 'utf8'))) };
});

describe('schedule JSON Schema', () => {
    test('the example scenarios are loaded', () => {
        expect(scenarios.length).toBeGreaterThanOrEqual(14);
    });

    test.each(scenarios)('the schedule of $file satisfies the checked-in schema', ({ scenario, orderSet }) => {
        const validate = contractValidator(checkedIn);
        const schedule = computeSchedule({ orderSet, patient: scenario.patient, start: scenario.start, until: scenario.until, events: scenario.events });
        expect(schedule.format).toBe(SCHEDULE_FORMAT);
        expect(validate(schedule), JSON.stringify(validate.errors)).toBe(true);
    });

    test('a schedule with a key the contract does not have fails the checked-in schema', () => {
        const validate = contractValidator(checkedIn);
        const { scenario, orderSet } = scenarios.find((s) => (s.scenario.expect.administrations?.length ?? 0) > 0)!;
        const schedule = computeSchedule({ orderSet, patient: scenario.patient, start: scenario.start, until: scenario.until, events: scenario.events });
        expect(schedule.administrations.length).toBeGreaterThan(0);
        expect(validate({ ...schedule, administrations: schedule.administrations.map((a) => ({ ...a, extra: true })) })).toBe(false);
    });
});

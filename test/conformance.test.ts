// The conformance kit (conformance/): Titra's own scheduler gives each case's expected calendar, as any consumer of titra.orderset/1 must.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { contractValidator } from '#test-support/contract-validator.js';
import { repository } from '#test-support/titra-process.js';
import { computeSchedule, IsoDate, OrderSet, PatientInputs, ScheduleInputError, TimelineEvent, type Schedule } from '../packages/language/src/orderset/index.js';

const caseFolder = path.join(repository, 'conformance/cases');
const semantics = readFileSync(path.join(repository, 'packages/language/schema/titra.orderset-1.semantics.md'), 'utf8');
const validateOrderSet = contractValidator(JSON.parse(readFileSync(path.join(repository, 'packages/language/schema/titra.orderset-1.schema.json'), 'utf8')) as Record<string, unknown>);

/** A conformance case as conformance/README.md describes it. */
const ConformanceCase = z.object({
    name: z.string().min(1),
    rule: z.string().regex(/^#[a-z0-9-]+$/),
    orderSet: z.string().min(1),
    patient: PatientInputs,
    start: IsoDate,
    until: IsoDate,
    events: z.array(TimelineEvent),
    expected: z.record(z.string(), z.unknown())
}).strict();

/** The part of a schedule every consumer must agree on (conformance/README.md): days, doses, amounts, holds, panel medications, supportive periods. */
function calendar(schedule: Schedule): Record<string, unknown> {
    const amount = (a: { value: number; unit: string; capped: boolean }) => ({ value: a.value, unit: a.unit, capped: a.capped });
    return {
        administrations: schedule.administrations.map((a) => ({ date: a.date, dose: a.dose, amount: amount(a.amount) })),
        holds: schedule.holds.map((h) => ({ rule: h.rule, from: h.from, to: h.to ?? null, discontinued: h.discontinued })),
        panelOrders: schedule.panelOrders.map((p) => ({
            date: p.date, panel: p.panel, grade: p.grade,
            medications: p.orders.filter((o) => o.amount).map((o) => ({ order: o.id, ...amount(o.amount!) }))
        })),
        supportiveCare: schedule.supportiveCare.map((s) => ({ id: s.id, from: s.from, to: s.to ?? null }))
    };
}

const cases = readdirSync(caseFolder).filter((f) => f.endsWith('.case.json')).sort().map((file) => {
    const location = path.join(caseFolder, file);
    return { file, location, conformance: ConformanceCase.parse(JSON.parse(readFileSync(location, 'utf8'))) };
});

describe('conformance kit', () => {
    test('the kit has its cases', () => {
        expect(cases.length).toBeGreaterThanOrEqual(14);
    });

    test.each(cases)('$file', ({ location, conformance }) => {
        expect(semantics, `${conformance.rule} is a section of the semantics document`).toContain(`<a id="${conformance.rule.slice(1)}"></a>`);
        const orderSetJson = JSON.parse(readFileSync(path.resolve(path.dirname(location), conformance.orderSet), 'utf8')) as unknown;
        expect(validateOrderSet(orderSetJson), JSON.stringify(validateOrderSet.errors)).toBe(true);
        const request = { orderSet: OrderSet.parse(orderSetJson), patient: conformance.patient, start: conformance.start, until: conformance.until, events: conformance.events };
        let actual: Record<string, unknown>;
        try {
            actual = calendar(computeSchedule(request));
        } catch (error) {
            if (!(error instanceof ScheduleInputError)) throw error;
            actual = { inputError: true };
        }
        if (process.env.UPDATE_CONFORMANCE) {
            writeFileSync(location, `${JSON.stringify({ ...conformance, expected: actual }, null, 2)}\n`);
        }
        expect(actual).toEqual(conformance.expected);
    });
});

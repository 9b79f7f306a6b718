// Dose changes ordered by toxicity grades ('reduce to', 'extend interval to'): compiled orders, text, layout and their effect on later doses.
import { describe, expect, test } from 'vitest';
import { formatTitraText } from '../src/lsp/formatter.js';
import { computeSchedule, type OrderSet, type TimelineEvent } from '../src/orderset/index.js';
import { orderText } from '../src/orderset/text/index.js';
import { compileSnippet, services } from '#test-support/language-services.js';

const PROTOCOL = `protocol T "Test protocol" {
  version 1.0.0
  status draft
  agent talquetamab route subcut dose-basis actual-weight
  requires weight
  step-up {
    dose SUD1 0.01 mg/kg day 1
    dose TD1 0.8 mg/kg day 4
  }
  maintenance {
    phase Q2W 0.8 mg/kg every 2 weeks after TD1
  }
  toxicity oral "Oral toxicity" grading CTCAE-v5 {
    grade 2: reduce to 0.4 mg/kg every 2 weeks until resolved
    grade 3: hold next dose; extend interval to 4 weeks
  }
}
`;

function doses(orderSet: OrderSet, events: TimelineEvent[]) {
    const schedule = computeSchedule({ orderSet, patient: { weight: 70, flags: [] }, start: '2026-12-01', until: '2027-03-31', events });
    return { schedule, rows: schedule.administrations.map((a) => [a.date, a.amount.value, a.doseChange]) };
}

describe('dose changes in a toxicity panel', () => {
    test('compile to dosing orders with the new dose, interval and duration, and read back as written', async () => {
        const [grade2, grade3] = (await compileSnippet(PROTOCOL)).panels[0].grades;
        expect(grade2.orders[0]).toMatchObject({
            id: 'panel.toxicity.oral.g2.change-dose', type: 'dosing', action: 'change-dose',
            dose: { value: 0.4, unit: 'mg/kg', per: 'kg' }, interval: { value: 2, unit: 'wk' }, untilResolved: true
        });
        expect(grade3.orders.map((o) => orderText(o))).toEqual(['hold next dose', 'extend interval to 4 weeks']);
        expect(orderText(grade2.orders[0])).toBe('reduce to 0.4 mg/kg every 2 weeks until resolved');
        expect(formatTitraText(services.Titra, PROTOCOL)).toEqual({ ok: true, text: PROTOCOL });
    });

    test('a reduction applies to the maintenance doses from the grade report until the toxicity resolves', async () => {
        const { schedule, rows } = doses(await compileSnippet(PROTOCOL), [
            { date: '2026-12-20', type: 'toxicity', toxicity: 'oral', grade: 2 },
            { date: '2027-01-20', type: 'toxicity', toxicity: 'oral', grade: 0 }
        ]);
        expect(rows.slice(0, 6)).toEqual([
            ['2026-12-01', 0.7, undefined], ['2026-12-04', 56, undefined], ['2026-12-18', 56, undefined],
            ['2027-01-01', 28, 'panel.toxicity.oral.g2.change-dose'], ['2027-01-15', 28, 'panel.toxicity.oral.g2.change-dose'],
            ['2027-01-29', 56, undefined]
        ]);
        expect(schedule.decisions.filter((d) => d.kind === 'dose-change')).toEqual([{
            date: '2027-01-01', kind: 'dose-change', rule: 'panel.toxicity.oral.g2.change-dose',
            message: 'reduce to 0.4 mg/kg every 2 weeks until resolved (ordered 2026-12-20, resolved 2027-01-20)'
        }]);
    });

    test('an interval extension without "until resolved" spaces every later maintenance dose; step-up doses keep their dose', async () => {
        const { rows } = doses(await compileSnippet(PROTOCOL), [
            { date: '2026-12-02', type: 'toxicity', toxicity: 'oral', grade: 3 },
            { date: '2026-12-03', type: 'toxicity', toxicity: 'oral', grade: 0 }
        ]);
        expect(rows.map((r) => r[0])).toEqual(['2026-12-01', '2026-12-04', '2026-12-18', '2027-01-15', '2027-02-12', '2027-03-12']);
        expect(rows[1]).toEqual(['2026-12-04', 56, undefined]);
    });

    test('"hold next dose" holds every dose from the grade report until the toxicity is reported resolved', async () => {
        const { schedule, rows } = doses(await compileSnippet(PROTOCOL), [
            { date: '2026-12-10', type: 'toxicity', toxicity: 'oral', grade: 3 },
            { date: '2027-01-05', type: 'toxicity', toxicity: 'oral', grade: 0 }
        ]);
        // Q2W 2026-12-18 and 2027-01-01 fall inside the hold; the next dose is given the day it resolves, then every 4 weeks.
        expect(rows.map((r) => r[0]).slice(0, 5)).toEqual(['2026-12-01', '2026-12-04', '2027-01-05', '2027-02-02', '2027-03-02']);
        expect(schedule.holds).toEqual([{ rule: 'panel.toxicity.oral.g3.hold-next-dose', from: '2026-12-18', to: '2027-01-05', discontinued: false, orders: [] }]);
    });

    test('"hold next dose" without a resolution holds every later dose to the horizon', async () => {
        const { schedule, rows } = doses(await compileSnippet(PROTOCOL), [{ date: '2026-12-10', type: 'toxicity', toxicity: 'oral', grade: 3 }]);
        expect(rows.map((r) => r[0])).toEqual(['2026-12-01', '2026-12-04']);
        expect(schedule.holds).toEqual([{ rule: 'panel.toxicity.oral.g3.hold-next-dose', from: '2026-12-18', discontinued: false, orders: [] }]);
    });

    test('"discontinue permanently" in a panel ends the course at the grade report', async () => {
        const protocol = PROTOCOL.replace('grade 3: hold next dose; extend interval to 4 weeks', 'grade 3: hold next dose; extend interval to 4 weeks\n    grade 4: discontinue permanently');
        const { schedule, rows } = doses(await compileSnippet(protocol), [{ date: '2026-12-10', type: 'toxicity', toxicity: 'oral', grade: 4 }]);
        expect(rows.map((r) => r[0])).toEqual(['2026-12-01', '2026-12-04']);
        expect(schedule.holds).toEqual([{ rule: 'panel.toxicity.oral.g4.discontinue-permanently', from: '2026-12-10', discontinued: true, orders: [] }]);
        expect(schedule.decisions.filter((d) => d.kind === 'discontinue')).toEqual([{
            date: '2026-12-18', kind: 'discontinue', rule: 'panel.toxicity.oral.g4.discontinue-permanently',
            message: 'treatment discontinued permanently, as ordered for the grade reported on 2026-12-10 (panel.toxicity.oral.g4.discontinue-permanently)'
        }]);
    });

    test('"premedicate SET before next dose" adds the set to the next dose only, from a panel grade or a hold rule', async () => {
        const protocol = PROTOCOL.replace('  toxicity oral', `  premedication steroid "After CRS" {
    dexamethasone 4 mg PO or IV
    give 30 minutes before dose
  }
  hold {
    when CRS grade >= 3 resume when resolved also premedicate steroid before next dose
  }
  toxicity oral`).replace('grade 2: reduce to 0.4 mg/kg every 2 weeks until resolved', 'grade 2: premedicate steroid before next dose');
        const orderSet = await compileSnippet(protocol);
        expect(orderSet.panels[0].grades[0].orders.map((o) => orderText(o))).toEqual(['premedicate steroid before next dose']);
        const premedicated = (events: TimelineEvent[]) => doses(orderSet, events).schedule.administrations
            .filter((a) => a.premedication.length > 0).map((a) => `${a.date} ${a.premedication.map((p) => p.text).join()}`);
        expect(premedicated([{ date: '2026-12-20', type: 'toxicity', toxicity: 'oral', grade: 2 }])).toEqual(['2027-01-01 dexamethasone 4 mg, intravenous or oral']);
        expect(premedicated([
            { date: '2026-12-02', type: 'toxicity', toxicity: 'crs', grade: 3 }, { date: '2026-12-03', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ])).toEqual(['2026-12-04 dexamethasone 4 mg, intravenous or oral']);
        expect(premedicated([])).toEqual([]);
        expect(formatTitraText(services.Titra, protocol)).toEqual({ ok: true, text: protocol });
    });
});

// Infusion forms end to end on small protocols: continuous infusions (order set, layout, calendar with interruptions and holds) and infusion times that depend on CRS.
import { describe, expect, test } from 'vitest';
import { formatTitraText } from '../src/lsp/formatter.js';
import { computeSchedule, type OrderSet, type TimelineEvent } from '../src/orderset/index.js';
import { clinicalText } from '../src/orderset/clinical-facts.js';
import { buildOne, compileSnippet, diagnosticsWithCode, lineOfText, linesOf, services } from '#test-support/language-services.js';
import { Codes } from '../src/validation/codes.js';

const PROTOCOL = `protocol P "Test protocol" {
  version 1.0.0
  status draft
  agent blinatumomab route IV dose-basis flat
  requires weight, height, ANC
  premedication dexa {
    dexamethasone 20 mg IV
    give 1 hour before dose
  }
  continuous-infusion cycles of 42 days max 3 {
    cycle 1: 9 mcg/day days 1 to 7 premedicate dexa then 28 mcg/day days 8 to 28 premedicate dexa
    cycles 2 onward of 84 days: 15 mcg/m2/day max 28 mcg/day days 1 to 28
    bags every 24 hours
    interruption up to 7 days: continue cycle; more than 7 days: new cycle; 4 hours or more: premedicate dexa
  }
  hold {
    when ANC < 0.5 x10^9/L resume when ANC > 1 x10^9/L
  }
}
`;

function schedule(orderSet: OrderSet, events: TimelineEvent[], until = '2027-01-31') {
    return computeSchedule({ orderSet, patient: { weight: 70, height: 175, flags: [] }, start: '2026-12-01', until, events });
}

describe('continuous infusion in the order set', () => {
    test('rates, caps, cycle lengths, bags and interruption rules compile to the contract', async () => {
        const infusion = (await compileSnippet(PROTOCOL)).continuousInfusion!;
        expect(infusion).toMatchObject({ length: { value: 42, unit: 'd' }, maxCycles: 3, route: 'intravenous', bagInterval: { value: 24, unit: 'h' } });
        expect(infusion.rules.map((r) => [r.id, r.firstCycle, r.lastCycle, r.length])).toEqual([
            ['infusion.1-1', 1, 1, undefined], ['infusion.2-onward', 2, undefined, { value: 84, unit: 'd' }]
        ]);
        expect(infusion.rules[0].segments.map((s) => [s.id, s.firstDay, s.lastDay, s.dose.value, s.dose.unit, s.premedication])).toEqual([
            ['infusion.1-1.D1-7', 1, 7, 9, 'ug/d', 'premed.dexa'], ['infusion.1-1.D8-28', 8, 28, 28, 'ug/d', 'premed.dexa']
        ]);
        expect(infusion.rules[1].segments[0].dose).toMatchObject({ unit: 'ug/m2/d', per: 'm2', basis: 'body-surface-area', maxPerDose: { value: 28, unit: 'ug/d' } });
        expect(infusion.interruptions).toEqual([
            { id: 'interruption.le7d.continue', gap: { maxHours: 168, minExclusive: false }, action: { type: 'continue-cycle' } },
            { id: 'interruption.gt7d.new', gap: { minHours: 168, minExclusive: true }, action: { type: 'new-cycle' } },
            { id: 'interruption.ge4h.premedicate', gap: { minHours: 4, minExclusive: false }, action: { type: 'premedicate', premedication: 'premed.dexa' } }
        ]);
    });

    test('the clinical text names each rate and each interruption rule once', async () => {
        const lines = clinicalText(await compileSnippet(PROTOCOL)).split('\n').filter((l) => /infusion|interruption/.test(l));
        expect(lines).toContain('infusion cycles 2 onward (cycles of 84 days) days 1 to 28: daily dose 15 mcg/m2/day (max 28 mcg/day)');
        expect(lines).toContain('interruption rule up to 7 days: action continue the cycle');
        expect(lines).toContain('interruption rule 4 hours or more: action premedicate with dexa');
    });

    test('the formatter puts each rule, bag and interruption line on its own line, and is idempotent', () => {
        const messy = PROTOCOL.replace(/\n {4}(cycles 2|bags|interruption)/g, ' $1');
        const once = formatTitraText(services.Titra, messy);
        expect(once).toEqual({ ok: true, text: PROTOCOL });
        expect(formatTitraText(services.Titra, PROTOCOL)).toEqual({ ok: true, text: PROTOCOL });
    });
});

describe('continuous infusion calendar', () => {
    test('an interruption of hours within a day premedicates the restart without moving the cycle', async () => {
        const result = schedule(await compileSnippet(PROTOCOL), [
            { date: '2026-12-03', type: 'infusion-interrupted' }, { date: '2026-12-03', type: 'infusion-resumed', hours: 5 }
        ], '2026-12-10');
        expect(result.infusions!.map((p) => [p.from, p.to, p.cycle.firstDay, p.premedication.length])).toEqual([
            ['2026-12-01', '2026-12-02', 1, 1], ['2026-12-03', '2026-12-07', 3, 1], ['2026-12-08', '2026-12-10', 8, 1]
        ]);
        expect(result.decisions.filter((d) => d.kind === 'interruption').map((d) => d.rule)).toEqual(['interruption.le7d.continue', 'interruption.ge4h.premedicate']);
    });

    test('a hold interrupts the infusion until its resume condition, and its length decides the cycle', async () => {
        const result = schedule(await compileSnippet(PROTOCOL), [
            { date: '2026-12-05', type: 'lab', observation: 'ANC', value: 0.3, unit: '10*9/L' },
            { date: '2026-12-15', type: 'lab', observation: 'ANC', value: 1.5, unit: '10*9/L' }
        ], '2026-12-24');
        expect(result.holds.map((h) => [h.from, h.to])).toEqual([['2026-12-05', '2026-12-15']]);
        expect(result.infusions!.map((p) => [p.from, p.to, p.cycle.firstDay, p.cycle.lastDay])).toEqual([
            ['2026-12-01', '2026-12-04', 1, 4], ['2026-12-15', '2026-12-21', 1, 7], ['2026-12-22', '2026-12-24', 8, 10]
        ]);
        expect(result.decisions.filter((d) => d.kind === 'interruption').map((d) => d.rule)).toEqual(['interruption.gt7d.new', 'interruption.ge4h.premedicate']);
    });

    test('the body-surface-area rate is computed and capped per day, with the total of the period', async () => {
        const result = computeSchedule({
            orderSet: await compileSnippet(PROTOCOL), patient: { weight: 120, height: 200, flags: [] }, start: '2026-12-01', until: '2027-02-28', events: []
        });
        const cycle2 = result.infusions!.find((p) => p.cycle.number === 2)!;
        expect(cycle2).toMatchObject({ from: '2027-01-12', to: '2027-02-08', days: 28, dailyAmount: { value: 28, unit: 'ug/d', capped: true }, totalAmount: { value: 784, unit: 'ug' }, bagHours: 24 });
        expect(cycle2.dailyAmount.calculation).toBe('15 mcg/m2/day x 2.58198889747 m2 = 38.7298334621 mcg/day, capped at 28 mcg/day');
    });
});

describe('infusion time that depends on CRS after the previous dose', () => {
    const text = `protocol G "Test protocol" {
  version 1.0.0
  status draft
  agent glofitamab route IV dose-basis flat
  step-up {
    dose SUD1 2.5 mg day 8 infuse over 4 hours
    dose SUD2 10 mg day 15 infuse over 4 hours, over 2 hours when no CRS after previous dose
  }
  cycles of 21 days max 3 {
    cycles 2 to 3: 30 mg on day 1 infuse over 4 hours, over 2 hours when no CRS after previous dose
  }
}
`;

    test('compiles to both times, reads as one fact and keeps its layout', async () => {
        const orderSet = await compileSnippet(text);
        expect(orderSet.stepUp[1]).toMatchObject({ infusionDuration: { value: 4, unit: 'h' }, infusionDurationWithoutCrs: { value: 2, unit: 'h' } });
        expect(orderSet.cycles!.rules[0]).toMatchObject({ infusionDuration: { value: 4, unit: 'h' }, infusionDurationWithoutCrs: { value: 2, unit: 'h' } });
        expect(clinicalText(orderSet)).toContain('step-up dose SUD2: infusion over 4 hours, over 2 hours when the previous dose gave no CRS\n');
        expect(formatTitraText(services.Titra, text)).toEqual({ ok: true, text });
    });

    test('each administration gets the shorter time unless CRS was reported since the previous dose', async () => {
        const orderSet = await compileSnippet(text);
        const hours = (events: TimelineEvent[]) => computeSchedule({ orderSet, patient: { flags: [] }, start: '2026-12-01', until: '2027-02-28', events })
            .administrations.map((a) => [a.dose, a.infusionHours]);
        expect(hours([])).toEqual([['SUD1', 4], ['SUD2', 2], ['cycle.2-3.C2D1', 2], ['cycle.2-3.C3D1', 2]]);
        expect(hours([{ date: '2026-12-09', type: 'toxicity', toxicity: 'crs', grade: 1 }, { date: '2026-12-10', type: 'toxicity', toxicity: 'crs', grade: 0 }]))
            .toEqual([['SUD1', 4], ['SUD2', 4], ['cycle.2-3.C2D1', 2], ['cycle.2-3.C3D1', 2]]);
    });
});

describe(`${Codes.infusionDays}`, () => {
    test('a rate past the end of its cycle, running backwards or overlapping another rate is reported on its line', async () => {
        const text = PROTOCOL
            .replace('cycle 1: 9 mcg/day days 1 to 7 premedicate dexa then 28 mcg/day days 8 to 28', 'cycle 1: 9 mcg/day days 1 to 7 premedicate dexa then 28 mcg/day days 7 to 28')
            .replace('15 mcg/m2/day max 28 mcg/day days 1 to 28', '15 mcg/m2/day max 28 mcg/day days 1 to 90\n    cycle 9: 28 mcg/day days 5 to 4');
        expect(linesOf(await buildOne(text), Codes.infusionDays)).toEqual([lineOfText(text, 'cycle 1:'), lineOfText(text, 'cycles 2 onward'), lineOfText(text, 'cycle 9:')]);
    });

    test('rates inside their cycles, one after the other, are not reported', async () => {
        const document = await buildOne(PROTOCOL);
        expect(diagnosticsWithCode(document, Codes.infusionDays)).toEqual([]);
        expect(diagnosticsWithCode(document, 'parsing-error')).toEqual([]);
    });
});

describe(`${Codes.interruptionConflict}`, () => {
    test('an interruption length that both continues the cycle and starts a new one is reported on the later rule', async () => {
        const text = PROTOCOL.replace('more than 7 days: new cycle', 'more than 6 days: new cycle');
        expect(linesOf(await buildOne(text), Codes.interruptionConflict)).toEqual([lineOfText(text, 'interruption up to 7 days')]);
        const boundary = PROTOCOL.replace('more than 7 days: new cycle', '7 days or more: new cycle');
        expect(linesOf(await buildOne(boundary), Codes.interruptionConflict)).toEqual([lineOfText(boundary, 'interruption up to 7 days')]);
    });

    test('adjacent ranges and premedication rules that overlap them are not reported', async () => {
        expect(diagnosticsWithCode(await buildOne(PROTOCOL), Codes.interruptionConflict)).toEqual([]);
    });
});

describe(`${Codes.infusionCap}`, () => {
    const withCap = (cap: string) => PROTOCOL.replace('cycle 1: 9 mcg/day days 1 to 7', `cycle 1: 5 mcg/m2/day${cap} days 1 to 7`);

    test('a BSA-based rate without the label\'s daily cap, or with a higher one, is reported on its line', async () => {
        for (const text of [withCap(''), withCap(' max 10 mcg/day')]) {
            expect(linesOf(await buildOne(text), Codes.infusionCap)).toEqual([lineOfText(text, 'cycle 1:')]);
        }
    });

    test('the label\'s cap or a lower one is not reported', async () => {
        for (const text of [withCap(' max 9 mcg/day'), withCap(' max 8 mcg/day')]) {
            const document = await buildOne(text);
            expect(diagnosticsWithCode(document, Codes.infusionCap)).toEqual([]);
            expect(diagnosticsWithCode(document, 'parsing-error')).toEqual([]);
        }
    });
});

// Schedule forms written from labels: conditional and capped cycle rules, progress across phases, pre-treatment on a
// treatment day, resume at a named dose, schedule members in a variant; each compiled, scheduled, put into words and laid out.
import { describe, expect, test } from 'vitest';
import { OrderSet } from '../src/orderset/schema.js';
import { computeSchedule, type TimelineEvent } from '../src/orderset/index.js';
import { doseText, holdOutcomeText, phaseProgressText, preTreatmentTimingText } from '../src/orderset/text/index.js';
import { formatTitraText } from '../src/lsp/formatter.js';
import { buildFiles, compileDocument, errorsOf, protocolText, services, WITHOUT_CLINICAL_CHECKS } from '#test-support/language-services.js';

async function compile(body: string): Promise<OrderSet> {
    const documents = await buildFiles({ 'main.titra': protocolText(`  requires weight, height, ANC\n${body}`) }, WITHOUT_CLINICAL_CHECKS);
    const document = documents.get('main.titra')!;
    expect(errorsOf(document).map((d) => d.message)).toEqual([]);
    const orderSet = compileDocument(document);
    expect(OrderSet.safeParse(orderSet).error?.issues ?? []).toEqual([]);
    return orderSet;
}

function schedule(orderSet: OrderSet, until: string, events: TimelineEvent[] = []) {
    return computeSchedule({ orderSet, patient: { weight: 40, height: 150, flags: [] }, start: '2026-12-01', until, events });
}

const name = (id: string) => id;

describe('cycle rules with a condition, a cap and rounding', () => {
    const body = `
  step-up {
    dose SUD1 1 mg day 1
  }
  cycles of 28 days max 4 {
    cycle 2: 10 mcg/m2/day on day 1 max 9 mcg per day
    cycles 3 to 4: 25 mcg/m2/day on day 1 max 28 mcg per day round to 1 mcg/day when response >= PR
  }`;

    test('a per-day limit on a daily-rate dose caps the daily amount; the condition is compiled on the rule', async () => {
        const orderSet = await compile(body);
        const [c2, c3] = orderSet.cycles!.rules;
        expect(c2.dose.maxPerDose).toEqual({ value: 9, unit: 'ug/d' });
        expect(doseText(c2.dose)).toBe('10 mcg/m2/day (max 9 mcg/day)');
        expect(c3.dose.rounding).toEqual({ value: 1, unit: 'ug/d' });
        expect(c3.when).toEqual({ type: 'response', op: 'ge', level: 'PR' });
    });

    test('the scheduler gives the conditional cycles only when the condition holds as their first cycle is due', async () => {
        const orderSet = await compile(body);
        // 40 kg, 150 cm: 1.29 m2; 10 mcg/m2/day = 12.9 mcg/day capped at 9; 25 mcg/m2/day = 32.3, rounded to 32, capped at 28.
        const responder = schedule(orderSet, '2027-06-30', [{ date: '2027-01-20', type: 'response', level: 'PR' }]);
        expect(responder.administrations.map((a) => [a.date, a.amount.value, a.amount.unit, a.amount.capped])).toEqual([
            ['2026-12-01', 1, 'mg', false], ['2026-12-29', 9, 'ug/d', true], ['2027-01-26', 28, 'ug/d', true], ['2027-02-23', 28, 'ug/d', true]
        ]);
        const stable = schedule(orderSet, '2027-06-30', [{ date: '2027-01-20', type: 'response', level: 'SD' }]);
        expect(stable.administrations.map((a) => a.date)).toEqual(['2026-12-01', '2026-12-29']);
        expect(stable.decisions).toContainEqual(expect.objectContaining({ date: '2027-01-26', kind: 'transition', rule: 'cycle.3-4' }));
        const unknown = schedule(orderSet, '2027-06-30');
        expect(unknown.decisions).toContainEqual(expect.objectContaining({ date: '2027-01-26', kind: 'unknown-condition', rule: 'cycle.3-4' }));
    });
});

describe('progress across phases', () => {
    test('a phase starts after N doses of named phases, or N weeks of one', async () => {
        const orderSet = await compile(`
  step-up {
    dose SUD1 1 mg day 1
  }
  maintenance {
    phase QW 2 mg every 1 week after SUD1
    phase Q2W 2 mg every 2 weeks after QW after 5 doses of SUD1, QW, Q2W
    phase Q4W 2 mg every 4 weeks after Q2W after 4 weeks of Q2W
  }`);
        const [, q2w, q4w] = orderSet.maintenance;
        expect(q2w.progress).toEqual([{ doses: 5, of: ['SUD1', 'QW', 'Q2W'] }]);
        expect(phaseProgressText(q2w.progress![0], name)).toBe('after 5 doses of SUD1, QW, Q2W');
        expect(phaseProgressText(q4w.progress![0], name)).toBe('after 4 weeks of Q2W');
        const dates = schedule(orderSet, '2027-03-31').administrations.map((a) => `${a.date} ${a.dose}`);
        // QW goes on until 5 doses of SUD1, QW, Q2W are given (12-29); Q2W starts with the dose
        // QW would have given next (01-05); Q4W starts once 4 weeks have passed since the first Q2W dose (02-02).
        expect(dates).toEqual([
            '2026-12-01 SUD1', '2026-12-08 QW', '2026-12-15 QW', '2026-12-22 QW', '2026-12-29 QW', '2027-01-05 Q2W',
            '2027-01-19 Q2W', '2027-02-02 Q4W', '2027-03-02 Q4W', '2027-03-30 Q4W'
        ]);
    });
});

describe('pre-treatment on a treatment day', () => {
    test('is given on that day of cycle 1 (day 1 = the start date)', async () => {
        const orderSet = await compile(`
  pre-treatment obin {
    obinutuzumab 1000 mg IV once
    on day 1
    complete within 7 days before SUD1
  }
  step-up {
    dose SUD1 2.5 mg day 8
  }`);
        expect(orderSet.preTreatment[0].day).toBe(1);
        expect(preTreatmentTimingText(orderSet.preTreatment[0], name)).toBe('on day 1, complete within 7 days before SUD1');
        const result = schedule(orderSet, '2026-12-31');
        expect(result.preTreatment).toEqual([expect.objectContaining({ notBefore: '2026-12-01', completeBy: '2026-12-01' })]);
        expect(result.administrations.map((a) => a.date)).toEqual(['2026-12-08']);
    });
});

describe('resume at a named dose after a hold', () => {
    test('restarts the step-up at the named dose once the hold ends', async () => {
        const orderSet = await compile(`
  step-up {
    dose SUD1 1 mg day 1
    dose SUD2 2 mg day 4
    dose TD1 4 mg day 8
  }
  maintenance {
    phase QW 4 mg every 1 week after TD1
  }
  hold {
    when CRS grade >= 3 resume when resolved at SUD1
  }`);
        expect(orderSet.holds[0].resumeAt).toBe('SUD1');
        expect(holdOutcomeText(orderSet.holds[0])).toBe('resume when resolved at SUD1');
        const result = schedule(orderSet, '2027-01-10', [
            { date: '2026-12-14', type: 'toxicity', toxicity: 'crs', grade: 3 },
            { date: '2026-12-20', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ]);
        expect(result.administrations.map((a) => `${a.date} ${a.dose}`)).toEqual([
            '2026-12-01 SUD1', '2026-12-04 SUD2', '2026-12-08 TD1', '2026-12-20 SUD1', '2026-12-23 SUD2', '2026-12-27 TD1', '2027-01-03 QW',
            '2027-01-10 QW'
        ]);
        expect(result.decisions).toContainEqual(expect.objectContaining({ date: '2026-12-20', kind: 'restart' }));
    });
});

describe('repeat the last dose instead of stepping up', () => {
    const body = `
  step-up {
    dose SUD1 1 mg day 1
    dose SUD2 2 mg day 8
    dose TD1 4 mg day 15
  }
  maintenance {
    phase QW 4 mg every 1 week after TD1
  }
  hold {
    when CRS grade >= 3 resume when resolved repeat last dose
  }`;
    const doses = (events: TimelineEvent[], orderSet: OrderSet) =>
        schedule(orderSet, '2027-01-05', events).administrations.map((a) => `${a.date} ${a.dose}`);

    test('compiles, reads back and is laid out as written', async () => {
        const orderSet = await compile(body);
        expect(orderSet.holds[0]).toMatchObject({ repeatLastDose: true });
        expect(holdOutcomeText(orderSet.holds[0])).toBe('resume when resolved, repeating the last dose given');
        const text = protocolText(`  requires weight, height, ANC\n${body}`);
        expect(formatTitraText(services.Titra, text)).toEqual({ ok: true, text });
    });

    test('a grade that resolved before the next dose: the step-up dose is given again on the next dose\'s day, then the steps go on', async () => {
        const orderSet = await compile(body);
        expect(doses([
            { date: '2026-12-09', type: 'toxicity', toxicity: 'crs', grade: 3 }, { date: '2026-12-11', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ], orderSet)).toEqual(['2026-12-01 SUD1', '2026-12-08 SUD2', '2026-12-15 SUD2', '2026-12-22 TD1', '2026-12-29 QW', '2027-01-05 QW']);
    });

    test('a grade that still holds on the next dose\'s day: held until resolved, then the last dose again', async () => {
        const orderSet = await compile(body);
        expect(doses([
            { date: '2026-12-09', type: 'toxicity', toxicity: 'crs', grade: 3 }, { date: '2026-12-18', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ], orderSet)).toEqual(['2026-12-01 SUD1', '2026-12-08 SUD2', '2026-12-18 SUD2', '2026-12-25 TD1', '2027-01-01 QW']);
    });

    test('without the grade, or after a maintenance dose, nothing is repeated', async () => {
        const orderSet = await compile(body);
        expect(doses([], orderSet)).toEqual(['2026-12-01 SUD1', '2026-12-08 SUD2', '2026-12-15 TD1', '2026-12-22 QW', '2026-12-29 QW', '2027-01-05 QW']);
        expect(doses([
            { date: '2026-12-23', type: 'toxicity', toxicity: 'crs', grade: 3 }, { date: '2026-12-24', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ], orderSet)).toEqual(['2026-12-01 SUD1', '2026-12-08 SUD2', '2026-12-15 TD1', '2026-12-22 QW', '2026-12-29 QW', '2027-01-05 QW']);
    });
});

describe('cycles in a variant', () => {
    test('replace the base cycles when the variant applies', async () => {
        const orderSet = await compile(`
  flag low-weight "Weight below 45 kg"
  step-up {
    dose SUD1 1 mg day 1
  }
  cycles of 21 days max 2 {
    cycle 2: 30 mg on day 1
  }
  variant light when flag low-weight {
    cycles of 21 days max 3 {
      cycles 2 to 3: 15 mg on day 1
    }
  }`);
        expect(orderSet.variants[0].cycles?.rules[0].id).toBe('light.cycle.2-3');
        const result = computeSchedule({
            orderSet, patient: { weight: 40, flags: ['low-weight'] }, start: '2026-12-01', until: '2027-03-31', events: []
        });
        expect(result.administrations.map((a) => `${a.date} ${a.amount.value}`)).toEqual(['2026-12-01 1', '2026-12-22 15', '2027-01-12 15']);
    });
});

describe('premedication, restart table, holds and panels in a variant', () => {
    const body = `
  flag frail "Frail patient"
  premedication std { dexamethasone 16 mg PO 1 to 3 hours before dose }
  step-up {
    dose SUD1 1 mg day 1 premedicate std
    dose TD1 4 mg day 4 premedicate std
  }
  maintenance {
    phase QW 4 mg every 1 week after TD1
  }
  hold {
    when CRS grade >= 2 resume when resolved
  }
  variant careful when flag frail {
    premedication std { dexamethasone 8 mg PO 1 to 3 hours before dose }
    step-up {
      dose SUD1 1 mg day 1 premedicate std
      dose TD1 4 mg day 8 premedicate std
    }
    restart-after-delay {
      last TD1 more than 7 days: restart from SUD1
    }
    hold {
      when CRS grade >= 1 resume when resolved at SUD1
    }
    crs-panel { grade 1: observe }
  }`;

    test('variant names shadow the protocol\'s; the ids of the variant\'s members carry its name', async () => {
        const orderSet = await compile(body);
        const variant = orderSet.variants[0];
        expect(variant.stepUp![0].premedication).toBe('premed.careful.std');
        expect(orderSet.stepUp[0].premedication).toBe('premed.std');
        expect(variant.holds!.map((h) => [h.id, h.resumeAt])).toEqual([['hold.careful.protocol.crs-ge-1', 'careful.SUD1']]);
        expect(variant.restartAfterDelay!.map((r) => [r.lastDose, r.action])).toEqual([['careful.TD1', { type: 'restart-from', dose: 'careful.SUD1' }]]);
        expect(variant.panels!.map((p) => p.id)).toEqual(['panel.careful.crs.crs']);
    });

    test('when the variant applies, its holds and panels replace the protocol\'s', async () => {
        const orderSet = await compile(body);
        const events: TimelineEvent[] = [
            { date: '2026-12-06', type: 'toxicity', toxicity: 'crs', grade: 1 },
            { date: '2026-12-10', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ];
        const run = (flags: string[]) => computeSchedule({ orderSet, patient: { weight: 70, flags }, start: '2026-12-01', until: '2026-12-20', events });
        const frail = run(['frail']);
        // Grade 1 CRS holds TD1 (due 12-08) under the variant's hold; treatment resumes at SUD1 on 12-10.
        expect(frail.administrations.map((a) => `${a.date} ${a.dose} ${a.premedication[0]?.amount.value}`)).toEqual([
            '2026-12-01 careful.SUD1 8', '2026-12-10 careful.SUD1 8', '2026-12-17 careful.TD1 8'
        ]);
        expect(frail.panelOrders.map((p) => p.panel)).toEqual(['panel.careful.crs.crs']);
        // Without the flag, grade 1 CRS holds nothing and the protocol has no CRS panel.
        const standard = run([]);
        expect(standard.administrations.map((a) => `${a.date} ${a.dose}`)).toEqual(['2026-12-01 SUD1', '2026-12-04 TD1', '2026-12-11 QW', '2026-12-18 QW']);
        expect(standard.panelOrders).toEqual([]);
    });
});

describe('orders before dosing in a variant', () => {
    const body = `
  flag inpatient-start "Inpatient start"
  before each dose {
    CBC with differential
  }
  step-up {
    dose SUD1 1 mg day 1
    dose TD1 4 mg day 4
  }
  variant careful when flag inpatient-start {
    before first dose {
      "tocilizumab available on the unit"
    }
  }`;

    test('compile with the variant\'s name in their ids, and are added to the protocol\'s when the variant applies', async () => {
        const orderSet = await compile(body);
        expect(orderSet.variants[0].beforeDose!.map((b) => [b.id, b.moment])).toEqual([['before-first-dose.careful.protocol.tocilizumab-available-on-the', 'first-dose']]);
        const run = (flags: string[]) => computeSchedule({ orderSet, patient: { weight: 70, flags }, start: '2026-12-01', until: '2026-12-05', events: [] })
            .administrations.map((a) => (a.beforeDose ?? []).map((o) => o.text));
        expect(run(['inpatient-start'])).toEqual([['CBC with differential', 'tocilizumab available on the unit'], ['CBC with differential']]);
        expect(run([])).toEqual([['CBC with differential'], ['CBC with differential']]);
        const text = protocolText(`  requires weight, height, ANC\n${body}`);
        expect(formatTitraText(services.Titra, text)).toEqual({ ok: true, text });
    });
});

describe('layout of the schedule forms', () => {
    test('pre-treatment days, progress, conditional cycles, resume at a dose and variant cycles: canonical and idempotent', () => {
        const written = [
            "protocol P \"t\" {",
            "  version 1.0.0",
            "  status draft",
            "  agent teclistamab route IV dose-basis flat",
            "  flag frail \"x\"",
            "  pre-treatment obin { obinutuzumab 1000 mg IV once on day 1 complete within 7 days before SUD1 }",
            "  step-up { dose SUD1 1 mg day 8 }",
            "  maintenance {",
            "  phase QW 4 mg every 1 week after SUD1",
            "  phase Q2W 4 mg every 2 weeks after QW after 17 doses of SUD1 , QW when response >= PR",
            "  }",
            "  cycles of 21 days max 17 { cycles 9 to 17: 30 mg on day 1 max 9 mcg per day when response >= SD and response <= PR }",
            "  hold { when CRS grade >= 3 resume when resolved at SUD1 }",
            "  variant v when flag frail { cycles of 21 days { cycle 2: 1 mg on day 1 } hold { when CRS grade >= 1 resume when resolved } }",
            "}"
        ].join('\n') + '\n';
        const canonical = [
            "protocol P \"t\" {",
            "  version 1.0.0",
            "  status draft",
            "  agent teclistamab route IV dose-basis flat",
            "  flag frail \"x\"",
            "  pre-treatment obin {",
            "    obinutuzumab 1000 mg IV once",
            "    on day 1",
            "    complete within 7 days before SUD1",
            "  }",
            "  step-up {",
            "    dose SUD1 1 mg day 8",
            "  }",
            "  maintenance {",
            "    phase QW 4 mg every 1 week after SUD1",
            "    phase Q2W 4 mg every 2 weeks after QW after 17 doses of SUD1, QW when response >= PR",
            "  }",
            "  cycles of 21 days max 17 {",
            "    cycles 9 to 17: 30 mg on day 1 max 9 mcg per day when response >= SD and response <= PR",
            "  }",
            "  hold {",
            "    when CRS grade >= 3 resume when resolved at SUD1",
            "  }",
            "  variant v when flag frail {",
            "    cycles of 21 days {",
            "      cycle 2: 1 mg on day 1",
            "    }",
            "    hold {",
            "      when CRS grade >= 1 resume when resolved",
            "    }",
            "  }",
            "}"
        ].join('\n') + '\n';
        expect(formatTitraText(services.Titra, written)).toEqual({ ok: true, text: canonical });
        expect(formatTitraText(services.Titra, canonical)).toEqual({ ok: true, text: canonical });
    });
});

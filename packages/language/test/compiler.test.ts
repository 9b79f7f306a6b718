// Compiler: the titra.orderset/1 JSON of small protocols (units, doses, schedule, restarts, conditions, ids, determinism, schema).
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CompileError } from '../src/compiler/compile-protocol.js';
import { OrderSet, type Condition } from '../src/orderset/schema.js';
import { titraVersion } from '../src/version.js';
import { buildFiles, buildOne, compileDocument, errorsOf, protocolText, services, WITHOUT_CLINICAL_CHECKS } from '#test-support/language-services.js';

/** Builds the files, expects the main one to be free of errors, compiles it and checks it against the contract. */
async function compileFiles(files: Record<string, string>, main: string): Promise<OrderSet> {
    const documents = await buildFiles(files, WITHOUT_CLINICAL_CHECKS);
    const document = documents.get(main)!;
    expect(errorsOf(document).map((d) => d.message)).toEqual([]);
    const orderSet = compileDocument(document);
    expect(OrderSet.safeParse(orderSet).error?.issues ?? []).toEqual([]);
    return orderSet;
}

async function compile(body: string, header = '  requires weight, height, ANC, platelets, CD4, IgG'): Promise<OrderSet> {
    return compileFiles({ 'main.titra': protocolText(`${header}\n${body}`) }, 'main.titra');
}

/** The compiled dose of a one-order supportive-care block. */
async function doseOf(order: string) {
    const orderSet = await compile(`  supportive-care { ${order} }`);
    const compiled = orderSet.supportiveCare[0].order;
    if (compiled.type !== 'medication') throw new Error('not a medication order');
    return compiled;
}

/** The compiled trigger of `hold { when <condition> }`. */
async function conditionOf(condition: string, extra = ''): Promise<Condition> {
    const orderSet = await compile(`${extra}\n  hold { when ${condition} }`);
    return orderSet.holds[0].trigger;
}

function allIds(value: unknown, ids: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v) => allIds(v, ids));
    else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
            if (key === 'id' && typeof v === 'string') ids.push(v);
            else allIds(v, ids);
        }
    }
    return ids;
}

describe('doses and units', () => {
    test.each([
        ['16 mg', { value: 16, unit: 'mg', basis: 'flat', text: '16 mg' }],
        ['10 mcg', { value: 10, unit: 'ug', text: '10 mcg' }],
        ['10 ug', { value: 10, unit: 'ug' }],
        ['10 \u00B5g', { value: 10, unit: 'ug' }],
        ['10 \u03BCg', { value: 10, unit: 'ug' }],
        ['5000 units', { value: 5000, unit: '[iU]' }],
        ['10 cc', { value: 10, unit: 'mL' }],
        ['10 mg.', { value: 10, unit: 'mg', text: '10 mg.' }],
        ['0.06 mg', { value: 0.06, unit: 'mg' }],
        ['1 to 2 mg', { value: 1, upper: 2, unit: 'mg', text: '1 to 2 mg' }],
        ['800/160 mg', { value: 800, components: [800, 160], unit: 'mg', text: '800/160 mg' }]
    ])('%s', async (amount, expected) => {
        const order = await doseOf(`x ${amount} PO daily`);
        expect(order.dose).toMatchObject(expected);
    });

    test('per kg and per m2 doses carry `per` and a basis; flat doses have none', async () => {
        expect((await doseOf('x 5 mcg/kg subcut daily')).dose).toEqual({ value: 5, unit: 'ug/kg', per: 'kg', basis: 'actual-weight', text: '5 mcg/kg' });
        expect((await doseOf('x 5 units/kg IV daily')).dose).toMatchObject({ unit: '[iU]/kg', per: 'kg' });
        expect((await doseOf('x 9 mcg/m2/day IV daily')).dose).toMatchObject({ unit: 'ug/m2/d', per: 'm2', basis: 'body-surface-area' });
        expect((await doseOf('x 16 mg PO daily')).dose.per).toBeUndefined();
    });

    test('the agent dose-basis decides the basis of per-kg doses', async () => {
        const compileWith = async (basis: string) => compileFiles({
            'main.titra': `protocol P "p" {\n  version 1.0.0\n  status draft\n  agent x route SC dose-basis ${basis}\n  requires weight, height\n  step-up {\n    dose A 1 mg/kg day 1\n    dose B 1 mg/m2 day 2\n    dose C 1 mg day 3\n  }\n}`
        }, 'main.titra');
        const bases = async (basis: string) => (await compileWith(basis)).stepUp.map((d) => d.dose.basis);
        expect(await bases('ideal-weight')).toEqual(['ideal-weight', 'body-surface-area', 'flat']);
        expect(await bases('adjusted-weight')).toEqual(['adjusted-weight', 'body-surface-area', 'flat']);
        expect(await bases('body-surface-area')).toEqual(['actual-weight', 'body-surface-area', 'flat']);
        expect(await bases('flat')).toEqual(['actual-weight', 'body-surface-area', 'flat']);
        expect((await compileWith('ideal-weight')).agent).toEqual({ name: 'x', route: 'subcutaneous', doseBasis: 'ideal-weight' });
    });

    test('max per dose, max per period, dose counts and rounding', async () => {
        const orderSet = await compile(`  step-up { dose A 8 mg/kg day 1 max 800 mg per dose round to 0.5 mg }
  supportive-care { x 8 mg PO every 8 hours max 24 mg per 1 day max 3 doses per 1 day max 30 doses total as needed }`);
        expect(orderSet.stepUp[0].dose).toMatchObject({ maxPerDose: { value: 800, unit: 'mg' }, rounding: { value: 0.5, unit: 'mg' } });
        const order = orderSet.supportiveCare[0].order;
        expect(order).toMatchObject({
            maxPerPeriod: { quantity: { value: 24, unit: 'mg' }, period: { value: 1, unit: 'd' } },
            maxDoses: [{ count: 3, period: { value: 1, unit: 'd' } }, { count: 30 }],
            asNeeded: true
        });
    });

    test('routes, frequencies, durations, infusions and consider', async () => {
        const orderSet = await compile(`  supportive-care {
    a 1 mg PO or IV daily
    b 1 mg SQ every other day
    c 1 mg SC 3 times weekly
    d 1 mg IM 2 times daily for 3 to 5 days
    e 1 mg IV every 6 hours for 2 weeks
    consider f 1 mg IV once infuse over 30 minutes
    g 1 mg PO weekly
    h 1 mg po every 3 to 4 hours
    methylprednisolone 1,000 mg IV daily
  }`);
        const orders = orderSet.supportiveCare.map((s) => s.order);
        expect(orders.map((o) => (o.type === 'medication' ? [o.routes, o.frequency] : undefined))).toEqual([
            [['oral', 'intravenous'], { kind: 'daily', text: 'daily' }],
            [['subcutaneous'], { kind: 'every-other-day', text: 'every other day' }],
            [['subcutaneous'], { kind: 'times-per-week', times: 3, text: '3 times weekly' }],
            [['intramuscular'], { kind: 'times-per-day', times: 2, text: '2 times daily' }],
            [['intravenous'], { kind: 'interval', interval: { value: 6, unit: 'h' }, text: 'every 6 hours' }],
            [['intravenous'], { kind: 'once', text: 'once' }],
            [['oral'], { kind: 'weekly', text: 'weekly' }],
            [['oral'], { kind: 'interval', interval: { value: 3, unit: 'h' }, intervalMax: { value: 4, unit: 'h' }, text: 'every 3 to 4 hours' }],
            [['intravenous'], { kind: 'daily', text: 'daily' }]
        ]);
        expect(orders[8]).toMatchObject({ dose: { value: 1000, unit: 'mg', text: '1000 mg' } });
        expect(orders[3]).toMatchObject({ duration: { value: 3, upper: 5, unit: 'd' } });
        expect(orders[4]).toMatchObject({ duration: { value: 2, unit: 'wk' } });
        expect(orders[5]).toMatchObject({ consider: true, infusionDuration: { value: 30, unit: 'min' } });
        expect(orders[0].consider).toBe(false);
    });

    // Guards against a fixed defect (drug names lose their spaces): DrugName is the datatype rule `ID+`, whose tokens Langium joins
    // without the hidden whitespace: `sulfamethoxazole trimethoprim 800/160 mg` compiles to the drug
    // "sulfamethoxazoletrimethoprim" (and the id ...sulfamethoxazoletrimethoprim).
    test('a multi-word drug name keeps its space', async () => {
        const order = await doseOf('sulfamethoxazole trimethoprim 800/160 mg PO 3 times weekly');
        expect(order.drug).toBe('sulfamethoxazole trimethoprim');
    });
});

describe('schedule', () => {
    const body = `  premedication std "Standard" {
    dexamethasone 16 mg PO or IV
    acetaminophen 650 mg PO 30 to 60 minutes before dose
    give about 1 to 3 hours before dose
  }
  step-up {
    dose SUD1 0.06 mg/kg day 1 premedicate std monitor inpatient 48 hours
    dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after SUD1 premedicate std monitor outpatient "call daily"
    dose TD1 1.5 mg/kg day 7 window 2 to 7 days after SUD2 monitor outpatient infuse over 30 minutes
  }
  maintenance {
    phase QW 1.5 mg/kg every 1 week after TD1 from week 2 through week 24 for 10 doses
      when ANC >= 1 x10^9/L at least 5 days apart premedicate std monitor outpatient infuse over 1 hour
      max 150 mg per dose round to 1 mg
    phase Q2W 1.5 mg/kg every 2 weeks after QW when response >= CR sustained 6 months
  }`;

    test('step-up doses: sequence, day, window, premedication link, monitoring, infusion', async () => {
        const orderSet = await compile(body);
        expect(orderSet.stepUp.map((d) => [d.id, d.sequence, d.day, d.route])).toEqual([
            ['SUD1', 1, 1, 'subcutaneous'], ['SUD2', 2, 4, 'subcutaneous'], ['TD1', 3, 7, 'subcutaneous']
        ]);
        const [sud1, sud2, td1] = orderSet.stepUp;
        expect(sud1.window).toBeUndefined();
        expect(sud2.window).toEqual({ after: 'SUD1', min: { value: 2, unit: 'd' }, max: { value: 7, unit: 'd' } });
        expect(td1.window?.after).toBe('SUD2');
        expect(sud1.premedication).toBe('premed.std');
        expect(td1.premedication).toBeUndefined();
        expect(sud1.monitoring).toEqual({ setting: 'inpatient', duration: { value: 48, unit: 'h' } });
        expect(sud2.monitoring).toEqual({ setting: 'outpatient', note: 'call daily' });
        expect(td1.monitoring).toEqual({ setting: 'outpatient' });
        expect(td1.infusionDuration).toEqual({ value: 30, unit: 'min' });
        expect(sud1.dose).toMatchObject({ value: 0.06, unit: 'mg/kg', per: 'kg', basis: 'actual-weight' });
    });

    test('premedication: set-wide timing, per-order timing, approximate', async () => {
        const orderSet = await compile(body);
        expect(orderSet.premedication).toHaveLength(1);
        const set = orderSet.premedication[0];
        expect(set).toMatchObject({ id: 'premed.std', name: 'std', title: 'Standard' });
        expect(set.orders.map((o) => [o.order.id, o.order.drug, o.order.routes, o.timing])).toEqual([
            ['premed.std.dexamethasone', 'dexamethasone', ['oral', 'intravenous'], { min: { value: 1, unit: 'h' }, max: { value: 3, unit: 'h' }, approximate: true }],
            ['premed.std.acetaminophen', 'acetaminophen', ['oral'], { min: { value: 30, unit: 'min' }, max: { value: 60, unit: 'min' }, approximate: false }]
        ]);
    });

    test('maintenance phases with every clause', async () => {
        const [qw, q2w] = (await compile(body)).maintenance;
        expect(qw).toEqual({
            id: 'QW', name: 'QW', interval: { value: 1, unit: 'wk' }, after: 'TD1', fromWeek: 2, throughWeek: 24, doseCount: 10,
            when: { type: 'observation', observation: 'ANC', op: 'ge', value: 1, unit: '10*9/L' },
            minSpacing: { value: 5, unit: 'd' },
            dose: { value: 1.5, unit: 'mg/kg', per: 'kg', basis: 'actual-weight', text: '1.5 mg/kg', maxPerDose: { value: 150, unit: 'mg' }, rounding: { value: 1, unit: 'mg' } },
            route: 'subcutaneous', premedication: 'premed.std', monitoring: { setting: 'outpatient' }, infusionDuration: { value: 1, unit: 'h' }
        });
        expect(q2w).toMatchObject({
            id: 'Q2W', interval: { value: 2, unit: 'wk' }, after: 'QW',
            when: { type: 'response', op: 'ge', level: 'CR', sustained: { value: 6, unit: 'mo' } }
        });
        expect(q2w.fromWeek).toBeUndefined();
        expect(q2w.premedication).toBeUndefined();
    });

    test('cycles: single, range and onward rules', async () => {
        const orderSet = await compile(`  premedication std { x 1 mg PO give 1 hour before dose }
  cycles of 28 days max 12 {
    cycle 1: 10 mg on day 1 premedicate std monitor inpatient 24 hours infuse over 2 hours
    cycles 2 to 4: 10 mg on days 1, 8, 15
    cycles 5 onward: 20 mg on day 1
  }`);
        expect(orderSet.cycles).toMatchObject({ length: { value: 28, unit: 'd' }, maxCycles: 12 });
        expect(orderSet.cycles?.rules.map((r) => [r.id, r.firstCycle, r.lastCycle, r.days, r.dose.value])).toEqual([
            ['cycle.1-1', 1, 1, [1], 10], ['cycle.2-4', 2, 4, [1, 8, 15], 10], ['cycle.5-onward', 5, undefined, [1], 20]
        ]);
        expect(orderSet.cycles?.rules[0]).toMatchObject({
            premedication: 'premed.std', monitoring: { setting: 'inpatient', duration: { value: 24, unit: 'h' } }, infusionDuration: { value: 2, unit: 'h' }
        });
        expect((await compile('')).cycles).toBeUndefined();
    });

    test('pre-treatment and supportive care anchored to doses', async () => {
        const orderSet = await compile(`  step-up { dose SUD1 1 mg day 1 }
  pre-treatment debulk "Debulking" { cyclophosphamide 300 mg/m2 IV once, before SUD1 complete within 7 days before SUD1 }
  supportive-care {
    acyclovir 400 mg PO 2 times daily throughout, continue 3 months after last dose, until CD4 > 200 /uL
    "IVIG" if IgG < 400 mg/dL until IgG >= 400 mg/dL
  }`);
        expect(orderSet.preTreatment).toEqual([{
            id: 'pretreatment.debulk', title: 'Debulking', completeWithin: { value: 7, unit: 'd' }, before: 'SUD1',
            orders: [expect.objectContaining({ id: 'pretreatment.debulk.cyclophosphamide', before: 'SUD1', throughout: false })]
        }]);
        const [acyclovir, ivig] = orderSet.supportiveCare;
        expect(acyclovir).toMatchObject({
            id: 'supportive.protocol.acyclovir', throughout: true, continueAfterLastDose: { value: 3, unit: 'mo' },
            stop: { type: 'observation', observation: 'CD4', op: 'gt', value: 200, unit: '/uL' }
        });
        expect(acyclovir.start).toBeUndefined();
        expect(ivig).toMatchObject({
            throughout: false, order: { type: 'instruction', text: 'IVIG', consider: false },
            start: { type: 'observation', observation: 'IgG', op: 'lt', value: 400, unit: 'mg/dL' },
            stop: { type: 'observation', observation: 'IgG', op: 'ge', value: 400, unit: 'mg/dL' }
        });
    });
});

describe('restart after a delay', () => {
    const doses = '  step-up {\n    dose SUD1 1 mg day 1\n    dose SUD2 2 mg day 4\n  }\n  maintenance { phase QW 3 mg every 1 week after SUD2 }';

    test('gaps: more than (exclusive), up to, from-to; in days', async () => {
        const orderSet = await compile(`${doses}
  restart-after-delay {
    last SUD1 more than 7 days: restart from SUD1
    last SUD2 8 to 28 days: repeat SUD2
    last QW up to 28 days: continue
    last QW more than 56 days: restart SUD1 then next after 7 days
  }`);
        expect(orderSet.restartAfterDelay).toEqual([
            { id: 'restart.SUD1.gt7d', lastDose: 'SUD1', gap: { minDays: 7, minExclusive: true }, action: { type: 'restart-from', dose: 'SUD1' } },
            { id: 'restart.SUD2.8-28d', lastDose: 'SUD2', gap: { minDays: 8, minExclusive: false, maxDays: 28 }, action: { type: 'restart-from', dose: 'SUD2' } },
            { id: 'restart.QW.le28d', lastDose: 'QW', gap: { maxDays: 28, minExclusive: false }, action: { type: 'continue' } },
            { id: 'restart.QW.gt56d', lastDose: 'QW', gap: { minDays: 56, minExclusive: true }, action: { type: 'restart-from', dose: 'SUD1', nextAfter: { value: 7, unit: 'd' } } }
        ]);
    });

    test('gaps in weeks, hours and months are converted to days', async () => {
        const orderSet = await compile(`${doses}
  restart-after-delay {
    last QW 2 to 3 weeks: continue
    last SUD1 up to 36 hours: continue
    last SUD2 more than 2 months: restart from SUD1
  }`);
        expect(orderSet.restartAfterDelay.map((r) => r.gap)).toEqual([
            { minDays: 14, minExclusive: false, maxDays: 21 }, { maxDays: 1.5, minExclusive: false }, { minDays: 60, minExclusive: true }
        ]);
        expect(orderSet.restartAfterDelay.map((r) => r.id)).toEqual(['restart.QW.2-3wk', 'restart.SUD1.le36h', 'restart.SUD2.gt2mo']);
    });
});

describe('conditions as a JSON tree', () => {
    test('observation with its UCUM unit', async () => {
        expect(await conditionOf('ANC < 0.5 x10^9/L')).toEqual({ type: 'observation', observation: 'ANC', op: 'lt', value: 0.5, unit: '10*9/L' });
        expect(await conditionOf('platelets <= 50 x10^9/L')).toMatchObject({ op: 'le', unit: '10*9/L' });
        expect(await conditionOf('ANC >= 1.0 x10^9/L')).toMatchObject({ op: 'ge', value: 1 });
        expect(await conditionOf('CD4 = 200 /uL')).toMatchObject({ op: 'eq', unit: '/uL' });
    });

    test('and / or chains are flattened, parentheses nest', async () => {
        expect(await conditionOf('bleeding or active-infection or febrile-neutropenia')).toEqual({
            type: 'any', of: [{ type: 'state', state: 'bleeding' }, { type: 'state', state: 'active-infection' }, { type: 'state', state: 'febrile-neutropenia' }]
        });
        expect(await conditionOf('bleeding and (active-infection and febrile-neutropenia)')).toMatchObject({ type: 'all', of: [{}, {}, {}] });
        expect(await conditionOf('(bleeding or active-infection) and febrile-neutropenia')).toEqual({
            type: 'all', of: [{ type: 'any', of: [{ type: 'state', state: 'bleeding' }, { type: 'state', state: 'active-infection' }] }, { type: 'state', state: 'febrile-neutropenia' }]
        });
        // `and` binds tighter than `or`.
        expect(await conditionOf('bleeding or active-infection and febrile-neutropenia')).toEqual({
            type: 'any', of: [{ type: 'state', state: 'bleeding' }, { type: 'all', of: [{ type: 'state', state: 'active-infection' }, { type: 'state', state: 'febrile-neutropenia' }] }]
        });
    });

    test('not, grade, response with sustained, flag, state', async () => {
        expect(await conditionOf('not not bleeding')).toEqual({ type: 'not', condition: { type: 'not', condition: { type: 'state', state: 'bleeding' } } });
        expect(await conditionOf('CRS grade >= 2')).toEqual({ type: 'grade', toxicity: 'crs', op: 'ge', grade: 2 });
        expect(await conditionOf('ICANS grade > 1')).toEqual({ type: 'grade', toxicity: 'icans', op: 'gt', grade: 1 });
        expect(await conditionOf('response < PR')).toEqual({ type: 'response', op: 'lt', level: 'PR' });
        expect(await conditionOf('response >= VGPR sustained 3 months')).toEqual({ type: 'response', op: 'ge', level: 'VGPR', sustained: { value: 3, unit: 'mo' } });
        expect(await conditionOf('flag high-risk', '  flag high-risk "h"')).toEqual({ type: 'flag', flag: 'high-risk' });
    });

    test('resolved, resume and discontinue in holds', async () => {
        const orderSet = await compile(`  hold named "Named" {
    when CRS grade >= 1 resume when resolved
    when ICANS grade >= 3 discontinue permanently
    when bleeding also give "transfuse"; hold next dose; consider EEG; filgrastim 5 mcg/kg subcut daily
  }`);
        const [crs, icans, bleeding] = orderSet.holds;
        expect(crs).toEqual({ id: 'hold.named.crs-ge-1', trigger: { type: 'grade', toxicity: 'crs', op: 'ge', grade: 1 }, resume: { type: 'resolved' }, discontinue: false, orders: [] });
        expect(icans).toMatchObject({ discontinue: true });
        expect(icans.resume).toBeUndefined();
        expect(bleeding.orders.map((o) => [o.id, o.type, o.consider])).toEqual([
            ['hold.named.bleeding.transfuse', 'instruction', false],
            ['hold.named.bleeding.hold-next-dose', 'dosing', false],
            ['hold.named.bleeding.eeg', 'procedure', true],
            ['hold.named.bleeding.filgrastim', 'medication', false]
        ]);
    });

    // The contract names a toxicity panel in a grade condition by the panel's name (GradePanel.name), the
    // same name that toxicity events use (schema/titra.orderset-1.semantics.md#conditions).
    test('a grade condition on a toxicity panel names the panel by its name', async () => {
        const orderSet = await compile('  toxicity pneumonitis "Pneumonitis" grading CTCAE-v5 { grade 2: hold next dose }\n  hold { when pneumonitis grade >= 2 }');
        expect(orderSet.holds[0].trigger).toMatchObject({ type: 'grade', toxicity: orderSet.panels[0].name });
        expect(orderSet.panels[0].name).toBe('pneumonitis');
    });
});

describe('grade panels', () => {
    test('CRS and ICANS panels (ASTCT), ICE ranges, nested escalations; toxicity panels (CTCAE)', async () => {
        const orderSet = await compile(`  crs-panel crs "CRS" {
    grade 1: observe; consider tocilizumab 8 mg/kg IV max 800 mg per dose;
      if no improvement after 24 hours: tocilizumab 8 mg/kg IV; if refractory: "anakinra"
  }
  icans-panel {
    grade 1 (ICE 7 to 9): observe
    grade 4 (ICE 0): transfer ICU
  }
  toxicity pneumonitis "Pneumonitis" grading CTCAE-v5 { grade 2: hold next dose }`);
        const [crs, icans, tox] = orderSet.panels;
        expect(crs).toMatchObject({ id: 'panel.crs.crs', kind: 'crs', name: 'crs', title: 'CRS', grading: 'ASTCT' });
        expect(crs.grades[0].orders.map((o) => o.id)).toEqual(['panel.crs.crs.g1.observe', 'panel.crs.crs.g1.tocilizumab']);
        expect(crs.grades[0].escalation).toMatchObject({
            after: { value: 24, unit: 'h' }, refractory: false, orders: [{ id: 'panel.crs.crs.g1.esc.tocilizumab' }],
            escalation: { refractory: true, orders: [{ id: 'panel.crs.crs.g1.esc.esc.anakinra', type: 'instruction', text: 'anakinra' }] }
        });
        expect(crs.grades[0].escalation?.escalation?.after).toBeUndefined();
        expect(icans).toMatchObject({ id: 'panel.icans.icans', name: 'icans', grading: 'ASTCT' });
        expect(icans.grades.map((g) => [g.grade, g.ice])).toEqual([[1, { min: 7, max: 9 }], [4, { min: 0, max: 0 }]]);
        expect(tox).toMatchObject({ id: 'panel.toxicity.pneumonitis', kind: 'toxicity', grading: 'CTCAE-v5' });
    });
});

describe('libraries and provenance', () => {
    const lib = `library SHARED {
  premedication std { dexamethasone 8 mg PO give 1 hour before dose }
  hold cytopenias { when ANC < 0.5 x10^9/L resume when ANC > 1 x10^9/L }
  crs-panel crs { grade 1: observe }
  supportive-care prophylaxis { "acyclovir" throughout }
}`;
    const main = protocolText(`  import "shared/lib.titra"
  import "shared/unused.titra"
  requires ANC
  step-up {
    dose A 1 mg day 1 premedicate std
    dose B 1 mg day 2 premedicate std
  }
  hold uses cytopenias
  crs-panel uses crs
  supportive-care uses prophylaxis`);
    const files = { 'main.titra': main, 'shared/lib.titra': lib, 'shared/unused.titra': 'library U { }' };

    test('imported blocks are compiled with their source; an imported premedication set is listed once', async () => {
        const orderSet = await compileFiles(files, 'main.titra');
        expect(orderSet.premedication.map((p) => p.id)).toEqual(['premed.std']);
        expect(orderSet.stepUp.map((d) => d.premedication)).toEqual(['premed.std', 'premed.std']);
        expect(orderSet.holds.map((h) => [h.id, h.source])).toEqual([['hold.cytopenias.ANC-lt-0.5', 'shared/lib.titra']]);
        expect(orderSet.panels.map((p) => [p.id, p.source])).toEqual([['panel.crs.crs', 'shared/lib.titra']]);
        expect(orderSet.supportiveCare.map((s) => [s.id, s.source])).toEqual([['supportive.prophylaxis.acyclovir', 'shared/lib.titra']]);
    });

    test('provenance: relative source path, SHA-256 of the texts, the libraries actually used', async () => {
        const orderSet = await compileFiles(files, 'main.titra');
        const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
        expect(orderSet.provenance).toEqual({
            source: 'main.titra', sha256: sha(main), imports: [{ source: 'shared/lib.titra', sha256: sha(lib) }],
            compiler: { name: 'titra', version: titraVersion }
        });
    });

    test('provenance paths are relative to the innermost workspace root holding the protocol, else to the common folder', async () => {
        const nested = { 'inner/main.titra': main, 'inner/shared/lib.titra': lib, 'inner/shared/unused.titra': 'library U { }' };
        const boundary = services.Titra.workspace.ImportBoundary;
        try {
            boundary.setRoots(['/ws', '/ws/inner']);
            expect((await compileFiles(nested, 'inner/main.titra')).provenance.source).toBe('main.titra');
            boundary.setRoots(['/ws']);
            expect((await compileFiles(nested, 'inner/main.titra')).provenance.imports.map((i) => i.source)).toEqual(['inner/shared/lib.titra']);
        } finally {
            boundary.setRoots([]);
        }
        expect((await compileFiles(nested, 'inner/main.titra')).provenance.source).toBe('main.titra');
    });

    test('governance: version, status, dates, owner, population, references; required inputs with units; flags', async () => {
        const orderSet = await compileFiles({
            'main.titra': `protocol TEC "Teclistamab" {
  version 3.1.0
  status replaced replaced-by TEC-2
  effective 2026-01-15
  review-by 2027-01-15
  owner "P&T"
  population "Adults"
  reference "USPI"
  reference "IMWG"
  agent teclistamab route SQ
  requires weight, ANC, custom-score
  flag high-risk "High tumour burden"
}`
        }, 'main.titra');
        expect(orderSet.protocol).toEqual({
            id: 'TEC', title: 'Teclistamab', version: '3.1.0', status: 'replaced', replacedBy: 'TEC-2', effective: '2026-01-15',
            reviewBy: '2027-01-15', owner: 'P&T', population: 'Adults', references: ['USPI', 'IMWG']
        });
        expect(orderSet.agent).toEqual({ name: 'teclistamab', route: 'subcutaneous', doseBasis: 'flat' });
        expect(orderSet.requiredInputs).toEqual([{ name: 'weight', unit: 'kg' }, { name: 'ANC', unit: '10*9/L' }, { name: 'custom-score' }]);
        expect(orderSet.riskFlags).toEqual([{ id: 'high-risk', description: 'High tumour burden' }]);
        expect(orderSet.format).toBe('titra.orderset/1');
    });
});

describe('variants', () => {
    test('variant doses get variant-prefixed ids and their references point to them', async () => {
        const orderSet = await compile(`  step-up {
    dose SUD1 1 mg day 1
    dose SUD2 2 mg day 4 window 2 to 7 days after SUD1
  }
  restart-after-delay { last SUD2 more than 28 days: restart from SUD1 }
  variant low when weight < 45 kg {
    step-up {
      dose SUD1 0.5 mg day 1
      dose SUD2 1 mg day 8 window 5 to 9 days after SUD1
    }
    maintenance { phase QW 1 mg every 1 week after SUD2 }
    supportive-care { "extra" throughout }
    pre-treatment p { "x" throughout complete within 1 day before SUD1 }
  }`);
        expect(orderSet.stepUp.map((d) => d.id)).toEqual(['SUD1', 'SUD2']);
        expect(orderSet.stepUp[1].window?.after).toBe('SUD1');
        expect(orderSet.restartAfterDelay[0]).toMatchObject({ lastDose: 'SUD2', action: { dose: 'SUD1' } });
        const [variant] = orderSet.variants;
        expect(variant.id).toBe('variant.low');
        expect(variant.when).toEqual({ type: 'observation', observation: 'weight', op: 'lt', value: 45, unit: 'kg' });
        const ids = variant.stepUp!.map((d) => d.id);
        expect(variant.stepUp!.map((d) => d.name)).toEqual(['SUD1', 'SUD2']);
        expect(new Set([...ids, 'SUD1', 'SUD2']).size).toBe(4);
        expect(variant.stepUp![1].window?.after).toBe(ids[0]);
        expect(variant.maintenance![0].after).toBe(ids[1]);
        expect(variant.preTreatment![0].before).toBe(ids[0]);
        expect(variant.supportiveCare).toHaveLength(1);
        expect(variant.stepUp![0].sequence).toBe(1);
    });
});

describe('stable ids', () => {
    test('ids are derived from the source; repeated ids get -2, -3', async () => {
        const orderSet = await compile(`  hold {
    when bleeding
    when bleeding also "a"; "a"
    when bleeding
  }
  supportive-care { acyclovir 400 mg PO daily  acyclovir 800 mg PO daily }
  crs-panel { grade 1: observe; observe }`);
        expect(orderSet.holds.map((h) => h.id)).toEqual(['hold.protocol.bleeding', 'hold.protocol.bleeding-2', 'hold.protocol.bleeding-3']);
        expect(orderSet.holds[1].orders.map((o) => o.id)).toEqual(['hold.protocol.bleeding-2.a', 'hold.protocol.bleeding-2.a-2']);
        expect(orderSet.supportiveCare.map((s) => s.id)).toEqual(['supportive.protocol.acyclovir', 'supportive.protocol.acyclovir-2']);
        expect(orderSet.panels[0].grades[0].orders.map((o) => o.id)).toEqual(['panel.crs.crs.g1.observe', 'panel.crs.crs.g1.observe-2']);
    });

    test('the same protocol compiled twice gives the identical JSON string; an unrelated edit elsewhere keeps ids', async () => {
        const text = protocolText('  requires ANC\n  step-up { dose A 1 mg day 1 }\n  hold { when ANC < 0.5 x10^9/L }\n  supportive-care { "x" throughout }');
        const first = JSON.stringify(compileDocument(await buildOne(text)));
        const document = await buildOne(text);
        expect(JSON.stringify(compileDocument(document))).toBe(first);
        expect(JSON.stringify(compileDocument(document))).toBe(first);
        const edited = compileDocument(await buildOne(text.replace('  step-up', '  // a comment\n  step-up')));
        expect(allIds(edited)).toEqual(allIds(JSON.parse(first)));
    });

    // Guards against a fixed defect (ids are not always unique): IdAllocator suffixes a repeated base id with -2, but does not check
    // that the suffixed id is free, so `"x"`, `"x"`, `"x 2"` gives supportive.protocol.x-2 twice
    // (the instruction "x 2" slugs to x-2).
    test('every id of an order set is unique', async () => {
        const orderSet = await compile('  supportive-care { "x" throughout "x" throughout "x 2" throughout }');
        const ids = allIds(orderSet);
        expect(ids.length).toBe(new Set(ids).size);
    });
});

describe('compile errors', () => {
    test('a protocol without agent or version, an unsafe abbreviation and an unresolved reference throw CompileError', async () => {
        const cases = [
            'protocol P "p" { version 1.0.0 }',
            'protocol P "p" { agent x route SC }',
            protocolText('  supportive-care { x 1 mg PO qd }'),
            protocolText('  step-up { dose A 1 mg day 1 premedicate nope }'),
            protocolText('  premedication p { x 1 mg PO }')
        ];
        for (const text of cases) {
            const document = await buildOne(text);
            expect(() => compileDocument(document), text).toThrow(CompileError);
        }
    });

    test('a number too large for a double throws CompileError', async () => {
        const document = await buildOne(protocolText(`  step-up { dose A ${'9'.repeat(400)} mg day 1 }`));
        expect(() => compileDocument(document)).toThrow(CompileError);
    });
});

describe('protocols that validate clean compile to the contract (bugs)', () => {
    // Guards against a fixed defect (schema-invalid output without a diagnostic): the grammar reads any NUMBER, no check bounds these
    // values, and the compiler copies them; the order set then fails OrderSet (the CLI reports "internal
    // error: ... does not match titra.orderset/1"). Either validation should report them or the compiler
    // should throw CompileError.
    test.each([
        ['step-up day 0', '  step-up { dose A 1 mg day 0 }'],
        ['step-up day 1.5', '  step-up { dose A 1 mg day 1.5 }'],
        ['a day beyond the safe integers', '  step-up { dose A 1 mg day 99999999999999999999 }'],
        ['a zero dose', '  step-up { dose A 0 mg day 1 }'],
        ['a zero strength in 800/0 mg', '  supportive-care { x 800/0 mg PO daily }'],
        ['0 times daily', '  supportive-care { x 1 mg PO 0 times daily }'],
        ['1.5 times daily', '  supportive-care { x 1 mg PO 1.5 times daily }'],
        ['max 0 doses total', '  supportive-care { x 1 mg PO max 0 doses total }'],
        ['CRS grade >= 6', '  hold { when CRS grade >= 6 }'],
        ['CRS grade >= 1.5', '  hold { when CRS grade >= 1.5 }'],
        ['panel grade 0', '  crs-panel { grade 0: observe }'],
        ['panel grade 7', '  crs-panel { grade 7: observe }'],
        ['ICE 1.5', '  icans-panel { grade 1 (ICE 1.5 to 2): observe }'],
        ['for 0 doses', '  maintenance { phase M 1 mg every 1 week for 0 doses }'],
        ['max 0 cycles', '  cycles of 28 days max 0 { cycle 1: 1 mg on day 1 }'],
        ['cycle 0 on day 0', '  cycles of 28 days { cycle 0: 1 mg on day 0 }']
    ])('%s', async (_label, body) => {
        const document = await buildOne(protocolText(body));
        if (errorsOf(document).length > 0) return; // reported by validation: fine
        const result = OrderSet.safeParse(compileDocument(document));
        expect(result.error?.issues ?? []).toEqual([]);
    });
});

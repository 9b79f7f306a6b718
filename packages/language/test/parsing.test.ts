// Parsing: every grammar construct, numbers and abbreviations as authors type them, and positioned syntax errors.
import { describe, expect, test } from 'vitest';
import * as ast from '../src/grammar/generated/ast.js';
import { buildOne, diagnosticsWithCode, parseOnly, protocolText } from '#test-support/language-services.js';

/** Parses `text` and fails with the lexer/parser messages when there are any; returns the root. */
function parses(text: string): ast.TitraFile {
    const result = parseOnly(text);
    const problems = [
        ...result.lexerErrors.map((e) => `lexer: ${e.message}`),
        ...result.parserErrors.map((e) => `parser: ${e.message}`)
    ];
    expect(problems, text).toEqual([]);
    return result.value as ast.TitraFile;
}

function parsesProtocol(body: string): ast.Protocol {
    const root = parses(protocolText(body));
    if (!ast.isProtocol(root)) throw new Error('expected a protocol');
    return root;
}

function member<T extends ast.ProtocolMember>(protocol: ast.Protocol, guard: (m: unknown) => m is T, index = 0): T {
    const found = protocol.members.filter(guard);
    expect(found.length).toBeGreaterThan(index);
    return found[index];
}

/** The single supportive-care order of `supportive-care { <order> }`. */
function supportiveOrder(order: string): ast.SupportiveOrder {
    const care = member(parsesProtocol(`supportive-care {\n ${order}\n}`), ast.isSupportiveCare);
    expect(care.orders).toHaveLength(1);
    return care.orders[0];
}

function medication(order: string): ast.MedicationOrder {
    const action = supportiveOrder(order).action;
    if (!ast.isMedicationOrder(action)) throw new Error(`not a medication order: ${order}`);
    return action;
}

describe('governance', () => {
    test('version, status with replaced-by, effective, review-by, owner, population, references', () => {
        const protocol = parses(`protocol TEC "Teclistamab" {
  version 3.1.0
  status replaced replaced-by TEC-2
  effective 2026-01-15
  review-by 2027-01-15
  owner "Pharmacy and Therapeutics Committee"
  population "Adults"
  reference "USPI"
  reference "IMWG 2024"
}`) as ast.Protocol;
        expect(protocol.name).toBe('TEC');
        expect(protocol.title).toBe('Teclistamab');
        const version = protocol.members.find(ast.isVersionDecl);
        const status = protocol.members.find(ast.isStatusDecl);
        expect(version?.value).toBe('3.1.0');
        expect(status).toMatchObject({ status: 'replaced', replacedBy: 'TEC-2' });
        expect(protocol.members.find(ast.isEffectiveDecl)?.date).toBe('2026-01-15');
        expect(protocol.members.find(ast.isReviewByDecl)?.date).toBe('2027-01-15');
        expect(protocol.members.filter(ast.isReferenceDecl).map((r) => r.value)).toEqual(['USPI', 'IMWG 2024']);
        expect(protocol.members.find(ast.isPopulationDecl)?.value).toBe('Adults');
    });

    test.each(['draft', 'active', 'retired', 'replaced'])('status %s', (status) => {
        const protocol = parses(`protocol P "p" { status ${status} }`) as ast.Protocol;
        expect(protocol.members.find(ast.isStatusDecl)?.status).toBe(status);
    });
});

describe('agent, requires, flags', () => {
    test.each(['actual-weight', 'ideal-weight', 'adjusted-weight', 'body-surface-area', 'flat'])('agent with dose-basis %s', (basis) => {
        const root = parses(`protocol P "p" { agent teclistamab route subcut dose-basis ${basis} }`) as ast.Protocol;
        expect(root.members.find(ast.isAgent)).toMatchObject({ drug: 'teclistamab', route: 'subcut', basis });
    });

    test.each(['PO', 'IV', 'IM', 'SL', 'subcut', 'SC', 'SQ', 'intrathecal', 'topical', 'inhaled'])('agent route %s, without dose-basis', (route) => {
        const root = parses(`protocol P "p" { agent epcoritamab route ${route} }`) as ast.Protocol;
        const agent = root.members.find(ast.isAgent);
        expect(agent?.route).toBe(route);
        expect(agent?.basis).toBeUndefined();
    });

    test('requires a list and flags with descriptions', () => {
        const protocol = parsesProtocol('  requires weight, height, ANC\n  requires IgG\n  flag high-risk "High tumour burden"');
        expect(protocol.members.filter(ast.isRequires).flatMap((r) => r.inputs)).toEqual(['weight', 'height', 'ANC', 'IgG']);
        expect(member(protocol, ast.isRiskFlag)).toMatchObject({ name: 'high-risk', description: 'High tumour burden' });
    });
});

describe('imports and libraries', () => {
    test('a protocol imports libraries', () => {
        const protocol = parsesProtocol('  import "shared/imwg-crs.titra"\n  import "../other.titra"');
        expect(protocol.members.filter(ast.isImport).map((i) => i.path)).toEqual(['shared/imwg-crs.titra', '../other.titra']);
    });

    test('a library with every member kind, with and without a title', () => {
        const root = parses(`library IMWG "Shared" {
  version 1.0.0
  owner "P&T"
  reference "IMWG 2024"
  requires ANC
  import "other.titra"
  premedication std { dexamethasone 8 mg PO give 1 hour before dose }
  hold cytopenias "Cytopenias" { when ANC < 0.5 x10^9/L resume when ANC > 1 x10^9/L }
  crs-panel crs "CRS" { grade 1: observe }
  icans-panel icans { grade 1 (ICE 7 to 9): observe }
  toxicity pneumonitis "Pneumonitis" grading CTCAE-v5 { grade 2: hold next dose }
  supportive-care prophylaxis "Prophylaxis" { "acyclovir per formulary" throughout }
}`);
        expect(ast.isLibrary(root)).toBe(true);
        const library = root as ast.Library;
        expect(library.members.map((m) => m.$type)).toEqual([
            'VersionDecl', 'OwnerDecl', 'ReferenceDecl', 'Requires', 'Import', 'PremedicationSet', 'HoldBlock',
            'CrsPanel', 'IcansPanel', 'ToxicityPanel', 'SupportiveCare'
        ]);
        expect((parses('library L { }') as ast.Library).title).toBeUndefined();
    });
});

describe('premedication and pre-treatment', () => {
    test('a premedication set with a set-wide timing and per-order timings', () => {
        const set = member(parsesProtocol(`  premedication std "Standard" {
    dexamethasone 16 mg PO or IV
    acetaminophen 650 mg PO 30 to 60 minutes before dose
    diphenhydramine 50 mg IV about 1 hour before dose
    give about 1 to 3 hours before dose
  }`), ast.isPremedicationSet);
        expect(set.name).toBe('std');
        expect(set.title).toBe('Standard');
        expect(set.orders.map((o) => o.order.drug)).toEqual(['dexamethasone', 'acetaminophen', 'diphenhydramine']);
        expect(set.orders[0].order.routes).toEqual(['PO', 'IV']);
        expect(set.orders[0].timing).toBeUndefined();
        expect(set.orders[1].timing).toMatchObject({ about: false, min: '30', max: '60', unit: 'minutes' });
        expect(set.orders[2].timing).toMatchObject({ about: true, min: '1', unit: 'hour' });
        expect(set.timing).toMatchObject({ about: true, min: '1', max: '3', unit: 'hours' });
    });

    test('a premedication set without a title or a set timing', () => {
        const set = member(parsesProtocol('  premedication std { dexamethasone 16 mg PO 1 hour before dose }'), ast.isPremedicationSet);
        expect(set.title).toBeUndefined();
        expect(set.timing).toBeUndefined();
    });

    test('pre-treatment with supportive orders and a completion anchor', () => {
        const phase = member(parsesProtocol(`  pre-treatment debulk "Debulking" {
    cyclophosphamide 1 g/m2 IV once, before SUD1
    "hydrate" throughout
    complete within 7 days before SUD1
  }`), ast.isPreTreatment);
        expect(phase).toMatchObject({ name: 'debulk', title: 'Debulking' });
        expect(phase.orders).toHaveLength(2);
        expect(phase.within).toMatchObject({ value: '7', unit: 'days' });
        expect(phase.anchor.$refText).toBe('SUD1');
    });
});

describe('step-up doses', () => {
    test('a dose with window, premedicate, monitor, infuse, max and round', () => {
        const stepUp = member(parsesProtocol(`  step-up {
    dose SUD1 0.06 mg/kg day 1 premedicate std monitor inpatient 48 hours
    dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after SUD1 premedicate std monitor outpatient "call daily"
      infuse over 30 minutes max 10 mg per dose round to 0.5 mg
    dose TD1 1.5 mg/kg day 7 window 2 to 7 days after SUD2 monitor outpatient max 150 mg per 1 week
  }`), ast.isStepUp);
        expect(stepUp.doses.map((d) => d.name)).toEqual(['SUD1', 'SUD2', 'TD1']);
        const [sud1, sud2, td1] = stepUp.doses;
        expect(sud1.amount).toMatchObject({ value: '0.06', unit: 'mg/kg' });
        expect(sud1.day).toBe('1');
        expect(sud1.monitorings[0]).toMatchObject({ setting: 'inpatient', duration: { value: '48', unit: 'hours' } });
        expect(sud2.windows[0]).toMatchObject({ min: '2', max: '7', unit: 'days' });
        expect(sud2.windows[0].anchor.$refText).toBe('SUD1');
        expect(sud2.premedications.map((p) => p.$refText)).toEqual(['std']);
        expect(sud2.monitorings[0]).toMatchObject({ setting: 'outpatient', note: 'call daily' });
        expect(sud2.infusions[0]).toMatchObject({ value: '30', unit: 'minutes' });
        expect(sud2.limits[0].perDose).toMatchObject({ value: '10', unit: 'mg' });
        expect(sud2.roundings[0].increment).toMatchObject({ value: '0.5', unit: 'mg' });
        expect(td1.monitorings[0]).toMatchObject({ setting: 'outpatient' });
        expect(td1.monitorings[0].note).toBeUndefined();
        expect(td1.limits[0].period).toMatchObject({ value: '1', unit: 'week' });
    });

    test('dose amounts: ranges and combination strengths', () => {
        const stepUp = member(parsesProtocol('  step-up {\n    dose A 1 to 2 mg day 1\n    dose B 800/160 mg day 2\n  }'), ast.isStepUp);
        expect(stepUp.doses[0].amount).toMatchObject({ value: '1', upper: '2', unit: 'mg' });
        expect(stepUp.doses[1].amount).toMatchObject({ value: '800', second: '160', unit: 'mg' });
    });
});

describe('maintenance and cycles', () => {
    test('a phase with every clause', () => {
        const maintenance = member(parsesProtocol(`  maintenance {
    phase QW 1.5 mg/kg every 1 week after TD1 from week 2 through week 24 for 10 doses
      when ANC >= 1 x10^9/L at least 5 days apart premedicate std monitor outpatient
      infuse over 1 hour max 150 mg per dose round to 1 mg
    phase Q2W 1.5 mg/kg every 2 weeks after QW when response >= CR sustained 6 months
    phase Q4W 3 mg/kg every 1 month
  }`), ast.isMaintenance);
        const [qw, q2w, q4w] = maintenance.phases;
        expect(qw).toMatchObject({ name: 'QW', fromWeeks: ['2'], throughWeeks: ['24'], doseCounts: ['10'] });
        expect(qw.interval).toMatchObject({ value: '1', unit: 'week' });
        expect(qw.afters[0].$refText).toBe('TD1');
        expect(ast.isObservationCondition(qw.conditions[0])).toBe(true);
        expect(qw.minSpacings[0]).toMatchObject({ value: '5', unit: 'days' });
        expect(qw.premedications[0].$refText).toBe('std');
        expect(qw.monitorings).toHaveLength(1);
        expect(qw.infusions).toHaveLength(1);
        expect(qw.limits).toHaveLength(1);
        expect(qw.roundings).toHaveLength(1);
        expect(q2w.conditions[0]).toMatchObject({ $type: 'ResponseCondition', op: '>=', level: 'CR', sustained: { value: '6', unit: 'months' } });
        expect(q4w.interval.unit).toBe('month');
    });

    test('cycles: single cycle, ranges, onward, day lists and clauses', () => {
        const schedule = member(parsesProtocol(`  cycles of 28 days max 12 {
    cycle 1: 10 mg on day 1 premedicate std monitor inpatient 24 hours infuse over 2 hours
    cycles 2 to 4: 10 mg on days 1, 8, 15
    cycles 5 onward: 10 mg on day 1
  }
  cycles of 21 days { }`), ast.isCycleSchedule);
        expect(schedule.length).toMatchObject({ value: '28', unit: 'days' });
        expect(schedule.maxCycles).toBe('12');
        const [one, twoToFour, onward] = schedule.rules;
        expect(one).toMatchObject({ first: '1', days: ['1'] });
        expect(one.premedications).toHaveLength(1);
        expect(one.monitorings).toHaveLength(1);
        expect(one.infusions).toHaveLength(1);
        expect(twoToFour).toMatchObject({ first: '2', last: '4', days: ['1', '8', '15'] });
        expect(onward).toMatchObject({ first: '5', onward: true });
    });
});

describe('restart after a delay', () => {
    test('all three gap forms and every action', () => {
        const block = member(parsesProtocol(`  restart-after-delay {
    last SUD1 more than 7 days: restart from SUD1
    last SUD2 8 to 28 days: repeat SUD2
    last QW up to 28 days: continue
    last QW 29 to 56 days: restart SUD2
    last Q2W more than 112 days: restart from SUD1 then next after 7 days
    last Q2W 2 to 3 weeks: repeat from SUD2 then next after 2 days
  }`), ast.isRestartAfterDelay);
        const [a, b, c, d, e, f] = block.rules;
        expect(a.gap).toMatchObject({ above: '7', unit: 'days' });
        expect(a.action).toMatchObject({ kind: 'restart' });
        expect(a.action.dose?.$refText).toBe('SUD1');
        expect(b.gap).toMatchObject({ from: '8', to: '28', unit: 'days' });
        expect(b.action.kind).toBe('repeat');
        expect(c.gap).toMatchObject({ upTo: '28', unit: 'days' });
        expect(c.action.kind).toBe('continue');
        expect(d.action.dose?.$refText).toBe('SUD2');
        expect(e.action.nextAfter).toMatchObject({ value: '7', unit: 'days' });
        expect(f.gap.unit).toBe('weeks');
        expect(f.action).toMatchObject({ kind: 'repeat', nextAfter: { value: '2', unit: 'days' } });
    });
});

describe('holds', () => {
    test('resume, discontinue permanently, side orders with and without give', () => {
        const hold = member(parsesProtocol(`  hold local "Local holds" {
    when active-infection resume when resolved
    when CRS grade >= 3 discontinue permanently
    when ICANS grade >= 1 resume when resolved also give "neuro checks"; hold next dose
    when ANC < 0.5 x10^9/L also "G-CSF"; filgrastim 5 mcg/kg subcut daily; consider EEG
    when bleeding
  }
  hold uses imwg-cytopenias
  hold "Untitled" { when febrile-neutropenia }
  hold { }`), ast.isHoldBlock);
        expect(hold).toMatchObject({ name: 'local', title: 'Local holds' });
        const [infection, crs, icans, anc, bleeding] = hold.rules;
        expect(ast.isResolvedCondition(infection.resume)).toBe(true);
        expect(crs.discontinue).toBe(true);
        expect(crs.resume).toBeUndefined();
        expect(icans.sideOrders.map((o) => o.$type)).toEqual(['Instruction', 'DosingAction']);
        expect(anc.sideOrders.map((o) => o.$type)).toEqual(['Instruction', 'MedicationOrder', 'ProcedureOrder']);
        expect(anc.sideOrders[2]).toMatchObject({ consider: true, words: ['EEG'] });
        expect(bleeding.sideOrders).toEqual([]);
        const protocol = parsesProtocol('  hold uses imwg-cytopenias');
        expect(member(protocol, ast.isHoldBlock).uses?.$refText).toBe('imwg-cytopenias');
    });

    test('conditions: and/or/not, parentheses, grades of panels, response, flags, states', () => {
        const hold = member(parsesProtocol(`  hold {
    when (ANC < 0.5 x10^9/L or febrile-neutropenia) and not flag high-risk
    when pneumonitis grade >= 2 resume when pneumonitis grade <= 1
    when response = PD or response < sCR
    when not not bleeding
  }`), ast.isHoldBlock);
        const [first, second, third, fourth] = hold.rules;
        expect(first.trigger.$type).toBe('AndCondition');
        const and = first.trigger as ast.AndCondition;
        expect(and.left.$type).toBe('OrCondition');
        expect(and.right).toMatchObject({ $type: 'NotCondition', operand: { $type: 'FlagCondition' } });
        expect((second.trigger as ast.GradeCondition).panel?.$refText).toBe('pneumonitis');
        expect(third.trigger.$type).toBe('OrCondition');
        expect(fourth.trigger).toMatchObject({ $type: 'NotCondition', operand: { $type: 'NotCondition', operand: { state: 'bleeding' } } });
    });

    test.each(['<', '<=', '>', '>=', '='])('comparator %s', (op) => {
        const hold = member(parsesProtocol(`  hold { when CRS grade ${op} 2 }`), ast.isHoldBlock);
        expect(hold.rules[0].trigger).toMatchObject({ $type: 'GradeCondition', system: 'CRS', op, grade: '2' });
    });

    test.each(['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD'])('response level %s', (level) => {
        const hold = member(parsesProtocol(`  hold { when response >= ${level} }`), ast.isHoldBlock);
        expect(hold.rules[0].trigger).toMatchObject({ $type: 'ResponseCondition', level });
    });
});

describe('grade panels', () => {
    test('CRS panel with nested escalations; ICANS panel with ICE ranges and refractory', () => {
        const protocol = parsesProtocol(`  crs-panel crs "CRS" {
    grade 1: observe; consider tocilizumab 8 mg/kg IV max 800 mg per dose;
      if no improvement after 24 hours: tocilizumab 8 mg/kg IV max 3 doses per 24 hours;
        if no improvement: "second-line therapy"; if refractory: "anakinra"
    grade 2: tocilizumab 8 mg/kg IV; oxygen; fluids if refractory: transfer ICU
  }
  icans-panel icans "ICANS" {
    grade 1 (ICE 7 to 9): observe
    grade 4 (ICE 0): dexamethasone 10 mg IV every 6 hours; transfer ICU;
      if refractory: methylprednisolone 2 mg/kg IV every 12 hours
  }
  crs-panel uses imwg-crs
  icans-panel uses imwg-icans
  crs-panel { }`);
        const crs = member(protocol, ast.isCrsPanel);
        const [g1, g2] = crs.grades;
        expect(g1.actions.map((a) => a.$type)).toEqual(['ProcedureOrder', 'MedicationOrder']);
        expect(g1.escalation?.after).toMatchObject({ value: '24', unit: 'hours' });
        expect(g1.escalation?.escalation?.after).toBeUndefined();
        expect(g1.escalation?.escalation?.refractory).toBe(false);
        expect(g1.escalation?.escalation?.escalation?.refractory).toBe(true);
        expect(g2.escalation?.refractory).toBe(true);
        const icans = member(protocol, ast.isIcansPanel);
        expect(icans.grades[0]).toMatchObject({ grade: '1', iceMin: '7', iceMax: '9' });
        expect(icans.grades[1]).toMatchObject({ grade: '4', iceMin: '0' });
        expect(icans.grades[1].iceMax).toBeUndefined();
        expect(member(protocol, ast.isCrsPanel, 1).uses?.$refText).toBe('imwg-crs');
        expect(member(protocol, ast.isIcansPanel, 1).uses?.$refText).toBe('imwg-icans');
    });

    test('toxicity panels: defined with a grading and used from a library', () => {
        const protocol = parsesProtocol(`  toxicity pneumonitis "Pneumonitis" grading CTCAE-v5 {
    grade 2: hold next dose; prednisone 1 mg/kg PO daily
    grade 4: discontinue permanently
  }
  toxicity uses hepatitis`);
        const panel = member(protocol, ast.isToxicityPanel);
        expect(panel).toMatchObject({ name: 'pneumonitis', title: 'Pneumonitis', grading: 'CTCAE-v5' });
        expect(panel.grades[0].actions[0]).toMatchObject({ $type: 'DosingAction', kind: 'hold' });
        expect(panel.grades[1].actions[0]).toMatchObject({ $type: 'DosingAction', kind: 'discontinue' });
        expect(member(protocol, ast.isToxicityPanel, 1).uses?.$refText).toBe('hepatitis');
    });
});

describe('supportive care', () => {
    test('every modifier, with and without commas', () => {
        const care = member(parsesProtocol(`  supportive-care local "Local" {
    acyclovir 400 mg PO 2 times daily throughout, continue 3 months after last dose, until CD4 > 200 /uL
    "IVIG" if IgG < 400 mg/dL until IgG >= 400 mg/dL
    famotidine 20 mg PO once before TD1
  }
  supportive-care uses imwg-infection-prophylaxis`), ast.isSupportiveCare);
        const [acyclovir, ivig, famotidine] = care.orders;
        expect(acyclovir.throughout).toHaveLength(1);
        expect(acyclovir.continueAfters[0]).toMatchObject({ value: '3', unit: 'months' });
        expect(acyclovir.stops).toHaveLength(1);
        expect(ivig.action.$type).toBe('Instruction');
        expect(ivig.starts).toHaveLength(1);
        expect(ivig.stops).toHaveLength(1);
        expect(famotidine.befores[0].$refText).toBe('TD1');
    });

    test('medication orders: routes, frequencies, durations, limits, as needed, infusion, consider', () => {
        expect(medication('ondansetron 8 mg PO or IV or SL every 8 hours as needed')).toMatchObject({
            routes: ['PO', 'IV', 'SL'], frequencies: [{ every: { value: '8', unit: 'hours' } }], prn: ['as']
        });
        expect(medication('valacyclovir 500 mg PO every other day').frequencies[0].other).toBe(true);
        expect(medication('x 1 mg PO 3 times weekly').frequencies[0]).toMatchObject({ times: '3', per: 'weekly' });
        for (const kind of ['daily', 'once', 'weekly']) {
            expect(medication(`x 1 mg PO ${kind}`).frequencies[0].kind).toBe(kind);
        }
        expect(medication('filgrastim 5 mcg/kg subcut daily for 3 to 5 days').durations[0]).toMatchObject({ value: '3', upper: '5', unit: 'days' });
        const limited = medication('x 8 mg PO max 24 mg per 1 day max 3 doses per 1 day max 30 doses total');
        expect(limited.limits.map((l) => [l.perDose?.value, l.period?.value, l.count, l.countPeriod?.value, l.total])).toEqual([
            ['24', '1', undefined, undefined, false], [undefined, undefined, '3', '1', false], [undefined, undefined, '30', undefined, true]
        ]);
        expect(medication('consider tocilizumab 8 mg/kg IV infuse over 1 hour')).toMatchObject({ consider: true, infusions: [{ value: '1', unit: 'hour' }] });
        expect(medication('G-CSF 5 mcg/kg subcut daily').drug).toBe('G-CSF');
    });

    test('a multi-word drug name is read as one order', () => {
        const order = medication('sulfamethoxazole trimethoprim 800/160 mg PO 3 times weekly');
        expect(order.$cstNode?.text.startsWith('sulfamethoxazole trimethoprim')).toBe(true);
        expect(order.amount).toMatchObject({ value: '800', second: '160', unit: 'mg' });
    });

    // Guards against a fixed defect (drug names lose their spaces): DrugName is the datatype rule `ID+`, and Langium joins the tokens
    // of a datatype rule without the hidden whitespace, so `sulfamethoxazole trimethoprim` is read as
    // `sulfamethoxazoletrimethoprim` (and compiled so; see compiler.test.ts).
    test('a multi-word drug name keeps the space between its words', () => {
        expect(medication('sulfamethoxazole trimethoprim 800/160 mg PO 3 times weekly').drug).toBe('sulfamethoxazole trimethoprim');
    });
});

describe('variants', () => {
    test('a variant with step-up, maintenance, supportive care and pre-treatment', () => {
        const variant = member(parsesProtocol(`  variant low-weight when weight < 45 kg and not flag frail {
    step-up { dose SUD1 0.03 mg/kg day 1 }
    maintenance { phase QW 1 mg/kg every 1 week after SUD1 }
    supportive-care { "extra" throughout }
    pre-treatment p2 { complete within 1 day before SUD1 }
  }`), ast.isVariant);
        expect(variant.name).toBe('low-weight');
        expect(variant.condition.$type).toBe('AndCondition');
        expect(variant.members.map((m) => m.$type)).toEqual(['StepUp', 'Maintenance', 'SupportiveCare', 'PreTreatment']);
    });
});

describe('numbers, units and abbreviations as authors type them are read', () => {
    // Unsafe spellings must be read (so that validation can point at them), not rejected by the parser.
    test.each([
        ['naked decimal', 'x .5 mg PO daily', { value: '.5', unit: 'mg' }],
        ['trailing zero', 'x 1.0 mg PO daily', { value: '1.0', unit: 'mg' }],
        ['trailing point', 'x 1. mg PO daily', { value: '1.', unit: 'mg' }],
        ['mcg', 'x 10 mcg IV daily', { unit: 'mcg' }],
        ['ug', 'x 10 ug IV daily', { unit: 'ug' }],
        ['µg (micro sign U+00B5)', 'x 10 \u00B5g IV daily', { unit: '\u00B5g' }],
        ['μg (Greek mu U+03BC)', 'x 10 \u03BCg IV daily', { unit: '\u03BCg' }],
        ['U', 'x 10 U IV daily', { unit: 'U' }],
        ['IU', 'x 10 IU IV daily', { unit: 'IU' }],
        ['units', 'x 10 units IV daily', { unit: 'units' }],
        ['cc', 'x 10 cc IV daily', { unit: 'cc' }],
        ['mg. (trailing period)', 'x 10 mg. PO daily', { unit: 'mg.' }],
        ['mcg/m2/day', 'x 10 mcg/m2/day IV daily', { unit: 'mcg/m2/day' }],
        ['units/kg', 'x 5 units/kg IV daily', { unit: 'units/kg' }]
    ])('%s', (_label, order, expected) => {
        expect(medication(order).amount).toMatchObject(expected);
    });

    test('a frequency range: every 3 to 4 hours (the shortest interval first)', () => {
        expect(medication('oxycodone 5 mg PO every 3 to 4 hours as needed').frequencies[0].every).toMatchObject({ $type: 'IntervalRange', value: '3', upper: '4', unit: 'hours' });
        expect(medication('oxycodone 5 mg PO every 4 hours').frequencies[0].every).toMatchObject({ $type: 'Duration', value: '4', unit: 'hours' });
    });

    test.each(['qd', 'QD', 'qod', 'QOD', 'TIW', 'tiw', 'HS', 'hs'])('frequency abbreviation %s', (abbreviation) => {
        expect(medication(`x 1 mg PO ${abbreviation}`).frequencies[0].abbreviation).toBe(abbreviation);
    });

    test.each(['SC', 'SQ', 'subcut'])('route %s in orders and for the agent', (route) => {
        expect(medication(`x 1 mg ${route} daily`).routes).toEqual([route]);
        expect((parses(`protocol P "p" { agent x route ${route} }`) as ast.Protocol).members.find(ast.isAgent)?.route).toBe(route);
    });

    test('lab units: x10^9/L, /uL, mg/dL, g/dL; a threshold with a trailing zero', () => {
        const hold = member(parsesProtocol(`  hold {
    when ANC >= 1.0 x10^9/L
    when CD4 < 200 /uL
    when IgG < 400 mg/dL
    when hemoglobin < 8 g/dL
  }`), ast.isHoldBlock);
        expect(hold.rules.map((r) => [(r.trigger as ast.ObservationCondition).value, (r.trigger as ast.ObservationCondition).unit])).toEqual([
            ['1.0', 'x10^9/L'], ['200', '/uL'], ['400', 'mg/dL'], ['8', 'g/dL']
        ]);
    });

    // Lower-case route codes are read as authors type them (a check asks for capitals).
    test.each(['po', 'iv', 'im', 'sl', 'sc', 'sq', 'subq'])('lower-case route %s is read', (route) => {
        expect(medication(`x 1 mg ${route} daily`).routes).toEqual([route]);
        expect((parses(`protocol P "p" { agent x route ${route} }`) as ast.Protocol).members.find(ast.isAgent)?.route).toBe(route);
    });

    // A thousands separator is a comma followed by exactly three digits; the value has no comma.
    test.each([['1,000', '1000'], ['10,000', '10000'], ['1,000,000', '1000000'], ['1,000.5', '1000.5']])('a dose written %s is read as %s', (written, value) => {
        expect(medication(`methylprednisolone ${written} mg IV daily`).amount.value).toBe(value);
    });

    test('a comma not followed by exactly three digits still separates cycle days', () => {
        const cycles = member(parsesProtocol('  cycles of 28 days { cycle 1: 1 mg on days 1,8,15 cycles 2 to 3: 1 mg on days 1, 15 }'), ast.isCycleSchedule);
        expect(cycles.rules.map((r) => r.days)).toEqual([['1', '8', '15'], ['1', '15']]);
    });

    test('CRLF line ends, tabs and comments', () => {
        const text = protocolText('\t// a comment\r\n\tstep-up {\r\n\t\tdose A 1 mg day 1 /* inline */\r\n\t}').replace(/\n/g, '\r\n');
        const protocol = parses(text) as ast.Protocol;
        expect(protocol.members.find(ast.isStepUp)?.doses[0].name).toBe('A');
    });
});

describe('syntax errors report a position', () => {
    test('a missing route is reported at the token that follows, with line and column', () => {
        const text = 'protocol P "p" {\n  version 1.0.0\n  agent teclistamab route\n}\n';
        const result = parseOnly(text);
        expect(result.parserErrors.length).toBeGreaterThan(0);
        // The parser stops at the closing brace on line 4 (1-based), column 1.
        expect(result.parserErrors[0].token).toMatchObject({ startLine: 4, startColumn: 1 });
    });

    test('the parse error becomes a diagnostic at that line', async () => {
        const text = 'protocol P "p" {\n  version 1.0.0\n  status draft\n  step-up {\n    dose A 1 mg dya 1\n  }\n}\n';
        const document = await buildOne(text);
        const errors = diagnosticsWithCode(document, 'parsing-error');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0].range.start).toEqual({ line: 4, character: 16 });
    });

    test('a lexer error (a character no token accepts) carries its line and column', () => {
        const result = parseOnly('protocol P "p" {\n  version 1.0.0 §\n}');
        expect(result.lexerErrors).toHaveLength(1);
        expect(result.lexerErrors[0]).toMatchObject({ line: 2, column: 17 });
    });
});

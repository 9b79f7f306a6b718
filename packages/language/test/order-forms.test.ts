// Orders as authors write them: before each or first dose, what monitoring watches, orders `while` a condition holds.
import { describe, expect, test } from 'vitest';
import { formatTitraText } from '../src/lsp/formatter.js';
import { computeSchedule, diffOrderSets, type OrderSet } from '../src/orderset/index.js';
import { Codes } from '../src/validation/codes.js';
import {
    buildFiles, buildOne, compileDocument, errorsOf, lineOfText, linesOf, protocolText, services, WITHOUT_CLINICAL_CHECKS
} from '#test-support/language-services.js';

const body = `  requires ANC
  before each dose { CBC with differential; "liver enzymes" }
  before first dose { "tocilizumab available on the unit" }
  step-up {
    dose A 1 mg day 1 monitor inpatient 48 hours { vital signs every 4 hours; ICE score every 12 hours; "notify prescriber if temperature >= 38 C" }
    dose B 2 mg day 4 monitor outpatient "phone call" { vital signs daily }
  }
  supportive-care {
    levofloxacin 500 mg PO daily while ANC < 0.5 x10^9/L
  }`;

async function compile(files: Record<string, string>, main = 'main.titra'): Promise<OrderSet> {
    const document = (await buildFiles(files, WITHOUT_CLINICAL_CHECKS)).get(main)!;
    expect(errorsOf(document).map((d) => d.message)).toEqual([]);
    return compileDocument(document);
}

describe('compiled', () => {
    test('orders before each dose and before the first dose, in the order written', async () => {
        const orderSet = await compile({ 'main.titra': protocolText(body) });
        expect(orderSet.beforeDose?.map((b) => [b.moment, b.order.type, b.order.type === 'procedure' || b.order.type === 'instruction' ? b.order.text : ''])).toEqual([
            ['each-dose', 'procedure', 'CBC with differential'],
            ['each-dose', 'instruction', 'liver enzymes'],
            ['first-dose', 'instruction', 'tocilizumab available on the unit']
        ]);
    });

    test('a library block used by a protocol keeps its source', async () => {
        const orderSet = await compile({
            'main.titra': protocolText('  import "lib.titra"\n  before each dose uses cbc'),
            'lib.titra': 'library L {\n  before each dose cbc "CBC before every dose" { "CBC with differential" }\n}'
        });
        expect(orderSet.beforeDose).toEqual([{
            id: 'before-each-dose.cbc.cbc-with-differential', moment: 'each-dose', source: 'lib.titra',
            order: { id: 'before-each-dose.cbc.cbc-with-differential.order', type: 'instruction', consider: false, text: 'CBC with differential' }
        }]);
    });

    test('a protocol without them has no beforeDose field', async () => {
        expect(await compile({ 'main.titra': protocolText('  step-up { dose A 1 mg day 1 }') })).not.toHaveProperty('beforeDose');
    });

    test('what monitoring watches, with its frequency', async () => {
        const [a, b] = (await compile({ 'main.titra': protocolText(body) })).stepUp;
        expect(a.monitoring).toEqual({
            setting: 'inpatient', duration: { value: 48, unit: 'h' }, watch: [
                { text: 'vital signs', frequency: { kind: 'interval', interval: { value: 4, unit: 'h' }, text: 'every 4 hours' } },
                { text: 'ICE score', frequency: { kind: 'interval', interval: { value: 12, unit: 'h' }, text: 'every 12 hours' } },
                { text: 'notify prescriber if temperature >= 38 C' }
            ]
        });
        expect(b.monitoring).toEqual({ setting: 'outpatient', note: 'phone call', watch: [{ text: 'vital signs', frequency: { kind: 'daily', text: 'daily' } }] });
    });

    test('`while C` starts when C holds and stops when it no longer holds', async () => {
        const [levofloxacin] = (await compile({ 'main.titra': protocolText(body) })).supportiveCare;
        const neutropenia = { type: 'observation', observation: 'ANC', op: 'lt', value: 0.5, unit: '10*9/L' };
        expect(levofloxacin).toMatchObject({ throughout: false, start: neutropenia, stop: { type: 'not', condition: neutropenia } });
    });
});

describe('checks', () => {
    test(`${Codes.duplicateClause}: 'while' beside 'if' or 'until', and 'while' twice`, async () => {
        const text = protocolText('  requires ANC\n  supportive-care {\n    x 1 mg PO daily while ANC < 0.5 x10^9/L if ANC < 1 x10^9/L\n    y 1 mg PO daily while ANC < 0.5 x10^9/L while ANC < 1 x10^9/L\n  }');
        expect(linesOf(await buildOne(text), Codes.duplicateClause)).toEqual([lineOfText(text, 'x 1 mg'), lineOfText(text, 'y 1 mg')]);
    });

    test(`${Codes.librarySharedName}: a library's block of orders before dosing needs a name`, async () => {
        const text = 'library L {\n  before each dose { "CBC with differential" }\n}';
        expect(linesOf(await buildOne(text), Codes.librarySharedName)).toEqual([2]);
    });
});

describe('scheduled', () => {
    test('each administration lists the orders before it (the first dose also its own) and what its monitoring watches', async () => {
        const orderSet = await compile({ 'main.titra': protocolText(body) });
        const schedule = computeSchedule({ orderSet, patient: { flags: [] }, start: '2026-01-05', until: '2026-01-20', events: [
            { date: '2026-01-10', type: 'lab', observation: 'ANC', value: 0.4, unit: '10*9/L' },
            { date: '2026-01-14', type: 'lab', observation: 'ANC', value: 1.2, unit: '10*9/L' }
        ] });
        const texts = schedule.administrations.map((a) => (a.beforeDose ?? []).map((o) => o.text));
        expect(texts).toEqual([
            ['CBC with differential', 'liver enzymes', 'tocilizumab available on the unit'],
            ['CBC with differential', 'liver enzymes']
        ]);
        expect(schedule.administrations[0].monitoring).toMatchObject({ setting: 'inpatient', watch: [{ text: 'vital signs' }, { text: 'ICE score' }, { text: 'notify prescriber if temperature >= 38 C' }] });
        expect(schedule.supportiveCare).toEqual([{ id: orderSet.supportiveCare[0].id, text: 'levofloxacin 500 mg, oral, daily', from: '2026-01-10', to: '2026-01-14' }]);
    });
});

describe('formatted', () => {
    test('each order and each watched item on its own line; formatting again changes nothing', () => {
        const result = formatTitraText(services.Titra, protocolText(body));
        if (!result.ok) throw new Error(result.error.message);
        expect(result.text).toContain([
            '  before each dose {', '    CBC with differential;', '    "liver enzymes"', '  }',
            '  before first dose {', '    "tocilizumab available on the unit"', '  }',
            '  step-up {', '    dose A 1 mg day 1 monitor inpatient 48 hours {', '      vital signs every 4 hours;', '      ICE score every 12 hours;',
            '      "notify prescriber if temperature >= 38 C"', '    }', '    dose B 2 mg day 4 monitor outpatient "phone call" {', '      vital signs daily', '    }', '  }',
            '  supportive-care {', '    levofloxacin 500 mg PO daily while ANC < 0.5 x10^9/L', '  }'
        ].join('\n'));
        expect(formatTitraText(services.Titra, result.text)).toEqual(result);
    });
});

describe('orders right after the dose and infusion time ranges', () => {
    const withHydration = `  premedication cycle1 "Before and after" {
    dexamethasone 8 mg IV
    give 0 to 1 hours before dose
    after dose {
      normal saline 1 L IV infuse over 4 to 5 hours
    }
  }
  step-up {
    dose SUD1 1 mg day 1 premedicate cycle1 monitor inpatient 24 hours infuse over 1 hour
  }`;

    test('compile to the set\'s afterDose orders with the infusion range, read back and laid out as written', async () => {
        const text = protocolText(withHydration);
        const orderSet = await compile({ 'main.titra': text });
        expect(orderSet.premedication[0].afterDose).toMatchObject([{
            id: 'premed.cycle1.after.normal-saline', drug: 'normal saline', dose: { value: 1, unit: 'L' },
            infusionDuration: { value: 4, unit: 'h' }, infusionDurationMax: { value: 5, unit: 'h' }
        }]);
        expect(formatTitraText(services.Titra, text)).toEqual({ ok: true, text });
    });

    test('each administration lists them after its premedication, with every detail', async () => {
        const orderSet = await compile({ 'main.titra': protocolText(withHydration) });
        const [first] = computeSchedule({ orderSet, patient: { weight: 70, flags: [] }, start: '2026-12-01', until: '2026-12-05', events: [] }).administrations;
        expect(first.afterDose).toMatchObject([{ text: 'normal saline 1 L, intravenous, over 4 to 5 hours', amount: { value: 1, unit: 'L' } }]);
    });

    test('a removed order after the dose is a clinical change a reviewer sees', async () => {
        const before = await compile({ 'main.titra': protocolText(withHydration) });
        const after = await compile({ 'main.titra': protocolText(withHydration.replace(/    after dose \{\n.*\n    \}\n/, '')) });
        expect(diffOrderSets(before, after).changes.map((c) => c.text)).toEqual([
            'order after the dose removed: premedication cycle1: normal saline 1 L, intravenous, over 4 to 5 hours'
        ]);
    });
});

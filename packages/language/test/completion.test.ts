// Completion: keywords in context, agents and drugs from the knowledge base, units by position, references, snippets.
import { URI } from 'langium';
import { expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { InsertTextFormat } from 'vscode-languageserver';
import { translateUnit } from '../src/vocabulary/unit-spellings.js';
import { agentReference, gradingReference, knownAgentNames } from '../src/knowledge/reference.js';
import { DOSE_UNITS, THRESHOLD_UNITS, thresholdUnitsFor } from '../src/lsp/completion.js';
import { buildFiles, exampleFiles, parseOnly, services } from '#test-support/language-services.js';

const completion = expectCompletion(services.Titra);

const protocol = (body: string) =>
    `protocol P "P" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut\n  requires weight, ANC, IgG, hemoglobin\n${body}\n}\n`;

/** Completion items at the single `<|>` of `text`. */
async function itemsAt(text: string, options: { documentUri?: string } = {}): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await completion({
        text, index: 0, disposeAfterCheck: true,
        ...(options.documentUri ? { parseOptions: { documentUri: options.documentUri } } : {}),
        assert: (list: CompletionList) => { items = list.items; }
    });
    return items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** A snippet with every placeholder replaced by its default text (the first choice of a choice). */
function expand(snippet: string): string {
    return snippet.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
}

describe('keywords in context', () => {
    test('after status, the protocol statuses', async () => {
        await completion({
            text: 'protocol P "P" {\n  status <|>\n}',
            index: 0,
            expectedItems: ['draft', 'active', 'retired', 'replaced'],
            disposeAfterCheck: true
        });
    });

    test('at a protocol member, the member keywords and the block snippets', async () => {
        const items = await itemsAt(protocol('  <|>'));
        expect(labels(items)).toEqual(expect.arrayContaining(['agent', 'premedication', 'step-up', 'crs-panel', 'icans-panel', 'hold']));
        expect(labels(items)).toEqual(expect.arrayContaining(['step-up block', 'crs-panel with grades 1-4', 'icans-panel with ICE ranges']));
    });
});

describe('agents and drugs from the knowledge base', () => {
    test('after agent, every agent of the knowledge base with its brand and route', async () => {
        const items = await itemsAt('protocol P "P" {\n  agent <|>\n}');
        expect(labels(items)).toEqual(knownAgentNames());
        expect(items.find((i) => i.label === 'teclistamab')?.detail).toBe('Tecvayli, subcut');
        expect(items.find((i) => i.label === 'glofitamab')?.detail).toBe(`${agentReference('glofitamab')!.brand}, IV`);
    });

    test('a typed prefix narrows the agents', async () => {
        const items = await itemsAt('protocol P "P" {\n  agent talq<|>\n}');
        expect(labels(items)).toEqual(['talquetamab']);
    });

    test('in a premedication set, the premedication and supportive drugs next to the keywords', async () => {
        const items = await itemsAt(protocol('  premedication std {\n    <|>\n  }'));
        expect(labels(items)).toEqual(expect.arrayContaining(['dexamethasone', 'diphenhydramine', 'acetaminophen', 'tocilizumab', 'methylprednisolone', 'consider', 'give']));
        expect(items.find((i) => i.label === 'diphenhydramine')?.detail).toMatch(/^premedication of teclistamab, /);
        expect(items.find((i) => i.label === 'dexamethasone')?.detail).toMatch(/^supportive care; premedication of /);
    });

    test('in a grade entry, the supportive drugs are offered as actions', async () => {
        const items = await itemsAt(protocol('  crs-panel {\n    grade 2: <|>\n  }'));
        expect(labels(items)).toEqual(expect.arrayContaining(['tocilizumab', 'dexamethasone', 'consider', 'hold', 'discontinue']));
    });

    test('after agent, no supportive drug is offered', async () => {
        const items = await itemsAt('protocol P "P" {\n  agent <|>\n}');
        expect(labels(items)).not.toContain('dexamethasone');
    });
});

describe('units valid at the position', () => {
    test('after a dose amount, dose units', async () => {
        const items = await itemsAt(protocol('  step-up {\n    dose SUD1 0.06 <|>\n  }'));
        expect(items.filter((i) => i.detail === 'dose unit').map((i) => i.label)).toEqual([...DOSE_UNITS]);
        expect(labels(items)).toContain('to');
        expect(labels(items)).not.toContain('x10^9/L');
    });

    test('a typed unit prefix narrows the dose units', async () => {
        const items = await itemsAt(protocol('  premedication std {\n    dexamethasone 16 mc<|>\n  }'));
        expect(labels(items)).toEqual(expect.arrayContaining(['mcg', 'mcg/kg']));
        expect(labels(items)).not.toContain('g');
    });

    test('inside a compound unit, the whole units that continue it, else the time keywords of the grammar', async () => {
        const compound = await itemsAt(protocol('  step-up {\n    dose SUD1 9 mcg/<|>\n  }'));
        expect(labels(compound)).toEqual(['mcg/kg', 'mcg/m2', 'mcg/day', 'mcg/m2/day']);
        const rate = await itemsAt(protocol('  step-up {\n    dose SUD1 9 mL/h<|>\n  }'));
        expect(labels(rate)).toEqual(['hour']);
    });

    test('every dose unit of the knowledge base is offered', () => {
        const units = knownAgentNames().flatMap((name) => agentReference(name)!.schedules.flatMap((s) => s.steps.map((step) => step.unit)));
        for (const unit of new Set(units)) expect(DOSE_UNITS, unit).toContain(unit);
    });

    test('every offered unit is one the compiler knows', () => {
        for (const unit of [...DOSE_UNITS, ...THRESHOLD_UNITS]) expect(translateUnit(unit), unit).toBeDefined();
    });

    test('after an ANC threshold, count units (x10^9/L first)', async () => {
        const items = await itemsAt(protocol('  hold {\n    when ANC < 0.5 <|>\n  }'));
        expect(items.filter((i) => i.detail === 'ANC threshold unit').map((i) => i.label)).toEqual(['x10^9/L', '/uL']);
        expect(labels(items)).not.toContain('mg/kg');
    });

    test('after an IgG threshold, mass concentrations (mg/dL first)', async () => {
        const items = await itemsAt(protocol('  hold {\n    when IgG < 400 <|> resume when resolved\n  }'));
        expect(items.filter((i) => i.detail === 'IgG threshold unit').map((i) => i.label)[0]).toBe('mg/dL');
        expect(labels(items)).not.toContain('x10^9/L');
    });

    test('the units of a threshold follow the observation knowledge', () => {
        expect(thresholdUnitsFor('hemoglobin')[0]).toBe('g/dL');
        expect(thresholdUnitsFor('CD4')).toEqual(['/uL', 'x10^9/L']);
        expect(thresholdUnitsFor('weight')).toEqual(['kg']);
        expect(thresholdUnitsFor('unknown-lab')).toEqual([...THRESHOLD_UNITS]);
    });
});

describe('references', () => {
    test('after premedicate, the premedication sets of the protocol', async () => {
        const items = await itemsAt(protocol('  premedication std { dexamethasone 16 mg }\n  premedication light { acetaminophen 1000 mg }\n  step-up {\n    dose SUD1 0.06 mg/kg day 1 premedicate <|>\n  }'));
        expect(labels(items).sort()).toEqual(['light', 'std']);
    });

    test('a window anchor offers the doses', async () => {
        const items = await itemsAt(protocol('  step-up {\n    dose SUD1 0.06 mg/kg day 1\n    dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after <|>\n  }'));
        expect(labels(items)).toEqual(expect.arrayContaining(['SUD1', 'SUD2']));
    });

    test('after crs-panel uses, the panels of imported libraries and only those', async () => {
        await buildFiles({
            'shared/crs.titra': 'library CRS-LIB "CRS" {\n  crs-panel imwg-crs "CRS" {\n    grade 1: observe\n  }\n}\n',
            'shared/other.titra': 'library OTHER "Other" {\n  crs-panel not-imported "CRS" {\n    grade 1: observe\n  }\n}\n'
        });
        const items = await itemsAt(protocol('  import "shared/crs.titra"\n  crs-panel uses <|>'), { documentUri: URI.file('/ws/protocol.titra').toString() });
        expect(labels(items)).toEqual(['imwg-crs']);
    });
});

describe('snippets', () => {
    async function snippet(label: string): Promise<string> {
        const item = (await itemsAt(protocol('  <|>'))).find((i) => i.label === label);
        expect(item?.insertTextFormat).toBe(InsertTextFormat.Snippet);
        return item!.textEdit!.newText;
    }

    test('the step-up block has placeholders for every dose, unit, day and window and no values', async () => {
        const body = await snippet('step-up block');
        expect(body).toContain('dose ${1:SUD1} ${2:amount} ${3|mg,mcg,');
        expect(body).toContain('window ${10:min} to ${11:max} days after ${1:SUD1}');
        // No number outside a placeholder's dose name: doses, days and windows are left to the author.
        expect(expand(body).replace(/\b(SUD|TD)\d\b/g, '')).not.toMatch(/\d/);
    });

    test('the CRS panel has grades 1-4, each with a TODO placeholder for its management', async () => {
        const body = await snippet('crs-panel with grades 1-4');
        expect(body.match(/grade \d: \$\{\d+:"TODO: [^"]*"\}/g)).toEqual([1, 2, 3, 4].map((g) => `grade ${g}: \${${g + 2}:"TODO: write the management of CRS grade ${g}"}`));
        expect(parseOnly(protocol(expand(body))).parserErrors).toEqual([]);
    });

    test('the ICANS panel has the ASTCT ICE ranges of the knowledge base', async () => {
        const body = await snippet('icans-panel with ICE ranges');
        expect(body).toContain('grade 1 (ICE 7 to 9): ${3:"TODO: write the management of ICANS grade 1"}');
        expect(body).toContain('grade 2 (ICE 3 to 6): ${4:"TODO: write the management of ICANS grade 2"}');
        expect(body).toContain('grade 3 (ICE 0 to 2): ${5:"TODO: write the management of ICANS grade 3"}');
        expect(body).toContain('grade 4 (ICE 0): ${6:"TODO: write the management of ICANS grade 4"}');
        expect(gradingReference('icans').grades.filter((g) => g.grade <= 4)).toHaveLength(4);
        expect(parseOnly(protocol(expand(body))).parserErrors).toEqual([]);
    });

    test('typing the keyword finds its snippet', async () => {
        const items = await itemsAt(protocol('  icans<|>'));
        expect(labels(items)).toEqual(expect.arrayContaining(['icans-panel', 'icans-panel with ICE ranges']));
    });
});

describe('robustness', () => {
    test('completion answers at the end of every line prefix of an example', async () => {
        const lines = exampleFiles()['teclistamab-outpatient.titra'].split('\n');
        for (let i = 1; i <= lines.length; i++) {
            const items = await itemsAt(`${lines.slice(0, i).join('\n')}<|>`);
            expect(Array.isArray(items)).toBe(true);
        }
    });
});

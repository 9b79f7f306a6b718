// Validation: for every diagnostic code a failing case (code at the right line) and a corrected passing case; linker errors.
import { afterAll, beforeAll, describe, expect, test, vi, type MockInstance } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import {
    buildFiles, buildOne, codesOf, crashesOf, diagnosticsWithCode, errorsOf, exampleFiles, lineOfText, linesOf, protocolText,
    WITHOUT_CLINICAL_CHECKS
} from '#test-support/language-services.js';

/** Builds a protocol text and returns the lines at which `code` is reported. */
async function linesIn(text: string, code: string): Promise<number[]> {
    return linesOf(await buildOne(text), code);
}

/** Expects `code` exactly at the given lines of a single protocol text. */
async function expectCodeAt(text: string, code: string, lines: number[]): Promise<void> {
    expect(await linesIn(text, code)).toEqual(lines);
}

async function expectNoCode(text: string, code: string): Promise<void> {
    const document = await buildOne(text);
    expect(codesOf(document)).not.toContain(code);
    // The corrected texts are meant to be clean; a parse error would make "no such code" meaningless.
    expect(diagnosticsWithCode(document, 'parsing-error')).toEqual([]);
}

describe(`${Codes.duplicateName}`, () => {
    const text = protocolText(`  step-up {
    dose SUD1 1 mg day 1
    dose SUD1 2 mg day 4
  }`);

    test('two doses with the same name: reported on the second', async () => {
        await expectCodeAt(text, Codes.duplicateName, [lineOfText(text, 'SUD1', 2)]);
    });

    test('names of different kinds collide too (a premedication set and a dose)', async () => {
        const mixed = protocolText('  premedication std { x 1 mg PO give 1 hour before dose }\n  step-up {\n    dose std 1 mg day 1\n  }');
        await expectCodeAt(mixed, Codes.duplicateName, [lineOfText(mixed, 'dose std')]);
    });

    test('duplicates inside a library and inside a variant', async () => {
        const library = 'library L {\n  hold h { when bleeding }\n  crs-panel h { grade 1: observe }\n}';
        await expectCodeAt(library, Codes.duplicateName, [3]);
        const variant = protocolText('  variant v when bleeding {\n    step-up {\n      dose A 1 mg day 1\n      dose A 2 mg day 2\n    }\n  }');
        await expectCodeAt(variant, Codes.duplicateName, [lineOfText(variant, 'dose A 2')]);
    });

    test('corrected: distinct names; a variant may reuse a protocol name', async () => {
        await expectNoCode(text.replace('dose SUD1 2 mg', 'dose SUD2 2 mg'), Codes.duplicateName);
        await expectNoCode(protocolText('  step-up { dose A 1 mg day 1 }\n  variant v when bleeding { step-up { dose A 2 mg day 1 } }'), Codes.duplicateName);
    });
});

describe(`${Codes.duplicateClause}`, () => {
    const text = protocolText(`  step-up {
    dose A 1 mg day 1
    dose B 1 mg day 4 window 2 to 7 days after A
      window 3 to 7 days after A
  }`);

    test('a window given twice: reported on the second window', async () => {
        await expectCodeAt(text, Codes.duplicateClause, [lineOfText(text, 'window 3 to 7')]);
    });

    test.each([
        ['maintenance after', '  step-up { dose A 1 mg day 1 }\n  maintenance {\n    phase M 1 mg every 1 week after A\n      after A\n  }', 'after A', 2],
        ['cycle premedicate', '  premedication p { x 1 mg PO give 1 hour before dose }\n  cycles of 28 days {\n    cycle 1: 1 mg on day 1 premedicate p\n      premedicate p\n  }', 'premedicate p', 2],
        ['medication frequency', '  supportive-care {\n    x 1 mg PO daily\n      weekly\n  }', 'weekly', 1],
        ['supportive-care if', '  supportive-care {\n    "x" if bleeding\n      if active-infection\n  }', 'if active-infection', 1],
        ['governance version', '  version 2.0.0', 'version 2.0.0', 1],
        ['agent', '  agent blinatumomab route IV', 'agent blinatumomab', 1]
    ])('%s given twice', async (_label, body, needle, occurrence) => {
        const source = protocolText(body);
        await expectCodeAt(source, Codes.duplicateClause, [lineOfText(source, needle, occurrence)]);
    });

    test('corrected: every clause once (several limits are allowed)', async () => {
        await expectNoCode(text.replace('      window 3 to 7 days after A\n', ''), Codes.duplicateClause);
        await expectNoCode(protocolText('  supportive-care { x 8 mg PO every 8 hours max 24 mg per 1 day max 3 doses per 1 day }'), Codes.duplicateClause);
    });
});

describe(`${Codes.importNotFound}`, () => {
    const text = protocolText('  import "shared/missing.titra"');

    test('an import of a file that is not there', async () => {
        const document = await buildOne(text);
        expect(linesOf(document, Codes.importNotFound)).toEqual([lineOfText(text, 'import')]);
        expect(String(diagnosticsWithCode(document, Codes.importNotFound)[0].message)).toContain('/ws/shared/missing.titra');
    });

    test('corrected: the file exists (paths are relative to the importing file)', async () => {
        const documents = await buildFiles({ 'p/protocol.titra': protocolText('  import "../shared/lib.titra"'), 'shared/lib.titra': 'library L { }' });
        expect(codesOf(documents.get('p/protocol.titra')!)).toEqual([]);
    });
});

describe(`${Codes.importCycle}`, () => {
    test('a -> b -> a: each file reports the import that starts the cycle', async () => {
        const a = 'library A {\n  import "b.titra"\n}';
        const b = 'library B {\n  // comment\n  import "a.titra"\n}';
        const documents = await buildFiles({ 'a.titra': a, 'b.titra': b });
        expect(linesOf(documents.get('a.titra')!, Codes.importCycle)).toEqual([2]);
        expect(linesOf(documents.get('b.titra')!, Codes.importCycle)).toEqual([3]);
        expect(String(diagnosticsWithCode(documents.get('a.titra')!, Codes.importCycle)[0].message)).toContain('a.titra -> b.titra -> a.titra');
    });

    test('a library that imports itself', async () => {
        const documents = await buildFiles({ 'self.titra': 'library S {\n  import "self.titra"\n}' });
        expect(linesOf(documents.get('self.titra')!, Codes.importCycle)).toEqual([2]);
    });

    test('corrected: a -> b and c -> b (a shared library, no cycle)', async () => {
        const documents = await buildFiles({
            'a.titra': 'library A {\n  import "b.titra"\n}', 'b.titra': 'library B { }', 'c.titra': 'library C {\n  import "b.titra"\n  import "a.titra"\n}'
        });
        for (const document of documents.values()) expect(codesOf(document)).toEqual([]);
    });
});

describe(`${Codes.importNotLibrary}`, () => {
    test('importing a protocol', async () => {
        const documents = await buildFiles({ 'main.titra': protocolText('  import "other.titra"'), 'other.titra': protocolText('', 'OTHER') });
        expect(linesOf(documents.get('main.titra')!, Codes.importNotLibrary)).toEqual([5]);
    });

    test('corrected: importing a library', async () => {
        const documents = await buildFiles({ 'main.titra': protocolText('  import "other.titra"'), 'other.titra': 'library OTHER { }' });
        expect(codesOf(documents.get('main.titra')!)).toEqual([]);
    });
});

describe(`${Codes.unknownUnit}`, () => {
    const text = protocolText('  requires weight\n  step-up {\n    dose A 1 furlongs day 1\n  }\n  hold {\n    when weight < 40 stone\n  }');

    test('an unknown dose unit and an unknown threshold unit', async () => {
        await expectCodeAt(text, Codes.unknownUnit, [lineOfText(text, 'furlongs'), lineOfText(text, 'stone')]);
    });

    test('an unknown unit in a dose cap and in a rounding increment', async () => {
        const caps = protocolText('  step-up {\n    dose A 1 mg day 1 max 10 furlongs per dose\n      round to 1 stone\n  }');
        await expectCodeAt(caps, Codes.unknownUnit, [lineOfText(caps, 'furlongs'), lineOfText(caps, 'stone')]);
    });

    test('corrected: mg, mcg, units, mL, cc, kg', async () => {
        await expectNoCode(text.replace('furlongs', 'mg').replace('stone', 'kg'), Codes.unknownUnit);
        await expectNoCode(protocolText('  supportive-care {\n    a 1 mcg PO daily\n    b 1 units IV daily\n    c 1 mL IV daily\n    d 1 cc IV daily\n  }'), Codes.unknownUnit);
    });
});

describe(`${Codes.doseBasisMissingInput}`, () => {
    test('a mg/kg dose without weight', async () => {
        const text = protocolText('  step-up {\n    dose A 0.06 mg/kg day 1\n  }');
        await expectCodeAt(text, Codes.doseBasisMissingInput, [lineOfText(text, 'mg/kg')]);
        const diagnostic = diagnosticsWithCode(await buildOne(text), Codes.doseBasisMissingInput)[0];
        expect(diagnostic.data).toMatchObject({ missing: ['weight'] });
    });

    test('a mg/m2 dose with weight but without height', async () => {
        const text = protocolText('  requires weight\n  supportive-care {\n    cyclophosphamide 1 g/m2 IV once\n  }');
        await expectCodeAt(text, Codes.doseBasisMissingInput, [lineOfText(text, 'g/m2')]);
        const diagnostic = diagnosticsWithCode(await buildOne(text), Codes.doseBasisMissingInput)[0];
        expect(diagnostic.data).toMatchObject({ missing: ['height'] });
    });

    test('corrected: requires weight (and height)', async () => {
        await expectNoCode(protocolText('  requires weight\n  step-up { dose A 0.06 mg/kg day 1 }'), Codes.doseBasisMissingInput);
        await expectNoCode(protocolText('  requires weight, height\n  supportive-care { c 1 g/m2 IV once }'), Codes.doseBasisMissingInput);
    });

    test('a mg/kg dose in a used library panel needs weight, reported at the `uses`', async () => {
        const main = protocolText('  import "lib.titra"\n  crs-panel uses crs');
        const lib = 'library L {\n  crs-panel crs { grade 1: tocilizumab 8 mg/kg IV }\n}';
        const document = (await buildFiles({ 'main.titra': main, 'lib.titra': lib })).get('main.titra')!;
        const reported = errorsOf(document).filter((d) => ((d.data as { missing?: string[] } | undefined)?.missing ?? []).includes('weight'));
        expect(reported.map((d) => d.range.start.line + 1)).toEqual([lineOfText(main, 'crs-panel uses')]);
        const fixed = (await buildFiles({ 'main.titra': main.replace('crs-panel uses', 'requires weight\n  crs-panel uses'), 'lib.titra': lib }, WITHOUT_CLINICAL_CHECKS)).get('main.titra')!;
        expect(codesOf(fixed)).toEqual([]);
    });
});

describe(`${Codes.incompatibleUnit}`, () => {
    const text = protocolText('  requires ANC\n  hold {\n    when ANC < 0.5 mg/kg\n  }');

    test('a lab threshold in a dose unit (ANC < 0.5 mg/kg)', async () => {
        await expectCodeAt(text, Codes.incompatibleUnit, [lineOfText(text, 'mg/kg')]);
    });

    test('corrected: x10^9/L, or /uL which is the same kind of unit', async () => {
        await expectNoCode(text.replace('mg/kg', 'x10^9/L'), Codes.incompatibleUnit);
        await expectNoCode(text.replace('0.5 mg/kg', '500 /uL'), Codes.incompatibleUnit);
    });
});

describe(`${Codes.missingThresholdUnit}`, () => {
    const text = protocolText('  requires platelets\n  hold {\n    when platelets < 50\n  }');

    test('a lab threshold without a unit', async () => {
        await expectCodeAt(text, Codes.missingThresholdUnit, [lineOfText(text, 'platelets < 50')]);
    });

    test('corrected: with its unit', async () => {
        await expectNoCode(text.replace('< 50', '< 50 x10^9/L'), Codes.missingThresholdUnit);
    });
});

describe(`${Codes.unknownObservation}`, () => {
    const text = protocolText('  requires ferritin\n  hold {\n    when ferritin > 1000 ng/mL\n  }');

    test('an observation Titra does not know is a warning', async () => {
        const document = await buildOne(text, undefined, WITHOUT_CLINICAL_CHECKS);
        const found = diagnosticsWithCode(document, Codes.unknownObservation);
        expect(found.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[lineOfText(text, 'ferritin >'), 2]]);
        expect(errorsOf(document)).toEqual([]);
    });

    test('corrected: a known observation', async () => {
        await expectNoCode(protocolText('  requires IgG\n  hold { when IgG < 400 mg/dL }'), Codes.unknownObservation);
    });
});

describe(`${Codes.observationNotRequired}`, () => {
    test('an observation used directly but not required (also in a variant condition)', async () => {
        const text = protocolText('  requires weight\n  hold {\n    when ANC < 0.5 x10^9/L\n  }\n  variant v when platelets < 50 x10^9/L { }');
        await expectCodeAt(text, Codes.observationNotRequired, [lineOfText(text, 'ANC <'), lineOfText(text, 'variant v')]);
    });

    test('an observation brought in through `hold uses` and `supportive-care uses` of a library', async () => {
        const main = protocolText('  import "lib.titra"\n  requires ANC\n  hold uses cytopenias\n  supportive-care uses ig');
        const documents = await buildFiles({
            'main.titra': main,
            'lib.titra': `library L {
  requires ANC, platelets, IgG
  hold cytopenias { when ANC < 0.5 x10^9/L resume when platelets > 50 x10^9/L }
  supportive-care ig { "IVIG" if IgG < 400 mg/dL }
}`
        });
        const document = documents.get('main.titra')!;
        expect(linesOf(document, Codes.observationNotRequired)).toEqual([lineOfText(main, 'hold uses'), lineOfText(main, 'supportive-care uses')]);
        expect(diagnosticsWithCode(document, Codes.observationNotRequired)[0].data).toMatchObject({ missing: ['platelets'] });
        // The library itself is not checked against its own requires: it is not a protocol.
        expect(codesOf(documents.get('lib.titra')!)).toEqual([]);
    });

    test('corrected: required inputs', async () => {
        const documents = await buildFiles({
            'main.titra': protocolText('  import "lib.titra"\n  requires ANC, platelets, IgG\n  hold uses cytopenias\n  hold { when IgG < 400 mg/dL }'),
            'lib.titra': 'library L {\n  hold cytopenias { when ANC < 0.5 x10^9/L resume when platelets > 50 x10^9/L }\n}'
        }, WITHOUT_CLINICAL_CHECKS);
        expect(codesOf(documents.get('main.titra')!)).toEqual([]);
    });
});

describe(`${Codes.unknownState}`, () => {
    test('an unknown state lists the known ones', async () => {
        const text = protocolText('  hold {\n    when tumour-flare\n  }');
        const document = await buildOne(text);
        expect(linesOf(document, Codes.unknownState)).toEqual([lineOfText(text, 'tumour-flare')]);
        expect(String(diagnosticsWithCode(document, Codes.unknownState)[0].message)).toContain('Known states: active-infection');
    });

    test('a risk flag written without `flag` gets the hint', async () => {
        const text = protocolText('  flag high-risk "High tumour burden"\n  hold {\n    when high-risk\n  }');
        const document = await buildOne(text);
        expect(linesOf(document, Codes.unknownState)).toEqual([lineOfText(text, 'when high-risk')]);
        expect(String(diagnosticsWithCode(document, Codes.unknownState)[0].message)).toContain(`write 'flag high-risk'`);
    });

    test('corrected: a known state, and the flag written with `flag`', async () => {
        await expectNoCode(protocolText('  flag high-risk "h"\n  hold {\n    when active-infection or flag high-risk\n  }'), Codes.unknownState);
    });
});

describe(`${Codes.nakedDecimal}`, () => {
    const text = protocolText('  step-up {\n    dose A .5 mg day 1\n  }\n  requires ANC\n  hold {\n    when ANC < .5 x10^9/L\n  }');

    test('a naked decimal in a dose and in a lab threshold, with the replacement', async () => {
        const document = await buildOne(text);
        expect(linesOf(document, Codes.nakedDecimal)).toEqual([lineOfText(text, '.5 mg'), lineOfText(text, '.5 x10')]);
        const first = diagnosticsWithCode(document, Codes.nakedDecimal)[0];
        expect(first.data).toMatchObject({ replacement: '0.5' });
        expect(first.range).toMatchObject({ start: { character: 11 }, end: { character: 13 } });
    });

    test('a naked decimal in a library', async () => {
        await expectCodeAt('library L {\n  supportive-care s {\n    x .25 mg PO daily\n  }\n}', Codes.nakedDecimal, [3]);
    });

    test('corrected: 0.5', async () => {
        await expectNoCode(text.replaceAll(' .5', ' 0.5'), Codes.nakedDecimal);
    });
});

describe(`${Codes.trailingZero}`, () => {
    const text = protocolText('  step-up {\n    dose A 1.0 mg day 1\n    dose B 2.50 mg day 2\n    dose C 3. mg day 3\n  }');

    test('trailing zeros and a trailing point in doses, with the replacement', async () => {
        const document = await buildOne(text);
        expect(linesOf(document, Codes.trailingZero)).toEqual([lineOfText(text, '1.0 mg'), lineOfText(text, '2.50 mg'), lineOfText(text, '3. mg')]);
        expect(diagnosticsWithCode(document, Codes.trailingZero).map((d) => (d.data as { replacement: string }).replacement)).toEqual(['1', '2.5', '3']);
    });

    test('a lab threshold `ANC >= 1.0 x10^9/L` is not flagged (it states the precision of a result)', async () => {
        const threshold = protocolText('  requires ANC\n  hold {\n    when ANC < 0.5 x10^9/L resume when ANC >= 1.0 x10^9/L\n  }');
        const document = await buildOne(threshold);
        expect(codesOf(document)).toEqual([]);
    });

    test('but a grade is not a lab threshold (CRS grade >= 1.0 is flagged)', async () => {
        const grade = protocolText('  hold {\n    when CRS grade >= 1.0\n  }');
        await expectCodeAt(grade, Codes.trailingZero, [lineOfText(grade, '>= 1.0')]);
    });

    test('corrected: 1, 2.5, 3; decimals without trailing zeros (0.06, 10, 100) are fine', async () => {
        await expectNoCode(text.replace('1.0 mg', '1 mg').replace('2.50', '2.5').replace('3. mg', '3 mg'), Codes.trailingZero);
        await expectNoCode(protocolText('  step-up { dose A 0.06 mg day 10 }\n  cycles of 100 days { }'), Codes.trailingZero);
    });
});

describe(`${Codes.errorProneSpelling}: typing habits`, () => {
    const text = protocolText('  supportive-care {\n    methylprednisolone 1,000 mg iv daily\n    acyclovir 400 mg po twice\n  }\n  agent x route sc');

    test('a thousands separator and lower-case routes are warnings with the canonical spelling', async () => {
        const document = await buildOne(text.replace(' twice', ' 2 times daily'));
        const findings = diagnosticsWithCode(document, Codes.errorProneSpelling);
        expect(findings.map((d) => [d.range.start.line + 1, d.severity, d.data])).toEqual([
            [lineOfText(text, '1,000'), 2, { code: Codes.errorProneSpelling, replacement: '1000', spelling: '1,000' }],
            [lineOfText(text, '1,000'), 2, { code: Codes.errorProneSpelling, replacement: 'IV', spelling: 'iv' }],
            [lineOfText(text, ' po '), 2, { code: Codes.errorProneSpelling, replacement: 'PO', spelling: 'po' }],
            [lineOfText(text, 'route sc'), 2, { code: Codes.errorProneSpelling, replacement: 'subcut', spelling: 'sc' }]
        ]);
    });

    test('corrected: 1000, IV, PO, subcut', async () => {
        await expectNoCode(protocolText('  supportive-care {\n    methylprednisolone 1000 mg IV daily\n    acyclovir 400 mg PO 2 times daily\n  }\n  agent x route subcut'), Codes.errorProneSpelling);
    });
});

describe(`${Codes.missingAgent}`, () => {
    const text = 'protocol P "p" {\n  version 1.0.0\n  status draft\n}';

    test('a protocol without an agent, reported at its name', async () => {
        const document = await buildOne(text);
        expect(diagnosticsWithCode(document, Codes.missingAgent).map((d) => d.range.start)).toEqual([{ line: 0, character: 9 }]);
    });

    test('corrected: with an agent; a library needs none', async () => {
        await expectNoCode(text.replace('}', '  agent x route SC\n}'), Codes.missingAgent);
        await expectNoCode('library L { }', Codes.missingAgent);
    });
});

describe(`${Codes.missingGovernance}`, () => {
    test('a protocol without version and status', async () => {
        const document = await buildOne('protocol P "p" {\n  agent x route SC\n}');
        const found = diagnosticsWithCode(document, Codes.missingGovernance);
        expect(found.map((d) => (d.data as { field: string }).field)).toEqual(['version', 'status']);
        expect(found.map((d) => d.range.start.line + 1)).toEqual([1, 1]);
    });

    test('missing status only', async () => {
        const document = await buildOne('protocol P "p" {\n  version 1.0.0\n  agent x route SC\n}');
        expect(diagnosticsWithCode(document, Codes.missingGovernance).map((d) => (d.data as { field: string }).field)).toEqual(['status']);
    });

    test('corrected: with version and status (effective, owner ... are optional); libraries need neither', async () => {
        await expectNoCode(protocolText(''), Codes.missingGovernance);
        await expectNoCode('library L { }', Codes.missingGovernance);
    });
});

describe(`${Codes.librarySharedName}`, () => {
    const text = 'library L {\n  hold {\n    when bleeding\n  }\n  crs-panel { grade 1: observe }\n  supportive-care "t" { "x" throughout }\n}';

    // Guards against a fixed defect (unnamed library members are never reported): checkLibraryMembers skips a member unless
    // `'uses' in member`, but Langium only creates the `uses` property when it is written, so every block
    // without `uses` (named or not) is skipped and the check can never fire.
    test('unnamed hold, crs-panel and supportive-care in a library', async () => {
        await expectCodeAt(text, Codes.librarySharedName, [2, 5, 6]);
    });

    test('corrected: named members', async () => {
        await expectNoCode('library L {\n  hold h { when bleeding }\n  crs-panel c { grade 1: observe }\n  supportive-care s "t" { "x" throughout }\n}', Codes.librarySharedName);
    });

    test('unnamed blocks in a protocol are fine', async () => {
        await expectNoCode(protocolText('  hold { when bleeding }\n  crs-panel { grade 1: observe }'), Codes.librarySharedName);
    });
});

describe(`${Codes.protocolUsesInLibrary}`, () => {
    const text = 'library L {\n  hold base { when bleeding }\n  hold again\n    uses base\n}';

    test('`uses` inside a library, reported at the reference', async () => {
        await expectCodeAt(text, Codes.protocolUsesInLibrary, [4]);
    });

    test('corrected: the library defines the block', async () => {
        await expectNoCode('library L {\n  hold base { when bleeding }\n}', Codes.protocolUsesInLibrary);
    });
});

describe('unresolved references (Langium linker)', () => {
    test.each([
        ['premedication set', '  step-up {\n    dose A 1 mg day 1 premedicate nope\n  }', 'nope'],
        ['dose anchor of a window', '  step-up {\n    dose A 1 mg day 1 window 1 to 2 days after nope\n  }', 'nope'],
        ['dose anchor of a restart rule', '  step-up { dose A 1 mg day 1 }\n  restart-after-delay {\n    last A more than 7 days: restart from nope\n  }', 'nope'],
        ['risk flag', '  hold {\n    when flag nope\n  }', 'nope'],
        ['toxicity panel of a grade condition', '  hold {\n    when nope grade >= 2\n  }', 'nope'],
        ['used panel', '  crs-panel uses\n    nope', 'nope']
    ])('%s', async (_label, body, needle) => {
        const text = protocolText(body);
        await expectCodeAt(text, Codes.unresolvedReference, [lineOfText(text, needle)]);
    });

    test('the message names what authors call the target, and the code is reference/unresolved', async () => {
        const text = protocolText('  step-up {\n    dose A 1 mg day 1 window 1 to 2 days after nope premedicate outpatient-set\n  }');
        const document = await buildOne(text);
        expect(diagnosticsWithCode(document, Codes.unresolvedReference).map((d) => [d.range.start.line + 1, d.message]).sort()).toEqual([
            [lineOfText(text, 'nope'), "There is no premedication set named 'outpatient-set' here (declared in this file or an imported library)."],
            [lineOfText(text, 'nope'), "There is no step-up dose or maintenance phase named 'nope' here (declared in this file or an imported library)."],
        ]);
    });

    test('an imported panel of a library that is not imported', async () => {
        const main = protocolText('  import "a.titra"\n  crs-panel uses crs-b');
        const documents = await buildFiles({
            'main.titra': main, 'a.titra': 'library A { crs-panel crs-a { grade 1: observe } }', 'b.titra': 'library B { crs-panel crs-b { grade 1: observe } }'
        });
        expect(linesOf(documents.get('main.titra')!, Codes.unresolvedReference)).toEqual([lineOfText(main, 'crs-b')]);
    });

    test('corrected: every reference resolves', async () => {
        const main = protocolText('  import "a.titra"\n  crs-panel uses crs-a\n  premedication p { x 1 mg PO give 1 hour before dose }\n  step-up { dose A 1 mg day 1 premedicate p }');
        const documents = await buildFiles({ 'main.titra': main, 'a.titra': 'library A { crs-panel crs-a { grade 1: observe } }' }, WITHOUT_CLINICAL_CHECKS);
        expect(codesOf(documents.get('main.titra')!)).toEqual([]);
    });
});

describe('a reserved word used as a name (syntax error in the author\'s words)', () => {
    test.each([
        ['premedication set', '  premedication outpatient { x 1 mg PO give 1 hour before dose }', 'outpatient', 'outpatient-premedication'],
        ['step-up dose', '  step-up {\n    dose daily 1 mg day 1\n  }', 'daily', 'daily-dose'],
        ['risk flag', '  flag weekly "w"', 'weekly', 'weekly-flag']
    ])('%s', async (_label, body, word, suggestion) => {
        const text = protocolText(body);
        const errors = diagnosticsWithCode(await buildOne(text), 'parsing-error');
        expect(errors[0].range.start.line + 1).toBe(lineOfText(text, word));
        expect(errors[0].message).toBe(`'${word}' is a reserved word of Titra and cannot be used as a name. Choose another name, for example '${suggestion}'.`);
    });
});

describe('the examples are clean', () => {
    test('every example protocol and library has no diagnostics', async () => {
        const documents = await buildFiles(exampleFiles());
        expect(documents.size).toBeGreaterThan(1);
        for (const [path, document] of documents) expect([path, codesOf(document)]).toEqual([path, []]);
    });
});

describe('missing diagnostics (bugs)', () => {
    // Guards against a fixed defect (unsafe frequency abbreviations are not reported): the grammar reads qd, QOD, TIW, HS ... so that
    // validation can flag them, but no check does; the compiler then throws CompileError
    // "unsafe frequency abbreviation" on a protocol that validated clean (no position in the editor).
    test.each(['qd', 'QD', 'qod', 'QOD', 'TIW', 'tiw', 'HS', 'hs'])('the abbreviation %s is reported', async (abbreviation) => {
        const text = protocolText(`  supportive-care {\n    acyclovir 400 mg PO ${abbreviation}\n  }`);
        const document = await buildOne(text);
        expect(errorsOf(document).map((d) => d.range.start.line + 1)).toContain(lineOfText(text, abbreviation));
    });

    // Guards against a fixed defect (ISMP unit spellings are read but not flagged): the grammar comment says "unsafe spellings are
    // read and flagged by validation", but U, IU, cc, µg and a trailing period (mg.) compile silently to
    // [iU], mL, ug and mg. ISMP's do-not-use list asks for "units", "mL", "mcg" and no period.
    test.each(['U', 'IU', 'cc', '\u00B5g', 'mg.'])('the unit spelling %s is flagged', async (unit) => {
        const text = protocolText(`  supportive-care {\n    x 10 ${unit} IV daily\n  }`);
        const document = await buildOne(text);
        expect((document.diagnostics ?? []).map((d) => d.range.start.line + 1)).toContain(lineOfText(text, `10 ${unit}`));
    });

    // Guards against a fixed defect (premedication without a timing is not reported): a premedication order with neither its own
    // timing nor the set's `give ... before dose` validates clean, and compileProtocol then throws
    // CompileError "premedication 'p' does not say when to give x".
    test('a premedication order without any timing is reported', async () => {
        const text = protocolText('  premedication p {\n    dexamethasone 16 mg PO\n  }\n  step-up { dose A 1 mg day 1 premedicate p }');
        const document = await buildOne(text);
        expect(errorsOf(document).map((d) => d.range.start.line + 1)).toContain(lineOfText(text, 'dexamethasone'));
    });

    // Guards against a fixed defect (reversed ranges are accepted): `window 7 to 2 days`, a restart gap `28 to 8 days` and
    // `for 5 to 3 days` validate clean and compile to min > max; no check compares the two ends.
    test.each([
        ['window', '  step-up {\n    dose A 1 mg day 1\n    dose B 1 mg day 4 window 7 to 2 days after A\n  }', '7 to 2'],
        ['restart gap', '  step-up { dose A 1 mg day 1 }\n  restart-after-delay {\n    last A 28 to 8 days: continue\n  }', '28 to 8'],
        ['duration', '  supportive-care {\n    x 1 mg PO daily for 5 to 3 days\n  }', '5 to 3']
    ])('a reversed %s is reported', async (_label, body, needle) => {
        const text = protocolText(body);
        expect(errorsOf(await buildOne(text)).map((d) => d.range.start.line + 1)).toContain(lineOfText(text, needle));
    });
});

describe('`resolved` outside a resume condition (bug)', () => {
    // Guards against a fixed defect (meaningless `resolved` accepted): `resolved` means "the trigger of the enclosing hold is false
    // again" and is "only meaningful as a resume condition" (schema/titra.orderset-1.semantics.md#conditions); elsewhere
    // evaluateCondition returns 'unknown' forever. A hold trigger, a variant condition or a supportive-care
    // start written as `resolved` validates clean.
    test.each([
        ['a hold trigger', '  hold {\n    when resolved\n  }'],
        ['a variant condition', '  variant v when resolved { }'],
        ['a supportive-care start', '  supportive-care {\n    "x" if resolved\n  }']
    ])('in %s is reported', async (_label, body) => {
        const text = protocolText(body);
        expect(errorsOf(await buildOne(text)).map((d) => d.range.start.line + 1)).toContain(lineOfText(text, 'resolved'));
    });

    test('as a resume condition it is fine', async () => {
        expect(codesOf(await buildOne(protocolText('  hold {\n    when bleeding resume when resolved\n  }')))).toEqual([]);
    });
});

describe('checks do not crash on incomplete text (bugs)', () => {
    // Langium logs a crashing check with console.error; the crash is asserted through its diagnostic instead.
    let consoleError: MockInstance;
    beforeAll(() => { consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterAll(() => consoleError.mockRestore());

    // Guards against a fixed defect (validator crash): after a syntax error the recovered DoseAmount has no unit, and checkUnitKnown /
    // checkDoseBasisInputs call translateUnit(undefined) -> "Cannot read properties of undefined (reading
    // 'replace')", reported as "An error occurred during validation" (and logged with a stack trace).
    test('a dose whose unit is missing (`x 5 PO daily`)', async () => {
        const document = await buildOne(protocolText('  supportive-care { x 5 PO daily }'));
        expect(diagnosticsWithCode(document, 'parsing-error').length).toBeGreaterThan(0);
        expect(crashesOf(document).map((d) => d.message)).toEqual([]);
    });

    // Guards against a fixed defect (validator crash): `import` without a path leaves Import.path undefined and checkImport calls
    // resolveImport(uri, undefined) -> "Path must be a string. Received undefined".
    test('an import without a path', async () => {
        const document = await buildOne(protocolText('  import\n'));
        expect(diagnosticsWithCode(document, 'parsing-error').length).toBeGreaterThan(0);
        expect(crashesOf(document).map((d) => d.message)).toEqual([]);
    });

    test('other incomplete texts do not crash a check', async () => {
        for (const text of ['protocol', 'library', protocolText('  hold { when }'), protocolText('  hold uses'), protocolText('  step-up { dose A 1 mg day 1 window 1 to 2 days after }')]) {
            const document = await buildOne(text);
            expect(diagnosticsWithCode(document, 'parsing-error').length).toBeGreaterThan(0);
            expect(crashesOf(document)).toEqual([]);
        }
    });
});

describe(`${Codes.numberNotRepresentable}`, () => {
    const dose = (amount: string) => protocolText(`  requires weight\n  step-up {\n    dose SUD1 ${amount} mg/kg day 1\n  }`);

    test('a 400-digit dose: an error at the number, with the limits', async () => {
        const text = dose('9'.repeat(400));
        const found = diagnosticsWithCode(await buildOne(text, 'protocol.titra', WITHOUT_CLINICAL_CHECKS), Codes.numberNotRepresentable);
        expect(found.map((d) => [d.range.start.line + 1, d.range.start.character, d.range.end.character])).toEqual([[lineOfText(text, 'dose SUD1'), 14, 414]]);
        expect(found[0].message).toContain('has 400 digits');
        expect(found[0].message).toContain('at most 20 digits (15 significant)');
    });

    test('more than 15 significant digits (20 digits whose last ones a double loses) and exponents (1e309, 1e3)', async () => {
        for (const amount of ['1.50000000000000000001', '12345678901234567', '1e309', '1e3', '0.5E-2']) {
            const text = dose(amount);
            expect([amount, await linesIn(text, Codes.numberNotRepresentable)]).toEqual([amount, [lineOfText(text, 'dose SUD1')]]);
        }
        const exponent = diagnosticsWithCode(await buildOne(dose('1e3'), 'protocol.titra', WITHOUT_CLINICAL_CHECKS), Codes.numberNotRepresentable);
        expect(exponent[0].message).toContain("write the number in decimals as an order does ('1000')");
    });

    test('passing: 15 significant digits, 20 digits with leading zeros, a trailing-zero lab threshold', async () => {
        await expectNoCode(dose('123456789012345'), Codes.numberNotRepresentable);
        await expectNoCode(dose('0.00000000000000001'), Codes.numberNotRepresentable);
        await expectNoCode(protocolText('  requires ANC\n  hold { when ANC < 0.50 x10^9/L resume when ANC > 1.0 x10^9/L }'), Codes.numberNotRepresentable);
    });
});

// Canonical layout of the formatter: every block kind, comments, blank lines, idempotence on the examples, syntax errors.
import { URI } from 'langium';
import { expectFormatting, parseDocument } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { formatTitraText } from '../src/lsp/formatter.js';
import { exampleFiles, services } from '#test-support/language-services.js';

const formatting = expectFormatting(services.Titra);

/** The formatter's output for `text` (fails the test on a syntax error). */
function format(text: string): string {
    const result = formatTitraText(services.Titra, text);
    if (!result.ok) throw new Error(`syntax error at ${result.error.line}:${result.error.column}: ${result.error.message}`);
    return result.text;
}

describe('canonical layout through the LSP formatter', () => {
    test('protocol header, governance, agent, requires and flags', async () => {
        await formatting({
            before: 'protocol   P "Test"{version 1.0.0    status   draft\n'
                + '\t\teffective 2026-01-01 review-by 2027-01-01\n'
                + 'owner "P&T" population "Adults" reference "Ref"\n'
                + '   agent teclistamab route subcut dose-basis actual-weight requires weight ,ANC,platelets\n'
                + 'flag f1 "first" flag f2 "second"}',
            after: 'protocol P "Test" {\n'
                + '  version 1.0.0\n'
                + '  status draft\n'
                + '  effective 2026-01-01\n'
                + '  review-by 2027-01-01\n'
                + '  owner "P&T"\n'
                + '  population "Adults"\n'
                + '  reference "Ref"\n'
                + '  agent teclistamab route subcut dose-basis actual-weight\n'
                + '  requires weight, ANC, platelets\n'
                + '  flag f1 "first"\n'
                + '  flag f2 "second"\n'
                + '}\n',
            disposeAfterCheck: true
        });
    });

    test('premedication, pre-treatment, step-up, maintenance and cycles', async () => {
        await formatting({
            before: 'protocol P "T" {\n'
                + 'premedication std "Standard" { dexamethasone 16 mg PO or IV acetaminophen 650 mg PO give about 1 hour before dose }\n'
                + 'pre-treatment debulk { "chemotherapy" complete within 28 days before SUD1 }\n'
                + 'step-up {dose SUD1 0.06 mg / kg day 1 premedicate std monitor inpatient 48 hours\n'
                + '        dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after SUD1\n'
                + '  premedicate std}\n'
                + 'maintenance { phase QW 1.5 mg/kg every 1 week after SUD2 phase Q2W 800/160 mg every 2 weeks after QW when response >= CR sustained 6 months }\n'
                + 'cycles of 28 days max 6 { cycle 1 : 48 mg on days 1 ,8 , 15 cycles 2 to 3: 48 mg on day 1 infuse over 30 minutes }\n'
                + '}\n',
            after: 'protocol P "T" {\n'
                + '  premedication std "Standard" {\n'
                + '    dexamethasone 16 mg PO or IV\n'
                + '    acetaminophen 650 mg PO\n'
                + '    give about 1 hour before dose\n'
                + '  }\n'
                + '  pre-treatment debulk {\n'
                + '    "chemotherapy"\n'
                + '    complete within 28 days before SUD1\n'
                + '  }\n'
                + '  step-up {\n'
                + '    dose SUD1 0.06 mg/kg day 1 premedicate std monitor inpatient 48 hours\n'
                + '    dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after SUD1\n'
                + '      premedicate std\n'
                + '  }\n'
                + '  maintenance {\n'
                + '    phase QW 1.5 mg/kg every 1 week after SUD2\n'
                + '    phase Q2W 800/160 mg every 2 weeks after QW when response >= CR sustained 6 months\n'
                + '  }\n'
                + '  cycles of 28 days max 6 {\n'
                + '    cycle 1: 48 mg on days 1, 8, 15\n'
                + '    cycles 2 to 3: 48 mg on day 1 infuse over 30 minutes\n'
                + '  }\n'
                + '}\n',
            disposeAfterCheck: true
        });
    });

    test('variant, restart-after-delay, holds, panels and supportive care', async () => {
        await formatting({
            before: 'protocol P "T" {\n'
                + 'variant hr when flag a or ( ANC < 1.0 x10^9 / L and not flag b ) { step-up { dose SUD1 1 mg day 1 } }\n'
                + 'restart-after-delay { last SUD1 more than 7 days : restart from SUD1 last QW up to 28 days: continue }\n'
                + 'hold uses imwg-cytopenias hold { when CRS grade >= 1 resume when resolved also give "x" ; "y" }\n'
                + 'crs-panel uses imwg-crs icans-panel i "I" { grade 1 ( ICE 7 to 9 ) : observe }\n'
                + 'toxicity flare "Flare" grading CTCAE-v5 { grade 3: dexamethasone 10 mg every 8 hours }\n'
                + 'supportive-care s { "acyclovir" throughout , until CD4 > 200 /uL tocilizumab 8 mg/kg IV max 800 mg per dose once before SUD1 }\n'
                + 'hold h {}\n'
                + '}\n',
            after: 'protocol P "T" {\n'
                + '  variant hr when flag a or (ANC < 1.0 x10^9/L and not flag b) {\n'
                + '    step-up {\n'
                + '      dose SUD1 1 mg day 1\n'
                + '    }\n'
                + '  }\n'
                + '  restart-after-delay {\n'
                + '    last SUD1 more than 7 days: restart from SUD1\n'
                + '    last QW up to 28 days: continue\n'
                + '  }\n'
                + '  hold uses imwg-cytopenias\n'
                + '  hold {\n'
                + '    when CRS grade >= 1 resume when resolved also give "x"; "y"\n'
                + '  }\n'
                + '  crs-panel uses imwg-crs\n'
                + '  icans-panel i "I" {\n'
                + '    grade 1 (ICE 7 to 9): observe\n'
                + '  }\n'
                + '  toxicity flare "Flare" grading CTCAE-v5 {\n'
                + '    grade 3: dexamethasone 10 mg every 8 hours\n'
                + '  }\n'
                + '  supportive-care s {\n'
                + '    "acyclovir" throughout, until CD4 > 200 /uL\n'
                + '    tocilizumab 8 mg/kg IV max 800 mg per dose once before SUD1\n'
                + '  }\n'
                + '  hold h {\n'
                + '  }\n'
                + '}\n',
            disposeAfterCheck: true
        });
    });

    test('a library', async () => {
        await formatting({
            before: 'library L {version 1.0.0 requires ANC supportive-care s { "CMV PCR" } }',
            after: 'library L {\n  version 1.0.0\n  requires ANC\n  supportive-care s {\n    "CMV PCR"\n  }\n}\n',
            disposeAfterCheck: true
        });
    });

    test('grade entries keep the author\'s line breaks, after the separator, indented under their escalation', async () => {
        await formatting({
            before: 'library L {\n'
                + 'crs-panel c {\n'
                + '  grade 2: tocilizumab 8 mg/kg IV ; oxygen\n'
                + '    ; fluids;\n'
                + '\n'
                + '  if no improvement after 24 hours : "second line";\n'
                + ' consider "anakinra"; if refractory: "ICU"\n'
                + '             ; transfer ICU\n'
                + '  grade 3: observe; if no improvement: observe;\n'
                + '     observe\n'
                + '}\n'
                + '}\n',
            after: 'library L {\n'
                + '  crs-panel c {\n'
                + '    grade 2: tocilizumab 8 mg/kg IV; oxygen;\n'
                + '      fluids;\n'
                + '      if no improvement after 24 hours: "second line";\n'
                + '        consider "anakinra"; if refractory: "ICU";\n'
                + '        transfer ICU\n'
                + '    grade 3: observe; if no improvement: observe;\n'
                + '      observe\n'
                + '  }\n'
                + '}\n',
            disposeAfterCheck: true
        });
    });

    test('comments stay where they are: end of line, own line, line and block comments', async () => {
        await formatting({
            before: '// File header\n'
                + '/* block header */\n'
                + 'protocol P "T" { // after the brace\n'
                + '    version 1.0.0   // the version   \n'
                + '        // own line before status\n'
                + 'status draft /* inline block */ flag f "d"\n'
                + '  /* multi-line\n'
                + '       block kept as is */\n'
                + 'step-up {\n'
                + '  dose SUD1 1 mg day 1 // first\n'
                + '     monitor inpatient 24 hours\n'
                + '  // last comment in the block\n'
                + '}\n'
                + '} // after the protocol\n'
                + '// end of file\n',
            after: '// File header\n'
                + '/* block header */\n'
                + 'protocol P "T" { // after the brace\n'
                + '  version 1.0.0 // the version\n'
                + '  // own line before status\n'
                + '  status draft /* inline block */\n'
                + '  flag f "d"\n'
                + '  /* multi-line\n'
                + '       block kept as is */\n'
                + '  step-up {\n'
                + '    dose SUD1 1 mg day 1 // first\n'
                + '      monitor inpatient 24 hours\n'
                + '    // last comment in the block\n'
                + '  }\n'
                + '} // after the protocol\n'
                + '// end of file\n',
            disposeAfterCheck: true
        });
    });

    test('blank lines between members collapse to one; none after `{`, before `}` or inside a member', async () => {
        await formatting({
            before: '\n\n// header\n\n\n\nprotocol P "T" {\n\n\n  version 1.0.0\n\n\n\n  status draft\n  // note\n\n\n'
                + '  agent x route subcut dose-basis\n\n\n flat\n\n\n}\n\n\n',
            after: '// header\n\nprotocol P "T" {\n  version 1.0.0\n\n  status draft\n  // note\n\n'
                + '  agent x route subcut dose-basis\n    flat\n}\n',
            disposeAfterCheck: true
        });
    });

    test('CRLF and tabs become LF and spaces', async () => {
        await formatting({
            before: 'protocol P "T" {\r\n\tversion 1.0.0\r\n\r\n\tstatus draft\t// c\r\n}\r\n',
            after: 'protocol P "T" {\n  version 1.0.0\n\n  status draft // c\n}\n',
            disposeAfterCheck: true
        });
    });

    test('an already canonical document gets no edits', async () => {
        const document = await parseDocument(services.Titra, 'protocol P "T" {\n  version 1.0.0\n}\n', { documentUri: URI.file('/fmt/canonical.titra').toString() });
        const edits = await services.Titra.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
        expect(edits).toEqual([]);
    });
});

describe('syntax errors', () => {
    for (const [name, text, line, column] of [
        ['a parser error', 'protocol P "T" {\n  version\n  status draft\n}\n', 3, 3],
        ['a lexer error', 'protocol P "T" {\n  version 1.0.0 #\n}\n', 2, 17],
        ['a missing closing brace (reported after the last token)', 'protocol P "T" {\n  version 1.0.0\n', 2, 16]
    ] as const) {
        test(`${name}: the LSP formatter returns no edits and formatTitraText reports ${line}:${column}`, async () => {
            const document = await parseDocument(services.Titra, text);
            const edits = await services.Titra.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
            expect(edits).toEqual([]);
            const result = formatTitraText(services.Titra, text);
            expect(result.ok).toBe(false);
            if (!result.ok) expect([result.error.line, result.error.column]).toEqual([line, column]);
        });
    }
});

describe('the examples', () => {
    for (const [path, text] of Object.entries(exampleFiles())) {
        test(`${path} is canonical and formatting it is idempotent`, () => {
            const once = format(text);
            expect(format(once)).toBe(once);
            expect(once).toBe(text);
        });
    }
});

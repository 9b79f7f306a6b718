// Hover content: ASTCT grade definitions and IMWG management, example-patient doses with caps, agents without a reference.
import { AstUtils, GrammarAST } from 'langium';
import { expectHover } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { services } from '#test-support/language-services.js';
import { keywordHelp } from '../src/lsp/keyword-help.js';

const hover = expectHover(services.Titra);

const protocol = (body: string) =>
    `protocol P "P" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut dose-basis actual-weight\n  requires weight\n${body}\n}\n`;

describe('hover', () => {
    test('a CRS grade shows its ASTCT definition', async () => {
        await hover({
            text: protocol('  crs-panel {\n    <|>grade 2: oxygen\n  }'),
            index: 0,
            hover: /\*\*ASTCT CRS grade 2\*\*: Fever with hypotension not needing vasopressors/
        });
    });

    test('a CRS grade shows the IMWG 2024 management of that grade', async () => {
        await hover({
            text: protocol('  crs-panel {\n    <|>grade 2: oxygen\n  }'),
            index: 0,
            hover: /\*\*IMWG panel 1: management of cytokine release syndrome, grade 2\*\*: Tocilizumab 8 mg\/kg IV; if no improvement add second line \(steroids\)/
        });
    });

    test('an ICANS grade shows the IMWG 2024 management of that grade', async () => {
        await hover({
            text: protocol('  icans-panel {\n    <|>grade 4 (ICE 0): transfer ICU\n  }'),
            index: 0,
            hover: /\*\*IMWG panel 2: management of immune effector cell-associated neurotoxicity syndrome, grade 4\*\*: ICE 0: dexamethasone 10 mg every 6 h/
        });
    });

    test('an ICANS grade shows its ICE range', async () => {
        await hover({
            text: protocol('  icans-panel {\n    <|>grade 3 (ICE 0 to 2): transfer ICU\n  }'),
            index: 0,
            hover: /\*\*ASTCT ICANS grade 3\*\* \(ICE 0-2\)/
        });
    });

    test('a weight-based order is computed for the example patient and capped', async () => {
        await hover({
            text: protocol('  crs-panel {\n    grade 2: tocilizumab <|>8 mg/kg IV max 500 mg per dose\n  }'),
            index: 0,
            hover: /8 mg\/kg x 70 kg = 560 mg, capped at 500 mg/
        });
    });

    test('an agent Titra has no reference for says so', async () => {
        await hover({
            text: 'protocol P "P" {\n  version 1.0.0\n  status draft\n  agent <|>novelmab route IV\n}\n',
            index: 0,
            hover: "No label reference for 'novelmab' in Titra's knowledge base."
        });
    });

    test('every word keyword of the grammar has an explanation', () => {
        const keywords = AstUtils.streamAllContents(services.Titra.Grammar).filter(GrammarAST.isKeyword).map((k) => k.value).filter((k) => /^[A-Za-z]/.test(k));
        expect(keywords.filter((k) => keywordHelp(k) === undefined).toArray()).toEqual([]);
    });

    test('a keyword explains itself, then what it belongs to', async () => {
        await hover({
            text: protocol('  crs-panel {\n    <|>grade 2: oxygen\n  }'),
            index: 0,
            hover: /^\*\*grade\*\*: A grade of a panel and its actions[^]*---[^]*\*\*ASTCT CRS grade 2\*\*/
        });
    });
});

// Linking: local references, imported library members (only through imports, transitively) and variant shadowing.
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import * as ast from '../src/grammar/generated/ast.js';
import { Codes } from '../src/validation/codes.js';
import { buildFiles, codesOf, protocolText, uriOf, WITHOUT_CLINICAL_CHECKS } from '#test-support/language-services.js';

/** The named node `name` of a type declared directly inside `root` (not inside a variant unless root is one). */
function declared<T extends AstNode & { name?: string }>(root: AstNode, guard: (n: unknown) => n is T, name: string): T {
    const found = AstUtils.streamAllContents(root).filter(guard).filter((n) => n.name === name).toArray();
    expect(found.length, `declarations of ${name}`).toBeGreaterThan(0);
    return found[0];
}

function rootOf(document: LangiumDocument): ast.Protocol {
    const root = document.parseResult.value;
    if (!ast.isProtocol(root)) throw new Error(`${document.uri.toString()} is not a protocol`);
    return root;
}

function libraryOf(document: LangiumDocument): ast.Library {
    const root = document.parseResult.value;
    if (!ast.isLibrary(root)) throw new Error(`${document.uri.toString()} is not a library`);
    return root;
}

function documentUri(node: AstNode | undefined): string | undefined {
    return node ? AstUtils.getDocument(node).uri.toString() : undefined;
}

function stepUpDose(root: AstNode, name: string): ast.StepUpDose {
    return declared(root, ast.isStepUpDose, name);
}

describe('references inside a protocol', () => {
    const text = protocolText(`  flag high-risk "h"
  premedication std { dexamethasone 16 mg PO give 1 hour before dose }
  pre-treatment debulk { "x" throughout complete within 7 days before SUD1 }
  step-up {
    dose SUD1 0.06 mg day 1 premedicate std
    dose SUD2 0.3 mg day 4 window 2 to 7 days after SUD1
  }
  maintenance {
    phase QW 1.5 mg every 1 week after SUD2 premedicate std
    phase Q2W 1.5 mg every 2 weeks after QW
  }
  cycles of 28 days { cycle 1: 1 mg on day 1 premedicate std }
  restart-after-delay {
    last SUD2 more than 28 days: restart from SUD1
    last QW up to 28 days: continue
    last Q2W 64 to 112 days: repeat SUD2 then next after 7 days
  }
  toxicity pneumonitis "Pneumonitis" grading CTCAE-v5 { grade 2: hold next dose }
  hold { when pneumonitis grade >= 2 and not flag high-risk }
  supportive-care { famotidine 20 mg PO once before QW }`);

    test('premedication sets, dose anchors (doses and phases), flags and toxicity panels resolve to their declarations', async () => {
        const document = (await buildFiles({ 'p.titra': text }, WITHOUT_CLINICAL_CHECKS)).get('p.titra')!;
        expect(codesOf(document)).toEqual([]);
        const root = rootOf(document);
        const std = declared(root, ast.isPremedicationSet, 'std');
        const sud1 = stepUpDose(root, 'SUD1');
        const sud2 = stepUpDose(root, 'SUD2');
        const qw = declared(root, ast.isMaintenancePhase, 'QW');
        const q2w = declared(root, ast.isMaintenancePhase, 'Q2W');

        expect(sud1.premedications[0].ref).toBe(std);
        expect(qw.premedications[0].ref).toBe(std);
        expect(root.members.find(ast.isCycleSchedule)?.rules[0].premedications[0].ref).toBe(std);
        expect(sud2.windows[0].anchor.ref).toBe(sud1);
        expect(qw.afters[0].ref).toBe(sud2);
        expect(q2w.afters[0].ref).toBe(qw);
        expect(root.members.find(ast.isPreTreatment)?.anchor.ref).toBe(sud1);

        const rules = root.members.find(ast.isRestartAfterDelay)!.rules;
        expect(rules.map((r) => r.last.ref)).toEqual([sud2, qw, q2w]);
        expect(rules[0].action.dose?.ref).toBe(sud1);
        expect(rules[1].action.dose).toBeUndefined();
        expect(rules[2].action.dose?.ref).toBe(sud2);

        const trigger = root.members.filter(ast.isHoldBlock)[0].rules[0].trigger as ast.AndCondition;
        expect((trigger.left as ast.GradeCondition).panel?.ref).toBe(declared(root, ast.isToxicityPanel, 'pneumonitis'));
        expect(((trigger.right as ast.NotCondition).operand as ast.FlagCondition).flag.ref).toBe(declared(root, ast.isRiskFlag, 'high-risk'));
        expect(root.members.find(ast.isSupportiveCare)?.orders[0].befores[0].ref).toBe(qw);
    });

    test('a reference may point forward (declared later in the file)', async () => {
        const document = (await buildFiles({
            'p.titra': protocolText('  step-up { dose A 1 mg day 1 premedicate later }\n  premedication later { x 1 mg PO give 1 hour before dose }')
        })).get('p.titra')!;
        const root = rootOf(document);
        expect(stepUpDose(root, 'A').premedications[0].ref).toBe(declared(root, ast.isPremedicationSet, 'later'));
    });

    test('a name of another protocol in the workspace is not visible', async () => {
        const documents = await buildFiles({
            'a.titra': protocolText('  premedication std { x 1 mg PO give 1 hour before dose }', 'A'),
            'b.titra': protocolText('  step-up { dose A 1 mg day 1 premedicate std }', 'B')
        });
        const dose = stepUpDose(rootOf(documents.get('b.titra')!), 'A');
        expect(dose.premedications[0].ref).toBeUndefined();
        expect(codesOf(documents.get('b.titra')!)).toContain(Codes.unresolvedReference);
    });
});

describe('imported library members', () => {
    const library = `library SHARED {
  premedication std { dexamethasone 8 mg PO give 1 hour before dose }
  hold cytopenias { when febrile-neutropenia }
  crs-panel crs { grade 1: observe }
  icans-panel icans { grade 1 (ICE 7 to 9): observe }
  toxicity hepatitis "Hepatitis" grading CTCAE-v5 { grade 3: hold next dose }
  supportive-care prophylaxis { "acyclovir" throughout }
}`;
    const main = protocolText(`  import "shared/lib.titra"
  step-up { dose A 1 mg day 1 premedicate std }
  hold uses cytopenias
  crs-panel uses crs
  icans-panel uses icans
  toxicity uses hepatitis
  hold { when hepatitis grade >= 3 }
  supportive-care uses prophylaxis`);

    test('premedication sets, holds, panels and supportive care resolve into the library file', async () => {
        const documents = await buildFiles({ 'main.titra': main, 'shared/lib.titra': library }, WITHOUT_CLINICAL_CHECKS);
        const document = documents.get('main.titra')!;
        expect(codesOf(document)).toEqual([]);
        const root = rootOf(document);
        const lib = libraryOf(documents.get('shared/lib.titra')!);
        expect(stepUpDose(root, 'A').premedications[0].ref).toBe(declared(lib, ast.isPremedicationSet, 'std'));
        expect(root.members.filter(ast.isHoldBlock)[0].uses?.ref).toBe(declared(lib, ast.isHoldBlock, 'cytopenias'));
        expect(root.members.find(ast.isCrsPanel)?.uses?.ref).toBe(declared(lib, ast.isCrsPanel, 'crs'));
        expect(root.members.find(ast.isIcansPanel)?.uses?.ref).toBe(declared(lib, ast.isIcansPanel, 'icans'));
        const hepatitis = declared(lib, ast.isToxicityPanel, 'hepatitis');
        expect(root.members.find(ast.isToxicityPanel)?.uses?.ref).toBe(hepatitis);
        expect((root.members.filter(ast.isHoldBlock)[1].rules[0].trigger as ast.GradeCondition).panel?.ref).toBe(hepatitis);
        expect(documentUri(root.members.find(ast.isSupportiveCare)?.uses?.ref)).toBe(uriOf('shared/lib.titra'));
    });

    test('without the import nothing of the library is visible, although the file is in the workspace', async () => {
        const documents = await buildFiles({ 'main.titra': main.replace('  import "shared/lib.titra"\n', ''), 'shared/lib.titra': library });
        const document = documents.get('main.titra')!;
        const root = rootOf(document);
        expect(stepUpDose(root, 'A').premedications[0].ref).toBeUndefined();
        expect(root.members.find(ast.isCrsPanel)?.uses?.ref).toBeUndefined();
        expect(codesOf(document).filter((c) => c === Codes.unresolvedReference)).toHaveLength(7);
    });

    test('a library imported by an imported library is visible (imports are transitive)', async () => {
        const documents = await buildFiles({
            'main.titra': protocolText('  import "a.titra"\n  crs-panel uses crs-b'),
            'a.titra': 'library A {\n  import "b.titra"\n}',
            'b.titra': 'library B { crs-panel crs-b { grade 1: observe } }'
        });
        const root = rootOf(documents.get('main.titra')!);
        expect(documentUri(root.members.find(ast.isCrsPanel)?.uses?.ref)).toBe(uriOf('b.titra'));
    });

    test('of two libraries only the imported one is visible', async () => {
        const documents = await buildFiles({
            'main.titra': protocolText('  import "a.titra"\n  crs-panel uses crs-a\n  icans-panel uses icans-b'),
            'a.titra': 'library A { crs-panel crs-a { grade 1: observe } }',
            'b.titra': 'library B { icans-panel icans-b { grade 1: observe } }'
        });
        const root = rootOf(documents.get('main.titra')!);
        expect(documentUri(root.members.find(ast.isCrsPanel)?.uses?.ref)).toBe(uriOf('a.titra'));
        expect(root.members.find(ast.isIcansPanel)?.uses?.ref).toBeUndefined();
    });

    test('an imported protocol exports nothing', async () => {
        const documents = await buildFiles({
            'main.titra': protocolText('  import "other.titra"\n  step-up { dose A 1 mg day 1 premedicate std }'),
            'other.titra': protocolText('  premedication std { x 1 mg PO give 1 hour before dose }', 'OTHER')
        });
        expect(stepUpDose(rootOf(documents.get('main.titra')!), 'A').premedications[0].ref).toBeUndefined();
    });

    test('a name declared in the protocol wins over an imported one', async () => {
        const documents = await buildFiles({
            'main.titra': protocolText('  import "lib.titra"\n  premedication std { x 1 mg PO give 1 hour before dose }\n  step-up { dose A 1 mg day 1 premedicate std }'),
            'lib.titra': 'library L { premedication std { y 2 mg PO give 1 hour before dose } }'
        });
        const root = rootOf(documents.get('main.titra')!);
        expect(stepUpDose(root, 'A').premedications[0].ref).toBe(declared(root, ast.isPremedicationSet, 'std'));
    });

    test('references inside a library resolve within the library', async () => {
        const documents = await buildFiles({
            'lib.titra': 'library L {\n  toxicity colitis "Colitis" grading CTCAE-v5 { grade 2: hold next dose }\n  hold h { when colitis grade >= 2 }\n}'
        });
        const lib = libraryOf(documents.get('lib.titra')!);
        const trigger = declared(lib, ast.isHoldBlock, 'h').rules[0].trigger as ast.GradeCondition;
        expect(trigger.panel?.ref).toBe(declared(lib, ast.isToxicityPanel, 'colitis'));
    });
});

describe('variants', () => {
    const text = protocolText(`  premedication std { x 1 mg PO give 1 hour before dose }
  step-up {
    dose SUD1 0.06 mg day 1
    dose SUD2 0.3 mg day 4 window 2 to 7 days after SUD1
  }
  maintenance { phase QW 1.5 mg every 1 week after SUD2 }
  restart-after-delay { last SUD2 more than 28 days: restart from SUD1 }
  variant low when bleeding {
    step-up {
      dose SUD1 0.03 mg day 1 premedicate std
      dose SUD2 0.1 mg day 8 window 5 to 9 days after SUD1
    }
    maintenance { phase QW 1 mg every 1 week after SUD2 }
    pre-treatment p { "x" throughout complete within 1 day before SUD1 }
  }`);

    test('names inside a variant shadow the protocol\'s; outside the variant the protocol\'s are used', async () => {
        const document = (await buildFiles({ 'p.titra': text }, WITHOUT_CLINICAL_CHECKS)).get('p.titra')!;
        expect(codesOf(document)).toEqual([]);
        const root = rootOf(document);
        const variant = root.members.find(ast.isVariant)!;
        const [baseSud1, baseSud2] = root.members.find(ast.isStepUp)!.doses;
        const [variantSud1, variantSud2] = variant.members.find(ast.isStepUp)!.doses;
        expect(baseSud2.windows[0].anchor.ref).toBe(baseSud1);
        expect(variantSud2.windows[0].anchor.ref).toBe(variantSud1);
        expect(variant.members.find(ast.isMaintenance)!.phases[0].afters[0].ref).toBe(variantSud2);
        expect(root.members.find(ast.isMaintenance)!.phases[0].afters[0].ref).toBe(baseSud2);
        expect(variant.members.find(ast.isPreTreatment)!.anchor.ref).toBe(variantSud1);
        const rule = root.members.find(ast.isRestartAfterDelay)!.rules[0];
        expect(rule.last.ref).toBe(baseSud2);
        expect(rule.action.dose?.ref).toBe(baseSud1);
    });

    test('a variant sees the protocol names it does not shadow', async () => {
        const document = (await buildFiles({ 'p.titra': text })).get('p.titra')!;
        const variant = rootOf(document).members.find(ast.isVariant)!;
        expect(variant.members.find(ast.isStepUp)!.doses[0].premedications[0].ref).toBe(declared(rootOf(document), ast.isPremedicationSet, 'std'));
    });

    test('a name declared only inside a variant is not visible outside it', async () => {
        const document = (await buildFiles({
            'p.titra': protocolText('  variant v when bleeding { step-up { dose ONLY 1 mg day 1 } }\n  restart-after-delay { last ONLY up to 7 days: continue }')
        })).get('p.titra')!;
        expect(rootOf(document).members.find(ast.isRestartAfterDelay)!.rules[0].last.ref).toBeUndefined();
        expect(codesOf(document)).toContain(Codes.unresolvedReference);
    });
});

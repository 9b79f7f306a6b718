// The quick fix of each Titra diagnostic code whose fix is determined: one function per code, given the typed data its check put in the diagnostic.
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';
import * as ast from '../grammar/generated/ast.js';
import { gradingReference } from '../knowledge/reference.js';
import { Codes, type Code, type DataOf } from '../validation/codes.js';

/** Makes the code action that fixes `diagnostic`, from the data its check attached; undefined when the text no longer allows it. */
export type QuickFix<C extends Code> = (document: LangiumDocument, diagnostic: Diagnostic, data: DataOf<C>) => CodeAction | CodeAction[] | undefined;

/** The quick fix of each code that has one. There is deliberately none where the fix is a clinical decision. */
export const quickFixes: { readonly [C in Code]?: QuickFix<C> } = {
    [Codes.nakedDecimal]: replacementFix,
    [Codes.trailingZero]: replacementFix,
    [Codes.unsafeAbbreviation]: spellingFix,
    [Codes.errorProneSpelling]: spellingFix,
    [Codes.doseBasisMissingInput]: requiresFix,
    [Codes.observationNotRequired]: requiresFix,
    [Codes.panelMissingGrade]: gradeStubFix,
    [Codes.referenceDoseDiffers]: labelValueFix,
    [Codes.referenceRouteDiffers]: labelValueFix,
    [Codes.drugDoseMissingCap]: capFix,
    [Codes.agentNotGenericName]: (document, diagnostic, { generic }) => agentNameFix(document, diagnostic, generic, true),
    [Codes.agentUnknown]: (document, diagnostic, { suggestions }) => suggestions.map((name, i) => agentNameFix(document, diagnostic, name, i === 0)),
    [Codes.hiddenCharacter]: (document, diagnostic) => fix(document, diagnostic, 'Remove the invisible characters', [{ range: diagnostic.range, newText: '' }])
};

/** Writes a known agent's generic name for a brand, suffixed or mistyped one. */
function agentNameFix(document: LangiumDocument, diagnostic: Diagnostic, name: string, isPreferred: boolean): CodeAction {
    return fix(document, diagnostic, `Write the agent '${name}'`, [{ range: diagnostic.range, newText: name }], isPreferred);
}

/** Frequency abbreviations whose replacement is a frequency Titra reads; HS has none (the time of day is a clinical choice). */
const FREQUENCY_REPLACEMENTS: ReadonlySet<string> = new Set(['daily', 'every other day', '3 times weekly']);

/** `.5` -> `0.5`, `1.0` -> `1`. */
function replacementFix(document: LangiumDocument, diagnostic: Diagnostic, { replacement }: { replacement: string }): CodeAction {
    return fix(document, diagnostic, `Write '${replacement}'`, [{ range: diagnostic.range, newText: replacement }]);
}

/** The label's dose or route. Not preferred: a protocol may differ from the label on purpose, so it is never applied as an automatic fix. */
function labelValueFix(document: LangiumDocument, diagnostic: Diagnostic, { expected }: { expected: string }): CodeAction {
    return fix(document, diagnostic, `Use the label value '${expected}'`, [{ range: diagnostic.range, newText: expected }], false);
}

/** Inserts the reference's per-dose cap (`max 800 mg per dose`) after the dose and its routes. */
function capFix(document: LangiumDocument, diagnostic: Diagnostic, { cap }: { cap: string }): CodeAction | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
    const order = leaf ? AstUtils.getContainerOfType(leaf.astNode, ast.isMedicationOrder) : undefined;
    const routes = order ? GrammarUtils.findNodesForProperty(order.$cstNode, 'routes') : [];
    const after = routes.at(-1) ?? order?.amount?.$cstNode;
    if (!after) return undefined;
    return fix(document, diagnostic, `Add '${cap}'`, [{ range: emptyAt(after.range.end), newText: ` ${cap}` }]);
}

/** Unit atoms (U -> units, ug -> mcg, cc -> mL), a unit's trailing period, routes (SC -> subcut), frequencies (qd -> daily). */
function spellingFix(document: LangiumDocument, diagnostic: Diagnostic, data: DataOf<typeof Codes.unsafeAbbreviation>): CodeAction | undefined {
    const { replacement, spelling } = data;
    const written = document.textDocument.getText(diagnostic.range);
    let newText: string;
    if (spelling === undefined) {
        if (!FREQUENCY_REPLACEMENTS.has(replacement)) return undefined;
        newText = replacement;
    } else if (written.trim() === spelling) {
        newText = replacement;
    } else {
        const parts = written.split('/');
        const index = parts.findIndex((part) => part.trim().replace(/\.$/, '') === spelling);
        if (index < 0) return undefined;
        parts[index] = parts[index].replace(spelling, replacement);
        newText = parts.join('/');
    }
    return fix(document, diagnostic, `Write '${replacement}' for '${spelling ?? written}'`, [{ range: diagnostic.range, newText }]);
}

/** Adds the missing inputs to the protocol's first `requires` line, or a `requires` line after the agent. */
function requiresFix(document: LangiumDocument, diagnostic: Diagnostic, { missing }: { missing: string[] }): CodeAction | undefined {
    const protocol = document.parseResult.value;
    if (!ast.isProtocol(protocol) || missing.length === 0) return undefined;
    const requires = protocol.members.find(ast.isRequires);
    const title = `Add ${missing.join(', ')} to the required inputs`;
    if (requires?.$cstNode) {
        const names = missing.filter((name) => !requires.inputs.includes(name));
        if (names.length === 0) return undefined;
        return fix(document, diagnostic, title, [{ range: emptyAt(requires.$cstNode.range.end), newText: `, ${names.join(', ')}` }]);
    }
    const anchor = protocol.members.find(ast.isAgent)?.$cstNode ?? GrammarUtils.findNodeForKeyword(protocol.$cstNode, '{');
    if (!anchor) return undefined;
    const indent = ast.isAgent(anchor.astNode) ? indentationOf(document, anchor.range.start.line) : `${indentationOf(document, anchor.range.start.line)}  `;
    return fix(document, diagnostic, title, [{ range: emptyAt(anchor.range.end), newText: `\n${indent}requires ${missing.join(', ')}` }]);
}

/**
 * Inserts a placeholder line for each missing CRS or ICANS grade, in grade order: an instruction that says what
 * to write (and, for ICANS, the ASTCT ICE range), so that nothing clinical is made up.
 */
function gradeStubFix(document: LangiumDocument, diagnostic: Diagnostic, { missing }: { missing: number[] }): CodeAction | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start)) : undefined;
    const panel = leaf ? AstUtils.getContainerOfType(leaf.astNode, (n: AstNode): n is ast.CrsPanel | ast.IcansPanel => ast.isCrsPanel(n) || ast.isIcansPanel(n)) : undefined;
    const close = panel ? GrammarUtils.findNodeForKeyword(panel.$cstNode, '}') : undefined;
    if (!panel?.$cstNode || !close || missing.length === 0) return undefined;
    const system = ast.isCrsPanel(panel) ? 'crs' : 'icans';
    const reference = gradingReference(system);
    const panelIndent = indentationOf(document, panel.$cstNode.range.start.line);
    const firstGrade = panel.grades[0]?.$cstNode;
    const ownLine = firstGrade && firstGrade.range.start.character === indentationOf(document, firstGrade.range.start.line).length;
    const indent = ownLine ? indentationOf(document, firstGrade.range.start.line) : `${panelIndent}  `;
    const stub = (grade: number) => {
        const definition = reference.grades.find((g) => g.grade === grade);
        const ice = definition?.ice ? ` (ICE ${definition.ice.min === definition.ice.max ? definition.ice.min : `${definition.ice.min} to ${definition.ice.max}`})` : '';
        const text = `TODO: write the management of ${system.toUpperCase()} grade ${grade}${definition ? ` (ASTCT: ${definition.definition})` : ''}`;
        return `${indent}grade ${grade}${ice}: "${text.replace(/["\\]/g, '\\$&')}"`;
    };
    const edits: TextEdit[] = [];
    const atEnd: string[] = [];
    for (const grade of [...missing].sort((a, b) => a - b)) {
        const before = panel.grades.find((g) => Number(g.grade) > grade)?.$cstNode;
        if (before && before.range.start.character === indentationOf(document, before.range.start.line).length) {
            edits.push({ range: emptyAt({ line: before.range.start.line, character: 0 }), newText: `${stub(grade)}\n` });
        } else {
            atEnd.push(stub(grade));
        }
    }
    if (atEnd.length > 0) {
        // Before the closing brace: on lines of their own, the brace on its own line after them.
        const lineStart = document.textDocument.offsetAt({ line: close.range.start.line, character: 0 });
        const braceOffset = document.textDocument.offsetAt(close.range.start);
        const beforeBrace = document.textDocument.getText().slice(lineStart, braceOffset);
        if (beforeBrace.trim() === '') {
            edits.push({ range: emptyAt({ line: close.range.start.line, character: 0 }), newText: atEnd.map((line) => `${line}\n`).join('') });
        } else {
            const start = document.textDocument.positionAt(lineStart + beforeBrace.trimEnd().length);
            edits.push({ range: { start, end: close.range.start }, newText: atEnd.map((line) => `\n${line}`).join('') + `\n${panelIndent}` });
        }
    }
    return fix(document, diagnostic, `Add a placeholder for ${missing.map((g) => `grade ${g}`).join(', ')}`, edits);
}

function fix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred = true): CodeAction {
    return {
        title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

function emptyAt(position: Position) {
    return { start: position, end: position };
}

function indentationOf(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)?.[0] ?? '';
}

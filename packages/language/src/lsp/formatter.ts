// Canonical layout of .titra text: a token-based formatter over the CST, shared by LSP formatting and `titra fmt`.
import {
    AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode, type LangiumCoreServices, type LangiumDocument,
    type LeafCstNode, type ParseResult
} from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import {
    isContinuousInfusion, isEscalation, isLibrary, isPremedicationSet, isPreTreatment, isProtocol, type TitraFile
} from '../grammar/generated/ast.js';

/*
 * Canonical layout (documented in README.md, "Formatting"):
 * - 2 spaces of indentation per open block; `{` ends its header's line; `}` stands alone at the parent's indentation.
 * - Every member of a block (and `give ...` and `after dose { ... }` of a premedication set, `on day ...` and `complete within ...` of a pre-treatment,
 *   `bags every ...` and `interruption ...` of a continuous infusion) starts its own line; one blank line is
 *   kept where the author had one or more between members or comments.
 * - Tokens on a line are separated by one space, except: no space before `,` `;` `:` `)` or after `(`;
 *   a unit is glued (`mg/kg`, `x10^9/L`, `/uL`), and so is the `/` of a dose ratio (`800/160 mg`).
 * - Line breaks inside a member are the author's (as gofmt keeps them): each is kept as one line break, a break
 *   before `,` `;` `:` `)` or `{`, after `(` or inside a unit moves to the next place that allows one, and every
 *   continuation line is indented 2 more than its member, plus 2 per enclosing `if ...:` escalation whose `if`
 *   began a line.
 * - Comments stay where they are: at the end of a line with one space before them, or on their own line at the
 *   indentation of what follows; line comments lose trailing blanks; block comments keep their text.
 * - Line ends are LF and the file ends with one line break.
 * Text with lexer or parser errors is never formatted.
 */

/** Where the first syntax error of a text is (1-based line and column). */
export interface SyntaxErrorPosition {
    line: number;
    column: number;
    message: string;
}

export type FormatResult = { ok: true; text: string } | { ok: false; error: SyntaxErrorPosition };

/** Block member lists: each element of these properties starts a line of its own. */
const MEMBER_PROPERTIES = new Set(['members', 'orders', 'afterDose', 'doses', 'phases', 'rules', 'grades', 'items']);
const GLUE_BEFORE = new Set([',', ';', ':', ')']);
const UNIT_RULES = new Set(['Unit', 'UnitAtom']);
const INDENT = '  ';

interface Item {
    kind: 'token' | 'line-comment' | 'block-comment';
    text: string;
    offset: number;
    /** Length of the item in the source text. */
    length: number;
    /** Line breaks in the whitespace between the previous item and this one. */
    breaksBefore: number;
    leaf?: LeafCstNode;
}

function countBreaks(whitespace: string): number {
    return whitespace.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The first lexer or parser error of a parse, by position, or undefined when the text is free of them. */
function firstSyntaxError(parseResult: ParseResult, text: string): SyntaxErrorPosition | undefined {
    const errors = [
        ...parseResult.lexerErrors.map((e) => ({ offset: e.offset, message: e.message })),
        ...parseResult.parserErrors.map((e) => ({
            offset: Number.isNaN(e.token.startOffset) ? text.length : e.token.startOffset < 0 ? text.length - 1 : e.token.startOffset, message: e.message
        }))
    ].sort((a, b) => a.offset - b.offset);
    if (errors.length === 0) return undefined;
    return { ...lineAndColumn(text, errors[0].offset), message: errors[0].message };
}

function ruleOf(leaf: LeafCstNode): string | undefined {
    return AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule)?.name;
}

function isKeyword(leaf: LeafCstNode | undefined, value: string): boolean {
    return leaf !== undefined && GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === value;
}

/** Lays out the tokens of a parsed, error-free text and its comments. */
class Layout {
    private readonly items: Item[];
    private readonly memberStarts = new Set<number>();
    private readonly out: string[] = [];
    /** Offsets of the tokens that were placed at the start of a line. */
    private readonly lineStarts = new Set<number>();
    private depth = 0;
    private pendingBreak = false;

    constructor(text: string, root: TitraFile, comments: Array<{ image: string; offset: number }>) {
        const tokens: Item[] = CstUtils.streamCst(root.$cstNode!)
            .filter((node): node is LeafCstNode => isLeafCstNode(node) && !node.hidden)
            .map((leaf) => ({ kind: 'token' as const, text: leaf.text, offset: leaf.offset, length: leaf.length, breaksBefore: 0, leaf }))
            .toArray();
        const commentItems: Item[] = comments.map((c) => ({
            kind: c.image.startsWith('//') ? 'line-comment' as const : 'block-comment' as const,
            text: c.image.startsWith('//') ? c.image.trimEnd() : c.image.replace(/\r\n?/g, '\n'),
            offset: c.offset,
            length: c.image.length,
            breaksBefore: 0
        }));
        this.items = [...tokens, ...commentItems].sort((a, b) => a.offset - b.offset);
        let end = 0;
        for (const item of this.items) {
            item.breaksBefore = countBreaks(text.slice(end, item.offset));
            end = item.offset + item.length;
        }
        for (const node of AstUtils.streamAst(root)) {
            if (node.$containerProperty && MEMBER_PROPERTIES.has(node.$containerProperty) && node.$cstNode) {
                this.memberStarts.add(node.$cstNode.offset);
            }
        }
        // The file's first token (`protocol` or `library`) starts the first line.
        this.memberStarts.add(tokens[0].offset);
    }

    /** Tokens that start a line: members, `give` and `after dose` of premedication sets, `on day` and `complete` clauses of blocks, and `}`. */
    private startsLine(item: Item): boolean {
        const leaf = item.leaf!;
        return this.memberStarts.has(item.offset) || isKeyword(leaf, '}')
            || ((isKeyword(leaf, 'give') || isKeyword(leaf, 'after')) && isPremedicationSet(leaf.astNode))
            || ((isKeyword(leaf, 'complete') || isKeyword(leaf, 'on')) && isPreTreatment(leaf.astNode))
            || ((isKeyword(leaf, 'bags') || isKeyword(leaf, 'interruption')) && isContinuousInfusion(leaf.astNode));
    }

    private isUnitPart(leaf: LeafCstNode | undefined): boolean {
        return leaf !== undefined && UNIT_RULES.has(ruleOf(leaf) ?? '');
    }

    private isRatioSlash(leaf: LeafCstNode | undefined): boolean {
        return isKeyword(leaf, '/') && ruleOf(leaf!) === 'DoseAmount';
    }

    /** Whether two adjacent tokens are written without a space between them. */
    private glued(previous: LeafCstNode | undefined, next: LeafCstNode): boolean {
        if (GLUE_BEFORE.has(next.text) && GrammarAST.isKeyword(next.grammarSource)) return true;
        if (isKeyword(previous, '(')) return true;
        if (this.isRatioSlash(previous) || this.isRatioSlash(next)) return true;
        // Consecutive unit tokens always belong to the same unit: units are never adjacent in the grammar.
        return this.isUnitPart(previous) && this.isUnitPart(next);
    }

    /** Indentation of a continuation line of the current member that starts with `leaf`. */
    private continuationIndent(leaf: LeafCstNode): string {
        let extra = 0;
        for (let node: AstNode | undefined = leaf.astNode; node; node = node.$container) {
            if (isEscalation(node) && node.$cstNode && node.$cstNode.offset !== leaf.offset && this.lineStarts.has(node.$cstNode.offset)) extra++;
        }
        return INDENT.repeat(this.depth + 1 + extra);
    }

    private newLine(blank: boolean, indent: string): void {
        this.out.push(blank ? '\n\n' : '\n', indent);
        this.pendingBreak = false;
    }

    format(): string {
        // The token after each item, for comments: an own-line comment is indented like what follows it.
        const nextTokens: Array<Item | undefined> = [];
        for (let i = this.items.length - 1, next: Item | undefined; i >= 0; i--) {
            nextTokens[i] = next;
            if (this.items[i].kind === 'token') next = this.items[i];
        }
        let previous: Item | undefined;
        let previousToken: LeafCstNode | undefined;
        this.items.forEach((item, index) => {
            if (item.kind === 'token') {
                this.placeToken(item, previous, previousToken);
                previousToken = item.leaf;
            } else {
                this.placeComment(item, previous, nextTokens[index]);
            }
            previous = item;
        });
        return this.out.join('') + '\n';
    }

    private placeToken(item: Item, previous: Item | undefined, previousToken: LeafCstNode | undefined): void {
        const leaf = item.leaf!;
        if (previous === undefined) {
            this.lineStarts.add(item.offset);
        } else if (this.startsLine(item)) {
            if (isKeyword(leaf, '}')) this.depth--;
            const blank = item.breaksBefore >= 2 && !isKeyword(leaf, '}') && !isKeyword(previous.leaf, '{');
            this.newLine(blank, INDENT.repeat(this.depth));
            this.lineStarts.add(item.offset);
        } else if (previous.kind === 'line-comment' || (previous.kind === 'block-comment' && item.breaksBefore > 0)) {
            this.newLine(false, this.continuationIndent(leaf));
            this.lineStarts.add(item.offset);
        } else {
            const glued = previous.kind === 'token' ? this.glued(previousToken, leaf) : GLUE_BEFORE.has(leaf.text);
            const breakable = !glued && !isKeyword(leaf, '{');
            if ((item.breaksBefore > 0 || this.pendingBreak) && breakable) {
                this.newLine(false, this.continuationIndent(leaf));
                this.lineStarts.add(item.offset);
            } else {
                this.pendingBreak ||= item.breaksBefore > 0;
                this.out.push(glued ? '' : ' ');
            }
        }
        this.out.push(item.text);
        if (isKeyword(leaf, '{')) this.depth++;
    }

    private placeComment(item: Item, previous: Item | undefined, next: Item | undefined): void {
        if (previous !== undefined && item.breaksBefore === 0) {
            this.out.push(' ', item.text);
            return;
        }
        if (previous !== undefined) {
            // A comment before a line-starting token (or at the end) sits between members: keep one blank line.
            const betweenMembers = next === undefined || this.startsLine(next);
            const blank = item.breaksBefore >= 2 && betweenMembers && !isKeyword(previous.leaf, '{');
            const indent = next === undefined ? '' : betweenMembers ? INDENT.repeat(this.depth) : this.continuationIndent(next.leaf!);
            this.newLine(blank, indent);
        }
        this.out.push(item.text);
    }
}

/** The canonical layout of `text`, or the position of its first syntax error (then nothing is formatted). */
export function formatTitraText(services: LangiumCoreServices, text: string): FormatResult {
    const parseResult = services.parser.LangiumParser.parse<TitraFile>(text);
    const error = firstSyntaxError(parseResult, text);
    if (error) return { ok: false, error };
    const comments = services.parser.Lexer.tokenize(text).hidden.filter((t) => t.image.startsWith('//') || t.image.startsWith('/*'));
    const formatted = new Layout(text, parseResult.value, comments.map((t) => ({ image: t.image, offset: t.startOffset }))).format();
    assertSameTokens(services, text, formatted);
    return { ok: true, text: formatted };
}

/** Guard against a formatter bug: the output must lex to the same tokens and comments as the input. */
function assertSameTokens(services: LangiumCoreServices, before: string, after: string): void {
    const signature = (text: string) => {
        const lexed = services.parser.Lexer.tokenize(text);
        return JSON.stringify([
            lexed.errors.length,
            lexed.tokens.map((t) => t.image),
            lexed.hidden.filter((t) => !/^\s/.test(t.image)).map((t) => t.image.replace(/\r\n?/g, '\n').trimEnd())
        ]);
    };
    if (signature(before) !== signature(after)) throw new Error('internal formatter error: the formatted text has different tokens');
}

/** A top-level member of a protocol or library: its lines, and its text with the whitespace before it. */
interface MemberSpan {
    startLine: number;
    endLine: number;
    /** Offset where the whitespace before the member starts. */
    spanStart: number;
    end: number;
}

/** The top-level members of a text free of syntax errors, in order (a text and its layout have the same members). */
function topLevelMembers(services: LangiumCoreServices, text: string): MemberSpan[] {
    const root = services.parser.LangiumParser.parse<TitraFile>(text).value;
    const members: AstNode[] = isProtocol(root) || isLibrary(root) ? root.members : [];
    return members.flatMap((member) => {
        const node = member.$cstNode;
        if (!node) return [];
        let spanStart = node.offset;
        while (spanStart > 0 && /\s/.test(text[spanStart - 1])) spanStart--;
        return [{ startLine: node.range.start.line, endLine: node.range.end.line, spanStart, end: node.end }];
    });
}

/** LSP formatting for Titra: the whole document in canonical layout, as one edit of the changed span. */
export class TitraFormatter implements Formatter {
    constructor(private readonly services: LangiumCoreServices) {}

    formatDocument(document: LangiumDocument): TextEdit[] {
        // The text is parsed afresh: the request may arrive before the document's rebuild after an edit.
        const text = document.textDocument.getText();
        const result = formatTitraText(this.services, text);
        if (!result.ok || result.text === text) return [];
        let start = 0;
        while (start < text.length && start < result.text.length && text[start] === result.text[start]) start++;
        let end = 0;
        while (end < text.length - start && end < result.text.length - start
            && text[text.length - 1 - end] === result.text[result.text.length - 1 - end]) end++;
        return [{
            range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(text.length - end) },
            newText: result.text.slice(start, result.text.length - end)
        }];
    }

    /**
     * Range formatting lays out the top-level members (agent, step-up, panels, holds...) that the range touches, each
     * with the whitespace before it, as whole-document formatting would; the rest of the text stays as it is.
     */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const text = document.textDocument.getText();
        const result = formatTitraText(this.services, text);
        if (!result.ok || result.text === text) return [];
        const before = topLevelMembers(this.services, text);
        const after = topLevelMembers(this.services, result.text);
        const { start, end } = params.range;
        return before.flatMap((member, i) => {
            const touched = member.startLine <= end.line && member.endLine >= start.line;
            const replacement = result.text.slice(after[i].spanStart, after[i].end);
            if (!touched || text.slice(member.spanStart, member.end) === replacement) return [];
            return [{
                range: { start: document.textDocument.positionAt(member.spanStart), end: document.textDocument.positionAt(member.end) },
                newText: replacement
            }];
        });
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}

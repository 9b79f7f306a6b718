// Suppression comments (`// titra-ignore <code>: <reason>`, `// titra-ignore-file <code>: <reason>`): a document validator that silences findings and records them,
// except the findings that are never suppressible, which stay and get a finding of their own at the comment.
import type { LangiumCoreServices, LangiumDocument, ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { Codes, diagnostic } from './codes.js';
import { neverSuppressible, type NeverSuppressible } from './never-suppressible.js';
import { TreeWalkDocumentValidator } from './tree-walk-validator.js';

/** A finding silenced by a suppression comment, with the reason the comment gives and the comment's reach. */
export interface SuppressedFinding {
    diagnostic: Diagnostic;
    code: string;
    reason: string;
    /** `line`: a `titra-ignore` comment on or above the finding's line; `file`: a `titra-ignore-file` comment. */
    suppression: 'line' | 'file';
}

interface Suppression {
    code: string;
    reason: string;
    fileWide: boolean;
    /** 0-based lines whose findings the comment silences: its own, and the next one when the comment stands alone. */
    lines: number[];
    range: Range;
}

function silences(suppression: Suppression, code: string, diagnostic: Diagnostic): boolean {
    return suppression.code === code && (suppression.fileWide || suppression.lines.includes(diagnostic.range.start.line));
}

/** The findings that suppression comments silenced in each document's last validation (a service: one store per workspace). */
export class SuppressedFindings {
    private readonly byDocument = new WeakMap<LangiumDocument, SuppressedFinding[]>();

    of(document: LangiumDocument): SuppressedFinding[] {
        return this.byDocument.get(document) ?? [];
    }

    record(document: LangiumDocument, findings: SuppressedFinding[]): void {
        this.byDocument.set(document, findings);
    }
}

/** The stable code of a diagnostic: a Titra check's code, or a name for Langium's own lexing and parsing errors. */
export function diagnosticCode(diagnostic: Diagnostic): string {
    if (typeof diagnostic.code === 'string' || typeof diagnostic.code === 'number') return String(diagnostic.code);
    const data = diagnostic.data as { code?: string } | undefined;
    if (data?.code === 'lexing-error' || data?.code === 'parsing-error') return `syntax/${data.code.replace('-error', '')}`;
    return data?.code ?? 'titra';
}

const SUPPRESSION = /^\/\/\s*titra-ignore(-file)?(?=\s|:|$)\s*([^\s:]*)\s*(?::\s*(.*?))?\s*$/;

export class TitraDocumentValidator extends TreeWalkDocumentValidator {
    private readonly lexer: LangiumCoreServices['parser']['Lexer'];
    private readonly suppressed: SuppressedFindings;

    constructor(services: LangiumCoreServices & { validation: { SuppressedFindings: SuppressedFindings } }) {
        super(services);
        this.lexer = services.parser.Lexer;
        this.suppressed = services.validation.SuppressedFindings;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const categories = options.categories;
        // A build that continues with further categories keeps what the earlier categories silenced.
        const firstRun = !categories || categories.includes('built-in');
        const silenced = firstRun ? [] : [...this.suppressed.of(document)];
        const { suppressions, problems } = this.suppressionsOf(document);
        const kept: Diagnostic[] = firstRun ? [...problems] : [];
        const refused = new Map<Suppression, Array<{ line: number; why: NeverSuppressible }>>();
        for (const diagnostic of diagnostics) {
            const code = diagnosticCode(diagnostic);
            const by = suppressions.find((s) => silences(s, code, diagnostic));
            const why = by && neverSuppressible(code, diagnostic);
            if (by && !why) {
                silenced.push({ diagnostic, code, reason: by.reason, suppression: by.fileWide ? 'file' : 'line' });
            } else {
                kept.push(diagnostic);
                if (by && why) refused.set(by, [...(refused.get(by) ?? []), { line: diagnostic.range.start.line + 1, why }]);
            }
        }
        this.suppressed.record(document, silenced);
        for (const [suppression, findings] of refused) kept.push(this.notAllowed(suppression, findings));
        if (!categories || categories.includes('fast')) {
            const tried = (s: Suppression) => refused.has(s) || silenced.some((f) => silences(s, f.code, f.diagnostic));
            for (const unused of suppressions.filter((s) => !tried(s))) {
                const where = unused.fileWide ? 'in this file' : unused.lines.length > 1 ? 'on this line or the next' : 'on this line';
                kept.push(this.diagnostic(2, unused.range, `This suppression of '${unused.code}' silences nothing ${where}; remove it.`, Codes.suppressionUnused));
            }
        }
        return kept;
    }

    /** Langium's linking errors, with Titra's code for an unresolved reference (their data keeps Langium's own code). */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        for (const linkingError of diagnostics.slice(before)) linkingError.code = Codes.unresolvedReference;
    }

    /** The suppression comments of a document, and diagnostics for comments without a code or a reason (which silence nothing). */
    protected suppressionsOf(document: LangiumDocument): { suppressions: Suppression[]; problems: Diagnostic[] } {
        const text = document.textDocument.getText();
        if (!text.includes('titra-ignore')) return { suppressions: [], problems: [] };
        const suppressions: Suppression[] = [];
        const problems: Diagnostic[] = [];
        for (const token of this.lexer.tokenize(text).hidden) {
            const match = SUPPRESSION.exec(token.image);
            if (!match) continue;
            const start = document.textDocument.positionAt(token.startOffset);
            const range = { start, end: document.textDocument.positionAt(token.startOffset + token.image.length) };
            const [, file, code, reason] = match;
            if (!code || !reason) {
                problems.push(this.diagnostic(1, range, `A suppression needs a code and a reason: write '// titra-ignore${file ?? ''} ${code || '<code>'}: <why this finding does not apply>'. It silences nothing until it has both.`, Codes.suppressionMissingReason));
                continue;
            }
            const lineStart = document.textDocument.offsetAt({ line: start.line, character: 0 });
            const alone = text.slice(lineStart, token.startOffset).trim() === '';
            suppressions.push({ code, reason, fileWide: file !== undefined, lines: alone ? [start.line, start.line + 1] : [start.line], range });
        }
        return { suppressions, problems };
    }

    /** The finding of a comment that tried to silence never-suppressible findings (which stay reported). */
    private notAllowed(suppression: Suppression, findings: Array<{ line: number; why: NeverSuppressible }>): Diagnostic {
        const lines = [...new Set(findings.map((f) => f.line))];
        const reasons = [...new Set(findings.map((f) => f.why))];
        const where = `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
        const message = `'${suppression.code}' on ${where} cannot be suppressed: ${reasons.map((r) => r.what).join('; ')} is never silenced. ${reasons.map((r) => r.fix).join(' ')}`;
        return this.diagnostic(1, suppression.range, message, Codes.suppressionNotAllowed);
    }

    private diagnostic(severity: 1 | 2, range: Range, message: string, code: typeof Codes.suppressionUnused | typeof Codes.suppressionMissingReason | typeof Codes.suppressionNotAllowed): Diagnostic {
        return { severity, range, message, source: this.getSource(), ...diagnostic(code) };
    }
}

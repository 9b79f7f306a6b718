// Checks that named declarations (doses, phases, panels, premedication sets, flags) are unique where they are visible.
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { Library, Protocol, Variant } from '../grammar/generated/ast.js';
import { Codes, diagnostic } from './codes.js';

/**
 * Reads the names the scope computation collected for `root` (TitraScopeComputation: every named node whose nearest
 * protocol, library or variant is `root`, in text order) instead of walking the whole tree again.
 */
export function checkUniqueNames(root: Protocol | Library | Variant, accept: ValidationAcceptor): void {
    const symbols = AstUtils.getDocument(root).localSymbols;
    if (!symbols) return;
    const seen = new Map<string, AstNode>();
    for (const { name, node } of symbols.getStream(root)) {
        if (!node) continue;
        const earlier = seen.get(name);
        if (earlier) {
            const line = (earlier.$cstNode?.range.start.line ?? 0) + 1;
            accept('error', `'${name}' is already declared on line ${line}; names must be unique within a ${root.$type.toLowerCase()}.`, {
                node, property: 'name', ...diagnostic(Codes.duplicateName)
            });
        } else {
            seen.set(name, node);
        }
    }
}

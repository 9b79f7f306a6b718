// Checks that named declarations (doses, phases, panels, premedication sets, flags) are unique where they are visible.
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { isLibrary, isProtocol, isVariant, type Library, type Protocol, type Variant } from '../grammar/generated/ast.js';
import { Codes, diagnostic } from './codes.js';

type NamedNode = AstNode & { name?: string };

function owner(node: AstNode): AstNode | undefined {
    let current = node.$container;
    while (current && !isProtocol(current) && !isLibrary(current) && !isVariant(current)) current = current.$container;
    return current;
}

export function checkUniqueNames(root: Protocol | Library | Variant, accept: ValidationAcceptor): void {
    const seen = new Map<string, NamedNode>();
    for (const node of AstUtils.streamAllContents(root)) {
        const named = node as NamedNode;
        if (typeof named.name !== 'string' || owner(node) !== root) continue;
        const earlier = seen.get(named.name);
        if (earlier) {
            const line = (earlier.$cstNode?.range.start.line ?? 0) + 1;
            accept('error', `'${named.name}' is already declared on line ${line}; names must be unique within a ${root.$type.toLowerCase()}.`, {
                node: named, property: 'name', ...diagnostic(Codes.duplicateName)
            });
        } else {
            seen.set(named.name, named);
        }
    }
}

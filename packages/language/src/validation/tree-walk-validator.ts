// Document validation over a plain walk of the syntax tree: Langium's walk builds a stream for every node and for every node's check list and awaits every check, which cost more than the checks on a long protocol.
import {
    type AstNode, Cancellation, DefaultDocumentValidator, interruptAndCheck, isAstNode, type ValidationAcceptor, type ValidationCheck,
    type ValidationOptions
} from 'langium';

/** Nodes checked between two chances to notice a newer edit and let the server answer requests (Langium: every node). */
const NODES_PER_INTERRUPTION = 64;

export class TreeWalkDocumentValidator extends DefaultDocumentValidator {
    /** The same nodes in the same order as Langium's walk (depth first, properties in order), the same checks for each. */
    protected override async validateAstNodes(
        rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const checksByType = new Map<string, ValidationCheck[]>();
        const pending: AstNode[] = [rootNode];
        const children: AstNode[] = [];
        for (let visited = 0; pending.length > 0; visited++) {
            if (visited % NODES_PER_INTERRUPTION === 0) await interruptAndCheck(cancelToken);
            const node = pending.pop()!;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                let checks = checksByType.get(node.$type);
                if (!checks) checksByType.set(node.$type, checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray());
                for (const check of checks) {
                    const running = check(node, acceptor, cancelToken);
                    if (running) await running;
                }
            }
            if (!nodeOptions.validateChildren) continue;
            children.length = 0;
            for (const key of Object.keys(node)) {
                if (key.startsWith('$')) continue;
                const value = (node as unknown as Record<string, unknown>)[key];
                if (isAstNode(value)) children.push(value);
                else if (Array.isArray(value)) for (const element of value) if (isAstNode(element)) children.push(element);
            }
            for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
        }
    }
}

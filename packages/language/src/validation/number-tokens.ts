// The NUMBER tokens of a protocol or library, gathered in one walk of its syntax tree and shared by the number checks.
import { type AstNode, type CstNode, isCompositeCstNode, isLeafCstNode, type LeafCstNode } from 'langium';

/** Per syntax tree: a re-parse makes a new tree, so an edit never sees the tokens of the text before it. */
const tokensOfTree = new WeakMap<CstNode, LeafCstNode[]>();

/** The NUMBER tokens under `root`, in text order. */
export function numberTokens(root: AstNode): LeafCstNode[] {
    const tree = root.$cstNode;
    if (!tree) return [];
    let tokens = tokensOfTree.get(tree);
    if (!tokens) {
        tokens = [];
        collectNumberTokens(tree, tokens);
        tokensOfTree.set(tree, tokens);
    }
    return tokens;
}

/** A plain recursive walk: Langium's tree streams allocate an iterator per node, a cost paid on every keystroke. */
function collectNumberTokens(node: CstNode, into: LeafCstNode[]): void {
    if (isCompositeCstNode(node)) {
        for (const child of node.content) collectNumberTokens(child, into);
    } else if (isLeafCstNode(node) && node.tokenType.name === 'NUMBER') {
        into.push(node);
    }
}

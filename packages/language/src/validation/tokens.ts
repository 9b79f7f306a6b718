// The tokens of a protocol or library by token type (NUMBER, STRING, comments...), gathered in one walk of its syntax
// tree and shared by the checks that read tokens (number spelling and range, hidden characters).
import { type AstNode, type CstNode, isCompositeCstNode, isLeafCstNode, type LeafCstNode } from 'langium';

/** Per syntax tree: a re-parse makes a new tree, so an edit never sees the tokens of the text before it. */
const tokensOfTree = new WeakMap<CstNode, Map<string, LeafCstNode[]>>();

/** The tokens under `root` of the given token types (comments included), in text order. */
export function tokensOfType(root: AstNode, ...types: string[]): LeafCstNode[] {
    const tree = root.$cstNode;
    if (!tree) return [];
    let byType = tokensOfTree.get(tree);
    if (!byType) {
        byType = new Map();
        collectTokens(tree, byType);
        tokensOfTree.set(tree, byType);
    }
    const tokens = types.flatMap((type) => byType.get(type) ?? []);
    return types.length > 1 ? tokens.sort((a, b) => a.offset - b.offset) : tokens;
}

/** A plain recursive walk: Langium's tree streams allocate an iterator per node, a cost paid on every keystroke. */
function collectTokens(node: CstNode, into: Map<string, LeafCstNode[]>): void {
    if (isCompositeCstNode(node)) {
        for (const child of node.content) collectTokens(child, into);
    } else if (isLeafCstNode(node)) {
        const type = node.tokenType.name;
        const tokens = into.get(type);
        if (tokens) tokens.push(node);
        else into.set(type, [node]);
    }
}

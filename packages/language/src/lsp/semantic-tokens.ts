// Semantic tokens: declarations and references by kind, numbers and units, drug names, routes, patient inputs and keywords.
import { type AstNode, AstUtils, type CstNode, GrammarAST, isCompositeCstNode, isLeafCstNode, type LeafCstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../grammar/generated/ast.js';

/** The token type of each kind of named declaration; references to it get the same type. */
export const DECLARATION_TOKEN_TYPES: Readonly<Record<string, string>> = {
    Protocol: SemanticTokenTypes.namespace,
    Library: SemanticTokenTypes.namespace,
    Variant: SemanticTokenTypes.namespace,
    StepUpDose: SemanticTokenTypes.variable,
    MaintenancePhase: SemanticTokenTypes.property,
    PremedicationSet: SemanticTokenTypes.struct,
    PreTreatment: SemanticTokenTypes.struct,
    SupportiveCare: SemanticTokenTypes.struct,
    HoldBlock: SemanticTokenTypes.class,
    CrsPanel: SemanticTokenTypes.class,
    IcansPanel: SemanticTokenTypes.class,
    ToxicityPanel: SemanticTokenTypes.class,
    RiskFlag: SemanticTokenTypes.enumMember
};

/** Token types of single tokens by the data-type rule they belong to. */
const RULE_TOKEN_TYPES: Readonly<Record<string, string>> = {
    Route: SemanticTokenTypes.modifier,
    TimeUnit: SemanticTokenTypes.type,
    Comparator: SemanticTokenTypes.operator,
    Decimal: SemanticTokenTypes.number
};

/** Token types of single tokens by their terminal. */
const TERMINAL_TOKEN_TYPES: Readonly<Record<string, string>> = {
    NUMBER: SemanticTokenTypes.number,
    DATE: SemanticTokenTypes.number,
    SEMVER: SemanticTokenTypes.number,
    STRING: SemanticTokenTypes.string
};

/** Rules whose whole value is one token (a unit such as mg/kg, a drug name of several words), highlighted by property. */
const WHOLE_VALUE_RULES = new Set(['Unit', 'UnitAtom', 'DrugName']);

/** The leaves that belong to `node` itself, not to the AST nodes it contains. */
function* ownLeaves(cst: CstNode, node: AstNode): Generator<LeafCstNode> {
    if (isLeafCstNode(cst)) {
        if (!cst.hidden) yield cst;
        return;
    }
    if (!isCompositeCstNode(cst)) return;
    for (const child of cst.content) {
        if (child.astNode === node) yield* ownLeaves(child, node);
    }
}

export class TitraSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (ast.isDoseAmount(node) || ast.isQuantity(node) || ast.isObservationCondition(node)) {
            if (node.unit !== undefined) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type });
        }
        if (ast.isMedicationOrder(node) && node.drug !== undefined) acceptor({ node, property: 'drug', type: SemanticTokenTypes.function });
        for (const reference of AstUtils.streamReferences(node)) {
            const refNode = reference.reference.$refNode;
            const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
            if (refNode) acceptor({ cst: refNode, type: (target && DECLARATION_TOKEN_TYPES[target.$type]) ?? SemanticTokenTypes.variable });
        }
        if (!node.$cstNode) return;
        for (const leaf of ownLeaves(node.$cstNode, node)) {
            const type = this.leafType(node, leaf);
            if (type) acceptor({ cst: leaf, ...type });
        }
    }

    /** The token type of a leaf of `node` that no property-wide rule above has highlighted. */
    private leafType(node: AstNode, leaf: LeafCstNode): { type: string; modifier?: string } | undefined {
        const source = leaf.grammarSource;
        if (!source || AstUtils.getContainerOfType(source, GrammarAST.isCrossReference)) return undefined;
        const rule = AstUtils.getContainerOfType(source, GrammarAST.isParserRule)?.name ?? '';
        if (WHOLE_VALUE_RULES.has(rule)) return undefined;
        const ruleType = RULE_TOKEN_TYPES[rule];
        if (ruleType) return { type: ruleType };
        const feature = AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature;
        if (feature === 'name' && DECLARATION_TOKEN_TYPES[node.$type]) {
            return { type: DECLARATION_TOKEN_TYPES[node.$type], modifier: SemanticTokenModifiers.declaration };
        }
        if (ast.isAgent(node) && feature === 'drug') return { type: SemanticTokenTypes.function };
        if ((ast.isObservationCondition(node) && feature === 'observation') || (ast.isRequires(node) && feature === 'inputs')) {
            return { type: SemanticTokenTypes.parameter };
        }
        if (ast.isStateCondition(node) && feature === 'state') return { type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.readonly };
        if (GrammarAST.isKeyword(source)) {
            return /\p{L}/u.test(source.value) ? { type: SemanticTokenTypes.keyword } : undefined;
        }
        const terminal = TERMINAL_TOKEN_TYPES[leaf.tokenType.name];
        return terminal ? { type: terminal } : undefined;
    }
}

// Structural checks: clauses given once, protocols with agent and governance, named and plain library members.
import { AstUtils, GrammarUtils, type AstNode, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { knownClinicalStateNames, clinicalStateDefinition } from '../knowledge/knowledge-base.js';
import { Codes, diagnostic } from './codes.js';

/** Clause lists that the grammar reads as lists but that mean one value each. */
const SINGLE_CLAUSES: ReadonlyArray<[string, string]> = [
    ['windows', 'window'], ['premedications', 'premedicate'], ['monitorings', 'monitor'], ['infusions', 'infuse over'],
    ['roundings', 'round to'], ['afters', 'after'], ['fromWeeks', 'from week'], ['throughWeeks', 'through week'],
    ['doseCounts', 'for ... doses'], ['conditions', 'when'], ['minSpacings', 'at least ... apart'],
    ['frequencies', 'frequency'], ['durations', 'for'], ['prn', 'as needed'], ['throughout', 'throughout'],
    ['starts', 'if'], ['stops', 'until'], ['continueAfters', 'continue ... after last dose'], ['befores', 'before'],
    ['whiles', 'while']
];

export function checkClausesOnce(node: AstNode, accept: ValidationAcceptor): void {
    const record = node as unknown as Record<string, unknown>;
    for (const [property, label] of SINGLE_CLAUSES) {
        const value = record[property];
        if (Array.isArray(value) && value.length > 1) {
            accept('error', `'${label}' is given ${value.length} times; give it once.`, {
                node, property, index: 1, ...diagnostic(Codes.duplicateClause)
            });
        }
    }
}

/** `while C` says both when an order starts and when it stops: an `if` or `until` beside it would contradict it. */
export function checkWhileAlone(order: ast.SupportiveOrder, accept: ValidationAcceptor): void {
    if (order.whiles.length === 0) return;
    for (const [property, label] of [['starts', 'if'], ['stops', 'until']] as const) {
        if (order[property].length === 0) continue;
        accept('error', `'while' already says when this order starts and stops; remove '${label}' or write 'if ... until ...' instead of 'while'.`, {
            node: order, property, index: 0, ...diagnostic(Codes.duplicateClause)
        });
    }
}

export function checkProtocolEssentials(protocol: ast.Protocol, accept: ValidationAcceptor): void {
    const count = (guard: (m: unknown) => boolean) => protocol.members.filter(guard).length;
    if (count(ast.isAgent) === 0) {
        accept('error', `Protocol '${protocol.name ?? ''}' has no agent: add e.g. 'agent teclistamab route subcut dose-basis actual-weight'.`, {
            node: protocol, property: 'name', ...diagnostic(Codes.missingAgent)
        });
    }
    const single: Array<[(m: unknown) => boolean, string]> = [
        [ast.isAgent, 'agent'], [ast.isVersionDecl, 'version'], [ast.isStatusDecl, 'status'],
        [ast.isEffectiveDecl, 'effective'], [ast.isReviewByDecl, 'review-by'], [ast.isOwnerDecl, 'owner'],
        [ast.isPopulationDecl, 'population']
    ];
    for (const [guard, keyword] of single) {
        const members = protocol.members.filter(guard);
        if (keyword !== 'agent' && members.length === 0 && (keyword === 'version' || keyword === 'status')) {
            accept('error', `Protocol '${protocol.name ?? ''}' has no '${keyword}'; every order set carries its ${keyword}.`, {
                node: protocol, property: 'name', ...diagnostic(Codes.missingGovernance, { field: keyword })
            });
        }
        for (const extra of members.slice(1)) {
            accept('error', `'${keyword}' is given more than once; give it once.`, {
                node: extra as AstNode, ...diagnostic(Codes.duplicateClause)
            });
        }
    }
}

/** Library members are shared by name, and a library defines its members rather than using others'. */
export function checkLibraryMembers(library: ast.Library, accept: ValidationAcceptor): void {
    for (const member of library.members) {
        if (!ast.isHoldBlock(member) && !ast.isCrsPanel(member) && !ast.isIcansPanel(member) && !ast.isToxicityPanel(member)
            && !ast.isSupportiveCare(member) && !ast.isBeforeDose(member)) continue;
        const named = member;
        if (named.uses) {
            accept('error', `A library defines shared blocks; 'uses' belongs in the protocol that imports this library.`, {
                node: named, property: 'uses', ...diagnostic(Codes.protocolUsesInLibrary)
            });
        } else if (!named.name) {
            const keyword = GrammarUtils.findNodeForKeyword(named.$cstNode, named.$cstNode?.text.split(/\s/)[0] ?? '');
            accept('error', 'A block in a library needs a name so that protocols can use it.', {
                node: named, ...(keyword ? { range: keyword.range } : {}), ...diagnostic(Codes.librarySharedName)
            });
        }
    }
}

export function checkStateCondition(condition: ast.StateCondition, accept: ValidationAcceptor): void {
    if (clinicalStateDefinition(condition.state)) return;
    const isFlag = AstUtils.getContainerOfType(condition, ast.isProtocol)?.members
        .some((m) => ast.isRiskFlag(m) && m.name === condition.state);
    const hint = isFlag ? ` '${condition.state}' is a risk flag: write 'flag ${condition.state}'.`
        : ` Known states: ${knownClinicalStateNames().join(', ')}.`;
    accept('error', `'${condition.state}' is not a clinical state Titra knows.${hint}`, {
        node: condition, property: 'state', ...diagnostic(Codes.unknownState)
    });
}

/** Every premedication order needs a time before the dose: its own, or the set's `give ... before dose`. */
export function checkPremedicationTiming(set: ast.PremedicationSet, accept: ValidationAcceptor): void {
    if (set.timing) return;
    for (const order of set.orders) {
        if (order.timing || !order.order) continue;
        accept('error', `Say when to give ${order.order.drug}: add '1 to 3 hours before dose' to the order, or 'give 1 to 3 hours before dose' to the set (use the times of your source).`, {
            node: order, property: 'order', ...diagnostic(Codes.premedicationTiming)
        });
    }
}

/** `resolved` means "the trigger of this hold is false again": it belongs in a hold's resume condition only. */
export function checkResolvedPlacement(condition: ast.ResolvedCondition, accept: ValidationAcceptor): void {
    let child: AstNode = condition;
    for (let parent: AstNode | undefined = condition.$container; parent; child = parent, parent = parent.$container) {
        if (ast.isHoldRule(parent)) {
            if (child.$containerProperty === 'resume') return;
            break;
        }
    }
    accept('error', `'resolved' only means something in a hold's 'resume when' (the hold's trigger is no longer true); state the condition here instead.`, {
        node: condition, ...diagnostic(Codes.resolvedOutsideResume)
    });
}

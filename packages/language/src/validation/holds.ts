// Hold checks: a CRS/ICANS hold where the protocol has those panels; every hold resumes or discontinues.
import { AstUtils, GrammarUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { Codes, diagnostic } from './codes.js';

/** Grade systems (CRS, ICANS) named in the triggers of a protocol's holds, its own or used from a library. */
function heldSystems(protocol: ast.Protocol): Set<string> {
    const systems = new Set<string>();
    for (const hold of protocol.members.filter(ast.isHoldBlock)) {
        const rules = hold.uses ? hold.uses.ref?.rules ?? [] : hold.rules;
        for (const rule of rules) {
            if (!rule.trigger) continue;
            for (const node of AstUtils.streamAst(rule.trigger)) if (ast.isGradeCondition(node) && node.system) systems.add(node.system);
        }
    }
    return systems;
}

/** A protocol that manages CRS or ICANS by panel holds the bispecific while they last (IMWG 2024). */
export function checkCrsIcansHold(protocol: ast.Protocol, accept: ValidationAcceptor): void {
    const held = heldSystems(protocol);
    const panels: Array<[string, ast.CrsPanel | ast.IcansPanel | undefined, string]> = [
        ['CRS', protocol.members.find(ast.isCrsPanel), 'crs-panel'],
        ['ICANS', protocol.members.find(ast.isIcansPanel), 'icans-panel']
    ];
    for (const [system, panel, keyword] of panels) {
        if (!panel || held.has(system)) continue;
        const range = GrammarUtils.findNodeForKeyword(panel.$cstNode, keyword)?.range;
        accept('error', `The protocol manages ${system} with a panel but no hold stops dosing during ${system}: add 'hold { when ${system} grade >= 1 resume when resolved }' (IMWG 2024).`, {
            node: panel, ...(range ? { range } : {}), ...diagnostic(Codes.missingCrsIcansHold, { system })
        });
    }
}

/** A hold says when dosing resumes, or that the agent is discontinued permanently. */
export function checkHoldResumes(rule: ast.HoldRule, accept: ValidationAcceptor): void {
    if (!rule.trigger || rule.resume || rule.discontinue) return;
    accept('error', `This hold never ends: add 'resume when <condition>' (e.g. 'resume when resolved') or 'discontinue permanently'.`, {
        node: rule, property: 'trigger', ...diagnostic(Codes.holdWithoutResume)
    });
}

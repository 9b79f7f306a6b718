// Checks units: known to UCUM, dose basis inputs required, thresholds in a unit of the observation's kind.
import { AstUtils, type AstNode, type Reference, type ValidationAcceptor } from 'langium';
import {
    isDoseAmount, isObservationCondition, isProtocol, type DoseAmount, type ObservationCondition, type Protocol, type Quantity
} from '../grammar/generated/ast.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';
import { observationDefinition } from '../knowledge/knowledge-base.js';
import { commensurable } from '../orderset/units.js';
import { Codes, diagnostic } from './codes.js';

function requiredInputs(protocol: Protocol): Set<string> {
    return new Set(protocol.members.flatMap((m) => (m.$type === 'Requires' ? m.inputs : [])));
}

export function checkUnitKnown(node: DoseAmount | Quantity, accept: ValidationAcceptor): void {
    if (node.unit === undefined) return; // a syntax error is reported already
    if (!translateUnit(node.unit)) {
        accept('error', `'${node.unit}' is not a unit Titra knows (UCUM). Use a unit such as mg, mcg, g, mg/kg, mg/m2, units, mL.`, {
            node, property: 'unit', ...diagnostic(Codes.unknownUnit)
        });
    }
}

/** A mg/kg dose needs the patient's weight; a mg/m2 dose needs weight and height. */
export function checkDoseBasisInputs(amount: DoseAmount, accept: ValidationAcceptor): void {
    const root = AstUtils.getContainerOfType(amount, isProtocol);
    const needed = inputsForDose(amount);
    if (needed.length === 0 || !root) return;
    const have = requiredInputs(root);
    const missing = needed.filter((n) => !have.has(n));
    if (missing.length > 0) {
        accept('error', `A dose in ${amount.unit} needs ${missing.join(' and ')} among the required inputs: add 'requires ${[...have, ...missing].join(', ')}'.`, {
            node: amount, property: 'unit', ...diagnostic(Codes.doseBasisMissingInput, { missing })
        });
    }
}

export function checkObservationCondition(condition: ObservationCondition, accept: ValidationAcceptor): void {
    const definition = observationDefinition(condition.observation);
    if (!definition) {
        accept('warning', `'${condition.observation}' is not an observation Titra knows; its unit cannot be checked.`, {
            node: condition, property: 'observation', ...diagnostic(Codes.unknownObservation)
        });
    }
    const protocol = AstUtils.getContainerOfType(condition, isProtocol);
    if (protocol && !requiredInputs(protocol).has(condition.observation)) {
        accept('error', `'${condition.observation}' is used in a condition but is not among the required inputs; add it to 'requires'.`, {
            node: condition, property: 'observation', ...diagnostic(Codes.observationNotRequired, { missing: [condition.observation] })
        });
    }
    if (!definition) return;
    if (!condition.unit) {
        accept('error', `Give the unit of the ${condition.observation} threshold, e.g. '${condition.value} ${definition.displayUnit}'.`, {
            node: condition, property: 'value', ...diagnostic(Codes.missingThresholdUnit)
        });
        return;
    }
    const unit = translateUnit(condition.unit);
    if (!unit) {
        accept('error', `'${condition.unit}' is not a unit Titra knows (UCUM).`, {
            node: condition, property: 'unit', ...diagnostic(Codes.unknownUnit)
        });
    } else if (!commensurable(unit.ucum, definition.unit)) {
        accept('error', `${condition.observation} is measured in units like ${definition.displayUnit}; '${condition.unit}' is not that kind of unit.`, {
            node: condition, property: 'unit', ...diagnostic(Codes.incompatibleUnit)
        });
    }
}

/** The patient inputs a dose amount needs: weight for mg/kg, weight and height for mg/m2. */
function inputsForDose(amount: DoseAmount): string[] {
    const per = amount.unit === undefined ? undefined : translateUnit(amount.unit)?.per;
    return per === 'kg' ? ['weight'] : per === 'm2' ? ['weight', 'height'] : [];
}

/** Inputs a library block needs, computed once per block (an edited library gets new AST nodes). */
const neededInputs = new WeakMap<AstNode, string[]>();

function inputsNeededBy(block: AstNode): string[] {
    let inputs = neededInputs.get(block);
    if (!inputs) {
        inputs = [...new Set(AstUtils.streamAllContents(block).flatMap((node) =>
            isObservationCondition(node) ? [node.observation] : isDoseAmount(node) ? inputsForDose(node) : []))];
        neededInputs.set(block, inputs);
    }
    return inputs;
}

/**
 * Blocks used from a library bring their observations and weight-based doses (tocilizumab 8 mg/kg in a CRS
 * panel); the protocol must require those inputs.
 */
export function checkImportedObservationsRequired(protocol: Protocol, accept: ValidationAcceptor): void {
    const have = requiredInputs(protocol);
    for (const member of protocol.members) {
        const uses = (member as { uses?: Reference<AstNode> }).uses;
        const target = uses?.ref;
        if (!target) continue;
        const missing = inputsNeededBy(target).filter((name) => !have.has(name));
        if (missing.length > 0) {
            accept('error', `'${uses.$refText}' uses ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not among the required inputs; add ${missing.length > 1 ? 'them' : 'it'} to 'requires'.`, {
                node: member, property: 'uses', ...diagnostic(Codes.observationNotRequired, { missing })
            });
        }
    }
}

// Safe order writing that the compiler relies on: no naked decimals (.5) and no trailing zeros (1.0) in doses.
import { CstUtils, isLeafCstNode, type AstNode, type ValidationAcceptor } from 'langium';
import { isObservationCondition } from '../grammar/generated/ast.js';
import { Codes } from './codes.js';

/**
 * Reports every NUMBER token of the file written as `.5` (naked decimal) or `1.0` / `1.` (trailing zero).
 * Trailing zeros are allowed in lab thresholds, where they state the precision of a result (Joint Commission).
 */
export function checkNumberSpelling(root: AstNode, accept: ValidationAcceptor): void {
    if (!root.$cstNode) return;
    for (const leaf of CstUtils.streamCst(root.$cstNode)) {
        if (!isLeafCstNode(leaf) || leaf.tokenType.name !== 'NUMBER') continue;
        const text = leaf.text;
        if (text.startsWith('.')) {
            accept('error', `Write '0${text}', not '${text}': a naked decimal point can be missed and read as a 10-fold larger dose (ISMP).`, {
                node: leaf.astNode, range: leaf.range, code: Codes.nakedDecimal, data: { code: Codes.nakedDecimal, replacement: `0${text}` }
            });
        } else if (/\.\d*0$|\.$/.test(text) && !isObservationCondition(leaf.astNode)) {
            const fixed = text.replace(/0+$/, '').replace(/\.$/, '');
            accept('error', `Write '${fixed}', not '${text}': a trailing zero can be missed and read as a 10-fold larger dose (ISMP).`, {
                node: leaf.astNode, range: leaf.range, code: Codes.trailingZero, data: { code: Codes.trailingZero, replacement: fixed }
            });
        }
    }
}

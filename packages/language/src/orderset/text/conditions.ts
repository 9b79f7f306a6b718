// Conditions in human-readable order-set text: "platelets < 25 x10^9/L", "CRS grade >= 2 and not flag high-risk".
import type { Condition } from '../schema.js';
import { durationText } from './durations.js';
import { formatNumber } from './numbers.js';
import { quantityText } from './units.js';

const OPERATORS: Readonly<Record<string, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=' };

/** A toxicity as clinicians name it: CRS and ICANS in capitals, panel names as written. */
export function toxicityText(name: string): string {
    return name === 'crs' || name === 'icans' ? name.toUpperCase() : name;
}

/**
 * A condition as a reviewer reads it, e.g. "platelets < 25 x10^9/L", "CRS grade >= 1". Operands of `and` and `or`
 * are sorted, so `a and b` reads the same as `b and a`; nested `and`/`or` are parenthesized.
 */
export function conditionText(condition: Condition): string {
    const operand = (c: Condition) => (c.type === 'all' || c.type === 'any' ? `(${conditionText(c)})` : conditionText(c));
    switch (condition.type) {
        case 'observation':
            return `${condition.observation} ${OPERATORS[condition.op]} ${condition.unit ? quantityText(condition.value, condition.unit) : formatNumber(condition.value)}`;
        case 'grade':
            return `${toxicityText(condition.toxicity)} grade ${OPERATORS[condition.op]} ${condition.grade}`;
        case 'response':
            return `response ${OPERATORS[condition.op]} ${condition.level}${condition.sustained ? ` sustained ${durationText(condition.sustained)}` : ''}`;
        case 'flag':
            return `flag ${condition.flag}`;
        case 'state':
            return condition.state;
        case 'resolved':
            return 'resolved';
        case 'all':
            return condition.of.map(operand).sort().join(' and ');
        case 'any':
            return condition.of.map(operand).sort().join(' or ');
        case 'not':
            return `not ${operand(condition.condition)}`;
    }
}

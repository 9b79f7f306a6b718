// Reads the JSON files the commands take (order sets, events, scenarios): a syntax error or a structure nested beyond reason is an input error.
import { InputError } from './workspace-loader.js';

/**
 * The deepest nesting of arrays and objects a JSON input may have: an order set of the deepest condition a protocol
 * may write stays far below it, while a deeper document would overflow the stack of the contract's checks.
 */
export const MAX_JSON_DEPTH = 256;

/** The nesting depth of a parsed JSON value, walked without recursion. */
function depthOf(value: unknown): number {
    let deepest = 0;
    const pending: Array<[unknown, number]> = [[value, 1]];
    while (pending.length > 0) {
        const [current, depth] = pending.pop()!;
        if (current === null || typeof current !== 'object') continue;
        deepest = Math.max(deepest, depth);
        if (deepest > MAX_JSON_DEPTH) return deepest;
        for (const child of Object.values(current)) pending.push([child, depth + 1]);
    }
    return deepest;
}

/** The parsed JSON text of `shown`, refused with a clear message when it is not JSON or nests too deeply. */
export function parseJsonInput(text: string, shown: string): unknown {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new InputError(`${shown}: not valid JSON (${(error as Error).message})`);
    }
    if (depthOf(json) > MAX_JSON_DEPTH) {
        throw new InputError(`${shown}: arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep; Titra reads JSON up to that depth`);
    }
    return json;
}

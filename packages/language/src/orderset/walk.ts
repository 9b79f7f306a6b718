// Walks a compiled order set (or any JSON value): every object in it, at any depth, in document order.

/** Calls `visit` on every object inside `value` (arrays are walked, not visited), parents before their children. */
export function forEachObject(value: unknown, visit: (object: Record<string, unknown>) => void): void {
    if (Array.isArray(value)) {
        for (const item of value) forEachObject(item, visit);
    } else if (value !== null && typeof value === 'object') {
        const object = value as Record<string, unknown>;
        visit(object);
        for (const child of Object.values(object)) forEachObject(child, visit);
    }
}

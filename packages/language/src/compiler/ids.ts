// Stable order ids derived from the source, unique within one order set.
export function slug(text: string): string {
    return text.trim().toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
}

/** Hands out ids, suffixing -2, -3 ... when the same base id is asked for again. */
export class IdAllocator {
    private readonly used = new Map<string, number>();

    allocate(base: string): string {
        const count = (this.used.get(base) ?? 0) + 1;
        this.used.set(base, count);
        return count === 1 ? base : `${base}-${count}`;
    }
}

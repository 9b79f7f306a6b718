// Stable order ids derived from the source, unique within one order set.
export function slug(text: string): string {
    return text.trim().toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
}

/** Hands out ids, suffixing -2, -3 ... when an id is taken (also by an earlier suffixed one). */
export class IdAllocator {
    private readonly used = new Set<string>();

    allocate(base: string): string {
        let id = base;
        for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
        this.used.add(id);
        return id;
    }
}

/** Seeded pseudo-random numbers (mulberry32): the generator, ids and fault injection are reproducible. */

export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0 || 0x9e3779b9;
    }

    /** Uniform in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** Integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    /** Picks by weight: [[value, weight], ...]. */
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
        const total = choices.reduce((sum, [, w]) => sum + w, 0);
        let roll = this.next() * total;
        for (const [value, weight] of choices) {
            roll -= weight;
            if (roll < 0) return value;
        }
        return choices[choices.length - 1][0];
    }

    hex(length: number): string {
        let text = "";
        while (text.length < length) text += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, "0");
        return text.slice(0, length);
    }

    /** UUID-shaped (version 4 layout) id. */
    uuid(): string {
        const h = this.hex(32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
}

/** Derives a well-spread 32-bit seed from text (FNV-1a). */
export function seedFrom(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}

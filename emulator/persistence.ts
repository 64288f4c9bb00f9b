/**
 * Saving and resuming the emulator: the WorldState plus the clock, written atomically (temporary file
 * in the same directory, then rename) so a crash never leaves a half-written state file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { WorldState } from "./model";

export const STATE_FORMAT = "huaweicloud-bss-emulator-state";

export interface SavedState {
    readonly format: typeof STATE_FORMAT;
    readonly savedAt: string;
    /** Virtual time at save; a resumed emulator continues from it. */
    readonly now: string;
    readonly state: WorldState;
}

export function saveState(file: string, now: string, state: WorldState): void {
    const saved: SavedState = { format: STATE_FORMAT, savedAt: new Date().toISOString(), now, state };
    const dir = path.dirname(path.resolve(file));
    fs.mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    fs.writeFileSync(temp, JSON.stringify(saved));
    fs.renameSync(temp, file);
}

/** Reads a state file; undefined when it does not exist. */
export function loadState(file: string): SavedState | undefined {
    if (!fs.existsSync(file)) return undefined;
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as SavedState;
    if (saved.format !== STATE_FORMAT || saved.state?.version !== 1) throw new Error(`${file} is not an emulator state file`);
    return saved;
}

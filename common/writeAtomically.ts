/**
 * Node only (the tools and the stand-in's server, never a page): writes a whole file at once, a new
 * file renamed over the old, so a crash or a full disk leaves the old file or the new, never half.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

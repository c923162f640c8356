/**
 * The built-in pack as the build leaves it: one JSON file, validated by scripts/build-content.ts,
 * and beside it its index (the library's rows). Start-up reads only the index; the pack itself is
 * parsed the first time an item is needed.
 */
import fs from 'node:fs';
import type { ContentPack } from '../../../shared/content/schema';
import { indexPack, type PackIndex, type PackSource } from './library';

interface IndexFile extends PackIndex {
  /** The pack file's size when the index was written: an index from another build is not used. */
  packBytes: number;
}

export function indexFileFor(packFile: string): string {
  return packFile.replace(/\.json$/, '') + '.index.json';
}

/** Writes the pack and its index (build time, after validation). */
export function writeBuiltin(packFile: string, pack: ContentPack): void {
  const json = JSON.stringify(pack);
  fs.writeFileSync(packFile, json);
  const index: IndexFile = { packBytes: Buffer.byteLength(json), ...indexPack(pack) };
  fs.writeFileSync(indexFileFor(packFile), JSON.stringify(index));
}

export interface Builtin {
  source: PackSource;
  /** The whole pack, parsed on first use. */
  pack: () => ContentPack;
}

/**
 * Opens the built-in pack file. Throws when it is missing (a broken install); falls back to
 * parsing the pack at once when its index is missing or belongs to another build.
 */
export function openBuiltin(packFile: string | undefined, log: (line: string) => void): Builtin {
  let bytes: number;
  try {
    if (!packFile) throw new Error('no file given');
    bytes = fs.statSync(packFile).size;
  } catch {
    throw new Error(
      `The built-in content pack ${packFile ?? '(no file given)'} is missing: run "npm run build", or reinstall Tradeoff.`,
    );
  }
  let parsed: ContentPack | null = null;
  const pack = () => (parsed ??= JSON.parse(fs.readFileSync(packFile, 'utf8')) as ContentPack);
  let index: IndexFile | null = null;
  try {
    index = JSON.parse(fs.readFileSync(indexFileFor(packFile), 'utf8')) as IndexFile;
  } catch {
    // No index (an older build): list from the pack itself.
  }
  if (index && index.packBytes !== bytes) {
    log(`the built-in pack's index is from another build; reading the whole pack instead`);
    index = null;
  }
  return { source: { index: index ?? indexPack(pack()), items: pack }, pack };
}

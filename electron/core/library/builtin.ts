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

/** The shape the library relies on (the build wrote it; a damaged file is not trusted). */
function wellFormed(value: unknown): value is IndexFile {
  const kinds = ['problems', 'concepts', 'questions', 'drills'] as const;
  const index = value as IndexFile | null;
  return (
    typeof index === 'object' &&
    index !== null &&
    typeof index.packBytes === 'number' &&
    typeof index.packId === 'string' &&
    kinds.every((k) => Array.isArray(index[k])) &&
    typeof index.phaseBudgetsMin === 'object' &&
    index.phaseBudgetsMin !== null
  );
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
  let whole: ContentPack | null = null;
  const pack = () => (whole ??= JSON.parse(fs.readFileSync(packFile, 'utf8')) as ContentPack);
  let index: IndexFile | null = null;
  let text: string | null = null;
  try {
    text = fs.readFileSync(indexFileFor(packFile), 'utf8');
  } catch {
    // No index (an older build): list from the pack itself.
  }
  if (text !== null) {
    let read: unknown = null;
    try {
      read = JSON.parse(text);
    } catch {
      // Damaged: said below.
    }
    if (!wellFormed(read)) log(`the built-in pack's index is damaged; reading the whole pack instead`);
    else if (read.packBytes !== bytes)
      log(`the built-in pack's index is from another build; reading the whole pack instead`);
    else index = read;
  }
  return { source: { index: index ?? indexPack(pack()), items: pack }, pack };
}

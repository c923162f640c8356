/**
 * The app's words are our own: no content string may repeat a long run of words from the study
 * notes' digest (facts and numbers are shared; sentences are not). The digest sits beside the
 * project in ../shared, as it does on every developer machine and in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIGEST = path.resolve(ROOT, '..', 'shared', 'digest');
const RUN_WORDS = 10;

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * Lists of states, numbers and formula terms are facts and may match; prose is what must not.
 * A run counts as prose when it has at least three function words.
 */
const FUNCTION_WORDS = new Set(
  'the a an to of and is are for in on with that it as be by or not no after from this'.split(' '),
);
const isProse = (run: string[]) => run.filter((w) => FUNCTION_WORDS.has(w)).length >= 3;

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v);
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.json')
          ? [path.join(dir, e.name)]
          : [],
    );
}

describe('content originality', () => {
  it(`shares no run of ${RUN_WORDS} words with the digest of the study notes`, () => {
    expect(fs.existsSync(DIGEST), `the digest should be at ${DIGEST}`).toBe(true);
    const digestWords = fs
      .readdirSync(DIGEST)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => words(fs.readFileSync(path.join(DIGEST, f), 'utf8')));
    const runs = new Set<string>();
    for (let i = 0; i + RUN_WORDS <= digestWords.length; i++)
      runs.add(digestWords.slice(i, i + RUN_WORDS).join(' '));
    const copied: string[] = [];
    for (const file of files(path.join(ROOT, 'assets', 'content', 'builtin'))) {
      for (const text of strings(JSON.parse(fs.readFileSync(file, 'utf8')))) {
        const w = words(text);
        for (let i = 0; i + RUN_WORDS <= w.length; i++) {
          const slice = w.slice(i, i + RUN_WORDS);
          const run = slice.join(' ');
          if (runs.has(run) && isProse(slice)) {
            copied.push(`${path.basename(file)}: “${run}”`);
            break;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });
});

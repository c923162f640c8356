/**
 * Reads a content pack from disk. The built-in pack is a folder split into one file per problem or
 * concept (easy to review and diff); an importable pack is one JSON file. Both are assembled into
 * the same object and go through the same validator, so errors name the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validatePack, type ContentIssue, type KnownIds } from '../../../shared/content/validate';
import type { ContentPack } from '../../../shared/content/schema';

export interface LoadResult {
  pack: ContentPack | null;
  issues: ContentIssue[];
}

const KINDS = ['problems', 'concepts', 'questions', 'drills'] as const;
type Kind = (typeof KINDS)[number];

function readJson(file: string, issues: ContentIssue[], rel: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    issues.push({ file: rel, path: '(file)', message: `cannot be read: ${(e as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    issues.push({ file: rel, path: '(file)', message: `is not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/** Loads a pack folder: `pack.json` (manifest) plus `problems/`, `concepts/`, `questions/`, `drills/`. */
export function loadPackFolder(dir: string, external?: KnownIds): LoadResult {
  const issues: ContentIssue[] = [];
  const manifest = readJson(path.join(dir, 'pack.json'), issues, 'pack.json');
  const assembled: Record<Kind, unknown[]> = { problems: [], concepts: [], questions: [], drills: [] };
  // Where each assembled item came from, to turn `problems[3].x` into `problems/chat.json: x`.
  const origin: Record<Kind, { file: string; prefix: string }[]> = {
    problems: [],
    concepts: [],
    questions: [],
    drills: [],
  };
  for (const kind of KINDS) {
    const sub = path.join(dir, kind);
    if (!fs.existsSync(sub)) continue;
    for (const name of fs
      .readdirSync(sub)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const rel = `${kind}/${name}`;
      const data = readJson(path.join(sub, name), issues, rel);
      if (data === undefined) continue;
      const items = Array.isArray(data) ? data : [data];
      items.forEach((item, i) => {
        assembled[kind].push(item);
        origin[kind].push({ file: rel, prefix: Array.isArray(data) ? `[${i}]` : '' });
      });
    }
  }
  if (issues.length > 0) return { pack: null, issues };
  const result = validatePack({ manifest, ...assembled }, external);
  const mapped = result.issues.map((issue) => {
    const m = /^(problems|concepts|questions|drills)\[(\d+)\]\.?(.*)$/.exec(issue.path);
    if (!m) return { ...issue, file: 'pack.json' };
    const kind = m[1] as Kind;
    const from = origin[kind][Number(m[2])];
    if (!from) return issue;
    const rest = m[3] ?? '';
    const fieldPath = from.prefix + (rest && from.prefix ? '.' : '') + rest;
    return { ...issue, file: from.file, path: fieldPath || '(root)' };
  });
  return { pack: result.pack, issues: mapped };
}

/** Loads a single-file pack (the import/export format). */
export function loadPackFile(file: string, external?: KnownIds): LoadResult {
  const issues: ContentIssue[] = [];
  const data = readJson(file, issues, path.basename(file));
  if (data === undefined) return { pack: null, issues };
  const result = validatePack(data, external);
  return { pack: result.pack, issues: result.issues.map((i) => ({ ...i, file: path.basename(file) })) };
}

export function loadPack(target: string, external?: KnownIds): LoadResult {
  return fs.statSync(target).isDirectory()
    ? loadPackFolder(target, external)
    : loadPackFile(target, external);
}

export interface PackCounts {
  problems: number;
  concepts: number;
  conceptQuestions: number;
  questions: number;
  behavioural: number;
  drills: number;
}

export function countPack(pack: ContentPack | null): PackCounts {
  if (!pack)
    return { problems: 0, concepts: 0, conceptQuestions: 0, questions: 0, behavioural: 0, drills: 0 };
  return {
    problems: pack.problems.length,
    concepts: pack.concepts.length,
    conceptQuestions: pack.concepts.reduce((n, c) => n + c.questions.length, 0),
    questions: pack.questions.filter((q) => q.kind !== 'behavioural').length,
    behavioural: pack.questions.filter((q) => q.kind === 'behavioural').length,
    drills: pack.drills.length,
  };
}

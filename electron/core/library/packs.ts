/**
 * Imported content packs, stored whole in SQLite. A pack is validated completely before the single
 * INSERT, so a malformed pack leaves nothing behind.
 */
import type { Database } from 'better-sqlite3';
import type { InstalledPack } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/envelope';
import { ContentPack } from '../../../shared/content/schema';
import type { KnownIds } from '../../../shared/content/validate';

interface Row {
  id: string;
  pack_json: string;
  imported_at_ms: number;
}

function info(pack: ContentPack, importedAt: number): InstalledPack {
  return {
    manifest: pack.manifest,
    builtin: false,
    importedAt,
    counts: {
      problems: pack.problems.length,
      concepts: pack.concepts.length,
      questions: pack.questions.length,
      drills: pack.drills.length,
    },
  };
}

export class PackStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
    /** Where unreadable rows are reported: they are skipped, never fatal. */
    private readonly report?: (message: string) => void,
  ) {}

  all(): { pack: ContentPack; importedAt: number }[] {
    const rows = this.db
      .prepare('SELECT id, pack_json, imported_at_ms FROM content_packs ORDER BY imported_at_ms')
      .all() as Row[];
    // Stored packs were validated on import; parse again so a hand-edited row cannot crash the app.
    return rows.flatMap((r) => {
      let json: unknown;
      try {
        json = JSON.parse(r.pack_json);
      } catch {
        this.report?.(
          `The imported content pack “${r.id}” could not be read, so it was left out of your library.`,
        );
        return [];
      }
      const parsed = ContentPack.safeParse(json);
      if (!parsed.success)
        this.report?.(
          `The imported content pack “${r.id}” does not match this version’s format, so it was left out. Import it again to see what to change.`,
        );
      return parsed.success ? [{ pack: parsed.data, importedAt: r.imported_at_ms }] : [];
    });
  }

  list(): InstalledPack[] {
    return this.all().map((p) => info(p.pack, p.importedAt));
  }

  get(id: string): ContentPack | null {
    return this.all().find((p) => p.pack.manifest.id === id)?.pack ?? null;
  }

  async import(
    fileName: string,
    text: string,
    builtin: ContentPack,
    builtinIds: KnownIds,
  ): Promise<InstalledPack> {
    // The validator brings mathjs (for the estimates' arithmetic): load it only when a pack arrives.
    const { validatePack } = await import('../../../shared/content/validate');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new AppError('INVALID_CONTENT', `${fileName} is not valid JSON, so nothing was imported.`, [
        { file: fileName, path: '(file)', message: (e as Error).message },
      ]);
    }
    const { pack, issues } = validatePack(data, builtinIds);
    const allIssues = issues.map((i) => ({ ...i, file: fileName }));
    if (pack) {
      if (pack.manifest.id === builtin.manifest.id) {
        allIssues.push({ file: fileName, path: 'manifest.id', message: 'is the id of the built-in pack' });
      }
      const clash = (kind: string, ids: Set<string>, items: { id: string }[], field: string) =>
        items.forEach((item, i) => {
          if (ids.has(item.id)) {
            allIssues.push({
              file: fileName,
              path: `${field}[${i}].id`,
              message: `"${item.id}" is already a built-in ${kind}`,
            });
          }
        });
      clash('problem', builtinIds.problems as Set<string>, pack.problems, 'problems');
      clash('concept', builtinIds.concepts as Set<string>, pack.concepts, 'concepts');
      clash('question', new Set(builtin.questions.map((q) => q.id)), pack.questions, 'questions');
      clash('drill', new Set(builtin.drills.map((d) => d.id)), pack.drills, 'drills');
    }
    if (!pack || allIssues.length > 0) {
      const n = allIssues.length;
      throw new AppError(
        'INVALID_CONTENT',
        `${fileName} has ${n} problem${n === 1 ? '' : 's'}, so nothing was imported.`,
        allIssues,
      );
    }
    const importedAt = this.now();
    // Re-importing a pack with the same id replaces it (an update), atomically.
    this.db
      .prepare(
        `INSERT INTO content_packs (id, name, version, pack_json, imported_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, version = excluded.version,
           pack_json = excluded.pack_json, imported_at_ms = excluded.imported_at_ms`,
      )
      .run(pack.manifest.id, pack.manifest.name, pack.manifest.version, JSON.stringify(pack), importedAt);
    return info(pack, importedAt);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM content_packs WHERE id = ?').run(id).changes > 0;
  }
}

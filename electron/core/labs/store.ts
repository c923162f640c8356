/** The user's edited lab implementations, one row per lab. */
import type { Database, Statement } from 'better-sqlite3';
import type { LabEdit } from '../../../shared/api/labs';

interface Row {
  lab_id: string;
  code: string;
  updated_at_ms: number;
}

export class LabEditStore {
  private readonly stmt: Record<'get' | 'save' | 'reset', Statement>;

  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.stmt = {
      get: db.prepare('SELECT lab_id, code, updated_at_ms FROM lab_edits WHERE lab_id = ?'),
      save: db.prepare(
        `INSERT INTO lab_edits (lab_id, code, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (lab_id) DO UPDATE SET code = excluded.code, updated_at_ms = excluded.updated_at_ms`,
      ),
      reset: db.prepare('DELETE FROM lab_edits WHERE lab_id = ?'),
    };
  }

  get(labId: string): LabEdit | null {
    const row = this.stmt.get.get(labId) as Row | undefined;
    return row ? { labId: row.lab_id, code: row.code, updatedAtMs: row.updated_at_ms } : null;
  }

  save(labId: string, code: string): LabEdit {
    const updatedAtMs = this.now();
    this.stmt.save.run(labId, code, updatedAtMs);
    return { labId, code, updatedAtMs };
  }

  reset(labId: string): boolean {
    return this.stmt.reset.run(labId).changes > 0;
  }
}

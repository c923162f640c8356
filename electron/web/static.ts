/**
 * The web shell's built files, kept in memory once read. A page's first load asks for a dozen
 * files at once while the back end is starting on the same two cores: answering each from memory
 * in one write with its length (instead of streaming it from disk in chunks) keeps the main thread
 * short on the path to the first screen. Each request still stats the file, so a rebuild while the
 * shell runs is picked up.
 */
import fs from 'node:fs';

interface Entry {
  body: Buffer;
  mtimeMs: number;
  size: number;
}

export class StaticFiles {
  /** Most recently used last (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private heldBytes = 0;

  constructor(
    /** Files larger than this are read each time and not kept. */
    private readonly maxFileBytes = 8 * 1024 * 1024,
    /** The most kept at once; the least recently used files go first. */
    private readonly budgetBytes = 64 * 1024 * 1024,
  ) {}

  /** The file's bytes, or null when it is missing or a folder. */
  async read(file: string): Promise<Buffer | null> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const held = this.entries.get(file);
    if (held && held.mtimeMs === stat.mtimeMs && held.size === stat.size) {
      this.entries.delete(file);
      this.entries.set(file, held);
      return held.body;
    }
    if (held) this.forget(file, held);
    const body = await fs.promises.readFile(file);
    if (body.length <= this.maxFileBytes) {
      this.entries.set(file, { body, mtimeMs: stat.mtimeMs, size: body.length });
      this.heldBytes += body.length;
      for (const [oldest, entry] of this.entries) {
        if (this.heldBytes <= this.budgetBytes) break;
        this.forget(oldest, entry);
      }
    }
    return body;
  }

  /** How many bytes are held now (for tests). */
  get bytesHeld(): number {
    return this.heldBytes;
  }

  private forget(file: string, entry: Entry): void {
    this.entries.delete(file);
    this.heldBytes -= entry.body.length;
  }
}

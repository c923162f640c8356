/** File names for backups, kept apart so the shells can name a download without loading the back end. */
export function stampOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export function backupFileName(nowMs: number): string {
  return `tradeoff-backup-${stampOf(nowMs).slice(0, 16)}.sqlite`;
}

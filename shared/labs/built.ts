/**
 * The ids of the labs that are built (registered in registry.ts), as a tiny list the library's pages
 * can import to link to a lab without loading any lab's code. tests/unit/labs.test.ts checks it
 * matches the registry exactly.
 */
export const BUILT_LAB_IDS: readonly string[] = [
  'consistent-hashing',
  'bloom-sketches',
  'rate-limiters',
  'lsm-btree',
  'dedup-pipeline',
  'db-queue',
];

export function isBuiltLab(id: string): boolean {
  return BUILT_LAB_IDS.includes(id);
}

/** Labs: what links to a lab, and the user's edited implementation of it (saved per lab). */
import { z } from 'zod';

export const LabId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/);

/** An edited impl.ts: a generous bound for one file, far below anything that would slow the database. */
export const LAB_EDIT_MAX_CHARS = 200_000;

/** A library item that uses the lab (the contract's LinkRef shape; defined here to avoid an import cycle). */
const UsedBy = z.object({ kind: z.enum(['problem', 'concept']), id: z.string(), title: z.string() });

export const LabEdit = z.object({
  labId: z.string(),
  code: z.string(),
  updatedAtMs: z.number(),
});
export type LabEdit = z.infer<typeof LabEdit>;

export const labCalls = {
  /** The concepts and problems in the library that list this lab among their related labs. */
  'lab.links': {
    input: z.object({ labId: LabId }).strict(),
    output: z.object({ concepts: z.array(UsedBy), problems: z.array(UsedBy) }),
  },
  /** The user's saved version of the lab's implementation, or null when they have not edited it. */
  'labEdit.get': {
    input: z.object({ labId: LabId }).strict(),
    output: LabEdit.nullable(),
  },
  'labEdit.save': {
    input: z.object({ labId: LabId, code: z.string().max(LAB_EDIT_MAX_CHARS) }).strict(),
    output: LabEdit,
  },
  /** Reset to reference: forgets the saved edit. */
  'labEdit.reset': {
    input: z.object({ labId: LabId }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;

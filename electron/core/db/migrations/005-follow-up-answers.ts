import type { Migration } from './index';

/**
 * Follow-up questions answered after the interview, from the scoring view. An answer is a candidate
 * transcript entry that points at the follow-up it answers (`reply_to`, one answer per follow-up),
 * and a follow-up can be marked addressed (covered in the interview) with or without a typed answer.
 */
export const m005FollowUpAnswers: Migration = {
  version: 5,
  name: 'follow-up answers and addressed marks',
  up(db) {
    db.exec(`
      ALTER TABLE transcript ADD COLUMN reply_to INTEGER REFERENCES transcript (id) ON DELETE CASCADE;
      ALTER TABLE transcript ADD COLUMN addressed_at_ms INTEGER;
      CREATE UNIQUE INDEX transcript_one_answer ON transcript (reply_to) WHERE reply_to IS NOT NULL;
    `);
  },
};

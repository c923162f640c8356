/**
 * Numbered migrations. Each runs inside the one transaction that `migrate` opens; never edit a
 * migration that has shipped — add the next number instead. tests/unit/db.test.ts keeps a schema
 * snapshot so a migration cannot silently drop a column.
 */
import type { Database } from 'better-sqlite3';
import { m001Initial } from './001-initial';
import { m002Sessions } from './002-sessions';
import { m003Scores } from './003-scores';
import { m004Revisions } from './004-revisions';
import { m005FollowUpAnswers } from './005-follow-up-answers';
import { m006Srs } from './006-srs';
import { m007LabEdits } from './007-lab-edits';
import { m008Ai } from './008-ai';
import { m010Voice } from './010-voice';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002Sessions,
  m003Scores,
  m004Revisions,
  m005FollowUpAnswers,
  m006Srs,
  m007LabEdits,
  m008Ai,
  m010Voice,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

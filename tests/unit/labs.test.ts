import { describe, expect, it } from 'vitest';
import { LAB_REGISTRY } from '../../shared/labs/registry';
import { LABS } from '../../shared/labs/catalog';
import { BUILT_LAB_IDS } from '../../shared/labs/built';
import { checkProperties, runExperiment } from '../../shared/labs/run';
import { runLabDefaults } from '../../electron/core/labs/claims';
import { memorySqlDriver } from '../../electron/core/labs/sql';
import { sqlJsDriver } from '../../shared/labs/sqljs';
import * as ring from '../../shared/labs/consistent-hashing/impl';
import * as bloom from '../../shared/labs/bloom-sketches/impl';
import { backend, call, closeBackend, failure } from '../helpers/backend';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicyFor } from '../../electron/core/csp';

const claimOf = (rows: { claim: string }[], start: string) => {
  const row = rows.find((r) => r.claim.startsWith(start));
  if (!row) throw new Error(`no claim starting "${start}"`);
  return row as (typeof rows)[number] & { measuredValue: number; verdict: string };
};

describe('lab registry', () => {
  it('registers only labs from the catalogue, each with experiments and properties', () => {
    const catalogue = new Set(LABS.map((l) => l.id));
    for (const [id, lab] of Object.entries(LAB_REGISTRY)) {
      expect(catalogue.has(id)).toBe(true);
      expect(lab.id).toBe(id);
      expect(lab.experiments.length).toBeGreaterThan(0);
      expect(lab.properties.length).toBeGreaterThan(0);
      expect(lab.implementationFile).toBe('impl.ts');
    }
  });

  it('lists exactly the registered labs as built (the library links to them without loading them)', () => {
    expect([...BUILT_LAB_IDS].sort()).toEqual(Object.keys(LAB_REGISTRY).sort());
  });

  it('keeps every property on every reference implementation (fast-check, fixed seed)', () => {
    for (const lab of Object.values(LAB_REGISTRY)) {
      for (const report of checkProperties(lab, lab.reference, {
        seed: 7,
        numRuns: 150,
        sql: memorySqlDriver,
      })) {
        expect(report, `${lab.id} / ${report.id}: ${report.message} ${report.counterexample}`).toMatchObject({
          ok: true,
        });
      }
    }
  });
});

describe('labs:claims', () => {
  it('prints rows for every registered lab with verdicts computed from the numbers', () => {
    const runs = runLabDefaults(['consistent-hashing', 'bloom-sketches']);
    const rows = runs.flatMap((r) => r.claims);
    expect(new Set(rows.map((r) => r.lab))).toEqual(new Set(['consistent-hashing', 'bloom-sketches']));
    for (const row of rows) {
      expect(['holds', 'approximately', 'does-not-hold']).toContain(row.verdict);
      expect(Number.isFinite(row.measuredValue)).toBe(true);
    }
    // The defaults reproduce the notes' headline numbers.
    expect(claimOf(rows, '9.59 bits per item').verdict).toBe('holds');
    expect(claimOf(rows, 'A Bloom filter has no false negatives').measuredValue).toBe(0);
  });

  it('moves the measured value and the verdict when bits per item drop', () => {
    const at = (bitsPerItem: number) =>
      runLabDefaults(['bloom-sketches'], {
        params: { 'bloom-sketches/false-positives': { bitsPerItem } },
      }).flatMap((r) => r.claims);
    const rich = claimOf(at(9.6), '9.59 bits per item');
    const poor = claimOf(at(5), '9.59 bits per item');
    expect(rich.verdict).toBe('holds');
    expect(poor.measuredValue).toBeGreaterThan(rich.measuredValue * 5);
    expect(poor.verdict).toBe('does-not-hold');
  });

  it('moves the load-spread claim with virtual nodes', () => {
    const cv = (vnodesPerNode: number) =>
      claimOf(
        runExperiment(LAB_REGISTRY['consistent-hashing']!, 'rebalance', ring, { params: { vnodesPerNode } })
          .claims,
        'Load spread',
      ).measuredValue;
    expect(cv(4)).toBeGreaterThan(cv(400) * 4);
  });

  it('gives the same numbers for the same seed and different ones for another', () => {
    const lab = LAB_REGISTRY['bloom-sketches']!;
    const a = runExperiment(lab, 'false-positives', bloom, { seed: 3 }).claims.map((c) => c.measuredValue);
    const b = runExperiment(lab, 'false-positives', bloom, { seed: 3 }).claims.map((c) => c.measuredValue);
    const c = runExperiment(lab, 'false-positives', bloom, { seed: 4 }).claims.map((c) => c.measuredValue);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('properties judge an edited implementation', () => {
  it('finds replicas on the same machine, with a counterexample', () => {
    class SloppyRing extends ring.HashRing {
      override owners(key: string, replicas: number): string[] {
        return Array.from({ length: Math.min(replicas, this.nodes().length) }, () => this.owner(key));
      }
    }
    const reports = checkProperties(LAB_REGISTRY['consistent-hashing']!, { ...ring, HashRing: SloppyRing });
    const failed = reports.find((r) => r.id === 'replicas-distinct');
    expect(failed?.ok).toBe(false);
    expect(failed?.counterexample).toBeTruthy();
    expect(failed?.message).toMatch(/repeats a node/);
    expect(reports.find((r) => r.id === 'add-moves-only-to-new')?.ok).toBe(true);
  });

  it('finds a Bloom filter that forgets', () => {
    class Forgetful extends bloom.BloomFilter {
      override has(item: string): boolean {
        return item.length > 2 && super.has(item);
      }
    }
    const reports = checkProperties(LAB_REGISTRY['bloom-sketches']!, { ...bloom, BloomFilter: Forgetful });
    expect(reports.find((r) => r.id === 'no-false-negatives')).toMatchObject({ ok: false });
  });

  it('reports a module that throws as a failed property, not a crash', () => {
    const broken = {
      ...bloom,
      CountMinSketch: class {
        constructor() {
          throw new Error('not written yet');
        }
      },
    };
    const report = checkProperties(LAB_REGISTRY['bloom-sketches']!, broken).find(
      (r) => r.id === 'count-min-overestimates',
    );
    expect(report).toMatchObject({ ok: false, message: 'not written yet' });
  });
});

describe('the SQL driver for labs', () => {
  it('runs real SQLite in memory', () => {
    const db = memorySqlDriver();
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    expect(db.run('INSERT INTO t (v) VALUES (?), (?)', ['a', null]).changes).toBe(2);
    expect(db.all<{ v: string | null }>('SELECT v FROM t ORDER BY id')).toEqual([{ v: 'a' }, { v: null }]);
    db.close();
  });
});

describe('saved lab edits (API)', () => {
  it('saves an edit per lab, keeps it across a restart, and forgets it on reset', async () => {
    const { b, dir } = backend();
    expect(await call(b, 'labEdit.get', { labId: 'consistent-hashing' })).toBeNull();
    const saved = await call<{ code: string }>(b, 'labEdit.save', {
      labId: 'consistent-hashing',
      code: 'export const edited = 1;',
    });
    expect(saved.code).toBe('export const edited = 1;');
    expect(await call(b, 'labEdit.get', { labId: 'bloom-sketches' })).toBeNull();
    closeBackend(b);

    const { b: again } = backend(dir);
    expect(await call(again, 'labEdit.get', { labId: 'consistent-hashing' })).toMatchObject({
      code: 'export const edited = 1;',
    });
    expect(await call(again, 'labEdit.reset', { labId: 'consistent-hashing' })).toEqual({ deleted: true });
    expect(await call(again, 'labEdit.get', { labId: 'consistent-hashing' })).toBeNull();
  });

  it('refuses a lab that does not exist and lists what links to a lab', async () => {
    const { b } = backend();
    expect((await failure(b, 'labEdit.save', { labId: 'no-such-lab', code: '' })).code).toBe('NOT_FOUND');
    const links = await call<{ concepts: { id: string }[] }>(b, 'lab.links', { labId: 'consistent-hashing' });
    expect(links.concepts.map((c) => c.id)).toContain('consistent-hashing');
  });
});

describe('the sandbox Worker policy', () => {
  it('lets only the sandbox Worker evaluate code, with no network', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(contentSecurityPolicyFor('/index.html')).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicyFor('/assets/index-abc123.js')).toBe(CONTENT_SECURITY_POLICY);
    const sandbox = contentSecurityPolicyFor('/assets/lab-sandbox.worker-Ab_12-x.js');
    expect(sandbox).toContain("'unsafe-eval'");
    expect(sandbox).toContain("connect-src 'none'");
    expect(sandbox).not.toMatch(/https?:|\*/);
    expect(contentSecurityPolicyFor('/assets/lab-sandbox.worker-x.js/../index.html')).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });
});

describe('the sql.js driver for labs in the app Worker', () => {
  it('behaves like the better-sqlite3 one on the same statements', async () => {
    const { default: initSqlJs } = await import('sql.js');
    const db = sqlJsDriver(await initSqlJs())();
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    expect(db.run('INSERT INTO t (v) VALUES (?), (?)', ['a', null]).changes).toBe(2);
    expect(db.run('UPDATE t SET v = ? WHERE v IS NULL', ['b']).changes).toBe(1);
    expect(db.all<{ v: string }>('SELECT v FROM t WHERE id >= ? ORDER BY id', [1])).toEqual([
      { v: 'a' },
      { v: 'b' },
    ]);
    db.close();
  });
});

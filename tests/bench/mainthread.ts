/**
 * mainThreadMaxBlockMs: the longest stall of the web shell's main thread (the one that answers
 * every request) while the heaviest things the app does run: a backup and a restore of a
 * 5,000-interview data folder, a 20 MB content-pack import and a PDF report. The back end runs in
 * a worker, so the main thread should only relay bytes (target < 50 ms).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seedSessions } from '../helpers/seed';
import { ROOT, tempDataDir } from '../e2e/harness';

interface Probe {
  child: ChildProcess;
  origin: string;
  cookie: string;
  ask(type: 'reset' | 'read' | 'stop'): Promise<{ maxMs?: number }>;
}

function startProbe(dataDir: string): Promise<Probe> {
  const child = fork(path.join(ROOT, 'tests', 'bench', 'loop-probe.ts'), [dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the probe exited (${code})`)));
    child.once('message', (m: { origin: string; cookie: string }) => {
      const ask = (type: 'reset' | 'read' | 'stop') =>
        new Promise<{ maxMs?: number }>((done) => {
          if (type === 'stop') {
            child.removeAllListeners('exit');
            child.once('exit', () => done({}));
          } else child.once('message', (reply: { maxMs?: number }) => done(reply));
          child.send({ type });
        });
      resolve({ child, origin: m.origin, cookie: m.cookie, ask });
    });
  });
}

/** A valid pack of about `targetBytes`: the built-in questions cloned under new ids. */
function bigPack(targetBytes: number): string {
  const builtin = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'dist', 'content', 'builtin-pack.json'), 'utf8'),
  ) as { questions: { id: string }[] };
  const questions: unknown[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const q = builtin.questions[i % builtin.questions.length]!;
    const copy = { ...q, id: `bench-${i}-${q.id}`.slice(0, 80) };
    size += JSON.stringify(copy).length;
    questions.push(copy);
  }
  return JSON.stringify({
    manifest: {
      schemaVersion: 1,
      id: 'bench-big',
      name: 'Bench pack',
      version: '1.0.0',
      description: 'Bench.',
    },
    problems: [],
    concepts: [],
    questions,
    drills: [],
  });
}

export interface MainThreadFigures {
  mainThreadMaxBlockMs: number;
  backupMs: number;
  restoreMs: number;
  packImportMs: number;
  reportMs: number;
  stalls: Record<'backup' | 'restore' | 'packImport' | 'report', number>;
  backupMb: number;
  packMb: number;
}

export async function mainThreadFigures(): Promise<MainThreadFigures> {
  const dir = tempDataDir('bench-main');
  const { firstId } = seedSessions(dir, 5000);
  const probe = await startProbe(dir);
  const headers = { Cookie: probe.cookie };
  const stalls = {} as MainThreadFigures['stalls'];
  const durations: Record<string, number> = {};
  async function measure<T>(label: keyof MainThreadFigures['stalls'], run: () => Promise<T>): Promise<T> {
    await probe.ask('reset');
    const t0 = performance.now();
    const out = await run();
    durations[label] = performance.now() - t0;
    stalls[label] = (await probe.ask('read')).maxMs ?? Number.NaN;
    return out;
  }
  const json = async (name: string, body: string) => {
    const res = await fetch(`${probe.origin}/api/${name}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body,
    });
    const envelope = (await res.json()) as { ok: boolean; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  };
  try {
    // The whole backup arrives (the response ends) before the figure is read.
    const backup = await measure('backup', async () => {
      const res = await fetch(`${probe.origin}/api/data.backup`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return Buffer.from(await res.arrayBuffer());
    });
    await measure('restore', async () => {
      const res = await fetch(`${probe.origin}/api/data.restore?name=bench.sqlite`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/octet-stream' },
        body: backup,
      });
      const envelope = (await res.json()) as { ok: boolean; error?: { message: string } };
      if (!envelope.ok) throw new Error(`restore: ${envelope.error?.message}`);
    });
    // Just under the 20,000,000-character limit packs.import accepts.
    const pack = bigPack(19_500_000);
    const body = JSON.stringify({ fileName: 'big.json', text: pack });
    await measure('packImport', () => json('packs.import', body));
    // PDFs are printed by the window itself (Chromium's printToPDF), never by the back end; the
    // report the back end does build is the Markdown one.
    await measure('report', () => json('session.exportMarkdown', JSON.stringify({ id: firstId })));
    const values = Object.values(stalls);
    return {
      mainThreadMaxBlockMs: Math.max(...values),
      backupMs: durations.backup!,
      restoreMs: durations.restore!,
      packImportMs: durations.packImport!,
      reportMs: durations.report!,
      stalls,
      backupMb: backup.length / 1024 / 1024,
      packMb: pack.length / 1024 / 1024,
    };
  } finally {
    await probe.ask('stop');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

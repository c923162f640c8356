/**
 * The AI features end to end through the web shell, against the fake OpenAI-compatible server in
 * this test process (issue 11): configure it as a custom endpoint, test the connection, run an
 * interview with the AI interviewer and watch the reply stream in, end, self-score, get the AI draft
 * with quotes beside the self-score, adopt one level, and find the provenance on the session page
 * and in the Markdown report. Then the key: a recognisable one is searched for in a fresh renderer's
 * memory (a heap snapshot), in everything the renderer received, the shell's log, the reports and a
 * backup. Screenshots light and dark; axe on the new screens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendHost } from '../../electron/core/worker/host';
import { ROOT, launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';
import { startFakeOpenAi, type ChatRequest, type FakeOpenAi } from '../helpers/fake-openai';
import { pdfText, squash } from './pdf';

const KEY = 'sk-e2e-LEAKCHECK-7f3a9c21d4e8b605';
const REPLY =
  'Good question. Assume about one hundred million new links a month, and reads far outnumber writes. What would you store for each link, and how would you look it up quickly?';
const NOTES =
  'Reads dominate writes about 100 to 1, so put a Redis cache in front of the key-value store.\n' +
  'Short codes come from a counter range per app server, base62 encoded, so no collisions.\n' +
  'Links never expire unless the owner deletes them; redirects use 302 so clicks can be counted.';

let browser: Browser;
let shell: Shell;
let fake: FakeOpenAi;

/** The draft the fake model gives: real quotes from the notes, and one it made up. */
function draft(req: ChatRequest): object | string {
  if (!req.response_format && !req.messages[0]?.content.includes('draft a score')) return REPLY;
  const dim = (level: number, evidence: string[], why: string) => ({ level, evidence, why });
  return {
    enough: true,
    requirements: dim(
      4,
      ['Reads dominate writes about 100 to 1', 'We confirmed 99.99% availability with the interviewer'],
      'Named the read-heavy shape early.',
    ),
    design: dim(3, ['put a Redis cache in front of the key-value store'], 'A cache on the hot path.'),
    depth: dim(3, ['a counter range per app server, base62 encoded'], 'Explained code generation.'),
    tradeoffs: dim(2, ['redirects use 302 so clicks can be counted'], 'One trade-off named.'),
    communication: dim(3, [], 'Clear notes.'),
  };
}

beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeOpenAi({ responder: draft, chunkDelayMs: 60 });
  shell = await startShell(tempDataDir('ai'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
  await fake?.close();
});

async function axe(page: Page, screen: string): Promise<string[]> {
  await page
    .locator('body')
    .evaluate((b) =>
      Promise.all(b.ownerDocument.getAnimations().map((a: { finished: Promise<unknown> }) => a.finished)),
    );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${screen}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const waitSaved = (page: Page) => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

/** Starts an AI interview on the URL shortener and asks one question; returns the session id. */
async function aiInterview(page: Page, shot?: string): Promise<string> {
  await page.goto(`${shell.url}/#/problem/url-shortener`);
  await page.getByTestId('ai-interviewer-switch').check();
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  const id = /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
  await page.getByTestId('ask-input').fill('How many links a month should I plan for?');
  await page.getByRole('button', { name: 'Ask' }).click();
  // Streamed: part of the reply shows before the whole of it has arrived.
  const streaming = page.getByTestId('ai-streaming');
  await expect
    .poll(async () => ((await streaming.count()) ? ((await streaming.first().textContent()) ?? '') : ''))
    .toMatch(/Good question\. Assume/);
  const partial = (await streaming.first().textContent()) ?? '';
  expect(partial).not.toContain('look it up quickly?');
  if (shot) await screenshot(page, shot);
  await page.getByTestId('ai-tag').first().waitFor();
  const reply = page.locator('.bubble.interviewer', { has: page.getByTestId('ai-tag') }).last();
  expect(await reply.textContent()).toContain('look it up quickly?');
  expect(await reply.getByTestId('ai-tag').textContent()).toBe('AI · fake-model');
  return id;
}

let sessionId = '';

describe('AI interviewer and AI-drafted score', () => {
  it('configures the fake endpoint, streams an interview, drafts a score with quotes, adopts a level', async () => {
    const { context, page } = await newPage(browser);
    const violations: string[] = [];
    const received: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/'))
        void r.text().then(
          (t) => received.push(t),
          () => undefined,
        );
    });

    // Settings → AI: custom endpoint, models listed from the endpoint, key, test connection.
    await page.goto(`${shell.url}/#/settings`);
    await page.getByTestId('ai-settings').waitFor();
    expect(await page.getByTestId('ai-key-note').textContent()).toMatch(/held in memory only/);
    await page.getByLabel('Custom (any OpenAI-compatible server)').check();
    await page.getByTestId('ai-base-url').fill(fake.baseURL);
    await page.getByTestId('ai-key').fill(KEY);
    await page.getByRole('button', { name: 'List models' }).click();
    expect(await page.getByTestId('ai-models').textContent()).toContain('fake-model, fake-model-large');
    expect(await page.getByTestId('ai-model').inputValue()).toBe('fake-model');
    // A wrong model first: the failure says exactly that.
    await page.getByTestId('ai-model').fill('no-such-model');
    await page.getByTestId('ai-test').click();
    expect(await page.getByTestId('ai-failure').textContent()).toMatch(
      /no model named “no-such-model” \(404\)/,
    );
    await page.getByTestId('ai-model').fill('fake-model');
    await page.getByTestId('ai-test').click();
    await page.getByTestId('ai-test-ok').waitFor();
    expect(await page.getByTestId('ai-test-ok').textContent()).toContain('Connected: fake-model answered');
    // The key left the page: the field is empty and the screen only knows one is set.
    expect(await page.getByTestId('ai-key').inputValue()).toBe('');
    expect(await page.getByTestId('ai-key').getAttribute('placeholder')).toMatch(/A key is set/);
    await screenshot(page, 'ai-settings-light');
    violations.push(...(await axe(page, 'settings')));

    // The interview with the AI interviewer: replies stream into the Interviewer panel.
    sessionId = await aiInterview(page, 'ai-conversation-light');
    violations.push(...(await axe(page, 'interview')));
    // At a phase change the AI interviewer probes (streamed, saved as a follow-up, marked AI).
    await page.getByTestId('next-phase').click();
    // The streamed probe takes a couple of seconds at the fake's pace: poll longer than the default.
    await expect
      .poll(() => page.locator('.bubble.follow-up', { has: page.getByTestId('ai-tag') }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByTestId('notes').fill(NOTES);
    await waitSaved(page);
    await page.keyboard.press('Alt+KeyE');
    await page.getByTestId('confirm-end').click();
    await page.getByTestId('session-review').waitFor();

    // Self-score, then the AI draft beside it.
    await page.getByTestId('score-form').waitFor();
    await page.getByRole('button', { name: 'All at once' }).click();
    for (const dim of ['requirements', 'design', 'depth', 'tradeoffs', 'communication'])
      await page.locator(`[data-dimension="${dim}"] [data-level="3"]`).click();
    await page.getByTestId('save-score').click();
    await page.getByTestId('score-result').waitFor();
    await page.getByTestId('ai-draft-run').click();
    await page.getByTestId('ai-draft-dim').first().waitFor();
    expect(await page.getByTestId('ai-draft-title').textContent()).toMatch(
      /^AI draft \(fake-model, \d+ \w+ \d{4}, \d\d:\d\d\)$/,
    );
    const quotes = await page.getByTestId('ai-quote').allTextContents();
    expect(quotes).toContain('Reads dominate writes about 100 to 1');
    expect(quotes).not.toContain('We confirmed 99.99% availability with the interviewer');
    expect(await page.getByTestId('ai-dropped').textContent()).toMatch(
      /^1 quote the model gave is not in your notes/,
    );
    // Communication had no quote: no level.
    expect(
      await page.locator('[data-testid="ai-draft-dim"][data-dimension="communication"]').textContent(),
    ).toContain('No level: no quote found');
    // Beside the self-score: both on screen, side by side.
    const selfBox = (await page.getByTestId('score-result').boundingBox())!;
    const aiBox = (await page.getByTestId('ai-draft').boundingBox())!;
    expect(aiBox.x).toBeGreaterThan(selfBox.x + selfBox.width - 1);
    await page.getByTestId('ai-draft').scrollIntoViewIfNeeded();
    await screenshot(page, 'ai-draft-light');
    violations.push(...(await axe(page, 'review with AI draft')));

    // Adopt one level: the self-score changes for that dimension only, with provenance.
    await page.getByTestId('ai-adopt-requirements').click();
    await page.getByTestId('ai-adopted-requirements').waitFor();
    const row = page.getByTestId('score-result').locator('tr', { hasText: 'Requirements' });
    await expect.poll(() => row.textContent()).toContain('4 · Strong hire');
    const provenance = page.getByTestId('ai-provenance');
    expect(await provenance.textContent()).toMatch(
      /^Requirements and scoping: level 4 adopted from the AI draft \(fake-model, .*\); your own level was 3\.$/,
    );
    expect(await page.getByTestId('ai-tokens').textContent()).toMatch(
      /^Tokens used: [\d,]+ in, [\d,]+ out, over 3 calls\.$/,
    );

    // The Markdown report says the same.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-md').click(),
    ]);
    const md = fs.readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('## AI');
    expect(md).toContain(
      'Requirements and scoping: level 4 adopted from the AI draft (fake-model); your own level was 3',
    );
    expect(md).toMatch(/AI draft \(fake-model, .* UTC, draft-v1\)/);
    expect(md).toContain('Quotes dropped as not found in your material: 1');
    expect(md).toContain('**Interviewer (AI, fake-model)**');
    expect(md).not.toContain(KEY);

    expect(violations.join('\n')).toBe('');
    // Nothing the renderer received carried the key.
    expect(received.length).toBeGreaterThan(10);
    expect(received.filter((t) => t.includes(KEY))).toEqual([]);
    await context.close();
  });

  it('dark: the same screens, and the key is nowhere but at the endpoint', async () => {
    expect(sessionId).not.toBe('');
    // A fresh renderer (new context) that never had the key typed into it.
    const { context, page } = await newPage(browser, { colorScheme: 'dark' });
    const received: string[] = [];
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
    page.on('response', (r) => {
      if (r.url().includes('/api/'))
        void r.text().then(
          (t) => received.push(t),
          () => undefined,
        );
    });
    const violations: string[] = [];
    await page.goto(`${shell.url}/#/settings`);
    await page.getByTestId('ai-settings').waitFor();
    expect(await page.getByTestId('ai-key').getAttribute('placeholder')).toMatch(/A key is set/);
    await screenshot(page, 'ai-settings-dark');
    violations.push(...(await axe(page, 'settings (dark)')));

    await aiInterview(page, 'ai-conversation-dark');
    violations.push(...(await axe(page, 'interview (dark)')));

    await page.goto(`${shell.url}/#/session/${sessionId}/review`);
    await page.getByTestId('ai-draft-dim').first().waitFor();
    await page.getByTestId('ai-draft').scrollIntoViewIfNeeded();
    await screenshot(page, 'ai-draft-dark');
    violations.push(...(await axe(page, 'review with AI draft (dark)')));
    await page.goto(`${shell.url}/#/trends`);
    await page.getByTestId('ai-calibration').waitFor();
    await page.getByTestId('ai-calibration').scrollIntoViewIfNeeded();
    await screenshot(page, 'ai-calibration-dark');
    expect(await page.getByTestId('ai-calibration').textContent()).toMatch(
      /mostly agree|levels (higher|lower)/,
    );
    violations.push(...(await axe(page, 'trends (dark)')));
    expect(violations.join('\n')).toBe('');

    // The PDF report (the print view) says where the level came from, without the key.
    await page.goto(`${shell.url}/#/session/${sessionId}/report`);
    await page.locator('[data-testid="report-page"][data-ready="true"]').waitFor();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(squash(pdfText(pdf))).toContain(squash('URL shortener'));
    expect(pdf.includes(KEY)).toBe(false);

    // Renderer memory: a heap snapshot of the page (after a garbage collection) has no key.
    const cdp = await context.newCDPSession(page);
    let heap = '';
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => {
      heap += e.chunk;
    });
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    expect(heap.length).toBeGreaterThan(100_000);
    expect(heap).toContain('Tradeoff');
    expect(heap.includes(KEY)).toBe(false);

    // Network: nothing sent or received by this renderer carries it.
    expect(sent.filter((t) => t.includes(KEY))).toEqual([]);
    expect(received.filter((t) => t.includes(KEY))).toEqual([]);
    await context.close();

    // The backup, the data folder, and the shell's log: no key.
    const res = await shell.fetch('/api/data.backup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const backup = Buffer.from(await res.arrayBuffer());
    expect(backup.subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(backup.includes(KEY)).toBe(false);
    for (const f of fs.readdirSync(shell.dataDir))
      if (fs.statSync(`${shell.dataDir}/${f}`).isFile())
        expect(fs.readFileSync(`${shell.dataDir}/${f}`).includes(KEY), f).toBe(false);
    expect(shell.output()).not.toContain(KEY);
    const md = await shell.fetch('/api/session.exportMarkdown', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: sessionId }),
    });
    expect(await md.text()).not.toContain(KEY);

    // The key did its job: every request the endpoint saw carried it, and only there.
    expect(fake.requests.length).toBeGreaterThan(5);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('desktop path: the key the shell decrypted reaches the back end, and changes go back to the shell only', async () => {
    const persisted: (string | null)[] = [];
    const logged: string[] = [];
    const host = BackendHost.start({
      dataDir: tempDataDir('ai-desktop'),
      assetsDir: path.join(ROOT, 'assets'),
      builtinPackFile: path.join(ROOT, 'dist', 'content', 'builtin-pack.json'),
      transport: 'ipc',
      appVersion: 't',
      workerFile: path.join(ROOT, 'dist', 'web', 'worker', 'backend-worker.cjs'),
      aiKey: { storage: 'encrypted', key: KEY },
      onAiKey: (key) => persisted.push(key),
      log: (line) => logged.push(line),
    });
    try {
      const value = async (name: string, input: unknown) => {
        const out = await host.dispatch(name, input);
        if (!out.ok) throw new Error(out.error.message);
        return out.value as Record<string, unknown>;
      };
      expect(await value('ai.settings', {})).toMatchObject({ hasKey: true, keyStorage: 'encrypted' });
      await value('ai.saveSettings', { preset: 'custom', baseURL: fake.baseURL, model: 'fake-model' });
      const before = fake.requests.length;
      expect(await value('ai.test', {})).toMatchObject({ ok: true });
      expect(fake.requests[before]!.headers.authorization).toBe(`Bearer ${KEY}`);
      const replaced = `${KEY}-2`;
      const saved = await value('ai.saveSettings', {
        preset: 'custom',
        baseURL: fake.baseURL,
        model: 'fake-model',
        apiKey: replaced,
      });
      expect(JSON.stringify(saved)).not.toContain(KEY);
      await expect.poll(() => persisted).toEqual([replaced]);
      await value('ai.saveSettings', {
        preset: 'custom',
        baseURL: fake.baseURL,
        model: 'fake-model',
        clearKey: true,
      });
      await expect.poll(() => persisted).toEqual([replaced, null]);
      expect(logged.join('\n')).not.toContain(KEY);
    } finally {
      await host.close();
    }
  });
});

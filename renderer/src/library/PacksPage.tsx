import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { InstalledPack } from '../../../shared/api/contract';
import { ApiCallError, call } from '../api/client';
import { ConfirmDialog } from '../components/Dialog';
import { QueryError } from '../components/ErrorPanel';
import { downloadBlob } from '../components/files';
import { count } from '../components/words';

interface Issue {
  file?: string;
  path: string;
  message: string;
}

type ImportState =
  | { state: 'idle' }
  | { state: 'busy'; fileName: string }
  | { state: 'done'; pack: InstalledPack }
  | { state: 'refused'; message: string; issues: Issue[] };

function countsText(p: InstalledPack): string {
  const c = p.counts;
  return [
    count(c.problems, 'problem'),
    count(c.concepts, 'concept'),
    count(c.questions, 'question'),
    count(c.drills, 'drill'),
  ].join(' · ');
}

export default function PacksPage() {
  const queryClient = useQueryClient();
  const packs = useQuery({ queryKey: ['packs.list'], queryFn: () => call('packs.list', {}) });
  const [imp, setImp] = useState<ImportState>({ state: 'idle' });
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<InstalledPack | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function importFile(file: File) {
    setImp({ state: 'busy', fileName: file.name });
    try {
      const text = await file.text();
      const pack = await call('packs.import', { fileName: file.name, text });
      setImp({ state: 'done', pack });
      await queryClient.invalidateQueries();
    } catch (e) {
      const issues = e instanceof ApiCallError && Array.isArray(e.details) ? (e.details as Issue[]) : [];
      setImp({ state: 'refused', message: (e as Error).message, issues });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  async function exportPack(id: string) {
    setActionError(null);
    try {
      const out = await call('packs.export', { id });
      downloadBlob(out.fileName, new Blob([out.text], { type: 'application/json' }));
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  async function removePack(p: InstalledPack) {
    setActionError(null);
    try {
      await call('packs.remove', { id: p.manifest.id });
      await queryClient.invalidateQueries();
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Content packs</h1>
          <p className="lede">
            Add your own problems, concepts, questions and drills, or share yours as a file.
          </p>
        </div>
        <div>
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            // Reached through the button below; named for anyone who meets it anyway.
            aria-label="Content pack file to import"
            tabIndex={-1}
            id="pack-file"
            data-testid="pack-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
          <button className="btn primary" onClick={() => input.current?.click()}>
            Import a pack…
          </button>
        </div>
      </div>
      {imp.state === 'busy' && <div className="notice">Checking {imp.fileName}…</div>}
      {imp.state === 'done' && (
        <div className="notice ok" role="status" data-testid="import-done">
          Imported <strong>{imp.pack.manifest.name}</strong> ({countsText(imp.pack)}). Its items are in the
          library now.
        </div>
      )}
      {imp.state === 'refused' && (
        <div className="notice bad" role="alert" data-testid="import-refused">
          <strong>{imp.message}</strong>
          {imp.issues.length > 0 && (
            <ol className="issues" data-testid="import-issues">
              {imp.issues.map((issue, i) => (
                <li key={i}>
                  <code>{issue.path}</code> — {issue.message}
                </li>
              ))}
            </ol>
          )}
          <p style={{ marginBottom: 0 }}>
            Fix these in the file and import it again — nothing from it was added. Export the built-in pack to
            see a complete, valid example.
          </p>
        </div>
      )}
      {actionError && <div className="notice bad">{actionError}</div>}
      {packs.isError && <QueryError error={packs.error} />}
      <div className="section" data-testid="pack-list">
        {packs.data?.map((p) => (
          <div className="card" key={p.manifest.id} style={{ marginBottom: 10 }} data-testid="pack-row">
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <div>
                <h2 className="h3" style={{ marginBottom: 2 }}>
                  {p.manifest.name} <span className="muted">v{p.manifest.version}</span>
                </h2>
                <p>{p.manifest.description}</p>
                <p>
                  <small>
                    {countsText(p)} ·{' '}
                    {p.builtin
                      ? 'built in'
                      : `imported ${format(new Date(p.importedAt ?? 0), 'd MMM yyyy, HH:mm')}`}
                  </small>
                </p>
              </div>
              <div className="row">
                <button className="btn" onClick={() => void exportPack(p.manifest.id)}>
                  Export
                </button>
                {!p.builtin && (
                  <button className="btn danger" onClick={() => setRemoving(p)}>
                    Remove
                  </button>
                )}
              </div>
            </div>
          </div>
        ))}
      </div>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) setRemoving(null);
        }}
        title={`Remove “${removing?.manifest.name ?? ''}”?`}
        confirmLabel="Remove pack"
        danger
        onConfirm={() => {
          if (removing) void removePack(removing);
        }}
        testId="remove-pack-dialog"
      >
        <p>Its items leave the library. You can import the file again later.</p>
      </ConfirmDialog>
    </div>
  );
}

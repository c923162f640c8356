/**
 * The lab's implementation in Monaco. The user may edit it (saved per lab through the API), run
 * their version — transpiled by Monaco's TypeScript worker, then run in a fresh sandbox Worker
 * against the lab's properties and the current experiment — and reset to the reference.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_PROPERTY_RUNS } from '../../../shared/labs/run';
import { call } from '../api/client';
import { labKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import { usePrefersDark } from '../components/usePrefersDark';
import { ClaimsSideBySide } from './Claims';
import { outcomeMessage, ProgressBar, useLabRun } from './useLabRun';
import { compileModel, monaco, type CompileProblem } from './monaco';
import type { RunOutcome } from './runner';

const SOURCES = import.meta.glob('../../../shared/labs/*/impl.ts', { query: '?raw', import: 'default' });
const SAVE_AFTER_MS = 700;

async function referenceSource(labId: string): Promise<string> {
  const load = SOURCES[`../../../shared/labs/${labId}/impl.ts`];
  if (!load) throw new Error(`The source of the ${labId} lab is missing from this build.`);
  return (await load()) as string;
}

export default function CodePanel({
  labId,
  experimentId,
  params,
  seed,
  timeLimitMs,
  notes,
}: {
  labId: string;
  experimentId: string;
  params: Record<string, unknown>;
  seed: number;
  timeLimitMs: number;
  notes: string[];
}) {
  const queryClient = useQueryClient();
  const dark = usePrefersDark();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const reference = useQuery({
    queryKey: ['lab.source', labId],
    queryFn: () => referenceSource(labId),
    staleTime: Infinity,
  });
  const saved = useQuery({
    queryKey: labKeys.edit(labId),
    queryFn: () => call('labEdit.get', { labId }),
    staleTime: Infinity,
  });
  const [edited, setEdited] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [problems, setProblems] = useState<CompileProblem[]>([]);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const runner = useLabRun();

  const save = useMutation({
    mutationFn: (code: string) => call('labEdit.save', { labId, code }),
    onMutate: () => setSaveState('saving'),
    onSuccess: (edit) => {
      setSaveState('saved');
      queryClient.setQueryData(labKeys.edit(labId), edit);
    },
    onError: () => setSaveState('error'),
  });
  const reset = useMutation({
    mutationFn: () => call('labEdit.reset', { labId }),
    onSuccess: () => {
      queryClient.setQueryData(labKeys.edit(labId), null);
      setSaveState('idle');
    },
    onError: () => setSaveState('error'),
  });

  const ready = reference.isSuccess && saved.isSuccess;
  // Create the editor once both the reference and any saved edit are known.
  useEffect(() => {
    if (!ready || !host.current || editor.current) return;
    const uri = monaco.Uri.parse(`file:///labs/${labId}/impl.ts`);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel('', 'typescript', uri);
    model.setValue(saved.data?.code ?? reference.data);
    setEdited(saved.data != null && saved.data.code !== reference.data);
    const ed = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      theme: dark ? 'vs-dark' : 'vs',
      ariaLabel: `${labId} implementation (TypeScript)`,
    });
    editor.current = ed;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent(() => {
      setEdited(model.getValue() !== reference.data);
      setSaveState('saving');
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Back to the reference text is the same as no edit: forget the saved one.
        const code = model.getValue();
        if (code === reference.data) reset.mutate();
        else save.mutate(code);
      }, SAVE_AFTER_MS);
    });
    return () => {
      clearTimeout(timer);
      sub.dispose();
      ed.dispose();
      model.dispose();
      editor.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, labId]);

  useEffect(() => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'), [dark]);

  const runMine = async () => {
    const model = editor.current?.getModel();
    if (!model) return;
    setOutcome(null);
    const compiled = await compileModel(model);
    setProblems(compiled.problems);
    monaco.editor.setModelMarkers(
      model,
      'lab-run',
      compiled.problems.map((p) => ({
        severity: monaco.MarkerSeverity.Error,
        message: p.message,
        startLineNumber: p.line,
        startColumn: p.column,
        endLineNumber: p.line,
        endColumn: p.column + 1,
      })),
    );
    if (compiled.problems.length > 0 || compiled.js === null) return;
    const result = await runner.run(
      {
        labId,
        experimentId,
        params,
        seed,
        code: compiled.js,
        properties: { numRuns: DEFAULT_PROPERTY_RUNS },
        compareWithReference: true,
      },
      { timeLimitMs },
    );
    setOutcome(result);
  };

  const resetToReference = () => {
    if (!reference.data || !editor.current) return;
    reset.mutate();
    editor.current.getModel()?.setValue(reference.data);
    setProblems([]);
    setOutcome(null);
  };

  const message = outcome ? outcomeMessage(outcome) : null;
  const properties = outcome?.kind === 'done' ? outcome.properties : null;
  return (
    <section className="lab-code" aria-labelledby="lab-code-title">
      <h2 id="lab-code-title">Read and edit the code</h2>
      <p className="muted">
        This is the implementation every number above came from. Change it and press{' '}
        <strong>Run my version</strong>: your code runs in a sandbox against the lab’s properties and the
        current experiment, and your claims appear next to the reference’s. Your edits are saved as you type.
      </p>
      {notes.length > 0 && (
        <ul className="lab-notes muted">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {reference.isError && <QueryError error={reference.error} />}
      {saved.isError && <QueryError error={saved.error} />}
      <div className="lab-code-bar">
        <button className="btn primary" disabled={!ready || runner.running} onClick={() => void runMine()}>
          Run my version
        </button>
        {runner.running && (
          <button className="btn danger" onClick={runner.stop}>
            Stop
          </button>
        )}
        <button
          className="btn"
          disabled={!ready || runner.running || (!edited && !saved.data)}
          onClick={resetToReference}
        >
          Reset to reference
        </button>
        <span className="muted" role="status" data-testid="lab-save-state">
          {saveState === 'saving'
            ? 'Saving…'
            : saveState === 'saved'
              ? 'Your edit is saved.'
              : saveState === 'error'
                ? 'Not saved: the app could not write your edit. It is still in the editor.'
                : edited
                  ? 'Your saved edit.'
                  : 'The reference implementation.'}
        </span>
        <ProgressBar progress={runner.progress} />
      </div>
      <div className="lab-editor" ref={host} data-testid="lab-editor" />
      {problems.length > 0 && (
        <div className="notice bad" role="alert" data-testid="compile-errors">
          <strong>Your code does not compile, so it did not run.</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                Line {p.line}, column {p.column}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {message && (
        <p
          className={`notice ${outcome?.kind === 'done' ? 'warn' : 'bad'}`}
          role="alert"
          data-testid="my-run-message"
        >
          {message}
        </p>
      )}
      {outcome?.kind === 'done' && outcome.experimentError && (
        <p className="notice bad" role="alert">
          The experiment failed on your version: {outcome.experimentError}
        </p>
      )}
      {properties && (
        <div className="lab-properties" data-testid="property-results">
          <h3>
            Properties ({properties.filter((p) => p.ok).length} of {properties.length} hold)
          </h3>
          <ul>
            {properties.map((p) => (
              <li key={p.id} className={p.ok ? 'ok' : 'bad'} data-property={p.id} data-ok={p.ok}>
                <strong>{p.ok ? 'Holds' : 'Fails'}:</strong> {p.title}
                {p.ok ? (
                  <span className="muted"> ({p.numRuns} random cases)</span>
                ) : (
                  <div className="counterexample">
                    {p.message && <div>{p.message}</div>}
                    {p.counterexample && (
                      <div>
                        Counterexample: <code>{p.counterexample}</code>
                      </div>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === 'done' && outcome.result && outcome.reference && (
        <ClaimsSideBySide mine={outcome.result.claims} reference={outcome.reference.claims} />
      )}
    </section>
  );
}

/**
 * One lab: what it shows, where it is used, its parameters, Run (in a sandbox Worker, with progress,
 * Stop and a time limit), the charts, the visualisation and the claims table; below, the code, which
 * the user can edit and run against the same properties and experiments.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LABS } from '../../../shared/labs/catalog';
import { LAB_REGISTRY } from '../../../shared/labs/registry';
import { DEFAULT_SEED } from '../../../shared/labs/run';
import type { ExperimentResult } from '../../../shared/labs/framework';
import { call } from '../api/client';
import { labKeys } from '../api/keys';
import { LinkChips } from '../components/Links';
import { Markdown } from '../components/Markdown';
import { count } from '../components/words';
import { Chart } from './Charts';
import { ClaimsTable } from './Claims';
import { defaultsOf, ParamControls } from './Params';
import { DEFAULT_TIME_LIMIT_MS } from './runner';
import { outcomeMessage, ProgressBar, useLabRun } from './useLabRun';
import { VISUALS, WIDE_VISUALS } from './visuals';
import './labs.css';

const CodePanel = lazy(() => import('./CodePanel'));

export default function LabPage({ id }: { id: string }) {
  const lab = LAB_REGISTRY[id];
  const info = LABS.find((l) => l.id === id);
  const links = useQuery({
    queryKey: labKeys.links(id),
    queryFn: () => call('lab.links', { labId: id }),
    enabled: !!lab,
  });
  const [experimentId, setExperimentId] = useState(lab?.experiments[0]?.id ?? '');
  const experiment = lab?.experiments.find((e) => e.id === experimentId);
  const [paramsByExperiment, setParamsByExperiment] = useState<Record<string, Record<string, unknown>>>({});
  const params = paramsByExperiment[experimentId] ?? (experiment ? defaultsOf(experiment.params) : {});
  const [seed, setSeed] = useState(DEFAULT_SEED);
  const [limitS, setLimitS] = useState(DEFAULT_TIME_LIMIT_MS / 1000);
  const [results, setResults] = useState<
    Record<string, { result: ExperimentResult; params: Record<string, unknown> }>
  >({});
  const [message, setMessage] = useState<string | null>(null);
  const runner = useLabRun();

  const runNow = async (expId = experimentId, p = params) => {
    setMessage(null);
    const outcome = await runner.run(
      { labId: id, experimentId: expId, params: p, seed },
      { timeLimitMs: limitS * 1000 },
    );
    setMessage(outcomeMessage(outcome));
    if (outcome.kind === 'done' && outcome.result) {
      const result = outcome.result;
      setResults((r) => ({ ...r, [expId]: { result, params: p } }));
    }
  };

  // The first visit shows the default run's numbers at once.
  const firstRun = useRef(false);
  useEffect(() => {
    if (!lab || firstRun.current) return;
    firstRun.current = true;
    void runNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lab]);

  if (!lab || !info || !experiment) {
    return (
      <div className="page">
        <p className="muted">
          <a href="#/labs">Labs</a>
        </p>
        <h1>{info ? info.title : 'No such lab'}</h1>
        <p>
          {info
            ? 'This lab is planned but not built yet, so there is nothing to run.'
            : 'There is no lab at this address.'}
        </p>
      </div>
    );
  }
  const shown = results[experimentId];
  const Visual = VISUALS[id];
  const concepts = links.data?.concepts ?? [];
  const problems = links.data?.problems ?? [];

  return (
    <article className="page lab-page" data-testid="lab-page">
      <p className="muted">
        <a href="#/labs">Labs</a> › {info.title}
      </p>
      <h1>{info.title}</h1>
      <div className="lab-intro">
        <Markdown>{lab.intro}</Markdown>
      </div>
      {concepts.length + problems.length > 0 && (
        <div className="lab-used-by">
          <span className="muted">Used in</span>
          <LinkChips refs={concepts} />
          {problems.length > 0 && (
            <details>
              <summary>{count(problems.length, 'problem')}</summary>
              <LinkChips refs={problems} />
            </details>
          )}
        </div>
      )}

      {lab.experiments.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Experiments">
          {lab.experiments.map((e) => (
            <button
              key={e.id}
              role="tab"
              className="tab"
              aria-selected={e.id === experimentId}
              onClick={() => {
                setExperimentId(e.id);
                setMessage(null);
                if (!results[e.id] && !runner.running)
                  void runNow(e.id, paramsByExperiment[e.id] ?? defaultsOf(e.params));
              }}
            >
              {e.title}
            </button>
          ))}
        </div>
      )}

      <section className="card lab-controls" aria-labelledby="lab-params-title">
        <h2 id="lab-params-title">{experiment.title}</h2>
        <p className="muted">{experiment.description}</p>
        <ParamControls
          schema={experiment.params}
          values={params}
          disabled={runner.running}
          onChange={(next) => setParamsByExperiment((all) => ({ ...all, [experimentId]: next }))}
        />
        <div className="lab-run-bar">
          {runner.running ? (
            <button className="btn danger" onClick={runner.stop}>
              Stop
            </button>
          ) : (
            <button className="btn primary" onClick={() => void runNow()}>
              Run
            </button>
          )}
          <button
            className="btn"
            disabled={runner.running}
            onClick={() =>
              setParamsByExperiment((all) => ({ ...all, [experimentId]: defaultsOf(experiment.params) }))
            }
          >
            Defaults
          </button>
          <label className="lab-inline-field">
            Seed
            <input
              type="number"
              value={seed}
              onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)}
            />
          </label>
          <label className="lab-inline-field">
            Time limit (s)
            <input
              type="number"
              min={1}
              max={120}
              value={limitS}
              onChange={(e) => setLimitS(Math.min(120, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
          <ProgressBar progress={runner.progress} />
        </div>
        {message && (
          <p className="notice warn" role="status">
            {message}
          </p>
        )}
      </section>

      {shown && (
        <>
          {shown.result.summary && (
            <ul className="lab-summary" data-testid="lab-summary">
              {shown.result.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <div className={`lab-results${WIDE_VISUALS.has(id) ? ' wide' : ''}`}>
            {Visual && (
              <section className="card lab-visual" aria-label="Visualisation">
                <Suspense fallback={<p className="muted">Drawing…</p>}>
                  <Visual result={shown.result} params={shown.params} running={runner.running} />
                </Suspense>
              </section>
            )}
            <div className="lab-charts">
              {shown.result.series.map((s) => (
                <Chart key={s.id} series={s} />
              ))}
            </div>
          </div>
          <section aria-labelledby="lab-claims-title">
            <h2 id="lab-claims-title">Claims, measured</h2>
            <ClaimsTable claims={shown.result.claims} />
          </section>
        </>
      )}

      <Suspense fallback={<p className="muted">Loading the code editor…</p>}>
        <CodePanel
          labId={id}
          experimentId={experimentId}
          params={params}
          seed={seed}
          timeLimitMs={limitS * 1000}
          notes={lab.notes ?? []}
        />
      </Suspense>
    </article>
  );
}

/**
 * Settings → AI: which OpenAI-compatible endpoint to use (presets or a custom base URL), the model
 * (listed from the endpoint's /models when it answers, else typed), and the key. The key goes to the
 * back end and never comes back: this screen only learns whether one is set, and says where it is
 * kept (encrypted by the OS, only obfuscated, or in memory until the app quits).
 */
import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiFailure, AiPreset, AiSettings } from '../../../shared/api/ai';
import { AI_PRESET_URLS } from '../../../shared/domain/aiPresets';
import { call, transportName } from '../api/client';
import { aiKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import './ai.css';

const PRESETS: { id: AiPreset; label: string; needsKey: boolean }[] = [
  { id: 'openai', label: 'OpenAI', needsKey: true },
  { id: 'ollama', label: 'Ollama (on this computer)', needsKey: false },
  { id: 'lmstudio', label: 'LM Studio (on this computer)', needsKey: false },
  { id: 'custom', label: 'Custom (any OpenAI-compatible server)', needsKey: false },
];

function keyStorageNote(s: AiSettings): { tone: 'muted' | 'warn'; text: string } {
  if (s.keyStorage === 'encrypted')
    return { tone: 'muted', text: 'The key is encrypted by your operating system and never shown again.' };
  if (s.keyStorage === 'plain-text')
    return {
      tone: 'warn',
      text: 'Your system offers no keyring, so the key is stored only obfuscated — anyone who can read your files could read it.',
    };
  return transportName() === 'http'
    ? {
        tone: 'warn',
        text: 'In the browser version the key is held in memory only: it is forgotten when the web shell stops, and you enter it again next time.',
      }
    : {
        tone: 'warn',
        text: 'Your system offers no safe storage for secrets, so the key is held in memory only until you quit.',
      };
}

function Failure({ failure }: { failure: AiFailure }) {
  return (
    <div className="notice bad" role="alert" data-testid="ai-failure" data-kind={failure.kind}>
      {failure.message}
    </div>
  );
}

function Form({ settings }: { settings: AiSettings }) {
  const queryClient = useQueryClient();
  const ids = { url: useId(), model: useId(), key: useId(), models: useId() };
  const [preset, setPreset] = useState<AiPreset>(settings.preset);
  const [baseURL, setBaseURL] = useState(settings.baseURL || AI_PRESET_URLS.ollama);
  const [model, setModel] = useState(settings.model);
  const [apiKey, setApiKey] = useState('');
  const [models, setModels] = useState<string[] | null>(null);
  const [modelsFailure, setModelsFailure] = useState<AiFailure | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'test' | 'models'>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<
    { ok: true; model: string; reply: string } | { ok: false; failure: AiFailure } | null
  >(null);
  const note = keyStorageNote(settings);
  const needsKey = PRESETS.find((p) => p.id === preset)?.needsKey ?? false;

  function choosePreset(p: AiPreset) {
    setPreset(p);
    if (p !== 'custom') setBaseURL(AI_PRESET_URLS[p]);
    setModels(null);
    setModelsFailure(null);
  }

  async function save(extra: { clearKey?: boolean } = {}): Promise<boolean> {
    setBusy('save');
    setError(null);
    setSaved(false);
    try {
      const next = await call('ai.saveSettings', {
        preset,
        baseURL: baseURL.trim(),
        model: model.trim(),
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        ...extra,
      });
      // The typed key is not kept in the page once the back end has it.
      setApiKey('');
      queryClient.setQueryData(aiKeys.settings(), next);
      setSaved(true);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function loadModels() {
    setBusy('models');
    setModelsFailure(null);
    try {
      // The key (if typed) must reach the back end first: the list may need it.
      if (apiKey.trim() && !(await save())) return;
      const out = await call('ai.models', { baseURL: baseURL.trim() });
      if (out.ok) {
        setModels(out.models);
        if (!model && out.models[0]) setModel(out.models[0]);
      } else setModelsFailure(out.failure);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function testConnection() {
    setTest(null);
    if (!(await save())) return;
    setBusy('test');
    try {
      setTest(await call('ai.test', {}));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="ai-settings" data-testid="ai-settings">
      <fieldset className="ai-presets">
        <legend>Provider</legend>
        {PRESETS.map((p) => (
          <label key={p.id} className="row ai-preset">
            <input
              type="radio"
              name="ai-preset"
              value={p.id}
              checked={preset === p.id}
              onChange={() => choosePreset(p.id)}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      <div className="ai-grid">
        <label htmlFor={ids.url}>Base URL</label>
        <input
          id={ids.url}
          data-testid="ai-base-url"
          value={baseURL}
          onChange={(e) => {
            setBaseURL(e.target.value);
            setPreset('custom');
          }}
          placeholder="http://localhost:11434/v1"
          spellCheck={false}
          maxLength={500}
        />
        <label htmlFor={ids.model}>Model</label>
        <div className="row ai-model-row">
          <input
            id={ids.model}
            data-testid="ai-model"
            value={model}
            list={models ? ids.models : undefined}
            onChange={(e) => setModel(e.target.value)}
            placeholder="e.g. llama3.1 or gpt-4o-mini"
            spellCheck={false}
            maxLength={200}
          />
          {models && (
            <datalist id={ids.models}>
              {models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          )}
          <button
            className="btn"
            onClick={() => void loadModels()}
            disabled={busy !== null || !baseURL.trim()}
          >
            {busy === 'models' ? 'Asking…' : 'List models'}
          </button>
        </div>
        <label htmlFor={ids.key}>API key{needsKey ? '' : ' (if the server needs one)'}</label>
        <div className="row">
          <input
            id={ids.key}
            data-testid="ai-key"
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={settings.hasKey ? 'A key is set — type a new one to replace it' : 'No key set'}
            maxLength={500}
          />
          {settings.hasKey && (
            <button className="btn" onClick={() => void save({ clearKey: true })} disabled={busy !== null}>
              Remove key
            </button>
          )}
        </div>
      </div>
      {models && (
        <p className="muted small-print" data-testid="ai-models">
          The endpoint offers {models.length === 0 ? 'no models' : models.join(', ')}.
        </p>
      )}
      {modelsFailure && <Failure failure={modelsFailure} />}
      <p className={note.tone === 'warn' ? 'notice warn' : 'muted small-print'} data-testid="ai-key-note">
        {note.text}
      </p>
      <div className="row">
        <button
          className="btn primary"
          onClick={() => void save()}
          disabled={busy !== null}
          data-testid="ai-save"
        >
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <button
          className="btn"
          onClick={() => void testConnection()}
          disabled={busy !== null || !baseURL.trim() || !model.trim()}
          data-testid="ai-test"
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        {saved && !test && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
      </div>
      {test?.ok && (
        <div className="notice ok" role="status" data-testid="ai-test-ok">
          Connected: {test.model} answered “{test.reply || '(an empty reply)'}”.
        </div>
      )}
      {test && !test.ok && <Failure failure={test.failure} />}
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}

/** The "AI" section of Settings. */
export function AiSettingsSection() {
  const settings = useQuery({ queryKey: aiKeys.settings(), queryFn: () => call('ai.settings', {}) });
  return (
    <section className="section" aria-labelledby="ai-settings-title">
      <h2 id="ai-settings-title">AI interviewer and score drafts</h2>
      <p className="muted">
        Optional. Tradeoff works fully offline; with an OpenAI-compatible endpoint — OpenAI, or a model on
        your own computer with Ollama or LM Studio — it can also play a conversational interviewer and draft a
        second-opinion score with quoted evidence. Your notes, answers and board text are sent to the endpoint
        you choose, and only when you use these features.
      </p>
      {settings.isError && <QueryError error={settings.error} />}
      {/* Mounted once the saved settings arrive, so the fields start from them. */}
      {settings.data && <Form settings={settings.data} />}
    </section>
  );
}

/** Parameter controls generated from an experiment's zod schema: ranges, defaults and labels come from it. */
import { z } from 'zod';

interface FieldSpec {
  key: string;
  label: string;
  kind: 'integer' | 'number' | 'choice';
  min?: number;
  max?: number;
  choices?: string[];
  defaultValue: unknown;
}

export function fieldsOf(schema: z.ZodType): FieldSpec[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<
      string,
      {
        type?: string;
        minimum?: number;
        maximum?: number;
        default?: unknown;
        description?: string;
        enum?: string[];
      }
    >;
  };
  return Object.entries(json.properties ?? {}).map(([key, p]) => ({
    key,
    label: p.description ?? key,
    kind: p.enum ? 'choice' : p.type === 'integer' ? 'integer' : 'number',
    min: p.minimum,
    max: p.maximum,
    choices: p.enum,
    defaultValue: p.default,
  }));
}

export function defaultsOf(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(fieldsOf(schema).map((f) => [f.key, f.defaultValue]));
}

const CHOICE_WORDS: Record<string, string> = { add: 'Add a node', remove: 'Remove a node' };

export function ParamControls({
  schema,
  values,
  onChange,
  disabled,
}: {
  schema: z.ZodType;
  values: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  disabled?: boolean;
}) {
  return (
    <div className="lab-params">
      {fieldsOf(schema).map((f) => {
        const id = `lab-param-${f.key}`;
        const value = values[f.key] ?? f.defaultValue;
        if (f.kind === 'choice') {
          return (
            <label key={f.key} className="lab-param" htmlFor={id}>
              <span>{f.label}</span>
              <select
                id={id}
                value={String(value)}
                disabled={disabled}
                onChange={(e) => onChange({ ...values, [f.key]: e.target.value })}
              >
                {f.choices!.map((c) => (
                  <option key={c} value={c}>
                    {CHOICE_WORDS[c] ?? c}
                  </option>
                ))}
              </select>
            </label>
          );
        }
        const step = f.kind === 'integer' ? 1 : 0.1;
        const set = (raw: string) => {
          const n = Number(raw);
          if (raw === '' || !Number.isFinite(n)) return;
          onChange({ ...values, [f.key]: n });
        };
        const num = Number(value);
        const outOfRange = (f.min !== undefined && num < f.min) || (f.max !== undefined && num > f.max);
        return (
          <div key={f.key} className="lab-param">
            <label htmlFor={id}>{f.label}</label>
            <div className="lab-param-inputs">
              <input
                type="range"
                aria-label={`${f.label} slider`}
                min={f.min}
                max={f.max}
                step={step}
                value={num}
                disabled={disabled}
                onChange={(e) => set(e.target.value)}
              />
              <input
                id={id}
                type="number"
                min={f.min}
                max={f.max}
                step={step}
                value={num}
                disabled={disabled}
                aria-invalid={outOfRange}
                onChange={(e) => set(e.target.value)}
              />
            </div>
            <small className={outOfRange ? 'lab-param-range bad' : 'lab-param-range muted'}>
              {f.min} – {f.max}
            </small>
          </div>
        );
      })}
    </div>
  );
}

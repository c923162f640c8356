import { formatNumber } from './Sections';

interface Derived {
  id: string;
  label: string;
  value: number;
  unit: string;
  formula: string;
  note?: string | undefined;
}

/** Derived figures with how each one is computed (problem references and estimation drills). */
export function EstimatesTable({ derived }: { derived: readonly Derived[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Figure</th>
          <th>Value</th>
          <th>How</th>
        </tr>
      </thead>
      <tbody>
        {derived.map((d) => (
          <tr key={d.id}>
            <td>
              {d.label}
              {d.note && (
                <div className="muted">
                  <small>{d.note}</small>
                </div>
              )}
            </td>
            <td>
              <strong>{formatNumber(d.value)}</strong> {d.unit}
            </td>
            <td>
              <code>{d.formula}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Labs catalogue: the labs you can run, and a short list of those planned (no links: they do not exist yet). */
import { LABS } from '../../../shared/labs/catalog';
import { LAB_REGISTRY } from '../../../shared/labs/registry';
import './labs.css';

export default function LabsIndex() {
  const built = LABS.filter((l) => Object.hasOwn(LAB_REGISTRY, l.id));
  const planned = LABS.filter((l) => !Object.hasOwn(LAB_REGISTRY, l.id));
  return (
    <div className="page labs-index" data-testid="labs-index">
      <h1>Labs</h1>
      <p className="lead">
        Runnable reference implementations of the structures interviews ask about. Each lab measures the
        numbers you will quote, lets you change the parameters and watch them move, and lets you rewrite the
        code and see the same tests judge your version.
      </p>
      <div className="grid">
        {built.map((l, i) => (
          <a key={l.id} className="card lab-card" href={`#/labs/${l.id}`}>
            <span className="lab-number">Lab {i + 1}</span>
            <h2>{l.title}</h2>
            <p>{l.summary}</p>
          </a>
        ))}
      </div>
      {planned.length > 0 && (
        <section className="labs-planned" aria-labelledby="labs-planned-title">
          <h2 id="labs-planned-title">Planned</h2>
          <p className="muted">Not built yet, so there is nothing to open.</p>
          <ul>
            {planned.map((l) => (
              <li key={l.id}>{l.title}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

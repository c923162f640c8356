/**
 * The labs' visualisations render their experiments' frames (server-side render, no browser): each
 * draws something for every experiment of its lab, and says so plainly when there is nothing yet.
 */
import { describe, expect, it } from 'vitest';
import type { ExperimentResult, LabDefinition } from '../../shared/labs/framework';
import { lab as dbQueue } from '../../shared/labs/db-queue/index';
import { lab as dedup } from '../../shared/labs/dedup-pipeline/index';
import { lab as lsm } from '../../shared/labs/lsm-btree/index';
import { lab as rateLimiters } from '../../shared/labs/rate-limiters/index';
import { runExperiment } from '../helpers/labs';

type VisualProps = { result: ExperimentResult; params: Record<string, unknown>; running: boolean };
type Component = (props: VisualProps) => unknown;

/**
 * Loaded by path at run time: the renderer's .tsx files belong to the web TypeScript project (DOM,
 * JSX), and a static import would pull them into the Node project's type check.
 */
/**
 * React and react-dom are loaded by name at run time: their types pull in the DOM library, which the
 * Node TypeScript project (where this file is checked) does not have.
 */
async function renderer(): Promise<(component: Component, props: VisualProps) => string> {
  const load = (name: string) => import(/* @vite-ignore */ name);
  const react = (await load('react')) as { createElement: (c: Component, p: VisualProps) => unknown };
  const server = (await load(['react-dom', 'server'].join('/'))) as {
    renderToString: (element: unknown) => string;
  };
  return (component, props) => server.renderToString(react.createElement(component, props));
}

async function visual(labId: string): Promise<Component> {
  const url = new URL(`../../renderer/src/labs/visuals/${labId}.tsx`, import.meta.url);
  const module = (await import(/* @vite-ignore */ url.pathname)) as {
    default: Component;
  };
  return module.default;
}

const cases: [LabDefinition<unknown>, string][] = [
  [rateLimiters as LabDefinition<unknown>, '<svg'],
  [lsm as LabDefinition<unknown>, '<svg'],
  [dedup as LabDefinition<unknown>, 'Worker'],
  [dbQueue as LabDefinition<unknown>, 'A queue per endpoint'],
];

describe('lab visualisations', () => {
  for (const [lab, marker] of cases) {
    it(`${lab.id}: draws each experiment's frames`, async () => {
      const Visual = await visual(lab.id);
      const render = await renderer();
      let drewMarker = false;
      for (const experiment of lab.experiments) {
        const overrides = experiment.id === 'rotation' ? { jobs: 1000 } : {};
        const result = runExperiment(lab, experiment.id, overrides);
        const html = render(Visual, { result, params: {}, running: false });
        expect(html.length, experiment.id).toBeGreaterThan(50);
        if (html.includes(marker)) drewMarker = true;
      }
      expect(drewMarker).toBe(true);
    });

    it(`${lab.id}: says what to do before the first run`, async () => {
      const Visual = await visual(lab.id);
      const render = await renderer();
      const html = render(Visual, { result: { series: [], claims: [] }, params: {}, running: false });
      expect(html).toMatch(/Run the experiment|no picture/);
    });
  }
});

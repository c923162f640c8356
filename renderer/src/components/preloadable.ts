/**
 * A lazily loaded screen that can be fetched ahead of time. Once its module has arrived it renders
 * directly, without suspending: React holds back content revealed after a Suspense fallback for up
 * to 300 ms (so pages do not flash), which would otherwise add that wait to opening an interview
 * whose code was already loaded by the time React first rendered.
 */
import { createElement, lazy, type ComponentType } from 'react';

type Module<P> = { default: ComponentType<P> };

export interface Preloadable<P> {
  (props: P): ReturnType<typeof createElement>;
  /** Starts loading (once) and resolves when the module can render without suspending. */
  preload(): Promise<void>;
}

export function preloadable<P extends object>(load: () => Promise<Module<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<Module<P>> | null = null;
  const start = () =>
    (loading ??= load().then((m) => {
      loaded = m.default;
      return m;
    }));
  const Lazy = lazy(start);
  const render = (props: P) => createElement((loaded ?? Lazy) as ComponentType<P>, props);
  return Object.assign(render, { preload: () => start().then(() => undefined) });
}

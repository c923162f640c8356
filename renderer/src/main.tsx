/**
 * Start-up in two steps, so the first screen's data is on its way before most of the code has even
 * loaded: this small entry asks for the app's code (React and the screens), then asks the back end
 * for the status and the first screen's data (Today's due counts, or the library's first page),
 * which the app finds in the query cache when it mounts.
 */
import './assetPath';
import { QueryClient } from '@tanstack/react-query';
import { call } from './api/client';
import { sessionKeys, srsKeys, welcomeKeys } from './api/keys';
import { libraryQuery } from './library/query';
import { openEarly } from './interview/openSession';
import { InterviewScreen, Whiteboard } from './routes';
import { useUi } from './state/ui';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Data comes from our own back end on this machine: no background refetching, one retry at most.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
  },
});

// Code is asked for before data. The browser opens at most six connections to one host, and
// requests made first take them first: five data requests made first (the back end answers only
// once it has started) held five connections while the code's files queued for the sixth.
//
// Opening straight into an interview (a reload, a resume), the screen's code and the
// whiteboard's come first of all, then the app's; React mounts once all have arrived, so the
// screen renders straight away instead of behind a loading fallback (see preloadable.ts).
const interview = /^#\/session\/([^/]+)$/.exec(window.location.hash);
const ready: Promise<unknown>[] = interview ? [InterviewScreen.preload(), Whiteboard.preload()] : [];
const root = import('./root');

void queryClient.prefetchQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
const hash = window.location.hash;
if (hash === '' || hash === '#/' || hash === '#/library') {
  // Both start pages show the resume offer and, on a first run, the welcome.
  void queryClient.prefetchQuery({
    queryKey: sessionKeys.unfinished(),
    queryFn: () => call('session.unfinished', {}),
  });
  void queryClient.prefetchQuery({ queryKey: welcomeKeys.status(), queryFn: () => call('welcome.get', {}) });
}
if (hash === '' || hash === '#/') {
  // Today, the landing page: due counts per deck and the suggested practice, in one call.
  void queryClient.prefetchQuery({ queryKey: srsKeys.today(), queryFn: () => call('srs.today', {}) });
} else if (hash === '#/library') {
  const query = libraryQuery(useUi.getState().library);
  void queryClient.prefetchQuery({ queryKey: ['library.facets'], queryFn: () => call('library.facets', {}) });
  void queryClient.prefetchQuery({
    queryKey: ['library.list', query],
    queryFn: () => call('library.list', query),
  });
}

// The interview's session, read alongside its code.
if (interview) openEarly(interview[1]!);

// A chunk that fails to load is reported by the screen's own loading (its error boundary).
void Promise.allSettled(ready).then(async () => {
  const { mount } = await root;
  mount(document.getElementById('root')!, queryClient);
});

import './assetPath';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { call } from './api/client';
import { libraryQuery } from './library/Library';
import { useUi } from './state/ui';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Data comes from our own back end on this machine: no background refetching, one retry at most.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
  },
});

// Ask for what the first screen needs at once, in parallel, instead of one call after another
// render: the status, and when the app opens on the library, its filters and first page.
void queryClient.prefetchQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
if (window.location.hash === '' || window.location.hash === '#/') {
  const query = libraryQuery(useUi.getState().library);
  void queryClient.prefetchQuery({ queryKey: ['library.facets'], queryFn: () => call('library.facets', {}) });
  void queryClient.prefetchQuery({
    queryKey: ['library.list', query],
    queryFn: () => call('library.list', query),
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

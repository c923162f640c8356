import { lazy, Suspense, useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { call, onEvent } from './api/client';
import { ErrorPanel, QueryError } from './components/ErrorPanel';
import { Icon } from './components/Icon';
import { useMediaQuery } from './components/usePrefersDark';
import { useUi } from './state/ui';
import { DatabaseProblem } from './data/DatabaseProblem';
import { SkippedNotice } from './data/SkippedNotice';
import { LibraryScreen } from './library/Library';
import { TodayPage } from './srs/TodayPage';
import { InterviewScreen } from './routes';

// Detail pages pull in the Markdown renderer; they load on first use so the library opens fast.
const ProblemPage = lazy(() => import('./library/ProblemPage'));
const ConceptPage = lazy(() => import('./library/ConceptPage'));
const QuestionPage = lazy(() => import('./library/QuestionPage'));
const DrillPage = lazy(() => import('./library/DrillPage'));
const PacksPage = lazy(() => import('./library/PacksPage'));
const Review = lazy(() => import('./review/Review'));
const ReportPage = lazy(() => import('./review/ReportPage'));
const HistoryPage = lazy(() => import('./review/HistoryPage'));
const TrendsPage = lazy(() => import('./review/TrendsPage'));
const SettingsPage = lazy(() => import('./data/SettingsPage'));
const ReviewPage = lazy(() => import('./srs/ReviewPage'));
const StatsPage = lazy(() => import('./srs/StatsPage'));
const LabsIndex = lazy(() => import('./labs/LabsIndex'));
const LabPage = lazy(() => import('./labs/LabPage'));

function NavLink({ href, label, icon }: { href: string; label: string; icon: string }) {
  const [location] = useLocation();
  const active =
    href === '/'
      ? location === '/' || location.startsWith('/review') || location === '/stats'
      : href === '/library'
        ? location === '/library' || /^\/(problem|concept|question|drill)\//.test(location)
        : href === '/history'
          ? location.startsWith('/history') || location.startsWith('/session/')
          : location.startsWith(href);
  return (
    <Link
      href={href}
      className={`nav-link${active ? ' active' : ''}`}
      aria-current={active ? 'page' : undefined}
      title={label}
    >
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
    </Link>
  );
}

/** Below this width the sidebar starts collapsed to its icons, unless the person chose otherwise. */
const NARROW = '(max-width: 1100px)';

function Frame() {
  const [location] = useLocation();
  const narrow = useMediaQuery(NARROW);
  const choice = useUi((s) => s.sidebarCollapsed);
  const setCollapsed = useUi((s) => s.setSidebarCollapsed);
  const collapsed = choice ?? narrow;
  const interview = /^\/session\/[^/]+$/.exec(location);
  const report = /^\/session\/([^/]+)\/report$/.exec(location);
  if (report) {
    // The print view: the report alone, as it prints (no sidebar).
    return (
      <ErrorBoundary FallbackComponent={ErrorPanel} resetKeys={[location]}>
        <Suspense fallback={<div className="page muted">Loading the report…</div>}>
          <ReportPage id={report[1]!} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  if (interview) {
    return (
      <ErrorBoundary FallbackComponent={ErrorPanel} resetKeys={[location]}>
        <Suspense fallback={<div className="page muted">Opening your interview…</div>}>
          <InterviewScreen id={location.split('/')[2]!} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return (
    <div className={`app${collapsed ? ' collapsed' : ''}`}>
      <nav className="sidebar" aria-label="Main" id="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <span className="brand-name">Tradeoff</span>
        </div>
        <button
          className="sidebar-toggle"
          aria-expanded={!collapsed}
          aria-controls="sidebar"
          aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
          title={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
          onClick={() => setCollapsed(!collapsed)}
        >
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
        </button>
        <NavLink href="/" label="Today" icon="today" />
        <NavLink href="/library" label="Library" icon="library" />
        <NavLink href="/history" label="History" icon="history" />
        <NavLink href="/trends" label="Trends" icon="chart" />
        <NavLink href="/labs" label="Labs" icon="lab" />
        <NavLink href="/packs" label="Content packs" icon="packs" />
        <NavLink href="/settings" label="Settings" icon="settings" />
        <div className="sidebar-foot">Practise out loud. Score yourself honestly.</div>
      </nav>
      <main className="main" id="main">
        {/* Keyed by location so an error on one page does not stick to the next. */}
        <ErrorBoundary FallbackComponent={ErrorPanel} resetKeys={[location]}>
          <Suspense fallback={<div className="page muted">Loading…</div>}>
            <Switch>
              <Route path="/" component={TodayPage} />
              <Route path="/library" component={LibraryScreen} />
              <Route path="/review">{() => <ReviewPage deck={null} />}</Route>
              <Route path="/review/:deck">
                {(p) => <ReviewPage key={p.deck} deck={decodeURIComponent(p.deck)} />}
              </Route>
              <Route path="/stats" component={StatsPage} />
              <Route path="/problem/:id">
                {(p) => <ProblemPage key={p.id} id={decodeURIComponent(p.id)} />}
              </Route>
              <Route path="/concept/:id">
                {(p) => <ConceptPage key={p.id} id={decodeURIComponent(p.id)} />}
              </Route>
              <Route path="/question/:id">
                {(p) => <QuestionPage key={p.id} id={decodeURIComponent(p.id)} />}
              </Route>
              <Route path="/drill/:id">{(p) => <DrillPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
              <Route path="/packs" component={PacksPage} />
              <Route path="/labs" component={LabsIndex} />
              <Route path="/labs/:id">{(p) => <LabPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
              <Route path="/session/:id/review">{(p) => <Review key={p.id} id={p.id} />}</Route>
              <Route path="/history" component={HistoryPage} />
              <Route path="/trends" component={TrendsPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route>
                <div className="page">
                  <h1>Page not found</h1>
                  <p>
                    There is nothing at this address. <Link href="/library">Back to the library</Link>.
                  </p>
                </div>
              </Route>
            </Switch>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

export function App() {
  const queryClient = useQueryClient();
  // Content changes made elsewhere (an import, a restore) refresh what is on screen.
  useEffect(() => onEvent('content.changed', () => void queryClient.invalidateQueries()), [queryClient]);
  const status = useQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
  if (status.isError) {
    return (
      <div className="fatal">
        <h1>Tradeoff could not start</h1>
        <QueryError error={status.error} />
      </div>
    );
  }
  if (status.data?.db.state === 'error') return <DatabaseProblem status={status.data} />;
  // The frame and the page render while the status is on its way (it arrives with the page's own
  // data): they are on screen sooner, and a damaged data file still gets its own screen.
  return (
    <ErrorBoundary FallbackComponent={ErrorPanel}>
      <Router hook={useHashLocation}>
        <Frame />
      </Router>
      {status.data && <SkippedNotice items={status.data.skipped} />}
    </ErrorBoundary>
  );
}

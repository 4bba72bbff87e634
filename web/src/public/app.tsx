import { Component, lazy, Suspense, type ReactNode } from 'react';
import { countyIdFrom, useLocation } from './router.tsx';
import { CountyPicker, Home } from './pages/Home.tsx';
import ReportPage, { loadForm, reportParams } from './pages/Report.tsx';
import type { SubmitResult } from './types.ts';
import type { PublicSignupResult } from '@xs/core/schemas/consultations.ts';
import { Layout } from './ui/Layout.tsx';
import { Notice } from './ui/Notice.tsx';

// The report page is what a QR code opens, so it ships in the first bundle; the others load on demand.
const TrackPage = lazy(() => import('./pages/Track.tsx'));
const BoardPage = lazy(() => import('./pages/Board.tsx'));
const MeetingsPage = lazy(() => import('./pages/Meetings.tsx'));
const MeetingPage = lazy(() => import('./pages/Meetings.tsx').then((m) => ({ default: m.MeetingPage })));
const OutcomesPage = lazy(() => import('./pages/Outcomes.tsx'));
const OutcomePage = lazy(() => import('./pages/Outcomes.tsx').then((m) => ({ default: m.OutcomePage })));

/** /h5/meetings/12 → ['meetings', 12]. */
function detailOf(path: string): ['meetings' | 'outcomes', number] | null {
  const m = /^\/h5\/(meetings|outcomes)\/(\d{1,10})$/.exec(path);
  return m ? [m[1] as 'meetings' | 'outcomes', Number(m[2])] : null;
}

/** On a direct landing on the report page (a QR code), ask for the form data before React renders. */
export function prefetch(): void {
  const { pathname, search } = window.location;
  if (pathname.replace(/\/+$/, '') !== '/h5/report' || (window.history.state as { done?: unknown } | null)?.done) return;
  const query = new URLSearchParams(search);
  const countyId = countyIdFrom(query);
  if (!countyId) return;
  const { venueId, memberId } = reportParams(query);
  void loadForm(countyId, venueId, memberId).catch(() => undefined);
}

function stateOf<T>(state: unknown, key: string): T | null {
  if (typeof state !== 'object' || state === null || !(key in state)) return null;
  return (state as Record<string, T>)[key] ?? null;
}

function isCreds(v: unknown): v is { code: string; secret: string } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string'
    && typeof (v as { secret?: unknown }).secret === 'string';
}

class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Layout countyId={null} title="页面没有打开">
        <Notice tone="error" title="页面没有打开">可能是网络不好。请检查网络后，<a href={window.location.href}>点这里重新打开</a>。</Notice>
      </Layout>
    );
  }
}

function Loading() {
  return <p className="xs-loading xs-center" role="status">正在打开…</p>;
}

export function App() {
  const { path, query, state } = useLocation();
  const countyId = countyIdFrom(query);
  let page: ReactNode;
  switch (path) {
    case '/h5/report': {
      if (!countyId) {
        page = <CountyPicker />;
        break;
      }
      const { venueId, memberId } = reportParams(query);
      const done = stateOf<SubmitResult & { hadPhone: boolean }>(state, 'done');
      page = <ReportPage key={`${countyId}-${venueId}-${memberId}`} countyId={countyId} venueId={venueId} memberId={memberId} done={done} />;
      break;
    }
    case '/h5/track':
      page = <TrackPage countyId={countyId} initial={isCreds(state) ? state : null} presetCode={query.get('code')} />;
      break;
    case '/h5/board':
      page = countyId ? <BoardPage countyId={countyId} /> : <CountyPicker />;
      break;
    case '/h5/meetings':
      page = countyId ? <MeetingsPage countyId={countyId} /> : <CountyPicker />;
      break;
    case '/h5/outcomes':
      page = countyId ? <OutcomesPage countyId={countyId} /> : <CountyPicker />;
      break;
    default: {
      const detail = detailOf(path);
      if (!countyId) page = <CountyPicker />;
      else if (detail?.[0] === 'meetings') {
        page = <MeetingPage key={detail[1]} countyId={countyId} id={detail[1]} done={stateOf<PublicSignupResult>(state, 'signedUp')} />;
      } else if (detail?.[0] === 'outcomes') page = <OutcomePage key={detail[1]} countyId={countyId} id={detail[1]} />;
      else page = <Home countyId={countyId} />;
    }
  }
  return (
    <LoadFailure>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </LoadFailure>
  );
}

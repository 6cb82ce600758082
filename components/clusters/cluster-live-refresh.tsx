'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/** Changes that come together (a primary goes down, then its alert opens) cost one re-render. */
const SETTLE_MS = 300;

/**
 * Keeps the cluster page's server-rendered alerts, incident banner and topology current: the
 * cluster's change stream says when one of them would show something else, and the page
 * re-renders then (router.refresh keeps client state such as an open promote panel), never
 * on a timer. Closed while the tab is hidden; on showing again the page re-renders once
 * and the stream resumes. When the stream ends because the session no longer allows it
 * (`event: closed`), the page re-renders too, which sends a signed-out reader to the sign-in
 * page. Renders nothing.
 */
export function ClusterLiveRefresh({ clusterId, renderedAt }: { clusterId: number; renderedAt: number }) {
  const router = useRouter();
  const [firstRender] = useState(renderedAt);

  useEffect(() => {
    let source: EventSource | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      clearTimeout(settle);
      settle = setTimeout(() => router.refresh(), SETTLE_MS);
    };
    const open = (since: number) => {
      source = new EventSource(`/api/clusters/${clusterId}/live?since=${Math.floor(since)}`);
      source.addEventListener('change', refreshSoon);
      source.addEventListener('closed', refreshSoon);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        source?.close();
        source = null;
      } else if (!source) {
        refreshSoon();
        open(Date.now());
      }
    };
    open(firstRender);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(settle);
      source?.close();
    };
  }, [clusterId, firstRender, router]);

  return null;
}

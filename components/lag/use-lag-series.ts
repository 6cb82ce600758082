'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { latestAt, mergePoints } from '@/lib/lag/live';
import { RANGE_SPECS, type LagPoint, type LagRange, type LagSeries } from '@/lib/lag/types';

async function fetchSeries(clusterId: number, range: LagRange): Promise<LagSeries> {
  const response = await fetch(`/api/clusters/${clusterId}/lag?range=${range}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(response.status === 401 ? 'Your session has ended. Sign in again.' : `Could not load the chart (HTTP ${response.status}).`);
  return (await response.json()) as LagSeries;
}

export interface LagSeriesState {
  readonly series: LagSeries;
  readonly points: readonly LagPoint[];
  readonly to: number;
  readonly loading: boolean;
  readonly error: string | null;
  /** live: receiving; paused: tab hidden; connecting: waiting for the stream. */
  readonly live: 'live' | 'paused' | 'connecting' | 'off';
}

/**
 * A range's series, fetched when the range changes, kept live by the cluster's event stream
 * (points appended, the window trimmed to the range). The stream is closed while the tab is
 * hidden and, when it shows again, the range is fetched afresh before the stream resumes.
 */
export function useLagSeries(clusterId: number, initial: LagSeries, range: LagRange, liveEnabled: boolean): LagSeriesState {
  const [series, setSeries] = useState(initial);
  const [points, setPoints] = useState<readonly LagPoint[]>(initial.points);
  const [to, setTo] = useState(initial.to);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [loadedKey, setLoadedKey] = useState(`${initial.range}:0`);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const pointsRef = useRef(points);
  const requestedKey = `${range}:${generation}`;
  const loading = loadedKey !== requestedKey;

  useEffect(() => {
    pointsRef.current = points;
  }, [points]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);

  useEffect(() => {
    const onVisibility = () => {
      const shown = document.visibilityState !== 'hidden';
      setVisible(shown);
      if (shown) reload();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [reload]);

  useEffect(() => {
    if (!loading) return;
    let cancelled = false;
    fetchSeries(clusterId, range)
      .then((next) => {
        if (cancelled) return;
        setSeries(next);
        setPoints(next.points);
        setTo(next.to);
        setError(null);
      })
      .catch((failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => !cancelled && setLoadedKey(requestedKey));
    return () => {
      cancelled = true;
    };
  }, [clusterId, range, loading, requestedKey]);

  const streamKey = `${clusterId}:${loadedKey}`;
  const stepMs = series.stepMs;
  useEffect(() => {
    if (!liveEnabled || !visible || loading) return;
    const after = latestAt(pointsRef.current) ?? Date.now();
    const source = new EventSource(`/api/clusters/${clusterId}/lag/stream?after=${Math.floor(after)}`);
    source.onopen = () => setOpenKey(streamKey);
    source.onerror = () => setOpenKey(null);
    source.addEventListener('samples', (event) => {
      const incoming = JSON.parse((event as MessageEvent<string>).data) as LagPoint[];
      const now = Math.max(Date.now(), latestAt(incoming) ?? 0);
      setTo(now);
      setPoints((held) => mergePoints(held, incoming, now - RANGE_SPECS[range].durationMs, stepMs));
      setOpenKey(streamKey);
    });
    const clock = setInterval(() => setTo(Date.now()), 5_000);
    return () => {
      clearInterval(clock);
      source.close();
    };
  }, [clusterId, range, liveEnabled, visible, loading, streamKey, stepMs]);

  const live = !liveEnabled ? 'off' : !visible ? 'paused' : openKey === streamKey ? 'live' : 'connecting';
  return { series, points, to, loading, error, live };
}

'use client';

import { LAG_METRICS, LAG_RANGES, RANGE_SPECS, type LagMetric, type LagRange, type LagView } from '@/lib/lag/types';

export interface LagControlsValue {
  readonly range: LagRange;
  readonly view: LagView;
  readonly log: boolean;
  readonly metrics: readonly LagMetric[];
}

function Toggle({ active, onClick, children, testId }: { active: boolean; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      data-testid={testId}
      className={`rounded px-2 py-1 text-xs ${active ? 'bg-raised text-ink ring-1 ring-accent/60' : 'text-muted hover:text-ink'}`}
    >
      {children}
    </button>
  );
}

function Group({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-1 rounded-md border border-line p-0.5">
      {children}
    </div>
  );
}

/** Range, byte/time view, linear/log axis and write/flush/replay toggles of the lag chart. */
export function LagControls({ value, onChange }: { value: LagControlsValue; onChange: (next: LagControlsValue) => void }) {
  const toggleMetric = (metric: LagMetric) => {
    const has = value.metrics.includes(metric);
    if (has && value.metrics.length === 1) return;
    onChange({ ...value, metrics: has ? value.metrics.filter((m) => m !== metric) : LAG_METRICS.filter((m) => m === metric || value.metrics.includes(m)) });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Group label="Range">
        {LAG_RANGES.map((range) => (
          <Toggle key={range} active={value.range === range} onClick={() => onChange({ ...value, range })} testId={`lag-range-${range}`}>{RANGE_SPECS[range].label}</Toggle>
        ))}
      </Group>
      <Group label="View">
        <Toggle active={value.view === 'bytes'} onClick={() => onChange({ ...value, view: 'bytes' })} testId="lag-view-bytes">Bytes behind</Toggle>
        <Toggle active={value.view === 'time'} onClick={() => onChange({ ...value, view: 'time' })} testId="lag-view-time">Time lag</Toggle>
      </Group>
      {value.view === 'bytes' ? (
        <Group label="Scale">
          <Toggle active={!value.log} onClick={() => onChange({ ...value, log: false })}>Linear</Toggle>
          <Toggle active={value.log} onClick={() => onChange({ ...value, log: true })} testId="lag-scale-log">Log</Toggle>
        </Group>
      ) : null}
      <Group label="Lag measured at">
        {LAG_METRICS.map((metric) => (
          <Toggle key={metric} active={value.metrics.includes(metric)} onClick={() => toggleMetric(metric)} testId={`lag-metric-${metric}`}>{metric}</Toggle>
        ))}
      </Group>
    </div>
  );
}

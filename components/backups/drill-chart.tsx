'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DrillPoint } from '@/lib/db/backups-read';
import { formatClock, formatLagMs } from '@/lib/lag/units';

const tick = { fill: '#8b93a3', fontSize: 11 };

/** Restore time (RTO) of each restore drill that passed, over time: whether restores are getting slower as the database grows. */
export function DrillChart({ points }: { points: readonly DrillPoint[] }) {
  if (points.length === 0) return <p className="text-sm text-muted">No restore drill has passed yet: a drill measures how long a restore takes before an incident does.</p>;
  const rows = points.map((point) => ({ ...point }));
  return (
    <figure aria-label="Restore time per restore drill" data-testid="drill-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#262c38" strokeDasharray="3 3" />
          <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tick={tick} stroke="#262c38" tickFormatter={(at: number) => formatClock(at, true)} />
          <YAxis dataKey="rtoMs" width={72} tick={tick} stroke="#262c38" domain={[0, 'auto']} tickFormatter={(ms: number) => formatLagMs(ms)} />
          <Tooltip isAnimationActive={false} labelFormatter={(at) => formatClock(Number(at), true)} formatter={(ms) => [formatLagMs(Number(ms)), 'restore time']} />
          <Line dataKey="rtoMs" stroke="#4fb38a" strokeWidth={1.5} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

import { Badge } from '@/components/ui/badge';
import type { SlotsPanelData } from '@/lib/db/lag-status-read';
import { formatBytes } from '@/lib/format/bytes';
import { formatHoursAhead } from '@/lib/lag/units';

const WAL_TONE: Record<string, 'good' | 'warn' | 'bad' | 'neutral'> = { reserved: 'good', extended: 'warn', unreserved: 'bad', lost: 'bad' };

function Forecast({ data }: { data: SlotsPanelData }) {
  if (data.slots.length === 0) return null;
  if (data.diskFreeBytes === null) return <p className="text-sm text-muted">Free disk on the primary is not known yet, so there is no disk forecast.</p>;
  const free = `${formatBytes(data.diskFreeBytes)} free on the primary`;
  if (!data.forecast) return <p className="text-sm text-muted" data-testid="disk-forecast">{free}; not enough history for a forecast yet.</p>;
  const { hoursToFull, growthBytesPerHour } = data.forecast;
  if (hoursToFull === null) return <p className="text-sm" data-testid="disk-forecast">{free}; retained WAL is not growing.</p>;
  return (
    <p className={`text-sm ${hoursToFull < 6 ? 'text-danger' : hoursToFull < 24 ? 'text-warn' : ''}`} data-testid="disk-forecast">
      WAL disk full in about {formatHoursAhead(hoursToFull)} ({free}, retained WAL growing {formatBytes(growthBytesPerHour)}/h over the last hour).
    </p>
  );
}

/** Replication slots of the primary with the WAL each keeps, and when that fills the disk. */
export function SlotsPanel({ data }: { data: SlotsPanelData }) {
  if (data.slots.length === 0) return <p className="text-sm text-muted">No slot readings in the last 15 minutes.</p>;
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" data-testid="slots-table">
        <thead className="text-left text-xs text-muted">
          <tr><th className="py-1 pr-4 font-normal">Slot</th><th className="pr-4 font-normal">Active</th><th className="pr-4 text-right font-normal">Retained WAL</th><th className="pr-4 font-normal">wal_status</th><th className="text-right font-normal">safe_wal_size</th></tr>
        </thead>
        <tbody>
          {data.slots.map((slot) => (
            <tr key={slot.slotName} className="border-t border-line">
              <td className="py-1.5 pr-4 font-mono text-xs">{slot.slotName}</td>
              <td className="pr-4"><Badge tone={slot.active ? 'good' : 'warn'}>{slot.active ? 'active' : 'inactive'}</Badge></td>
              <td className="pr-4 text-right font-mono text-xs">{slot.retainedBytes === null ? '—' : formatBytes(slot.retainedBytes)}</td>
              <td className="pr-4">{slot.walStatus ? <Badge tone={WAL_TONE[slot.walStatus] ?? 'neutral'}>{slot.walStatus}</Badge> : '—'}</td>
              <td className="text-right font-mono text-xs" title="NULL when max_slot_wal_keep_size is not set: the slot may keep WAL without bound">{slot.safeWalSize === null ? 'unbounded' : formatBytes(slot.safeWalSize)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Forecast data={data} />
    </div>
  );
}

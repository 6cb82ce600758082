import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { ClusterSummary } from '@/lib/db/clusters';
import type { MemberState } from '@/lib/clusters/member-states';

type Member = ClusterSummary['members'][number];

function stateOf(member: Member, state: MemberState | undefined): { text: string; tone: 'good' | 'warn' | 'bad' | 'neutral' } {
  if (!state) return { text: 'not checked', tone: 'neutral' };
  if (!state.reachable) return { text: `unreachable: ${state.error}`, tone: 'bad' };
  if (member.role === 'primary') return state.inRecovery ? { text: 'in recovery, expected primary', tone: 'bad' } : { text: 'primary, accepts writes', tone: 'good' };
  if (!state.inRecovery) return { text: 'not in recovery, expected standby', tone: 'bad' };
  return state.receiver === 'streaming' ? { text: 'standby, streaming', tone: 'good' } : { text: `standby, WAL receiver ${state.receiver ?? 'not running'}`, tone: 'warn' };
}

function MemberCard({ member, live }: { member: Member; live: MemberState | undefined }) {
  const state = stateOf(member, live);
  return (
    <div className="min-w-56 rounded-md border border-line bg-canvas p-3 text-sm" data-testid={`member-${member.host.name}`}>
      <div className="flex items-center justify-between gap-3">
        <Link href={`/hosts/${member.host.id}`} className="font-medium text-accent hover:underline">{member.host.name}</Link>
        <Badge tone={member.role === 'primary' ? 'good' : 'neutral'}>{member.role}</Badge>
      </div>
      <p className="mt-1 font-mono text-xs text-muted">{member.host.sshAddress}:{member.host.pgPort}</p>
      <p className="mt-2"><Badge tone={state.tone}>{state.text}</Badge>{member.fenced ? <> <Badge tone="bad">fenced</Badge></> : null}</p>
      {member.role === 'replica' ? <p className="mt-2 text-xs text-muted">application_name {member.applicationName}{member.slotName ? ` · slot ${member.slotName}` : ' · no slot'}</p> : null}
    </div>
  );
}

/** Primary → replicas, each with its role and the state PostgreSQL reports right now. */
export function Topology({ cluster, states }: { cluster: ClusterSummary; states: Map<number, MemberState> }) {
  const primary = cluster.members.filter((member) => member.role === 'primary');
  const replicas = cluster.members.filter((member) => member.role === 'replica');
  return (
    <div className="flex flex-wrap items-center gap-6" data-testid="topology">
      <div className="flex flex-col gap-3">{primary.map((member) => <MemberCard key={member.id} member={member} live={states.get(member.host.id)} />)}</div>
      <span aria-hidden className="text-2xl text-muted">→</span>
      <div className="flex flex-col gap-3">{replicas.map((member) => <MemberCard key={member.id} member={member} live={states.get(member.host.id)} />)}</div>
    </div>
  );
}

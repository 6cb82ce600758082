import { classifyReplica, type ReplayHistory, type StatusThresholds } from './classify-status';
import { findWalSender } from './parse-rows';
import type { MemberAnswer, MemberPollResult } from './poll-member';
import type { ClusterTick, MemberPoll, ReplicaSample, SlotSample } from './types';

export interface TickMember {
  readonly hostId: number;
  readonly name: string;
  readonly role: 'primary' | 'replica';
  readonly applicationName: string;
  readonly address: string;
}

export interface TickInput {
  readonly clusterId: number;
  readonly clusterName: string;
  readonly at: Date;
  readonly members: readonly TickMember[];
  readonly results: ReadonlyMap<number, MemberPollResult>;
  /** The last free-disk figure and the host it was measured on. */
  readonly disk: { readonly hostId: number | null; readonly freeBytes: number | null };
  readonly durationMs: number;
}

export interface AssembledTick {
  readonly tick: ClusterTick;
  readonly history: Map<number, ReplayHistory>;
}

function answerOf(results: ReadonlyMap<number, MemberPollResult>, hostId: number): MemberAnswer | null {
  const result = results.get(hostId);
  return result?.ok ? result.answer : null;
}

/**
 * Builds a tick from what each member answered: the walsender source is the recorded
 * primary when it answered as writable, else the first writable member (after a failover
 * Tandem did not make); every other member is a replica sample, classified with the
 * history of earlier ticks. Slots carry the free disk only when it was measured on that
 * source: after a promote the old primary's figure is not the new primary's disk. Pure:
 * returns the history for the next tick.
 */
export function assembleTick(input: TickInput, previous: ReadonlyMap<number, ReplayHistory>, thresholds: StatusThresholds): AssembledTick {
  const writable = input.members.filter((member) => answerOf(input.results, member.hostId)?.view.inRecovery === false);
  const recorded = input.members.find((member) => member.role === 'primary') ?? null;
  const source = writable.find((member) => member.hostId === recorded?.hostId) ?? writable[0] ?? null;
  const sourceAnswer = source ? answerOf(input.results, source.hostId) : null;
  const history = new Map<number, ReplayHistory>();
  const atMs = input.at.getTime();
  const replicas: ReplicaSample[] = [];
  for (const member of input.members) {
    if (member.hostId === (source ?? recorded)?.hostId) continue;
    const answer = answerOf(input.results, member.hostId);
    const sender = sourceAnswer ? findWalSender(sourceAnswer.walSenders, member) : null;
    const classified = classifyReplica(
      { atMs, primaryAnswered: sourceAnswer !== null, replicaAnswered: answer !== null, walSender: sender, view: answer?.view ?? null },
      previous.get(member.hostId) ?? null,
      thresholds,
    );
    history.set(member.hostId, classified.history);
    replicas.push({
      clusterId: input.clusterId, hostId: member.hostId, at: input.at, status: classified.status,
      state: sender?.state ?? null, syncState: sender?.syncState ?? null,
      sentBytes: sender?.sentBytes ?? null, writeBytes: sender?.writeBytes ?? null, flushBytes: sender?.flushBytes ?? null, replayBytes: sender?.replayBytes ?? null,
      writeLagMs: sender?.writeLagMs ?? null, flushLagMs: sender?.flushLagMs ?? null, replayLagMs: sender?.replayLagMs ?? null, replyAgeMs: sender?.replyAgeMs ?? null,
      receiveLsn: answer?.view.receiveLsn ?? null, replayLsn: answer?.view.replayLsn ?? null, replayPaused: answer?.view.replayPaused ?? null,
      lastReplayAt: answer?.view.lastReplayAt ?? null, receiverStatus: answer?.view.receiverStatus ?? null, heartbeatLagMs: answer?.heartbeatAgeMs ?? null,
    });
  }
  const diskFreeBytes = source && input.disk.hostId === source.hostId ? input.disk.freeBytes : null;
  const slots: SlotSample[] = (sourceAnswer?.slots ?? []).map((slot) => ({
    clusterId: input.clusterId, at: input.at, slotName: slot.slotName, active: slot.active, retainedBytes: slot.retainedBytes,
    walStatus: slot.walStatus, safeWalSize: slot.safeWalSize, diskFreeBytes,
  }));
  const members: MemberPoll[] = input.members.map((member) => {
    const result = input.results.get(member.hostId);
    return {
      hostId: member.hostId, hostName: member.name, reachable: result?.ok === true, error: result && !result.ok ? result.error : result ? null : 'not polled',
      inRecovery: result?.ok ? result.answer.view.inRecovery : null, archiver: result?.ok ? result.answer.archiver : null, durationMs: result?.durationMs ?? 0,
    };
  });
  return {
    tick: {
      clusterId: input.clusterId, clusterName: input.clusterName, at: input.at,
      recordedPrimaryHostId: recorded?.hostId ?? null, writableHostIds: writable.map((member) => member.hostId), sourceHostId: source?.hostId ?? null,
      primaryLsn: sourceAnswer?.view.currentLsn ?? null, members, replicas, slots, durationMs: input.durationMs,
    },
    history,
  };
}

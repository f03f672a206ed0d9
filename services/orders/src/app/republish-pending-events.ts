import type { Log } from '../ports/log';
import type { PendingCursor, PendingEntry } from '../ports/order-repository';
import type { OrdersDeps } from './deps';
import { EventRelay } from './event-relay';

export interface RepublishResult {
  /** Orders found with events pending past the grace period. */
  orders: number;
  published: number;
  failed: number;
  /**
   * Age in seconds of the oldest event the sweep left unpublished (its publish failed, or the time ran out before it
   * was reached); absent when it left nothing it found. The OldestPendingEventAge metric and its alarm (ADR 0017).
   */
  oldestPendingSeconds?: number;
  /** Present (true) when the time budget ran out before every shard was paged through. */
  incomplete?: true;
}

export interface RepublishOptions {
  /** Events younger than this are left to the request that wrote them (it may still be publishing). */
  graceMs?: number;
  /** Index entries read per query. */
  pageSize?: number;
  /** Time left in the invocation (Lambda's getRemainingTimeInMillis); unlimited when absent. */
  timeLeftMs?: () => number;
  /** Stop starting new work when less than this is left: one order's publish and the metrics flush must fit. */
  reserveMs?: number;
  /** The shard to start from; default rotates every minute, so a sweep that runs out of time never starves the last shards. */
  startShard?: number;
}

/**
 * The sweeper: pages through every shard of the pending-events index (oldest first within a shard) for orders whose
 * outbox still holds events written more than `graceMs` ago (the request that wrote them crashed or could not reach
 * SQS), and publishes them again with their original eventIds, until every shard is done or the time budget runs out.
 */
export const republishPendingEvents =
  (deps: OrdersDeps) =>
  async ({ graceMs = 60_000, pageSize = 100, timeLeftMs = () => Infinity, reserveMs = 5_000, startShard }: RepublishOptions, log: Log): Promise<RepublishResult> => {
    const { repository, clock } = deps;
    const relay = new EventRelay(repository, deps.publisher);
    const now = clock.now().getTime();
    const olderThan = new Date(now - graceMs);
    const shards = repository.outboxShards;
    const first = startShard ?? Math.floor(now / 60_000) % shards;
    const result: RepublishResult = { orders: 0, published: 0, failed: 0 };
    let oldestLeft: string | undefined;
    const leftPending = (entry: PendingEntry) => {
      if (oldestLeft === undefined || entry.since < oldestLeft) oldestLeft = entry.since;
    };
    const outOfTime = () => timeLeftMs() < reserveMs;

    const republish = async (entry: PendingEntry): Promise<void> => {
      const stored = await repository.get(entry.orderId);
      if (!stored || stored.pendingEvents.length === 0) return;
      try {
        await relay.relay(entry.orderId, stored.pendingEvents);
        result.published += stored.pendingEvents.length;
        log.warn('republished pending events', {
          orderId: entry.orderId,
          eventIds: stored.pendingEvents.map((event) => event.eventId),
          correlationIds: stored.pendingEvents.map((event) => event.correlationId),
        });
      } catch (error) {
        result.failed += stored.pendingEvents.length;
        leftPending(entry);
        log.error('republish failed; will retry on the next sweep', { orderId: entry.orderId, reason: (error as Error).message });
      }
    };

    let stoppedAt: { visited: number; cursor?: PendingCursor } | undefined;
    sweep: for (let visited = 0; visited < shards; visited += 1) {
      const shard = (first + visited) % shards;
      let cursor: PendingCursor | undefined;
      do {
        if (outOfTime()) {
          stoppedAt = { visited, ...(cursor ? { cursor } : {}) };
          break sweep;
        }
        const page = await repository.pendingEventsPage({ shard, olderThan, limit: pageSize, ...(cursor ? { cursor } : {}) });
        result.orders += page.entries.length;
        for (const [index, entry] of page.entries.entries()) {
          if (outOfTime()) {
            page.entries.slice(index).forEach(leftPending);
            stoppedAt = { visited: visited + 1 };
            break sweep;
          }
          await republish(entry);
        }
        cursor = page.cursor;
      } while (cursor);
    }
    if (stoppedAt) {
      result.incomplete = true;
      // What was not reached: the head of each remaining shard is its oldest entry (one small query each).
      for (let visited = stoppedAt.visited; visited < shards; visited += 1) {
        const cursor = visited === stoppedAt.visited ? stoppedAt.cursor : undefined;
        const head = await repository.pendingEventsPage({ shard: (first + visited) % shards, olderThan, limit: 1, ...(cursor ? { cursor } : {}) }).catch(() => undefined);
        head?.entries.forEach(leftPending);
      }
    }
    if (result.incomplete) log.warn('outbox sweep ran out of time: the next sweep continues', { ...result });
    if (oldestLeft !== undefined) result.oldestPendingSeconds = Math.max(0, Math.round((now - Date.parse(oldestLeft)) / 1000));
    return result;
  };

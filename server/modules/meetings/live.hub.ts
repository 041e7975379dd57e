import type { ServerResponse } from 'node:http';
import type { DB } from '../../db/database.ts';
import type { Actor } from '../../shared/context.ts';
import { canSeeMeeting, type MeetingAccessFacts } from './meeting.ts';
import { type EventRow, eventsAfter, lastEventSeq } from './meetings.repository.ts';

/**
 * Live events of meetings, pushed to every connected screen by Server-Sent Events.
 *
 * - Every change writes its event to `meeting_events` in the change's own transaction, numbered
 *   per meeting under the meeting's row lock (so events commit in order, without gaps).
 * - After commit the service calls `notify(meetingId)`. The meeting's channel then reads the new
 *   events from the table once, serialises each one once, keeps it in a ring buffer, and writes
 *   the same string to every client: the cost per client is one `write`.
 * - A client that reconnects with `Last-Event-ID` gets what it missed from the ring buffer, or
 *   from the table when the buffer no longer reaches back that far: nothing is lost.
 * - Work on one channel (catching up, attaching a client) runs one step at a time, so a client
 *   attached while events arrive neither misses nor repeats one.
 * - One heartbeat timer for all clients (no per-client timers); a slow client whose unsent
 *   output passes a limit is cut off and resumes by reconnecting.
 * - Access is checked at connect; connections of a suspended person, of ended sessions, or of
 *   people who lose sight of the meeting are closed at once.
 */

export interface LiveNotifier {
  /** New events were committed for this meeting: push them. */
  notify(meetingId: string): void;
  /** Who is invited or the meeting's openness changed: close connections that lost access. */
  recheck(meetingId: string): void;
}

interface Client {
  res: ServerResponse;
  actor: Actor;
  channel: Channel;
  dropped: boolean;
}

interface Channel {
  id: string;
  clients: Set<Client>;
  ring: Array<{ seq: number; frame: string }>;
  lastSeq: number;
  ready: boolean;
  chain: Promise<void>;
}

export interface HubOptions {
  ringSize?: number;
  heartbeatMs?: number;
  /** Unsent bytes after which a slow client is cut off. */
  maxBuffered?: number;
  /** The access facts of a meeting now (null: it is gone). */
  loadAccess(meetingId: string): Promise<MeetingAccessFacts | null>;
  onError?(err: unknown): void;
}

export function formatFrame(e: Pick<EventRow, 'seq' | 'type' | 'data' | 'at'>): string {
  const data = JSON.stringify({ seq: e.seq, type: e.type, at: e.at instanceof Date ? e.at.toISOString() : e.at, ...e.data });
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${data}\n\n`;
}

export class MeetingHub implements LiveNotifier {
  private readonly channels = new Map<string, Channel>();
  /** Clients being attached (not yet in their channel): a suspension reaches them too. */
  private readonly pending = new Set<Client>();
  private readonly timer: NodeJS.Timeout;
  private readonly ringSize: number;
  private readonly maxBuffered: number;
  private closed = false;

  constructor(
    private readonly db: DB,
    private readonly opts: HubOptions,
  ) {
    this.ringSize = opts.ringSize ?? 512;
    this.maxBuffered = opts.maxBuffered ?? 4 * 1024 * 1024;
    this.timer = setInterval(() => this.heartbeat(), opts.heartbeatMs ?? 25_000);
    this.timer.unref();
  }

  /** How many clients are connected (all meetings). */
  get clientCount(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.clients.size;
    return n;
  }

  private channel(meetingId: string): Channel {
    let c = this.channels.get(meetingId);
    if (!c) {
      c = { id: meetingId, clients: new Set(), ring: [], lastSeq: 0, ready: false, chain: Promise.resolve() };
      this.channels.set(meetingId, c);
    }
    return c;
  }

  /** Runs `step` after every earlier step of this channel. */
  private enqueue(c: Channel, step: () => Promise<void>): Promise<void> {
    const run = c.chain.then(step);
    c.chain = run.catch((err) => this.opts.onError?.(err));
    return run;
  }

  /** Reads the events committed since the channel's last one and sends them to every client. */
  private async catchUp(c: Channel): Promise<void> {
    if (!c.ready) {
      c.lastSeq = await lastEventSeq(this.db, c.id);
      c.ready = true;
      return;
    }
    for (;;) {
      const events = await eventsAfter(this.db, c.id, c.lastSeq, 1000);
      if (events.length === 0) return;
      for (const e of events) {
        const frame = formatFrame(e);
        c.ring.push({ seq: e.seq, frame });
        c.lastSeq = e.seq;
        for (const client of c.clients) this.write(client, frame);
      }
      if (c.ring.length > this.ringSize) c.ring.splice(0, c.ring.length - this.ringSize);
      if (events.length < 1000) return;
    }
  }

  notify(meetingId: string): void {
    if (this.closed) return;
    const c = this.channels.get(meetingId);
    // Nobody listens: the events wait in the table for whoever connects.
    if (!c) return;
    void this.enqueue(c, () => this.catchUp(c));
  }

  recheck(meetingId: string): void {
    const c = this.channels.get(meetingId);
    if (!c || c.clients.size === 0) return;
    void this.enqueue(c, async () => {
      const facts = await this.opts.loadAccess(meetingId);
      for (const client of [...c.clients]) {
        if (!facts || !canSeeMeeting(client.actor, facts)) this.drop(client);
      }
    });
  }

  /**
   * Starts streaming to `res` (already authorised). Sends what the client missed after
   * `lastEventId`, then every new event.
   */
  attach(meetingId: string, res: ServerResponse, actor: Actor, lastEventId: number | null): Promise<void> {
    const c = this.channel(meetingId);
    const client: Client = { res, actor, channel: c, dropped: false };
    res.on('close', () => this.detach(client));
    this.pending.add(client);
    return this.enqueue(c, async () => {
      try {
        await this.attachNow(c, client, lastEventId);
      } finally {
        this.pending.delete(client);
      }
    });
  }

  private async attachNow(c: Channel, client: Client, lastEventId: number | null): Promise<void> {
    const res = client.res;
      await this.catchUp(c);
      if (client.dropped || res.destroyed || res.writableEnded) return;
      if (this.closed) {
        res.end();
        return;
      }
      // Tell the client where the stream stands, then what it missed.
      res.write(`retry: 2000\n: connected at ${c.lastSeq}\n\n`);
      if (lastEventId !== null && lastEventId < c.lastSeq) {
        const first = c.ring[0]?.seq;
        if (first !== undefined && first <= lastEventId + 1) {
          for (const r of c.ring) if (r.seq > lastEventId) res.write(r.frame);
        } else {
          let after = lastEventId;
          while (after < c.lastSeq) {
            const missed = await eventsAfter(this.db, c.id, after, 1000);
            const upTo = missed.filter((e) => e.seq <= c.lastSeq);
            if (upTo.length === 0) break;
            for (const e of upTo) res.write(formatFrame(e));
            after = upTo[upTo.length - 1]!.seq;
          }
        }
      }
      if (client.dropped || res.destroyed) return;
      c.clients.add(client);
  }

  /** The stored events after `afterSeq`, as one SSE text (at most 10,000): the polling form of the stream. */
  async replay(meetingId: string, afterSeq: number): Promise<string> {
    const events = await eventsAfter(this.db, meetingId, afterSeq, 10_000);
    return `retry: 2000\n\n${events.map(formatFrame).join('')}`;
  }

  private detach(client: Client): void {
    const c = client.channel;
    c.clients.delete(client);
    if (c.clients.size === 0) {
      // Keep nothing for a meeting nobody watches; a reconnect resumes from the table.
      void c.chain.then(() => {
        if (c.clients.size === 0 && this.channels.get(c.id) === c) this.channels.delete(c.id);
      });
    }
  }

  private write(client: Client, frame: string): void {
    const res = client.res;
    if (res.destroyed || res.writableEnded) return;
    if (res.writableLength > this.maxBuffered) {
      this.drop(client);
      return;
    }
    res.write(frame);
  }

  private drop(client: Client): void {
    client.dropped = true;
    client.channel.clients.delete(client);
    if (!client.res.writableEnded) client.res.end();
    client.res.destroy();
  }

  private heartbeat(): void {
    for (const c of this.channels.values()) for (const client of c.clients) this.write(client, ': heartbeat\n\n');
  }

  /** Closes every connection of this person (suspended). */
  closeUser(userId: string): number {
    return this.closeWhere((a) => a.userId === userId);
  }

  /** Closes the connections made with these sessions (signed out, revoked). */
  closeSessions(userId: string, sessionIds: string[] | 'all'): number {
    return this.closeWhere((a) => a.userId === userId && (sessionIds === 'all' || (!!a.sessionId && sessionIds.includes(a.sessionId))));
  }

  private closeWhere(match: (a: Actor) => boolean): number {
    let n = 0;
    for (const client of [...this.pending]) {
      if (match(client.actor)) {
        this.drop(client);
        n++;
      }
    }
    for (const c of this.channels.values()) {
      for (const client of [...c.clients]) {
        if (match(client.actor)) {
          this.drop(client);
          n++;
        }
      }
    }
    return n;
  }

  /** Ends every stream (server shutting down). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const client of [...this.pending]) this.drop(client);
    for (const c of this.channels.values()) for (const client of [...c.clients]) this.drop(client);
    this.channels.clear();
  }
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type LiveState, liveQuery, meetingsKey } from '../api/meetings.ts';

export type LinkState = 'connecting' | 'open' | 'reconnecting';

/**
 * The server's clock minus this screen's, from the last answer or event that carried the server's
 * time: countdowns run on the server's clock, so a screen whose clock is off still shows the right time left.
 */
let serverOffsetMs = 0;
export function noteServerTime(iso: string | undefined | null): void {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isFinite(t)) serverOffsetMs = t - Date.now();
}

/**
 * Follows a meeting's live events (Server-Sent Events). A `live` event carries the whole state of the
 * room and replaces the cached one; other events refresh what they concern. EventSource reconnects by
 * itself and sends Last-Event-ID, so nothing is missed across a drop.
 */
export function useMeetingEvents(meetingId: string): LinkState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LinkState>('connecting');
  useEffect(() => {
    const source = new EventSource(`/api/meetings/${meetingId}/events`);
    source.onopen = () => setState('open');
    source.onerror = () => setState('reconnecting');
    const onLive = (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as { live?: LiveState; seq: number; at?: string };
      noteServerTime(data.at);
      if (data.live) queryClient.setQueryData(liveQuery(meetingId).queryKey, { ...data.live, eventSeq: data.seq });
    };
    const refresh = () => void queryClient.invalidateQueries({ queryKey: [...meetingsKey, meetingId] });
    source.addEventListener('live', onLive as EventListener);
    for (const type of ['agenda', 'meeting', 'record', 'statement']) source.addEventListener(type, refresh);
    return () => source.close();
  }, [meetingId, queryClient]);
  return state;
}

/** Seconds left until `endsAt` (negative when over time), ticking once a second. */
export function useCountdown(endsAt: string | null | undefined): number | null {
  const [now, setNow] = useState(() => Date.now() + serverOffsetMs);
  useEffect(() => {
    if (!endsAt) return;
    setNow(Date.now() + serverOffsetMs);
    const timer = setInterval(() => setNow(Date.now() + serverOffsetMs), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (!endsAt) return null;
  return Math.ceil((new Date(endsAt).getTime() - now) / 1000);
}

import { EventEmitter } from 'node:events';

/**
 * In-process events of the identity module, emitted after commit. Live channels (SSE) subscribe
 * to `onUserSuspended` to close a suspended person's open connections at once.
 */
export interface UserSuspendedEvent {
  userId: string;
  at: Date;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

/** Subscribes; returns the function that unsubscribes. */
export function onUserSuspended(listener: (e: UserSuspendedEvent) => void): () => void {
  emitter.on('user-suspended', listener);
  return () => emitter.off('user-suspended', listener);
}

/** Sessions ended (sign-out, revocation, password reset): same contract, for live channels bound to a session. */
export function onSessionsEnded(listener: (e: { userId: string; sessionIds: string[] | 'all' }) => void): () => void {
  emitter.on('sessions-ended', listener);
  return () => emitter.off('sessions-ended', listener);
}

export function emitUserSuspended(e: UserSuspendedEvent): void {
  emitter.emit('user-suspended', e);
}

export function emitSessionsEnded(e: { userId: string; sessionIds: string[] | 'all' }): void {
  emitter.emit('sessions-ended', e);
}

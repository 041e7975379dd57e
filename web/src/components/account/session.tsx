import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { apiCall, type Me, meQuery, sessionKey } from '../../api/account.ts';
import { Loading, Notice, ProblemMessage } from '../status.tsx';

/**
 * The signed-in person, from GET /api/me: `me` is the person, `null` when nobody is signed in, and
 * `undefined` while the first answer is on its way.
 */
export function useMe(): { me: Me | null | undefined; isPending: boolean; error: unknown } {
  const q = useQuery(meQuery);
  return { me: q.data, isPending: q.isPending, error: q.error };
}

/** What follows from signing in or out: the new person, and every session-dependent answer dropped. */
export function useSessionChange() {
  const queryClient = useQueryClient();
  // The person is replaced in place (pages watching it re-render); everything else about the session is dropped.
  const dropSessionData = useCallback(
    () => queryClient.removeQueries({ queryKey: sessionKey, predicate: (q) => q.queryKey[1] !== meQuery.queryKey[1] }),
    [queryClient],
  );
  const signedIn = useCallback(
    async (me: Me) => {
      queryClient.setQueryData(meQuery.queryKey, me);
      dropSessionData();
      // Public pages show more to members (contacts, admin links): ask again as the new person.
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    },
    [queryClient, dropSessionData],
  );
  const signedOut = useCallback(async () => {
    queryClient.setQueryData(meQuery.queryKey, null);
    dropSessionData();
    await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  }, [queryClient, dropSessionData]);
  return { signedIn, signedOut };
}

/** Signs out on the server (the session ends there), then forgets everything about the person. */
export function useSignOut() {
  const { signedOut } = useSessionChange();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await apiCall<null>('POST', '/auth/logout');
    } finally {
      // Leave the page first: a page for signed-in people would otherwise send the visitor to sign in.
      await navigate({ to: '/sign-in', search: { signedOut: true } });
      await signedOut();
    }
  }, [signedOut, navigate]);
}

/** The path and query of the page being shown, to come back to after signing in. */
export function useCurrentHref(): string {
  return useRouterState({ select: (s) => s.location.href });
}

/**
 * Shows its children only to a signed-in person (and, with `allow`, only to those it allows).
 * A visitor is sent to the sign-in page and brought back afterwards. A person whose role must use
 * two-factor and who has not set it up yet is asked to do that first (the API refuses the rest).
 */
export function RequireSignedIn(props: { children: ReactNode | ((me: Me) => ReactNode); allow?: (me: Me) => boolean; duringMfaEnrolment?: boolean }) {
  const { me, isPending, error } = useMe();
  const navigate = useNavigate();
  const href = useCurrentHref();
  // The page asked for, as first shown: the redirect happens once, not again while the router moves on.
  const asked = useRef(href);
  const redirected = useRef(false);
  useEffect(() => {
    if (me === null && !redirected.current) {
      redirected.current = true;
      void navigate({ to: '/sign-in', search: { next: asked.current }, replace: true });
    }
  }, [me, navigate]);

  if (isPending) return <Loading />;
  if (error) return <ProblemMessage error={error} headingLevel={1} />;
  if (!me) return <Loading />;
  if (me.powers.mustEnrolMfa && !props.duringMfaEnrolment) {
    return (
      <Notice tone="info" headingLevel={1} title={<FormattedMessage id="account.mfaFirst.title" />}>
        <p>
          <FormattedMessage id="account.mfaFirst.body" />
        </p>
        <p>
          <Link to="/account" hash="two-factor" className="button">
            <FormattedMessage id="account.mfaFirst.action" />
          </Link>
        </p>
      </Notice>
    );
  }
  if (props.allow && !props.allow(me)) {
    return (
      <Notice tone="info" headingLevel={1} title={<FormattedMessage id="account.forbidden.title" />}>
        <p>
          <FormattedMessage id="account.forbidden.body" />
        </p>
      </Notice>
    );
  }
  return <>{typeof props.children === 'function' ? props.children(me) : props.children}</>;
}

/** Who sees which of the account pages (the API checks every call again). */
export const canSeeDelegation = (me: Me) => me.powers.canManagePeople && !me.powers.isSecretariat;
export const canSeePeople = (me: Me) => me.powers.isAdmin;
export const canSeeOutbox = (me: Me) => me.powers.isAdmin;

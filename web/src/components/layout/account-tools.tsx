import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Me, meQuery, unreadCountQuery } from '../../api/account.ts';
import { isApiError } from '../../api/client.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { BellIcon, ChevronIcon, UserIcon } from '../account/icons.tsx';
import { canSeeDelegation, canSeeOutbox, canSeePeople, useMe, useSignOut } from '../account/session.tsx';
import '../account/account.css';

/** Pages a visitor reaches from a link or a form of their own; coming back to them after sign-in makes no sense. */
const noReturn = ['/sign-in', '/accept-invitation', '/reset-password', '/forgot-password'];

/** The inbox link; the unread count is in its accessible name ("Inbox, 3 unread"), polled every minute and on focus. */
function InboxLink() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const unread = useQuery(unreadCountQuery);
  const count = unread.data?.unread ?? 0;
  useEffect(() => {
    // The session ended elsewhere (signed out, suspended, timed out): ask who is signed in again.
    if (isApiError(unread.error) && unread.error.status === 401) void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
  }, [unread.error, queryClient]);
  return (
    <Link to="/inbox" className="header-link">
      <BellIcon />
      {/* Seen: "Inbox" and a badge. Heard: "Inbox, 3 unread" (which still starts with what is seen). */}
      <span className="header-link__text" aria-hidden="true">
        <FormattedMessage id="inbox.link.text" />
      </span>
      {count > 0 ? (
        <span className="header-badge" aria-hidden="true">
          {intl.formatNumber(count)}
        </span>
      ) : null}
      <span className="sr-only">
        <FormattedMessage id="inbox.link.label" values={{ count }} />
      </span>
    </Link>
  );
}

/**
 * The signed-in person's menu: a disclosure button (name and party) opening a list of links. Escape or
 * a click elsewhere closes it and gives focus back to the button; it closes on every navigation.
 */
function AccountMenu({ me }: { me: Me }) {
  const intl = useIntl();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const party = pickLocalized(me.party.names, intl.locale);

  // biome-ignore lint/correctness/useExhaustiveDependencies: closes whenever the page changes
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <UserIcon />
        <span className="account-menu__who">
          <span className="account-menu__name" dir="auto">
            {me.user.name}
          </span>
          {party ? (
            <span className="account-menu__party" lang={party.lang && party.lang !== intl.locale ? party.lang : undefined} dir="auto">
              {party.text}
            </span>
          ) : null}
        </span>
        <span className="sr-only">
          <FormattedMessage id="account.menu.label" />
        </span>
        <ChevronIcon className="icon account-menu__chevron" />
      </button>
      <div id={panelId} className="account-menu__panel" hidden={!open}>
        <ul className="account-menu__list">
          <li>
            <Link to="/account" className="account-menu__item">
              <FormattedMessage id="account.menu.account" />
            </Link>
          </li>
          <li>
            <Link to="/inbox" className="account-menu__item">
              <FormattedMessage id="account.menu.inbox" />
            </Link>
          </li>
          {canSeeDelegation(me) ? (
            <li>
              <Link to="/delegation" className="account-menu__item">
                <FormattedMessage id="account.menu.delegation" />
              </Link>
            </li>
          ) : null}
          {canSeePeople(me) ? (
            <li>
              <Link to="/people" className="account-menu__item">
                <FormattedMessage id="account.menu.people" />
              </Link>
            </li>
          ) : null}
          {canSeeOutbox(me) ? (
            <li>
              <Link to="/outbox" className="account-menu__item">
                <FormattedMessage id="account.menu.outbox" />
              </Link>
            </li>
          ) : null}
          <li className="account-menu__separator">
            <button type="button" className="account-menu__item" onClick={() => void signOut()}>
              <FormattedMessage id="account.menu.signOut" />
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** The header's end: "Sign in" for a visitor; the inbox and the account menu for a signed-in person. */
export function AccountTools() {
  const { me, isPending } = useMe();
  const location = useRouterState({ select: (s) => s.location });
  if (isPending) return null;
  if (!me) {
    const next = noReturn.includes(location.pathname) ? undefined : location.href;
    return (
      <Link to="/sign-in" search={{ next: next === '/' ? undefined : next }} className="button button--secondary header-sign-in">
        <UserIcon />
        <FormattedMessage id="auth.signIn.link" />
      </Link>
    );
  }
  return (
    <>
      {me.powers.mustEnrolMfa ? null : <InboxLink />}
      <AccountMenu me={me} />
    </>
  );
}

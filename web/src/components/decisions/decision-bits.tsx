import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type DecisionState, type Expiry, type PositionKind, timeLeft } from '../../api/decisions.ts';
import { intlDataLocale, regionName } from '../../i18n/display-names.ts';
import './decisions.css';

const stateMarks: Record<DecisionState, string> = {
  draft: '✎',
  circulated: '◷',
  'silence-broken': '!',
  'in-session': '◷',
  adopted: '✓',
  'not-adopted': '✕',
  withdrawn: '–',
};

/** The state in words with a mark; colour only repeats what the text says. */
export function DecisionStateBadge({ state }: { state: DecisionState }) {
  return (
    <span className={`dec-state dec-state--${state}`}>
      <span aria-hidden="true" className="dec-state__mark">
        {stateMarks[state]}
      </span>
      <FormattedMessage id={`decisions.state.${state}`} />
    </span>
  );
}

export function PositionLabel({ kind }: { kind: PositionKind }) {
  return <FormattedMessage id={`decisions.position.${kind}`} />;
}

/** A state's name from its code (ISO 3166 for states; the code itself otherwise). */
export function StateName({ code }: { code: string }) {
  const intl = useIntl();
  const dataLocale = intlDataLocale(intl.locale);
  const name = /^[A-Z]{2}$/.test(code) ? regionName(code, dataLocale) : code;
  return <span lang={dataLocale === intl.locale ? undefined : dataLocale}>{name}</span>;
}

/** The viewer's time zone: their account's, else the browser's. */
export function viewerTimeZone(accountZone: string | null | undefined): string {
  if (accountZone) return accountZone;
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** An instant in a zone, with the zone's name, in the reader's language. */
export function InstantIn({ at, zone }: { at: string; zone: string }) {
  const intl = useIntl();
  let text: string;
  try {
    text = new Intl.DateTimeFormat(intl.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(new Date(at));
  } catch {
    text = new Intl.DateTimeFormat(intl.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(at));
  }
  return (
    <>
      <time dateTime={at}>{text}</time>{' '}
      <span className="dec-zone" dir="ltr">
        ({zone})
      </span>
    </>
  );
}

/**
 * A live countdown to the deadline, counted on the server's clock (`serverNow` when the page was
 * loaded), with the deadline in the viewer's zone and in its own. Calls `onExpired` once at zero.
 */
export function Countdown({ expiry, serverNow, viewerZone, onExpired }: { expiry: Expiry; serverNow: string; viewerZone: string; onExpired?: () => void }) {
  const [offset] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  const remaining = Date.parse(expiry.at) - now;
  const expired = remaining <= 0;
  useEffect(() => {
    if (expired) onExpired?.();
  }, [expired, onExpired]);
  const left = timeLeft(remaining);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(left.hours)}:${pad(left.minutes)}:${pad(left.seconds)}`;
  return (
    <div className="dec-deadline">
      <p className="dec-deadline__left" role="timer" aria-live="off">
        {expired ? <FormattedMessage id="decisions.deadline.passed" /> : <FormattedMessage id="decisions.deadline.left" values={{ days: left.days, hms: <span key="hms" dir="ltr" className="dec-deadline__hms">{hms}</span> }} />}
      </p>
      <dl className="dec-deadline__when">
        <div>
          <dt>
            <FormattedMessage id="decisions.deadline.yourTime" />
          </dt>
          <dd>
            <InstantIn at={expiry.at} zone={viewerZone} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="decisions.deadline.ownTime" />
          </dt>
          <dd>
            <InstantIn at={expiry.at} zone={expiry.zone} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

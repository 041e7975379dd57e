import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import type { DeadlineStatus, Visibility } from '../../api/exchange.ts';
import { partiesQuery } from '../../api/registry.ts';
import type { LocalizedText } from '../../api/types.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import './exchange.css';

/**
 * Small pieces of the information-exchange pages. Status is always said in words, with an icon
 * beside it (hidden from assistive technology); colour only repeats what the words say.
 */

function Svg(props: { d: string }) {
  return (
    <svg className="xc-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={props.d} />
    </svg>
  );
}

const icons = {
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z',
  late: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7Z',
  alert: 'M12 2 1 21h22L12 2Zm0 4.5L19.5 19h-15L12 6.5ZM11 10v5h2v-5h-2Zm0 6v2h2v-2h-2Z',
  hourglass: 'M6 2v6l4 4-4 4v6h12v-6l-4-4 4-4V2H6Zm10 14.5V20H8v-3.5l4-4 4 4Zm-4-5-4-4V4h8v3.5l-4 4Z',
  calendar: 'M19 4h-1V2h-2v2H8V2H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2Zm0 16H5V10h14v10Zm0-12H5V6h14v2Z',
} as const;

const deadlineIcon: Record<DeadlineStatus, keyof typeof icons> = {
  'submitted-on-time': 'check',
  'submitted-late': 'late',
  overdue: 'alert',
  due: 'hourglass',
  'not-yet-due': 'calendar',
};

export function DeadlineBadge(props: { status: DeadlineStatus }) {
  return (
    <span className={`xc-badge xc-badge--${props.status}`}>
      <Svg d={icons[deadlineIcon[props.status]]} />
      <FormattedMessage id={`exchange.deadline.status.${props.status}`} />
    </span>
  );
}

/** "Acknowledged on …" or "Awaiting acknowledgement", with an icon. */
export function AckBadge(props: { acknowledgedAt: string | null }) {
  if (props.acknowledgedAt) {
    return (
      <span className="xc-badge xc-badge--submitted-on-time">
        <Svg d={icons.check} />
        <FormattedMessage
          id="exchange.ack.acknowledgedOn"
          values={{ at: <FormattedDate key="at" value={props.acknowledgedAt} dateStyle="medium" timeStyle="short" /> }}
        />
      </span>
    );
  }
  return (
    <span className="xc-badge xc-badge--due">
      <Svg d={icons.hourglass} />
      <FormattedMessage id="exchange.ack.awaiting" />
    </span>
  );
}

export function DraftBadge() {
  return (
    <span className="xc-badge xc-badge--not-yet-due">
      <Svg d={icons.calendar} />
      <FormattedMessage id="exchange.status.draft" />
    </span>
  );
}

/** A party's name in the reader's language (from the registry), or its code until the registry answers. */
export function PartyName(props: { code: string }) {
  const intl = useIntl();
  const parties = useQuery(partiesQuery);
  const party = parties.data?.parties.find((p) => p.code === props.code);
  const picked = party ? (pickLocalized(party.shortNames, intl.locale) ?? pickLocalized(party.names, intl.locale)) : null;
  if (!picked) return <span dir="ltr">{props.code}</span>;
  return <span lang={picked.lang && picked.lang !== intl.locale ? picked.lang : undefined}>{picked.text}</span>;
}

/** Text given per language (a form's title, a field's label), in the reader's language or a marked fallback. */
export function Localized(props: { text: LocalizedText | undefined }) {
  const intl = useIntl();
  const picked = pickLocalized(props.text, intl.locale);
  if (!picked) return null;
  return <span lang={picked.lang && picked.lang !== intl.locale ? picked.lang : undefined}>{picked.text}</span>;
}

export function useLocalized(): (text: LocalizedText | undefined) => string {
  const intl = useIntl();
  return (text) => pickLocalized(text, intl.locale)?.text ?? '';
}

/** A calendar day ('YYYY-MM-DD') in the reader's language, without moving it across time zones. */
export function Day(props: { value: string }) {
  return <FormattedDate value={`${props.value}T12:00:00Z`} dateStyle="long" timeZone="UTC" />;
}

export interface Audience {
  visibility: Visibility;
  visibleTo: string[];
  recipients: string[];
}

/**
 * Who may see a submission and who receives it. The Secretariat always sees it; recipients always
 * see it too (they must, to acknowledge it).
 */
export function VisibilityPicker(props: { value: Audience; onChange: (a: Audience) => void; ownParty: string | null; errors?: Record<string, string> }) {
  const intl = useIntl();
  const parties = useQuery(partiesQuery);
  const groupId = useId();
  const candidates = (parties.data?.parties ?? [])
    .filter((p) => p.code !== props.ownParty && p.kind !== 'secretariat' && (p.kind === 'member-state' || p.kind === 'observer-state'))
    .map((p) => ({ code: p.code, kind: p.kind, name: pickLocalized(p.shortNames, intl.locale)?.text ?? pickLocalized(p.names, intl.locale)?.text ?? p.code }))
    .sort((a, b) => a.name.localeCompare(b.name, intl.locale));
  const v = props.value;
  const toggle = (list: 'visibleTo' | 'recipients', code: string, on: boolean) => {
    const next = on ? [...new Set([...v[list], code])] : v[list].filter((c) => c !== code);
    props.onChange({ ...v, [list]: next });
  };
  const partyChecks = (list: 'visibleTo' | 'recipients', legend: string, hint: string, only?: (kind: string) => boolean) => (
    <fieldset className="xc-parties" aria-describedby={`${groupId}-${list}-hint`}>
      <legend>{legend}</legend>
      <p id={`${groupId}-${list}-hint`} className="xc-hint">
        {hint}
      </p>
      {props.errors?.[list] ? (
        <p className="xc-field-error" id={`${groupId}-${list}-error`}>
          {props.errors[list]}
        </p>
      ) : null}
      <ul className="xc-parties__list">
        {candidates
          .filter((p) => !only || only(p.kind))
          .map((p) => (
            <li key={p.code}>
              <label>
                <input type="checkbox" checked={v[list].includes(p.code)} onChange={(e) => toggle(list, p.code, e.target.checked)} /> {p.name}
              </label>
            </li>
          ))}
      </ul>
    </fieldset>
  );
  return (
    <div className="xc-audience">
      <fieldset className="xc-choice">
        <legend>
          <FormattedMessage id="exchange.visibility.legend" />
        </legend>
        <p className="xc-hint">
          <FormattedMessage id="exchange.visibility.secretariatAlways" />
        </p>
        {(['parties', 'members', 'public'] as const).map((opt) => (
          <label key={opt} className="xc-choice__option">
            <input
              type="radio"
              name={`${groupId}-visibility`}
              value={opt}
              checked={v.visibility === opt}
              onChange={() => props.onChange({ ...v, visibility: opt, visibleTo: opt === 'parties' ? v.visibleTo : [] })}
            />{' '}
            <span>
              <strong>
                <FormattedMessage id={`exchange.visibility.${opt}`} />
              </strong>{' '}
              <span className="xc-hint">
                <FormattedMessage id={`exchange.visibility.${opt}.hint`} />
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {v.visibility === 'parties'
        ? partyChecks('visibleTo', intl.formatMessage({ id: 'exchange.visibility.namedLegend' }), intl.formatMessage({ id: 'exchange.visibility.namedHint' }))
        : null}
      {partyChecks(
        'recipients',
        intl.formatMessage({ id: 'exchange.recipients.legend' }),
        intl.formatMessage({ id: 'exchange.recipients.hint' }),
        (kind) => kind === 'member-state',
      )}
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Meeting, meetingsKey } from '../../api/meetings.ts';
import { profileQuery } from '../../api/queries.ts';
import { fieldErrors } from '../../api/registry.ts';
import { intlDataLocale, languageName } from '../../i18n/display-names.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { locales } from '../../i18n/locales.ts';
import { TextField } from '../portal/form.tsx';

const rtl = new Set(['ar', 'fa', 'he', 'ur', 'ps']);
/** The writing direction of a language, for text shown in a language other than the page's. */
export const directionOf = (lang: string): 'rtl' | 'ltr' => (rtl.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr');

/**
 * Text given per language, in the reader's language when there is one, else in the language it falls back
 * to — marked with that language and its direction, so an English title on an Arabic page reads correctly.
 */
export function Localized({ value }: { value: Record<string, string> | undefined | null }) {
  const intl = useIntl();
  const t = pickLocalized(value ?? undefined, intl.locale);
  if (!t) return null;
  if (!t.lang || t.lang === intl.locale) return <span>{t.text}</span>;
  return (
    <span lang={t.lang} dir={directionOf(t.lang)}>
      {t.text}
    </span>
  );
}

/**
 * A change sent from a meetings form: busy while it runs, the API's problem (with its field errors, keyed
 * by the field's dotted path) when it fails, and "saved" when it succeeds; every meetings query refreshes.
 */
export function useMeetingAction() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown; saved: boolean }>({ busy: false, error: null, saved: false });
  const run = async <T,>(send: () => Promise<T>): Promise<T | undefined> => {
    setState({ busy: true, error: null, saved: false });
    try {
      const out = await send();
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
      setState({ busy: false, error: null, saved: true });
      return out;
    } catch (error) {
      setState({ busy: false, error, saved: false });
      return undefined;
    }
  };
  return { ...state, errors: fieldErrors(state.error), run, reset: () => setState({ busy: false, error: null, saved: false }) };
}

type Tab = 'overview' | 'agenda' | 'accreditation' | 'participants' | 'record';

/** The meeting's pages, as a row of links; the current one is marked for assistive technology. */
export function MeetingNav({ meeting, current }: { meeting: Meeting; current: Tab }) {
  const intl = useIntl();
  const params = { meetingId: meeting.id };
  const tabs: Array<{ tab: Tab; to: string; show: boolean }> = [
    { tab: 'overview', to: '/meetings/$meetingId', show: true },
    { tab: 'agenda', to: '/meetings/$meetingId/agenda', show: true },
    { tab: 'accreditation', to: '/meetings/$meetingId/accreditation', show: meeting.can.register || meeting.can.manage },
    { tab: 'participants', to: '/meetings/$meetingId/participants', show: meeting.can.participants },
    { tab: 'record', to: '/meetings/$meetingId/record', show: meeting.can.participants || meeting.record.status === 'final' },
  ];
  return (
    <nav className="meeting-nav" aria-label={intl.formatMessage({ id: 'meetings.nav.label' })}>
      <ul>
        {tabs
          .filter((t) => t.show)
          .map((t) => (
            <li key={t.tab}>
              <Link to={t.to} params={params} aria-current={t.tab === current ? 'page' : undefined} activeOptions={{ exact: true }}>
                <FormattedMessage id={`meetings.nav.${t.tab}`} />
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** The languages a title is entered in: the forum's official and working languages first, then the others the interface offers. */
export function useTitleLanguages(): { forum: string[]; others: string[] } {
  const profile = useQuery(profileQuery);
  const forum = [...new Set([...(profile.data?.officialLanguages ?? ['en']), ...(profile.data?.workingLanguages ?? [])])];
  const others = locales.map((l) => l.code as string).filter((c) => !forum.includes(c));
  return { forum, others };
}

/** One text input per language (dotted field names `prefix.lang`, so the API's field errors land on them). */
export function TitleInputs(props: { legend: ReactNode; prefix: string; values: Record<string, string>; onChange: (v: Record<string, string>) => void; errors: Record<string, string> }) {
  const intl = useIntl();
  const dataLocale = intlDataLocale(intl.locale);
  const { forum, others } = useTitleLanguages();
  const field = (lang: string, required: boolean) => (
    <TextField
      key={lang}
      name={`${props.prefix}.${lang}`}
      label={<span lang={dataLocale === intl.locale ? undefined : dataLocale}>{languageName(lang, dataLocale)}</span>}
      lang={lang}
      value={props.values[lang] ?? ''}
      required={required}
      errors={{ ...props.errors, [`${props.prefix}.${lang}`]: props.errors[`${props.prefix}.${lang}`] ?? (lang === forum[0] ? (props.errors[props.prefix] ?? '') : '') }}
      onChange={(v) => props.onChange({ ...props.values, [lang]: v })}
    />
  );
  const otherFilled = others.some((l) => props.values[l]);
  return (
    <fieldset className="meeting-titles">
      <legend>{props.legend}</legend>
      <div className="meeting-form__grid">{forum.map((l, i) => field(l, i === 0))}</div>
      <details className="meeting-titles__more" open={otherFilled || undefined}>
        <summary>
          <FormattedMessage id="meetings.form.otherLanguages" />
        </summary>
        <div className="meeting-form__grid">{others.map((l) => field(l, false))}</div>
      </details>
    </fieldset>
  );
}

/** '' → dropped: only the languages filled in are sent. */
export function filled(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
}

/** A value for <input type="datetime-local"> from an instant, in the given zone (the meeting's). */
export function toLocalInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The instant (ISO 8601 with offset) a wall-clock time in `zone` stands for; '' when empty. */
export function fromLocalInput(local: string, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const guess = new Date(`${local}:00Z`);
  // The zone's offset at that moment (twice, to settle across a change of offset).
  let t = guess.getTime();
  try {
    for (let i = 0; i < 2; i++) {
      const shown = toLocalInput(new Date(t).toISOString(), zone);
      t -= new Date(`${shown}:00Z`).getTime() - guess.getTime();
    }
  } catch {
    // Not a time zone: send the time as given; the API names the time zone field as the problem.
    return guess.toISOString();
  }
  return new Date(t).toISOString();
}

import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Role } from '../../api/account.ts';
import { isLocaleCode, locales } from '../../i18n/locales.ts';
import { intlDataLocale, languageName } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { useMe } from './session.tsx';

/** An instant, in the UI language and the signed-in person's time zone (the browser's for a visitor). */
export function Instant(props: { value: string; dateOnly?: boolean }) {
  const intl = useIntl();
  const { me } = useMe();
  const text = useMemo(() => {
    const options: Intl.DateTimeFormatOptions = props.dateOnly ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    try {
      return intl.formatDate(props.value, { ...options, timeZone: me?.user.timeZone });
    } catch {
      return intl.formatDate(props.value, options);
    }
  }, [intl, props.value, props.dateOnly, me?.user.timeZone]);
  return <time dateTime={props.value}>{text}</time>;
}

const roleIds: Record<Role, MessageId> = {
  'head-of-delegation': 'people.role.head-of-delegation',
  'focal-point': 'people.role.focal-point',
  delegate: 'people.role.delegate',
  viewer: 'people.role.viewer',
  admin: 'people.role.admin',
  officer: 'people.role.officer',
};

/** A kind of notification's name in the UI language; a kind added later without a name here shows its code. */
export function useKindName() {
  const intl = useIntl();
  return (kind: string): { text: string; code: boolean } => {
    const id = `inbox.kind.${kind}` as MessageId;
    return id in intl.messages ? { text: intl.formatMessage({ id }), code: false } : { text: kind, code: true };
  };
}

export function RoleName({ role }: { role: Role }) {
  return <FormattedMessage id={roleIds[role]} />;
}

export function useRoleLabel() {
  const intl = useIntl();
  return (role: Role) => intl.formatMessage({ id: roleIds[role] });
}

/**
 * Languages a person can choose for their account (the interface's, each named in itself), plus their
 * current one if it is another (set by an administrator or the CLI).
 */
export function useLanguageOptions(current?: string) {
  const intl = useIntl();
  return useMemo(() => {
    const options: Array<{ value: string; label: string; lang?: string; dir?: 'ltr' | 'rtl' }> = locales.map((l) => ({ value: l.code, label: l.name, lang: l.code, dir: l.dir }));
    if (current && !isLocaleCode(current)) {
      options.push({ value: current, label: languageName(current, intlDataLocale(intl.locale)) });
    }
    return options;
  }, [current, intl.locale]);
}

/** Every IANA time zone the browser knows, grouped by region, with its current offset. */
export function useTimeZoneGroups(current?: string) {
  const intl = useIntl();
  return useMemo(() => {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    if (!zones.includes('UTC')) zones = ['UTC', ...zones];
    if (current && !zones.includes(current)) zones = [current, ...zones];
    const locale = intlDataLocale(intl.locale);
    const now = new Date();
    const offsetOf = (zone: string) => {
      try {
        return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? '';
      } catch {
        return '';
      }
    };
    const groups = new Map<string, Array<{ value: string; label: string; dir: 'ltr' }>>();
    for (const zone of zones) {
      const region = zone.includes('/') ? zone.split('/')[0] : 'Etc';
      const offset = offsetOf(zone);
      const label = `${zone.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}`;
      if (!groups.has(region)) groups.set(region, []);
      groups.get(region)!.push({ value: zone, label, dir: 'ltr' });
    }
    return [...groups.entries()].map(([label, options]) => ({ label, options }));
  }, [current, intl.locale]);
}

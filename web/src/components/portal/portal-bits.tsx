import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { LocalizedText } from '../../api/types.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { AlertIcon } from '../icons.tsx';
import { formatPartialDate } from './dates.ts';
import './portal.css';

/**
 * "Uncertain": a fact the sources leave open, marked with text and an icon (never colour alone). The
 * reason, where given, is the data's English note and is marked as English.
 */
export function Uncertain(props: { note?: string | null; showNote?: boolean }) {
  return (
    <span className="uncertain">
      <AlertIcon className="uncertain__icon" />
      <span className="uncertain__label">
        <FormattedMessage id="portal.uncertain" />
      </span>
      {props.note && props.showNote ? (
        <span className="uncertain__note" lang="en" dir="ltr">
          {props.note}
        </span>
      ) : null}
    </span>
  );
}

/** The party's code as a badge, in place of a flag image (no external images). */
export function CodeBadge(props: { code: string; flag?: string | null }) {
  if (props.flag) return <img className="code-badge code-badge--flag" src={props.flag} alt="" />;
  return (
    <span className="code-badge" aria-hidden="true" dir="ltr">
      {props.code}
    </span>
  );
}

/** A text picked in the UI language (or a marked fallback), with its lang attribute. */
export function Localized(props: { value: LocalizedText | undefined; className?: string; as?: 'span' | 'strong' | 'h1' | 'h2' | 'h3' }) {
  const intl = useIntl();
  const picked = pickLocalized(props.value, intl.locale);
  const Tag = props.as ?? 'span';
  if (!picked) return null;
  return (
    <Tag className={props.className} lang={picked.lang && picked.lang !== intl.locale ? picked.lang : undefined} dir="auto">
      {picked.text}
    </Tag>
  );
}

/** A partial date in the reader's language, as a <time> element. */
export function PartialDate(props: { value: string }) {
  const intl = useIntl();
  const { text, lang } = formatPartialDate(props.value, intl.locale);
  return (
    <time dateTime={props.value} lang={lang !== intl.locale ? lang : undefined}>
      {text}
    </time>
  );
}

/** Text from the data that exists only in English (how a chair was decided, a frequency). */
export function English(props: { children: ReactNode; className?: string }) {
  return (
    <span className={props.className} lang="en" dir="ltr">
      {props.children}
    </span>
  );
}

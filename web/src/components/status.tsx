import { type ReactNode, useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client.ts';
import type { MessageId } from '../i18n/messages.ts';
import { AlertIcon, InfoIcon } from './icons.tsx';
import './status.css';

/** A polite live region saying that something is loading. */
export function Loading() {
  return (
    <p className="loading" role="status">
      <FormattedMessage id="status.loading" />
    </p>
  );
}

/**
 * A notice with a visible title, an icon and a tone. The title carries the meaning (never the
 * colour); `headingLevel` lets a page use it as its main heading.
 */
export function Notice(props: { tone: 'info' | 'error'; title: ReactNode; headingLevel?: 1 | 2; children?: ReactNode }) {
  const titleId = useId();
  const Heading = props.headingLevel === 1 ? 'h1' : 'h2';
  const Icon = props.tone === 'error' ? AlertIcon : InfoIcon;
  return (
    <section className={`notice notice--${props.tone}`} aria-labelledby={titleId}>
      <Icon className="notice__icon" />
      <div className="notice__body">
        <Heading id={titleId} className="notice__title">
          {props.title}
        </Heading>
        {props.children}
      </div>
    </section>
  );
}

/** The translated message for an error: by its problem `code`, else a generic one. */
export function useErrorMessage(error: unknown): string {
  const intl = useIntl();
  const code = isApiError(error) ? error.code : 'generic';
  const id = `error.${code}` as MessageId;
  return intl.formatMessage({ id: id in intl.messages ? id : 'error.generic' });
}

/** An API error shown to a person: localized by code, with the request id for support and a retry. */
export function ProblemMessage(props: { error: unknown; onRetry?: () => void; headingLevel?: 1 | 2 }) {
  const message = useErrorMessage(props.error);
  const requestId = isApiError(props.error) ? props.error.problem.requestId : undefined;
  return (
    <div role="alert">
      <Notice tone="error" headingLevel={props.headingLevel} title={<FormattedMessage id="error.title" />}>
        <p>{message}</p>
        {requestId ? (
          <p className="notice__meta">
            <FormattedMessage id="error.reference" values={{ id: <code key="id">{requestId}</code> }} />
          </p>
        ) : null}
        {props.onRetry ? (
          <p>
            <button type="button" className="button" onClick={props.onRetry}>
              <FormattedMessage id="error.retry" />
            </button>
          </p>
        ) : null}
      </Notice>
    </div>
  );
}

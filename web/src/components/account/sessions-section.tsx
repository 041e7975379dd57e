import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, mySessionsQuery, type Session } from '../../api/account.ts';
import { Loading, ProblemMessage } from '../status.tsx';
import { ConfirmButton, Msg, ScrollTable } from './forms.tsx';
import { Instant } from './format.tsx';
import { deviceName } from './pure.ts';
import { CheckIcon, DotIcon } from './icons.tsx';
import { problemMessage } from './problems.ts';
import { useSessionChange } from './session.tsx';

/** The person's open sessions (devices), the current one marked; any can be ended. */
export function SessionsSection() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { signedOut } = useSessionChange();
  const sessions = useQuery(mySessionsQuery);
  const [error, setError] = useState<unknown>(null);

  const revoke = async (s: Session) => {
    setError(null);
    try {
      await apiCall('DELETE', `/me/sessions/${s.id}`);
    } catch (err) {
      setError(err);
      return;
    }
    if (s.current) {
      await navigate({ to: '/sign-in', search: { signedOut: true } });
      await signedOut();
    } else {
      await queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey });
    }
  };

  return (
    <section className="account-section">
      <h2 id="account-sessions">
        <FormattedMessage id="account.sessions.title" />
      </h2>
      <p>
        <FormattedMessage id="account.sessions.intro" />
      </p>
      {error ? (
        <p className="account-field__error" role="alert">
          <Msg m={problemMessage(error)} />
        </p>
      ) : null}
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ProblemMessage error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ScrollTable labelledBy="account-sessions">
          <table className="account-table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="account.sessions.device" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.sessions.signedIn" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.sessions.lastActive" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.sessions.address" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.sessions.twoFactor" />
                </th>
                <th scope="col">
                  <span className="sr-only">
                    <FormattedMessage id="account.form.actions" />
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => {
                const device = deviceName(s.userAgent);
                return (
                  <tr key={s.id} className={s.current ? 'account-table__current' : undefined}>
                    <th scope="row">
                      {device ? <span dir="ltr">{device}</span> : <FormattedMessage id="account.sessions.unknownDevice" />}
                      {s.current ? (
                        <span className="account-tag account-tag--current">
                          <DotIcon />
                          <FormattedMessage id="account.sessions.current" />
                        </span>
                      ) : null}
                    </th>
                    <td>
                      <Instant value={s.createdAt} />
                    </td>
                    <td>
                      <Instant value={s.lastSeenAt} />
                    </td>
                    <td dir="ltr">{s.ip ?? '—'}</td>
                    <td>
                      {s.mfa ? (
                        <span className="account-tag">
                          <CheckIcon />
                          <FormattedMessage id="account.sessions.mfaYes" />
                        </span>
                      ) : (
                        <FormattedMessage id="account.sessions.mfaNo" />
                      )}
                    </td>
                    <td>
                      <ConfirmButton
                        label={intl.formatMessage({ id: s.current ? 'account.sessions.endCurrent' : 'account.sessions.end' })}
                        confirmLabel={intl.formatMessage({ id: 'account.sessions.endConfirm' })}
                        question={<FormattedMessage id={s.current ? 'account.sessions.endCurrentQuestion' : 'account.sessions.endQuestion'} />}
                        onConfirm={() => revoke(s)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

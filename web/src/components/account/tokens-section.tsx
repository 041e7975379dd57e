import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type ApiToken, apiCall, myTokensQuery, type TokenScope } from '../../api/account.ts';
import { Loading, ProblemMessage } from '../status.tsx';
import { CheckboxGroup, ConfirmButton, CopyButton, ErrorSummary, type FieldErrors, InputField, Msg, ScrollTable, SelectField, SubmitButton, useAccountForm } from './forms.tsx';
import { Instant } from './format.tsx';
import { BlockIcon, CheckIcon, ClockIcon } from './icons.tsx';
import { problemMessage } from './problems.ts';

function TokenState({ token }: { token: ApiToken }) {
  if (token.revokedAt) {
    return (
      <span className="account-tag account-tag--off">
        <BlockIcon />
        <FormattedMessage id="account.tokens.revoked" />
      </span>
    );
  }
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) {
    return (
      <span className="account-tag account-tag--off">
        <ClockIcon />
        <FormattedMessage id="account.tokens.expired" />
      </span>
    );
  }
  return (
    <span className="account-tag">
      <CheckIcon />
      <FormattedMessage id="account.tokens.active" />
    </span>
  );
}

/** The new token's secret, shown this once with a copy button. */
function NewSecret(props: { name: string; secret: string; onDone: () => void }) {
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="account-card account-secret-card">
      <h3 ref={heading} tabIndex={-1}>
        <FormattedMessage id="account.tokens.createdTitle" values={{ name: props.name }} />
      </h3>
      <p>
        <FormattedMessage id="account.tokens.createdIntro" />
      </p>
      <p className="account-secret">
        <code dir="ltr" data-testid="token-secret">
          {props.secret}
        </code>
      </p>
      <div className="account-actions">
        <CopyButton text={props.secret} label={intl.formatMessage({ id: 'account.tokens.copy' })} />
        <button type="button" className="button" onClick={props.onDone}>
          <FormattedMessage id="account.tokens.done" />
        </button>
      </div>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const intl = useIntl();
  const form = useAccountForm();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [expiry, setExpiry] = useState('90');
  const labels = {
    name: intl.formatMessage({ id: 'account.tokens.name' }),
    scopes: intl.formatMessage({ id: 'account.tokens.scopes' }),
    expiresInDays: intl.formatMessage({ id: 'account.tokens.expiry' }),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = { id: 'account.tokens.nameMissing' };
    if (scopes.length === 0) errors.scopes = { id: 'account.tokens.scopesMissing' };
    const out: { secret?: string } = {};
    await form.run(errors, async () => {
      const body: { name: string; scopes: TokenScope[]; expiresInDays?: number } = { name: name.trim(), scopes: scopes as TokenScope[] };
      if (expiry !== 'never') body.expiresInDays = Number(expiry);
      out.secret = (await apiCall<{ secret: string }>('POST', '/me/tokens', { body })).secret;
    });
    if (out.secret) {
      onCreated(name.trim(), out.secret);
      setName('');
    }
  };
  return (
    <form className="account-form" onSubmit={submit} noValidate aria-labelledby="token-create-title">
      <h3 id="token-create-title">
        <FormattedMessage id="account.tokens.create" />
      </h3>
      <ErrorSummary form={form} labels={labels} />
      <InputField form={form} name="name" label={labels.name} hint={<FormattedMessage id="account.tokens.nameHint" />} value={name} onChange={setName} maxLength={100} required />
      <CheckboxGroup
        form={form}
        name="scopes"
        legend={labels.scopes}
        values={scopes}
        onChange={setScopes}
        options={[
          { value: 'read', label: intl.formatMessage({ id: 'account.tokens.scopeRead' }) },
          { value: 'write', label: intl.formatMessage({ id: 'account.tokens.scopeWrite' }) },
        ]}
      />
      <SelectField
        form={form}
        name="expiresInDays"
        label={labels.expiresInDays}
        value={expiry}
        onChange={setExpiry}
        options={[
          { value: '30', label: intl.formatMessage({ id: 'account.tokens.days' }, { count: 30 }) },
          { value: '90', label: intl.formatMessage({ id: 'account.tokens.days' }, { count: 90 }) },
          { value: '365', label: intl.formatMessage({ id: 'account.tokens.days' }, { count: 365 }) },
          { value: 'never', label: intl.formatMessage({ id: 'account.tokens.never' }) },
        ]}
      />
      <div className="account-actions">
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="account.tokens.createSubmit" />
        </SubmitButton>
      </div>
    </form>
  );
}

/** Personal API tokens for integrations: created with a scope and an expiry, shown once, revocable. */
export function TokensSection() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const tokens = useQuery(myTokensQuery);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const revoke = async (t: ApiToken) => {
    setError(null);
    try {
      await apiCall('DELETE', `/me/tokens/${t.id}`);
    } catch (err) {
      setError(err);
    }
    await queryClient.invalidateQueries({ queryKey: myTokensQuery.queryKey });
  };

  return (
    <section className="account-section">
      <h2 id="account-tokens">
        <FormattedMessage id="account.tokens.title" />
      </h2>
      <p>
        <FormattedMessage id="account.tokens.intro" />
      </p>
      {error ? (
        <p className="account-field__error" role="alert">
          <Msg m={problemMessage(error)} />
        </p>
      ) : null}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ProblemMessage error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <p className="account-empty">
          <FormattedMessage id="account.tokens.none" />
        </p>
      ) : (
        <ScrollTable labelledBy="account-tokens">
          <table className="account-table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="account.tokens.name" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokens.scopes" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokens.created" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokens.lastUsed" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokens.expires" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokens.state" />
                </th>
                <th scope="col">
                  <span className="sr-only">
                    <FormattedMessage id="account.form.actions" />
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <th scope="row" dir="auto">
                    {t.name}
                  </th>
                  <td>{intl.formatList(t.scopes.map((s) => intl.formatMessage({ id: s === 'read' ? 'account.tokens.scopeReadShort' : 'account.tokens.scopeWriteShort' })))}</td>
                  <td>
                    <Instant value={t.createdAt} />
                  </td>
                  <td>{t.lastUsedAt ? <Instant value={t.lastUsedAt} /> : <FormattedMessage id="account.tokens.neverUsed" />}</td>
                  <td>{t.expiresAt ? <Instant value={t.expiresAt} dateOnly /> : <FormattedMessage id="account.tokens.never" />}</td>
                  <td>
                    <TokenState token={t} />
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <ConfirmButton
                        label={intl.formatMessage({ id: 'account.tokens.revoke' })}
                        ariaLabel={intl.formatMessage({ id: 'account.tokens.revokeNamed' }, { name: t.name })}
                        confirmLabel={intl.formatMessage({ id: 'account.tokens.revokeConfirm' })}
                        question={<FormattedMessage id="account.tokens.revokeQuestion" />}
                        onConfirm={() => revoke(t)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {created ? (
        <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
      ) : (
        <CreateToken
          onCreated={(name, secret) => {
            setCreated({ name, secret });
            void queryClient.invalidateQueries({ queryKey: myTokensQuery.queryKey });
          }}
        />
      )}
    </section>
  );
}

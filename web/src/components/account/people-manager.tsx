import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  allRoles,
  apiCall,
  delegationRoles,
  type Me,
  type PartyKind,
  type Role,
  rolesFor,
  sessionKey,
  type User,
  type UserFilter,
  type UserStatus,
  usersQuery,
} from '../../api/account.ts';
import { partiesQuery } from '../../api/registry.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { Loading, ProblemMessage } from '../status.tsx';
import { ConfirmButton, ErrorSummary, type FieldErrors, InputField, looksLikeEmail, Msg, ScrollTable, SelectField, SubmitButton, useAccountForm } from './forms.tsx';
import { Instant, RoleName, useLanguageOptions, useRoleLabel } from './format.tsx';
import { BlockIcon, CheckIcon, ChevronIcon, MailIcon, ShieldIcon, UserIcon } from './icons.tsx';
import { problemMessage } from './problems.ts';
import { Pager } from '../list/pager.tsx';

type Scope = 'delegation' | 'all';

function PersonStatus({ user }: { user: User }) {
  if (user.status === 'suspended') {
    return (
      <span className="account-tag account-tag--off">
        <BlockIcon />
        <FormattedMessage id="people.status.suspended" />
      </span>
    );
  }
  if (user.invitationPending) {
    return (
      <span className="account-tag account-tag--pending">
        <MailIcon />
        <FormattedMessage id="people.status.invited" />
      </span>
    );
  }
  return (
    <span className="account-tag">
      <CheckIcon />
      <FormattedMessage id="people.status.active" />
    </span>
  );
}

function usePartyOptions() {
  const intl = useIntl();
  const parties = useQuery(partiesQuery);
  const list = (parties.data?.parties ?? []).map((p) => ({
    code: p.code,
    kind: p.kind as PartyKind,
    name: pickLocalized(p.shortNames, intl.locale)?.text ?? pickLocalized(p.names, intl.locale)?.text ?? p.code,
  }));
  list.sort((a, b) => (a.kind === 'secretariat' ? -1 : b.kind === 'secretariat' ? 1 : a.name.localeCompare(b.name, intl.locale)));
  return list;
}

/** Invite a person: e-mail, name, role, language (and the party, for a Secretariat admin). */
function InviteForm({ me, scope, onInvited }: { me: Me; scope: Scope; onInvited: () => void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const roleLabel = useRoleLabel();
  const form = useAccountForm();
  const parties = usePartyOptions();
  const languages = useLanguageOptions();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [partyCode, setPartyCode] = useState(scope === 'delegation' ? me.party.code : '');
  const [role, setRole] = useState<Role>('delegate');
  const [language, setLanguage] = useState<string>(locale);
  const [sent, setSent] = useState<{ email: string; expiresAt: string } | null>(null);
  const partyKind: PartyKind = scope === 'delegation' ? me.party.kind : (parties.find((p) => p.code === partyCode)?.kind ?? 'member-state');
  const roles = scope === 'delegation' ? delegationRoles : rolesFor(partyKind);
  const labels = {
    email: intl.formatMessage({ id: 'people.invite.email' }),
    name: intl.formatMessage({ id: 'people.invite.name' }),
    partyCode: intl.formatMessage({ id: 'people.invite.party' }),
    role: intl.formatMessage({ id: 'people.invite.role' }),
    language: intl.formatMessage({ id: 'people.invite.language' }),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = { id: 'people.invite.emailMissing' };
    else if (!looksLikeEmail(email)) errors.email = { id: 'auth.signIn.emailFormat' };
    if (!name.trim()) errors.name = { id: 'people.invite.nameMissing' };
    if (!partyCode) errors.partyCode = { id: 'people.invite.partyMissing' };
    const out: { expiresAt?: string } = {};
    await form.run(errors, async () => {
      const body: Record<string, string> = { email: email.trim(), name: name.trim(), partyCode, role, language };
      if (scope === 'delegation') body.timeZone = me.user.timeZone;
      out.expiresAt = (await apiCall<{ expiresAt: string }>('POST', '/invitations', { body })).expiresAt;
    });
    if (out.expiresAt) {
      setSent({ email: email.trim(), expiresAt: out.expiresAt });
      setEmail('');
      setName('');
      onInvited();
    }
  };

  return (
    <form className="account-form account-form--wide" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">
        <FormattedMessage id="people.invite.title" />
      </h2>
      <p>
        <FormattedMessage id={scope === 'delegation' ? 'people.invite.introDelegation' : 'people.invite.introAll'} />
      </p>
      <ErrorSummary form={form} labels={labels} />
      <div className="account-form__grid">
        <InputField form={form} name="email" type="email" autoComplete="off" spellCheck={false} label={labels.email} value={email} onChange={setEmail} required />
        <InputField form={form} name="name" autoComplete="off" label={labels.name} value={name} onChange={setName} maxLength={200} required />
        {scope === 'all' ? (
          <SelectField
            form={form}
            name="partyCode"
            label={labels.partyCode}
            value={partyCode}
            onChange={(code) => {
              setPartyCode(code);
              const kind = parties.find((p) => p.code === code)?.kind ?? 'member-state';
              if (!rolesFor(kind).includes(role)) setRole(rolesFor(kind)[kind === 'secretariat' ? 1 : 2]);
            }}
            options={[{ value: '', label: intl.formatMessage({ id: 'people.invite.choose' }) }, ...parties.map((p) => ({ value: p.code, label: p.name }))]}
            required
          />
        ) : null}
        <SelectField form={form} name="role" label={labels.role} value={role} onChange={(r) => setRole(r as Role)} options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} required />
        <SelectField form={form} name="language" label={labels.language} hint={<FormattedMessage id="people.invite.languageHint" />} value={language} onChange={setLanguage} options={languages} />
      </div>
      <div className="account-actions">
        <SubmitButton busy={form.busy}>
          <MailIcon />
          <FormattedMessage id="people.invite.submit" />
        </SubmitButton>
      </div>
      <p className="account-saved" role="status">
        {sent && !form.error ? (
          <FormattedMessage id="people.invite.sent" values={{ email: <bdi key="e">{sent.email}</bdi>, date: <Instant key="d" value={sent.expiresAt} /> }} />
        ) : null}
      </p>
    </form>
  );
}

/** Change one person: role, suspension, a fresh invitation. */
function ManagePanel({ user, scope, onChanged }: { user: User; scope: Scope; onChanged: () => void }) {
  const intl = useIntl();
  const roleLabel = useRoleLabel();
  const [role, setRole] = useState<Role>(user.role);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roleId = useId();
  const roles = scope === 'delegation' ? delegationRoles : rolesFor(user.party.kind);

  const send = async (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await call();
      setDone(message);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="people-manage">
      <form
        className="people-manage__role"
        onSubmit={(e) => {
          e.preventDefault();
          void send(() => apiCall('PATCH', `/users/${user.id}`, { body: { role } }), intl.formatMessage({ id: 'people.manage.roleChanged' }, { name: user.name, role: roleLabel(role) }));
        }}
      >
        <label htmlFor={roleId} className="account-field__label">
          <FormattedMessage id="people.manage.role" />
        </label>
        <select id={roleId} className="account-field__input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small" disabled={busy || role === user.role}>
          <FormattedMessage id="people.manage.saveRole" />
        </button>
      </form>
      <div className="people-manage__actions">
        {user.status === 'active' ? (
          <ConfirmButton
            label={intl.formatMessage({ id: 'people.manage.suspend' })}
            ariaLabel={intl.formatMessage({ id: 'people.manage.suspendNamed' }, { name: user.name })}
            confirmLabel={intl.formatMessage({ id: 'people.manage.suspendConfirm' })}
            question={<FormattedMessage id="people.manage.suspendQuestion" values={{ name: user.name }} />}
            busy={busy}
            onConfirm={() =>
              send(() => apiCall('PATCH', `/users/${user.id}`, { body: { status: 'suspended' } }), intl.formatMessage({ id: 'people.manage.suspended' }, { name: user.name }))
            }
          />
        ) : (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            onClick={() =>
              void send(() => apiCall('PATCH', `/users/${user.id}`, { body: { status: 'active' } }), intl.formatMessage({ id: 'people.manage.reactivated' }, { name: user.name }))
            }
          >
            <FormattedMessage id="people.manage.reactivate" />
          </button>
        )}
        {user.invitationPending && user.status === 'active' ? (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            onClick={() => void send(() => apiCall('POST', `/users/${user.id}/invitation`), intl.formatMessage({ id: 'people.manage.reinvited' }, { email: user.email }))}
          >
            <FormattedMessage id="people.manage.reinvite" />
          </button>
        ) : null}
      </div>
      <p role="status" className="account-saved">
        {done}
      </p>
      {error ? (
        <p role="alert" className="account-field__error">
          <Msg m={problemMessage(error)} />
        </p>
      ) : null}
    </div>
  );
}

function Filters(props: { scope: Scope; filter: UserFilter; onChange: (f: UserFilter) => void }) {
  const intl = useIntl();
  const roleLabel = useRoleLabel();
  const parties = usePartyOptions();
  const form = useAccountForm();
  const [q, setQ] = useState(props.filter.q ?? '');
  const set = (patch: Partial<UserFilter>) => props.onChange({ ...props.filter, ...patch, page: 1 });
  const roles = props.scope === 'delegation' ? delegationRoles : allRoles;
  return (
    <form
      className="people-filters"
      aria-label={intl.formatMessage({ id: 'people.filter.label' })}
      onSubmit={(e) => {
        e.preventDefault();
        set({ q: q.trim() || undefined });
      }}
    >
      {props.scope === 'all' ? (
        <SelectField
          form={form}
          name="party"
          label={intl.formatMessage({ id: 'people.filter.party' })}
          value={props.filter.party ?? ''}
          onChange={(v) => set({ party: v || undefined })}
          options={[{ value: '', label: intl.formatMessage({ id: 'people.filter.anyParty' }) }, ...parties.map((p) => ({ value: p.code, label: p.name }))]}
        />
      ) : null}
      <SelectField
        form={form}
        name="role"
        label={intl.formatMessage({ id: 'people.filter.role' })}
        value={props.filter.role ?? ''}
        onChange={(v) => set({ role: (v || undefined) as Role | undefined })}
        options={[{ value: '', label: intl.formatMessage({ id: 'people.filter.anyRole' }) }, ...roles.map((r) => ({ value: r, label: roleLabel(r) }))]}
      />
      <SelectField
        form={form}
        name="status"
        label={intl.formatMessage({ id: 'people.filter.status' })}
        value={props.filter.status ?? ''}
        onChange={(v) => set({ status: (v || undefined) as UserStatus | undefined })}
        options={[
          { value: '', label: intl.formatMessage({ id: 'people.filter.anyStatus' }) },
          { value: 'active', label: intl.formatMessage({ id: 'people.status.active' }) },
          { value: 'suspended', label: intl.formatMessage({ id: 'people.status.suspended' }) },
        ]}
      />
      <div className="people-filters__search">
        <InputField form={form} name="q" type="search" label={intl.formatMessage({ id: 'people.filter.search' })} value={q} onChange={setQ} maxLength={100} />
        <button type="submit" className="button button--secondary">
          <FormattedMessage id="people.filter.apply" />
        </button>
      </div>
    </form>
  );
}

/**
 * People and what can be done with them: a Secretariat admin sees every party, a focal point or head
 * of delegation their own. Each person can be opened to change the role, suspend or reactivate them,
 * or send a fresh invitation.
 */
export function PeopleManager({ me, scope }: { me: Me; scope: Scope }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<UserFilter>({ page: 1 });
  const [open, setOpen] = useState<string | null>(null);
  const users = useQuery(usersQuery(filter));
  const canManage = scope === 'delegation' ? me.powers.canManagePeople : me.powers.isAdmin;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...sessionKey, 'users'] });
  const columns = scope === 'all' ? 6 : 5;
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / users.data.pageSize)) : 1;

  return (
    <>
      {canManage && me.powers.canInvite ? (
        <section className="account-section">
          <InviteForm me={me} scope={scope} onInvited={refresh} />
        </section>
      ) : null}
      <section className="account-section">
        <h2 id="people-list-title">
          <FormattedMessage id={scope === 'delegation' ? 'people.list.delegation' : 'people.list.all'} />
        </h2>
        <Filters scope={scope} filter={filter} onChange={setFilter} />
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ProblemMessage error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <>
            <p className="people-count" role="status">
              <FormattedMessage id="people.list.count" values={{ count: users.data.total }} />
            </p>
            {users.data.items.length === 0 ? null : (
              <ScrollTable labelledBy="people-list-title">
                <table className="account-table people-table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <FormattedMessage id="people.col.person" />
                      </th>
                      {scope === 'all' ? (
                        <th scope="col">
                          <FormattedMessage id="people.col.party" />
                        </th>
                      ) : null}
                      <th scope="col">
                        <FormattedMessage id="people.col.role" />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="people.col.status" />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="people.col.twoFactor" />
                      </th>
                      <th scope="col">
                        <span className="sr-only">
                          <FormattedMessage id="account.form.actions" />
                        </span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {users.data.items.map((u) => {
                      const isSelf = u.id === me.user.id;
                      const panelId = `person-${u.id}`;
                      const party = pickLocalized(u.party.names, intl.locale);
                      return (
                        <Fragment key={u.id}>
                          <tr>
                            <th scope="row">
                              <span className="people-name">
                                <bdi>{u.name}</bdi>
                                {isSelf ? (
                                  <span className="account-tag account-tag--current">
                                    <UserIcon />
                                    <FormattedMessage id="people.you" />
                                  </span>
                                ) : null}
                              </span>
                              <span className="people-email" dir="ltr">
                                {u.email}
                              </span>
                            </th>
                            {scope === 'all' ? (
                              <td>
                                <span lang={party?.lang && party.lang !== intl.locale ? party.lang : undefined}>{party?.text ?? u.party.code}</span>
                              </td>
                            ) : null}
                            <td>
                              <RoleName role={u.role} />
                            </td>
                            <td>
                              <PersonStatus user={u} />
                            </td>
                            <td>
                              {u.totpEnabled ? (
                                <span className="account-tag">
                                  <ShieldIcon />
                                  <FormattedMessage id="people.twoFactor.on" />
                                </span>
                              ) : (
                                <FormattedMessage id="people.twoFactor.off" />
                              )}
                            </td>
                            <td>
                              {canManage && !isSelf ? (
                                <button
                                  type="button"
                                  className="button button--secondary button--small people-toggle"
                                  aria-expanded={open === u.id}
                                  aria-controls={panelId}
                                  aria-label={intl.formatMessage({ id: 'people.manage.openNamed' }, { name: u.name })}
                                  onClick={() => setOpen(open === u.id ? null : u.id)}
                                >
                                  <FormattedMessage id="people.manage.open" />
                                  <ChevronIcon className="icon people-toggle__chevron" />
                                </button>
                              ) : null}
                            </td>
                          </tr>
                          {open === u.id ? (
                            <tr id={panelId} className="people-manage-row">
                              <td colSpan={columns}>
                                <ManagePanel user={u} scope={scope} onChanged={refresh} />
                                <p className="people-manage__since">
                                  <FormattedMessage id="people.manage.since" values={{ date: <Instant key="d" value={u.createdAt} dateOnly /> }} />
                                </p>
                              </td>
                            </tr>
                          ) : null}
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
            )}
            <Pager
              page={filter.page ?? 1}
              pages={pages}
              link={(p, _rel, label) => (
                <button type="button" className="button button--secondary button--small" onClick={() => setFilter({ ...filter, page: p })}>
                  {label}
                </button>
              )}
            />
          </>
        )}
      </section>
    </>
  );
}

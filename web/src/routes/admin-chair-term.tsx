import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiSend, type ChairTerm, chairmanshipsQuery, partiesQuery } from '../api/registry.ts';
import { AdminOnly, FormOutcome, orNull, SelectField, SubmitButton, TextField, useAdminForm } from '../components/portal/form.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';

function TermForm({ term }: { term: ChairTerm | null }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const form = useAdminForm();
  const parties = useQuery(partiesQuery);
  const [party, setParty] = useState(term?.party.code ?? '');
  const [start, setStart] = useState(term?.start ?? '');
  const [end, setEnd] = useState(term?.end ?? '');
  const [howDecided, setHowDecided] = useState(term?.howDecided ?? '');
  const [decidedOn, setDecidedOn] = useState(term?.decidedOn ?? '');
  const [decisionRef, setDecisionRef] = useState(term?.decisionRef ?? '');
  const [uncertain, setUncertain] = useState(term?.uncertain ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      party,
      start: start.trim(),
      end: orNull(end),
      howDecided: howDecided.trim(),
      decidedOn: orNull(decidedOn),
      decisionRef: orNull(decisionRef),
      uncertain: orNull(uncertain),
    };
    void form.run(async () => {
      if (term) return apiSend('PATCH', `/chairmanships/${term.id}`, body);
      const created = await apiSend<ChairTerm>('POST', '/chairmanships', body);
      await navigate({ to: '/admin/chairmanships/$id', params: { id: created.id } });
      return created;
    });
  };

  const members = (parties.data?.parties ?? [])
    .filter((p) => p.kind === 'member-state')
    .map((p) => {
      const picked = pickLocalized(p.shortNames, intl.locale);
      return { value: p.code, label: picked?.text ?? p.code, lang: picked?.lang !== intl.locale ? picked?.lang : undefined };
    })
    .sort((a, b) => a.label.localeCompare(b.label, intl.locale));

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="term-form-heading">
      <h2 id="term-form-heading" className="sr-only">
        <FormattedMessage id={term ? 'portal.admin.editTerm' : 'portal.admin.newTerm'} />
      </h2>
      <SelectField
        name="party"
        required
        label={<FormattedMessage id="portal.admin.chairParty" />}
        value={party}
        onChange={setParty}
        errors={form.errors}
        options={[{ value: '', label: intl.formatMessage({ id: 'portal.admin.choose' }) }, ...members]}
      />
      <div className="admin-form__grid">
        <TextField name="start" dir="ltr" required label={<FormattedMessage id="portal.admin.start" />} hint={<FormattedMessage id="portal.admin.dateHint" />} value={start} onChange={setStart} errors={form.errors} />
        <TextField name="end" dir="ltr" label={<FormattedMessage id="portal.admin.end" />} hint={<FormattedMessage id="portal.admin.dateHint" />} value={end} onChange={setEnd} errors={form.errors} />
      </div>
      <TextField name="howDecided" lang="en" required label={<FormattedMessage id="portal.chair.decided" />} value={howDecided} onChange={setHowDecided} errors={form.errors} multiline />
      <div className="admin-form__grid">
        <TextField name="decidedOn" dir="ltr" label={<FormattedMessage id="portal.admin.decidedOn" />} value={decidedOn} onChange={setDecidedOn} errors={form.errors} />
        <TextField name="decisionRef" dir="ltr" label={<FormattedMessage id="portal.party.col.decision" />} value={decisionRef} onChange={setDecisionRef} errors={form.errors} />
      </div>
      <TextField name="uncertain" label={<FormattedMessage id="portal.admin.uncertainNote" />} value={uncertain} onChange={setUncertain} errors={form.errors} multiline />
      <FormOutcome error={form.error} saved={form.saved} />
      <div>
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="portal.admin.save" />
        </SubmitButton>
      </div>
    </form>
  );
}

function EditTerm() {
  const { id } = adminChairTermRoute.useParams();
  const intl = useIntl();
  const isNew = id === 'new';
  useDocumentTitle(intl.formatMessage({ id: isNew ? 'portal.admin.newTerm' : 'portal.admin.editTerm' }));
  const chairs = useQuery(chairmanshipsQuery);
  if (chairs.isPending) return <Loading />;
  if (chairs.isError) return <ProblemMessage error={chairs.error} headingLevel={1} />;
  const term = isNew ? null : (chairs.data.terms.find((t) => t.id === id) ?? undefined);
  if (term === undefined) return <Notice tone="info" headingLevel={1} title={<FormattedMessage id="error.not_found" />} />;
  return (
    <article>
      <p>
        <Link to="/chairmanship">
          <FormattedMessage id="portal.chair.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id={isNew ? 'portal.admin.newTerm' : 'portal.admin.editTerm'} />
      </h1>
      <TermForm key={id} term={term} />
    </article>
  );
}

export const adminChairTermRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/chairmanships/$id',
  component: () => (
    <AdminOnly>
      <EditTerm />
    </AdminOnly>
  ),
});

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me } from '../api/account.ts';
import { isApiError } from '../api/client.ts';
import {
  type ContentKind,
  type ExchangeForm,
  exchangeFormQuery,
  exchangeKey,
  type FieldError,
  type SubmissionDetail,
  submissionQuery,
  validateAnswers,
} from '../api/exchange.ts';
import { RequireSignedIn } from '../components/account/session.tsx';
import { type Audience, Localized, useLocalized, VisibilityPicker } from '../components/exchange/exchange-bits.tsx';
import { type Answers, ErrorSummary, pruneEmpty, SchemaForm, useFieldErrorText } from '../components/exchange/schema-form.tsx';
import { Loading, ProblemMessage, useErrorMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { canFile, DueRuleText, ExchangeNav } from './exchange.tsx';
import { rootRoute } from './root.tsx';

/**
 * Filling a form: the fields come from the template's JSON Schema; or "nothing to declare" / "nothing new
 * since YEAR" where the form allows it; who may see it and who receives it; save a draft or submit.
 * Before submitting, the answers are checked by the server (POST …/validate) and every problem is shown
 * next to its field and listed at the top. `?draft=` continues a draft; `?correct=` files a correction.
 */
interface FillSearch {
  draft?: string;
  correct?: string;
}

function FillPage() {
  const { formId } = fillRoute.useParams();
  const search = fillRoute.useSearch();
  const form = useQuery(exchangeFormQuery(formId));
  const existingId = search.draft ?? search.correct;
  const existing = useQuery({ ...submissionQuery(existingId ?? 'none'), enabled: Boolean(existingId) });
  const intl = useIntl();
  const localized = useLocalized();
  useDocumentTitle(form.data ? localized(form.data.title) : intl.formatMessage({ id: 'exchange.title' }));
  if (form.isPending || (existingId && existing.isPending)) return <Loading />;
  if (form.isError) return <ProblemMessage error={form.error} headingLevel={1} />;
  if (existingId && existing.isError) return <ProblemMessage error={existing.error} headingLevel={1} />;
  return (
    <div className="xc-page">
      <h1>
        {search.correct ? (
          <FormattedMessage id="exchange.fill.correctionOf" values={{ form: localized(form.data.title) }} />
        ) : (
          <Localized text={form.data.title} />
        )}
      </h1>
      <ExchangeNav />
      <p className="xc-intro">
        <Localized text={form.data.description} />
      </p>
      <p className="xc-meta">
        <DueRuleText rule={form.data.dueRule} />
      </p>
      <RequireSignedIn allow={canFile}>
        {(me) => <FillForm key={existingId ?? 'new'} form={form.data} me={me} existing={existing.data ?? null} mode={search.correct ? 'correct' : search.draft ? 'draft' : 'new'} />}
      </RequireSignedIn>
    </div>
  );
}

function FillForm(props: { form: ExchangeForm; me: Me; existing: SubmissionDetail | null; mode: 'new' | 'draft' | 'correct' }) {
  const { form, existing } = props;
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useFieldErrorText(form);
  const summaryHeading = useId();
  const thisYear = new Date().getFullYear();
  const annual = form.dueRule.kind === 'annual';
  const [kind, setKind] = useState<ContentKind>(existing?.kind ?? 'data');
  const [year, setYear] = useState<number>(existing?.year ?? thisYear);
  const [since, setSince] = useState<number>(existing?.nothingNewSince ?? (existing?.year ?? thisYear) - 1);
  const [answers, setAnswers] = useState<Answers>((existing?.data as Answers) ?? {});
  const [audience, setAudience] = useState<Audience>({
    visibility: existing?.visibility ?? 'parties',
    visibleTo: existing?.visibleTo ?? [],
    recipients: existing?.recipients?.map((r) => r.party) ?? [],
  });
  const [errors, setErrors] = useState<Array<{ path: string; text: string }>>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problemText = useErrorMessage(problem);

  useEffect(() => {
    if (errors.length > 0) document.getElementById('xc-error-summary')?.focus();
  }, [errors]);

  const errorMap = Object.fromEntries(errors.map((e) => [e.path, e.text]));
  const show = (list: FieldError[]) => setErrors(list.map((e) => ({ path: e.field, text: errorText(e) })));

  const body = () => ({
    kind,
    nothingNewSince: kind === 'nothing-new' ? since : null,
    data: kind === 'data' ? (pruneEmpty(answers) as Answers) : null,
    visibility: audience.visibility,
    visibleTo: audience.visibility === 'parties' ? audience.visibleTo : [],
    recipients: audience.recipients,
  });

  const send = async (submit: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (submit && kind === 'data') {
        const check = await validateAnswers(form.id, pruneEmpty(answers));
        if (!check.valid) {
          show(check.errors);
          return;
        }
      }
      setErrors([]);
      let saved: SubmissionDetail;
      if (props.mode === 'correct' && existing) {
        saved = await apiCall<SubmissionDetail>('POST', `/exchange/submissions/${existing.id}/corrections`, { body: { ...body(), submit } });
      } else if (props.mode === 'draft' && existing) {
        const { kind: k, nothingNewSince, data, visibility, visibleTo, recipients } = body();
        saved = await apiCall<SubmissionDetail>('PATCH', `/exchange/submissions/${existing.id}`, {
          body: { kind: k, nothingNewSince, data, visibility, visibleTo, recipients, ...(annual ? { year } : {}) },
        });
        if (submit) saved = await apiCall<SubmissionDetail>('POST', `/exchange/submissions/${existing.id}/submit`);
      } else {
        saved = await apiCall<SubmissionDetail>('POST', '/exchange/submissions', { body: { formId: form.id, ...(annual ? { year } : {}), ...body(), submit } });
      }
      await queryClient.invalidateQueries({ queryKey: exchangeKey });
      await navigate({ to: '/exchange/submissions/$id', params: { id: saved.id }, search: { saved: submit ? 'submitted' : 'draft' } });
    } catch (err) {
      // Field problems from the server (its English messages) go next to their fields too.
      if (isApiError(err) && err.problem.errors?.length) {
        setErrors(err.problem.errors.map((e) => ({ path: e.field.replace(/^(body\.)?data\./, ''), text: e.message })));
      }
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(true);
  };

  const kinds: ContentKind[] = ['data', ...(form.allowsNothingToDeclare ? (['nothing-to-declare'] as const) : []), ...(form.allowsNothingNew ? (['nothing-new'] as const) : [])];
  const audienceErrors = Object.fromEntries(
    errors.filter((e) => e.path.startsWith('visibleTo') || e.path.startsWith('recipients')).map((e) => [e.path.split('.')[0], e.text]),
  );

  return (
    <form className="xc-fill" onSubmit={onSubmit} noValidate aria-busy={busy}>
      <ErrorSummary form={form} errors={errors} headingId={summaryHeading} />
      {problem && !errors.length ? (
        <div role="alert" className="xc-error-summary">
          <p>{problemText}</p>
        </div>
      ) : null}
      {annual && props.mode !== 'correct' ? (
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-year" className="xc-field__label">
            <FormattedMessage id="exchange.fill.year" />
          </label>
          <select id="xc-year" value={year} onChange={(e) => setYear(Number(e.target.value))} aria-describedby="xc-year-hint">
            {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <p id="xc-year-hint" className="xc-hint">
            <FormattedMessage id="exchange.fill.covers" values={{ year: form.dueRule.kind === 'annual' && form.dueRule.covers === 'previous-year' ? year - 1 : year }} />
          </p>
        </div>
      ) : null}
      {kinds.length > 1 ? (
        <fieldset className="xc-choice">
          <legend>
            <FormattedMessage id="exchange.fill.kindLegend" />
          </legend>
          {kinds.map((k) => (
            <label key={k} className="xc-choice__option">
              <input type="radio" name="xc-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> <FormattedMessage id={`exchange.kind.${k}`} />
            </label>
          ))}
          {kind === 'nothing-new' ? (
            <div className="xc-field xc-field--narrow xc-indent">
              <label htmlFor="xc-since" className="xc-field__label">
                <FormattedMessage id="exchange.fill.since" />
              </label>
              <select id="xc-since" value={since} onChange={(e) => setSince(Number(e.target.value))}>
                {Array.from({ length: 10 }, (_, i) => year - 1 - i).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {kind === 'data' ? (
        <section className="xc-answers-form" aria-labelledby="xc-answers-heading">
          <h2 id="xc-answers-heading">
            <FormattedMessage id="exchange.fill.answers" />
          </h2>
          <p className="xc-hint">
            <FormattedMessage id="exchange.fill.requiredNote" />
          </p>
          <SchemaForm form={form} answers={answers} errors={errorMap} onChange={setAnswers} disabled={busy} />
        </section>
      ) : null}
      <section aria-labelledby="xc-audience-heading">
        <h2 id="xc-audience-heading">
          <FormattedMessage id="exchange.fill.audience" />
        </h2>
        <VisibilityPicker value={audience} onChange={setAudience} ownParty={props.me.user.party.code} errors={audienceErrors} />
      </section>
      <p className="xc-hint">
        <FormattedMessage id="exchange.fill.immutable" />
      </p>
      <div className="xc-actions">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id="exchange.fill.submit" />
        </button>
        <button type="button" className="button xc-button--secondary" disabled={busy} onClick={() => void send(false)}>
          <FormattedMessage id="exchange.fill.saveDraft" />
        </button>
        <Link to="/exchange">
          <FormattedMessage id="exchange.fill.cancel" />
        </Link>
      </div>
      <p className="sr-only" role="status">
        {busy ? intl.formatMessage({ id: 'status.loading' }) : ''}
      </p>
    </form>
  );
}

export const fillRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exchange/forms/$formId/fill',
  component: FillPage,
  validateSearch: (s: Record<string, unknown>): FillSearch => ({
    draft: typeof s.draft === 'string' && /^[0-9a-f-]{36}$/.test(s.draft) ? s.draft : undefined,
    correct: typeof s.correct === 'string' && /^[0-9a-f-]{36}$/.test(s.correct) ? s.correct : undefined,
  }),
});

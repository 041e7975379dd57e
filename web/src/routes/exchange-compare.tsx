import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { compareYearsQuery, exchangeFormsQuery, type YearComparison } from '../api/exchange.ts';
import { partiesQuery } from '../api/registry.ts';
import { Localized, PartyName } from '../components/exchange/exchange-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { ExchangeNav } from './exchange.tsx';
import { rootRoute } from './root.tsx';

/**
 * A party's answers to one form compared year over year: this year's submission against an earlier
 * year's, field by field, the fields that changed marked in words (and a symbol), not by colour alone.
 * Only what the reader may see is compared (the API leaves out what is hidden from them).
 */

type Value = string | number | boolean | null;

function ValueText({ value }: { value: Value }) {
  const intl = useIntl();
  if (value === null) return <span className="xc-hint">{intl.formatMessage({ id: 'exchange.compare.notGiven' })}</span>;
  if (typeof value === 'boolean') return <>{intl.formatMessage({ id: value ? 'exchange.compare.yes' : 'exchange.compare.no' })}</>;
  if (typeof value === 'number') return <span dir="ltr">{intl.formatNumber(value)}</span>;
  return <span dir="auto">{value}</span>;
}

/** A field's label in the reader's language, with the position in a list ("Exercise 2") when it repeats. */
function FieldLabel({ field }: { field: YearComparison['fields'][number] }) {
  const indexes = [...field.path.matchAll(/\.(\d+)(?=\.|$)/g)].map((m) => Number(m[1]) + 1);
  return (
    <>
      {field.label ? <Localized text={field.label} /> : <code dir="ltr">{field.path}</code>}
      {indexes.length > 0 ? (
        <span className="xc-hint">
          {' '}
          <FormattedMessage id="exchange.compare.item" values={{ n: indexes.join('.') }} />
        </span>
      ) : null}
    </>
  );
}

function YearSummary({ y }: { y: YearComparison['years'][number] }) {
  if (!y.submissionId) return <FormattedMessage id="exchange.compare.none" />;
  return (
    <>
      <Link to="/exchange/submissions/$id" params={{ id: y.submissionId }} search={{}}>
        {y.kind === 'nothing-to-declare' ? (
          <FormattedMessage id="exchange.kind.nothing-to-declare" />
        ) : y.kind === 'nothing-new' ? (
          <FormattedMessage id="exchange.submission.nothingNewSince" values={{ year: y.nothingNewSince }} />
        ) : (
          <FormattedMessage id="exchange.compare.submission" values={{ version: y.version ?? 1 }} />
        )}
      </Link>
      {y.submittedAt ? (
        <span className="xc-hint xc-block">
          <FormattedDate value={y.submittedAt} dateStyle="medium" />
        </span>
      ) : null}
    </>
  );
}

function Comparison(props: { party: string; form: string; years: [number, number] }) {
  const intl = useIntl();
  const q = useQuery(compareYearsQuery(props.party, props.form, props.years));
  const [onlyChanged, setOnlyChanged] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemMessage error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const [earlier, later] = c.years;
  const changed = c.fields.filter((f) => f.changed).length;
  const rows = onlyChanged ? c.fields.filter((f) => f.changed) : c.fields;
  return (
    <section aria-labelledby="xc-compare-result">
      <h2 id="xc-compare-result">
        <FormattedMessage id="exchange.compare.result" values={{ party: <PartyName key="p" code={c.party} />, earlier: earlier.year, later: later.year }} />
      </h2>
      <dl className="xc-compare-years">
        {c.years.map((y) => (
          <div key={y.year}>
            <dt>{y.year}</dt>
            <dd>
              <YearSummary y={y} />
            </dd>
          </div>
        ))}
      </dl>
      {c.fields.length === 0 ? (
        <p>
          <FormattedMessage id="exchange.compare.noFields" />
        </p>
      ) : (
        <>
          <p role="status">
            <FormattedMessage id="exchange.compare.summary" values={{ changed, total: c.fields.length }} />
          </p>
          <p>
            <label className="xc-inline-check">
              <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> <FormattedMessage id="exchange.compare.onlyChanged" />
            </label>
          </p>
          <DataTable
            caption={intl.formatMessage({ id: 'exchange.compare.caption' }, { earlier: earlier.year, later: later.year })}
            className="xc-compare"
            rows={rows}
            rowKey={(f) => f.path}
            columns={[
              { heading: 'exchange.compare.field', cell: (f) => <FieldLabel field={f} /> },
              { heading: 'exchange.compare.earlier', cell: (f) => <ValueText value={f.values[0]} /> },
              {
                heading: 'exchange.compare.later',
                cell: (f) => (
                  <span className={f.changed ? 'xc-compare__new' : undefined}>
                    <ValueText value={f.values[1]} />
                  </span>
                ),
              },
              {
                heading: 'exchange.compare.changed',
                cell: (f) =>
                  f.changed ? (
                    <span className="xc-badge xc-badge--due">
                      <FormattedMessage id="exchange.compare.changedYes" />
                    </span>
                  ) : (
                    <span className="xc-hint">
                      <FormattedMessage id="exchange.compare.same" />
                    </span>
                  ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function ComparePage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const search = exchangeCompareRoute.useSearch();
  const me = useQuery(meQuery);
  const forms = useQuery(exchangeFormsQuery);
  const parties = useQuery(partiesQuery);
  const thisYear = new Date().getFullYear();
  const ownParty = me.data && me.data.user.party.kind !== 'secretariat' ? me.data.user.party.code : undefined;
  const party = search.party ?? ownParty;
  const form = search.form ?? forms.data?.items[0]?.code;
  const later = search.year ?? thisYear;
  const earlier = search.against ?? later - 1;
  const [draft, setDraft] = useState<{ party?: string; form?: string; year?: string; against?: string }>({});
  const title = intl.formatMessage({ id: 'exchange.compare.title' });
  useDocumentTitle(title);
  const members = (parties.data?.parties ?? [])
    .filter((p) => p.kind === 'member-state')
    .map((p) => ({ code: p.code, name: pickLocalized(p.shortNames, intl.locale)?.text ?? pickLocalized(p.names, intl.locale)?.text ?? p.code }))
    .sort((a, b) => a.name.localeCompare(b.name, intl.locale));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(draft.year ?? later);
    const a = Number(draft.against ?? earlier);
    const ok = (n: number) => Number.isInteger(n) && n >= 1990 && n <= 2200;
    void navigate({
      to: '/exchange/compare',
      search: { party: draft.party ?? party, form: draft.form ?? form, year: ok(y) ? y : undefined, against: ok(a) && a !== y ? a : undefined },
    });
  };
  const valid = party && form && earlier !== later;
  return (
    <div className="xc-page">
      <h1>{title}</h1>
      <p className="xc-intro">
        <FormattedMessage id="exchange.compare.intro" />
      </p>
      <ExchangeNav />
      <form className="xc-filters" onSubmit={submit} aria-label={intl.formatMessage({ id: 'exchange.compare.choose' })}>
        <div className="xc-field">
          <label htmlFor="xc-c-party" className="xc-field__label">
            <FormattedMessage id="exchange.col.party" />
          </label>
          <select id="xc-c-party" value={draft.party ?? party ?? ''} onChange={(e) => setDraft({ ...draft, party: e.target.value })} required>
            <option value="" disabled>
              {intl.formatMessage({ id: 'exchange.compare.pickParty' })}
            </option>
            {members.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="xc-field">
          <label htmlFor="xc-c-form" className="xc-field__label">
            <FormattedMessage id="exchange.col.form" />
          </label>
          <select id="xc-c-form" value={draft.form ?? form ?? ''} onChange={(e) => setDraft({ ...draft, form: e.target.value })}>
            {forms.data?.items.map((f) => (
              <option key={f.code} value={f.code}>
                {pickLocalized(f.title, intl.locale)?.text ?? f.code}
              </option>
            ))}
          </select>
        </div>
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-c-year" className="xc-field__label">
            <FormattedMessage id="exchange.compare.year" />
          </label>
          <input id="xc-c-year" type="number" inputMode="numeric" dir="ltr" min={1990} max={2200} value={draft.year ?? String(later)} onChange={(e) => setDraft({ ...draft, year: e.target.value })} />
        </div>
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-c-against" className="xc-field__label">
            <FormattedMessage id="exchange.compare.against" />
          </label>
          <input
            id="xc-c-against"
            type="number"
            inputMode="numeric"
            dir="ltr"
            min={1990}
            max={2200}
            value={draft.against ?? String(earlier)}
            onChange={(e) => setDraft({ ...draft, against: e.target.value })}
          />
        </div>
        <button type="submit" className="button xc-button--secondary">
          <FormattedMessage id="exchange.compare.submit" />
        </button>
      </form>
      {valid ? (
        <Comparison key={`${party}-${form}-${earlier}-${later}`} party={party} form={form} years={earlier < later ? [earlier, later] : [later, earlier]} />
      ) : (
        <p>
          <FormattedMessage id="exchange.compare.pick" />
        </p>
      )}
    </div>
  );
}

const yearOf = (v: unknown) => {
  const y = Number(v);
  return Number.isInteger(y) && y >= 1990 && y <= 2200 ? y : undefined;
};
const code = (v: unknown, re: RegExp) => (typeof v === 'string' && re.test(v) ? v : undefined);

export const exchangeCompareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exchange/compare',
  component: ComparePage,
  validateSearch: (s: Record<string, unknown>): { party?: string; form?: string; year?: number; against?: number } => ({
    party: code(typeof s.party === 'string' ? s.party.toUpperCase() : s.party, /^[A-Z0-9-]{2,16}$/),
    form: code(s.form, /^[a-z0-9-]{2,64}$/),
    year: yearOf(s.year),
    against: yearOf(s.against),
  }),
});

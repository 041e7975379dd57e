import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { type AccessChange, type AccessLevel, accessLevels, type DocumentDetail, documentsApi, documentsKey, fileRulesQuery } from '../api/documents.ts';
import { partiesQuery } from '../api/registry.ts';
import { DataTable } from '../components/list/data-table.tsx';
import { ProblemMessage } from '../components/status.tsx';
import { languageName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';

/**
 * The Secretariat's access controls on a document page: change the level (and the parties a
 * restricted document is addressed to), schedule a derestriction on a date, derestrict now by a
 * decision, and the history of every change. Plus the upload of a language version's file.
 */

const openness: Record<AccessLevel, number> = { restricted: 0, members: 1, 'members-and-observers': 2, public: 3 };
const widerThan = (level: AccessLevel) => accessLevels.filter((l) => openness[l] > openness[level]);

function useRun() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: boolean }>({ busy: false, error: null, done: false });
  const run = async (send: () => Promise<unknown>) => {
    setState({ busy: true, error: null, done: false });
    try {
      await send();
      await queryClient.invalidateQueries({ queryKey: documentsKey });
      setState({ busy: false, error: null, done: true });
      return true;
    } catch (error) {
      setState({ busy: false, error, done: false });
      return false;
    }
  };
  return { ...state, run };
}

function PartyChecks(props: { value: string[]; onChange: (codes: string[]) => void }) {
  const intl = useIntl();
  const parties = useQuery(partiesQuery);
  const candidates = (parties.data?.parties ?? [])
    .filter((p) => p.kind !== 'secretariat' && p.status !== null)
    .map((p) => ({ code: p.code, name: pickLocalized(p.shortNames, intl.locale)?.text ?? pickLocalized(p.names, intl.locale)?.text ?? p.code }))
    .sort((a, b) => a.name.localeCompare(b.name, intl.locale));
  return (
    <fieldset className="doc-access__parties">
      <legend>
        <FormattedMessage id="documents.accessForm.parties" />
      </legend>
      <ul>
        {candidates.map((p) => (
          <li key={p.code}>
            <label>
              <input
                type="checkbox"
                checked={props.value.includes(p.code)}
                onChange={(e) => props.onChange(e.target.checked ? [...props.value, p.code] : props.value.filter((c) => c !== p.code))}
              />{' '}
              {p.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function LevelSelect(props: { id: string; label: string; value: AccessLevel; options: readonly AccessLevel[]; onChange: (l: AccessLevel) => void }) {
  const intl = useIntl();
  return (
    <div className="doc-filters__field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as AccessLevel)}>
        {props.options.map((l) => (
          <option key={l} value={l}>
            {intl.formatMessage({ id: `documents.access.${l}` })}
          </option>
        ))}
      </select>
    </div>
  );
}

function ChangeAccessForm({ doc, onDone }: { doc: DocumentDetail; onDone: (message: 'saved' | 'derestricted') => void }) {
  const intl = useIntl();
  const ids = useId();
  const change = useRun();
  const [level, setLevel] = useState<AccessLevel>(doc.access.setLevel);
  const [parties, setParties] = useState<string[]>(doc.access.addressedParties);
  const [on, setOn] = useState(doc.access.derestrictAt ? doc.access.derestrictAt.slice(0, 10) : '');
  const [to, setTo] = useState<AccessLevel>(doc.access.derestrictTo ?? 'public');
  const [note, setNote] = useState('');
  const wider = widerThan(level);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const scheduled = on !== '' && wider.length > 0;
        void change.run(() =>
      documentsApi.changeAccess(doc.id, {
        level,
        addressedParties: level === 'restricted' ? parties : [],
        derestrictAt: scheduled ? `${on}T00:00:00Z` : null,
        derestrictTo: scheduled ? (wider.includes(to) ? to : wider[wider.length - 1]) : null,
        note: note.trim() || undefined,
      }),
    ).then((ok) => ok && onDone('saved'));
  };
  return (
    <form className="doc-access__form" onSubmit={submit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="documents.accessForm.heading" />
      </h3>
      <div className="doc-access__row">
        <LevelSelect id={`${ids}-level`} label={intl.formatMessage({ id: 'documents.accessForm.level' })} value={level} options={accessLevels} onChange={setLevel} />
      </div>
      {level === 'restricted' ? <PartyChecks value={parties} onChange={setParties} /> : null}
      {wider.length > 0 ? (
        <fieldset className="doc-access__schedule">
          <legend>
            <FormattedMessage id="documents.accessForm.schedule" />
          </legend>
          <p className="portal-muted">
            <FormattedMessage id="documents.accessForm.scheduleHint" />
          </p>
          <div className="doc-access__row">
            <div className="doc-filters__field">
              <label htmlFor={`${ids}-on`}>
                <FormattedMessage id="documents.accessForm.on" />
              </label>
              <input id={`${ids}-on`} type="date" dir="ltr" value={on} onChange={(e) => setOn(e.target.value)} />
            </div>
            <LevelSelect id={`${ids}-to`} label={intl.formatMessage({ id: 'documents.accessForm.openTo' })} value={wider.includes(to) ? to : wider[wider.length - 1]} options={wider} onChange={setTo} />
          </div>
        </fieldset>
      ) : null}
      <div className="doc-filters__field">
        <label htmlFor={`${ids}-note`}>
          <FormattedMessage id="documents.accessForm.note" />
        </label>
        <input id={`${ids}-note`} dir="auto" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p>
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="documents.accessForm.save" />
        </button>
      </p>
      {change.error ? <ProblemMessage error={change.error} /> : null}
    </form>
  );
}

function DerestrictForm({ doc, onDone }: { doc: DocumentDetail; onDone: (message: 'saved' | 'derestricted') => void }) {
  const intl = useIntl();
  const ids = useId();
  const change = useRun();
  const wider = widerThan(doc.access.level);
  const [to, setTo] = useState<AccessLevel>('public');
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  if (wider.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change
      .run(() => documentsApi.derestrict(doc.id, { to: wider.includes(to) ? to : wider[wider.length - 1], decisionRef: decisionRef.trim(), note: note.trim() || undefined }))
      .then((ok) => ok && onDone('derestricted'));
  };
  return (
    <form className="doc-access__form" onSubmit={submit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="documents.derestrictForm.heading" />
      </h3>
      <div className="doc-access__row">
        <LevelSelect id={`${ids}-to`} label={intl.formatMessage({ id: 'documents.accessForm.openTo' })} value={wider.includes(to) ? to : wider[wider.length - 1]} options={wider} onChange={setTo} />
        <div className="doc-filters__field doc-filters__field--wide">
          <label htmlFor={`${ids}-ref`}>
            <FormattedMessage id="documents.derestrictForm.decision" />
          </label>
          <input id={`${ids}-ref`} dir="ltr" required maxLength={200} value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />
        </div>
      </div>
      <div className="doc-filters__field">
        <label htmlFor={`${ids}-note`}>
          <FormattedMessage id="documents.accessForm.note" />
        </label>
        <input id={`${ids}-note`} dir="auto" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p>
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="documents.derestrictForm.submit" />
        </button>
      </p>
      {change.error ? <ProblemMessage error={change.error} /> : null}
    </form>
  );
}

function AccessHistory({ history }: { history: AccessChange[] }) {
  const intl = useIntl();
  const level = (l: AccessLevel | null) => (l ? intl.formatMessage({ id: `documents.access.${l}` }) : '—');
  return (
    <DataTable
      caption={<FormattedMessage id="documents.accessHistory" />}
      showCaption
      className="doc-access__history"
      rows={[...history].reverse()}
      rowKey={(h) => `${h.at}-${h.change}-${h.toLevel}`}
      columns={[
        { heading: 'documents.history.when', cell: (h) => <FormattedDate value={h.at} dateStyle="medium" timeStyle="short" /> },
        { heading: 'documents.history.change', cell: (h) => <FormattedMessage id={`documents.history.change.${h.change}`} /> },
        {
          heading: 'documents.history.levels',
          cell: (h) =>
            h.fromLevel && h.fromLevel !== h.toLevel ? intl.formatMessage({ id: 'documents.history.fromTo' }, { from: level(h.fromLevel), to: level(h.toLevel) }) : level(h.toLevel),
        },
        { heading: 'documents.history.parties', dir: 'ltr', cell: (h) => (h.parties.length ? h.parties.join(', ') : '—') },
        { heading: 'documents.history.effective', cell: (h) => (h.effectiveAt ? <FormattedDate value={h.effectiveAt} dateStyle="medium" timeZone="UTC" /> : '—') },
        {
          heading: 'documents.history.decision',
          cell: (h) => (
            <>
              {h.decisionRef ? <span dir="ltr">{h.decisionRef}</span> : '—'}
              {h.note ? (
                <div className="portal-muted" dir="auto">
                  {h.note}
                </div>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/** The access section of a document page: who may read it, and for the Secretariat the forms and the history. */
export function AccessPanel({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  // Said outside the forms: each form starts afresh from the saved setting once it is saved.
  const [done, setDone] = useState<'saved' | 'derestricted' | null>(null);
  if (!doc.can.manage && !doc.accessHistory) return null;
  return (
    <section className="doc-access no-print" aria-labelledby="doc-access-h">
      <h2 id="doc-access-h">
        <FormattedMessage id="documents.accessSection" />
      </h2>
      {doc.can.manage ? (
        <div className="doc-access__forms">
          <ChangeAccessForm key={`${doc.access.setLevel}-${doc.access.derestrictAt}-${doc.access.addressedParties.join()}`} doc={doc} onDone={setDone} />
          <DerestrictForm key={doc.access.level} doc={doc} onDone={setDone} />
        </div>
      ) : null}
      <p role="status" className="doc-access__done">
        {done ? intl.formatMessage({ id: done === 'saved' ? 'documents.accessForm.saved' : 'documents.derestrictForm.done' }) : ''}
      </p>
      {doc.accessHistory && doc.accessHistory.length > 0 ? <AccessHistory history={doc.accessHistory} /> : null}
    </section>
  );
}

/** Upload a PDF, DOCX or ODT file of one language version; the type is judged on the server by its content. */
export function FileUpload({ doc, lang }: { doc: DocumentDetail; lang: string }) {
  const intl = useIntl();
  const ids = useId();
  const rules = useQuery(fileRulesQuery);
  const input = useRef<HTMLInputElement>(null);
  const change = useRun();
  const [tooBig, setTooBig] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    // The server checks again; this only spares a long upload that would be refused.
    if (rules.data && file.size > rules.data.maxBytes) {
      setTooBig(true);
      return;
    }
    setTooBig(false);
    if (await change.run(() => documentsApi.upload(doc.id, lang, file))) {
      if (input.current) input.current.value = '';
    }
  };
  const accept = rules.data ? rules.data.kinds.flatMap((k) => [`.${k.ext}`, k.mediaType]).join(',') : '.pdf,.docx,.odt';
  const mb = rules.data ? rules.data.maxBytes / 1024 / 1024 : null;
  const language = languageName(lang, intl.locale);
  return (
    <form className="doc-upload" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${ids}-file`} className="sr-only">
        <FormattedMessage id="documents.upload.label" values={{ language }} />
      </label>
      <input id={`${ids}-file`} ref={input} type="file" accept={accept} aria-describedby={`${ids}-hint`} onChange={() => setTooBig(false)} />
      <button type="submit" className="button button--secondary" disabled={change.busy}>
        <FormattedMessage id="documents.upload.submit" />
        <span className="sr-only">{`: ${language}`}</span>
      </button>
      <p id={`${ids}-hint`} className="portal-muted doc-upload__hint">
        {mb === null ? (
          <FormattedMessage id="documents.upload.hintNoSize" />
        ) : (
          <FormattedMessage id="documents.upload.hint" values={{ size: <FormattedNumber key="s" value={mb} maximumFractionDigits={1} /> }} />
        )}
      </p>
      <p role="status" className="doc-upload__done">
        {change.done ? intl.formatMessage({ id: 'documents.upload.done' }) : ''}
      </p>
      {tooBig && mb !== null ? (
        <p role="alert" className="doc-upload__error">
          <FormattedMessage id="documents.upload.tooBig" values={{ size: intl.formatNumber(mb, { maximumFractionDigits: 1 }) }} />
        </p>
      ) : null}
      {change.error ? <ProblemMessage error={change.error} /> : null}
    </form>
  );
}

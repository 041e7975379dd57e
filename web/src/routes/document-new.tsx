import { useQuery } from '@tanstack/react-query';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fieldErrors } from '../api/registry.ts';
import { bodiesQuery } from '../api/registry.ts';
import { type AccessLevel, accessLevels, type DocumentType, documentsApi, documentTypes } from '../api/documents.ts';
import { CheckboxField, SelectField, SubmitButton, TextField } from '../components/portal/form.tsx';
import { ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { documentLanguages } from './documents.tsx';
import { rootRoute } from './root.tsx';
import './documents.css';

function NewDocumentPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const bodies = useQuery(bodiesQuery);
  useDocumentTitle(intl.formatMessage({ id: 'documents.new.title' }));
  const [type, setType] = useState<DocumentType>('declaration');
  const [bodyCode, setBodyCode] = useState('SOC');
  const [title, setTitle] = useState('');
  const [originalLanguage, setOriginalLanguage] = useState('en');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [accessLevel, setAccessLevel] = useState<AccessLevel>('members');
  const [parties, setParties] = useState('');
  const [translations, setTranslations] = useState<string[]>([]);
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const errors = fieldErrors(state.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      const doc = await documentsApi.create({
        type,
        bodyCode,
        title,
        originalLanguage,
        date,
        accessLevel,
        addressedParties: parties
          .split(/[\s,;]+/)
          .map((p) => p.trim().toUpperCase())
          .filter(Boolean),
        translations,
      });
      await navigate({ to: '/documents/$id', params: { id: doc.id } });
    } catch (error) {
      setState({ busy: false, error });
    }
  };

  return (
    <div className="documents">
      <h1>
        <FormattedMessage id="documents.new.title" />
      </h1>
      <form className="admin-form doc-form" onSubmit={submit} noValidate>
        <SelectField
          name="type"
          label={<FormattedMessage id="documents.type" />}
          value={type}
          onChange={(v) => setType(v as DocumentType)}
          errors={errors}
          options={documentTypes.map((t) => ({ value: t, label: intl.formatMessage({ id: `documents.type.${t}` }) }))}
        />
        <SelectField
          name="bodyCode"
          label={<FormattedMessage id="documents.body" />}
          value={bodyCode}
          onChange={setBodyCode}
          errors={errors}
          options={(bodies.data?.bodies ?? [{ code: 'SOC', names: { en: 'SOC' } }]).map((b) => ({ value: b.code, label: `${b.code} – ${pickLocalized(b.names, intl.locale)?.text ?? b.code}` }))}
        />
        <TextField name="title" required label={<FormattedMessage id="documents.field.title" />} value={title} onChange={setTitle} errors={errors} lang={originalLanguage} />
        <SelectField
          name="originalLanguage"
          label={<FormattedMessage id="documents.field.originalLanguage" />}
          value={originalLanguage}
          onChange={setOriginalLanguage}
          errors={errors}
          options={documentLanguages.map((l) => ({ value: l, label: languageName(l, intl.locale) }))}
        />
        <TextField name="date" dir="ltr" label={<FormattedMessage id="documents.field.date" />} hint="YYYY-MM-DD" value={date} onChange={setDate} errors={errors} />
        <SelectField
          name="accessLevel"
          label={<FormattedMessage id="documents.field.access" />}
          value={accessLevel}
          onChange={(v) => setAccessLevel(v as AccessLevel)}
          errors={errors}
          options={accessLevels.map((a) => ({ value: a, label: intl.formatMessage({ id: `documents.access.${a}` }) }))}
        />
        {accessLevel === 'restricted' ? (
          <TextField
            name="addressedParties"
            dir="ltr"
            label={<FormattedMessage id="documents.field.parties" />}
            hint={<FormattedMessage id="documents.field.partiesHint" />}
            value={parties}
            onChange={setParties}
            errors={errors}
          />
        ) : null}
        <fieldset className="doc-form__languages">
          <legend>
            <FormattedMessage id="documents.field.translations" />
          </legend>
          {documentLanguages
            .filter((l) => l !== originalLanguage)
            .map((l) => (
              <CheckboxField
                key={l}
                name={`translation-${l}`}
                label={languageName(l, intl.locale)}
                checked={translations.includes(l)}
                onChange={(on) => setTranslations((ts) => (on ? [...ts, l] : ts.filter((x) => x !== l)))}
              />
            ))}
        </fieldset>
        {state.error ? <ProblemMessage error={state.error} /> : null}
        <SubmitButton busy={state.busy}>
          <FormattedMessage id="documents.create" />
        </SubmitButton>
      </form>
    </div>
  );
}

export const documentNewRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/new', component: NewDocumentPage });

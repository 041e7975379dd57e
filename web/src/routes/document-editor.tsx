import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, type Editor, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { directionOfLanguage, documentQuery, documentsApi, documentsKey, type LanguageText, languageTextQuery } from '../api/documents.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import type { MessageId } from '../i18n/messages.ts';
import './documents.css';

/** The editor's top-level blocks become the numbered paragraphs the server stores (and sanitises). */
export function splitParagraphs(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return [...doc.body.children].map((el) => el.outerHTML).filter((h) => h.replace(/<[^>]*>/g, '').trim() !== '' || h.startsWith('<table'));
}

function ToolButton(props: { label: MessageId; active?: boolean; onClick: () => void; disabled?: boolean; children: string }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      className={`editor-tool${props.active ? ' editor-tool--active' : ''}`}
      aria-pressed={props.active ?? undefined}
      title={intl.formatMessage({ id: props.label })}
      disabled={props.disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.children}</span>
      <span className="sr-only">{intl.formatMessage({ id: props.label })}</span>
    </button>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const intl = useIntl();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  const link = () => {
    const url = window.prompt(intl.formatMessage({ id: 'documents.edit.linkPrompt' }), editor.getAttributes('link').href ?? 'https://');
    if (url === null) return;
    if (url.trim() === '') chain().unsetLink().run();
    else if (/^(https?:|mailto:)/i.test(url.trim())) chain().extendMarkRange('link').setLink({ href: url.trim() }).run();
  };
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'documents.edit.toolbar' })}>
      <ToolButton label="documents.edit.heading2" active={s.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label="documents.edit.heading3" active={s.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <ToolButton label="documents.edit.bold" active={s.bold} onClick={() => chain().toggleBold().run()}>
        B
      </ToolButton>
      <ToolButton label="documents.edit.italic" active={s.italic} onClick={() => chain().toggleItalic().run()}>
        I
      </ToolButton>
      <ToolButton label="documents.edit.bulletList" active={s.bullet} onClick={() => chain().toggleBulletList().run()}>
        •
      </ToolButton>
      <ToolButton label="documents.edit.orderedList" active={s.ordered} onClick={() => chain().toggleOrderedList().run()}>
        1.
      </ToolButton>
      <ToolButton label="documents.edit.link" active={s.link} onClick={link}>
        ↗
      </ToolButton>
      <ToolButton label="documents.edit.table" onClick={() => chain().insertTable({ rows: 2, cols: 2, withHeaderRow: true }).run()}>
        ▦
      </ToolButton>
    </div>
  );
}

function TextEditor({ id, lang, text }: { id: string; lang: string; text: LanguageText }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(text.revision ?? 0);
  const [state, setState] = useState<{ busy: boolean; error: unknown; saved: number | null }>({ busy: false, error: null, saved: null });
  const dir = directionOfLanguage(lang);
  const label = intl.formatMessage({ id: 'documents.textIn' }, { language: languageName(lang, intl.locale) });
  const editor = useEditor({
    // The CSP forbids inline styles: the editor's own CSS lives in documents.css.
    injectCSS: false,
    immediatelyRender: true,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        blockquote: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
      }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: text.paragraphs.map((p) => p.html).join(''),
    editorProps: { attributes: { lang, dir, class: 'editor-surface doc-text', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
  });
  const save = async () => {
    if (!editor) return;
    setState({ busy: true, error: null, saved: null });
    try {
      const out = await documentsApi.saveText(id, lang, splitParagraphs(editor.getHTML()), base);
      setBase(out.revision ?? base);
      await queryClient.invalidateQueries({ queryKey: documentsKey });
      setState({ busy: false, error: null, saved: out.revision });
    } catch (error) {
      setState({ busy: false, error, saved: null });
    }
  };
  if (!editor) return <Loading />;
  return (
    <div className="editor">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void save()} disabled={state.busy}>
          <FormattedMessage id="documents.edit.save" />
        </button>
        <p role="status" className="editor-saved">
          {state.saved !== null ? <FormattedMessage id="documents.edit.saved" values={{ revision: state.saved }} /> : null}
        </p>
      </div>
      {state.error ? <ProblemMessage error={state.error} /> : null}
    </div>
  );
}

const routeApi = getRouteApi('/documents/$id/edit/$lang');

/** Loaded on demand (the editor is the heaviest part of the app): see document-edit.tsx. */
export default function EditPage() {
  const intl = useIntl();
  const { id, lang } = routeApi.useParams();
  const doc = useQuery(documentQuery(id));
  const text = useQuery({ ...languageTextQuery(id, lang), staleTime: 0 });
  const language = languageName(lang, intl.locale);
  useDocumentTitle(intl.formatMessage({ id: 'documents.edit.title' }, { language }));
  if (doc.isPending || text.isPending) return <Loading />;
  if (doc.isError) return <ProblemMessage error={doc.error} headingLevel={1} />;
  if (text.isError) return <ProblemMessage error={text.error} headingLevel={1} />;
  return (
    <div className="documents">
      <p className="doc-page__symbol" dir="ltr">
        <Link to="/documents/$id" params={{ id }}>
          {doc.data.symbol}
        </Link>
      </p>
      <h1>
        <FormattedMessage id="documents.edit.title" values={{ language }} />
      </h1>
      <TextEditor key={`${id}-${lang}`} id={id} lang={lang} text={text.data} />
    </div>
  );
}

import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../../i18n/messages.ts';
import './list.css';

/** One column: its heading (a catalogue message id) and how a row shows in it. */
export interface Column<Row> {
  /** Message id of the column heading. */
  heading: MessageId;
  cell: (row: Row) => ReactNode;
  /** Attributes for the cell, e.g. `dir="ltr"` for a symbol. */
  dir?: 'ltr' | 'rtl' | 'auto';
}

/**
 * A table of records with a caption for screen readers (or shown, when `showCaption`), headings from the
 * message catalogue and one row per record. Columns may be left out by passing `null` (e.g. a column only a
 * member state sees).
 */
export function DataTable<Row>(props: {
  caption: ReactNode;
  showCaption?: boolean;
  columns: Array<Column<Row> | null | false>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  className?: string;
}) {
  const columns = props.columns.filter((c): c is Column<Row> => Boolean(c));
  return (
    <div className="list-table-wrap">
      <table className={props.className ? `list-table ${props.className}` : 'list-table'}>
        <caption className={props.showCaption ? undefined : 'sr-only'}>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.heading}>
                <FormattedMessage id={c.heading} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {columns.map((c) => (
                <td key={c.heading} dir={c.dir}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

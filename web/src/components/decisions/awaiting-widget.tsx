import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../../api/account.ts';
import { awaitingMineQuery, titleIn } from '../../api/decisions.ts';
import { InstantIn, viewerTimeZone } from './decision-bits.tsx';

/**
 * "Awaiting my state's action" on the home page: decisions under way on which the signed-in
 * person's state has recorded no position. Nothing for anyone else.
 */
export function AwaitingMyStateWidget() {
  const intl = useIntl();
  const me = useQuery(meQuery);
  const isMember = me.data?.user.party.kind === 'member-state';
  const awaiting = useQuery({ ...awaitingMineQuery, enabled: isMember });
  if (!isMember || !awaiting.data) return null;
  const zone = viewerTimeZone(me.data?.user.timeZone);
  return (
    <section className="dec-widget" aria-labelledby="dec-widget-h">
      <h2 id="dec-widget-h">
        <FormattedMessage id="decisions.widget.heading" />
      </h2>
      {awaiting.data.items.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.widget.none" />
        </p>
      ) : (
        <>
          <ul>
            {awaiting.data.items.map((d) => {
              const title = titleIn(d.title, intl.locale);
              return (
                <li key={d.id}>
                  <Link to="/decisions/$id" params={{ id: d.id }} lang={title.lang} dir="auto">
                    {title.text}
                  </Link>
                  {d.expiry ? (
                    <div className="dec-zone">
                      <FormattedMessage id="decisions.widget.until" values={{ when: <InstantIn key="w" at={d.expiry.at} zone={zone} /> }} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <p>
            <Link to="/decisions" search={{ awaiting: 'mine' }}>
              <FormattedMessage id="decisions.widget.all" values={{ count: awaiting.data.total }} />
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

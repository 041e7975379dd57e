import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Decision } from '../../api/decisions.ts';
import { InstantIn, PositionLabel, StateName } from './decision-bits.tsx';

/** A list of states, by name, in the reader's language. */
export function StateList({ codes }: { codes: readonly string[] }) {
  return (
    <>
      {codes.map((c, i) => (
        <span key={c}>
          {i > 0 ? ', ' : ''}
          <StateName code={c} />
        </span>
      ))}
    </>
  );
}

/** The outcome of a decision once final: adopted (issued, annexes), not adopted (who blocked it), or withdrawn. */
export function Outcome({ decision, zone, children }: { decision: Decision; zone: string; children?: ReactNode }) {
  const d = decision;
  if (d.state !== 'adopted' && d.state !== 'not-adopted' && d.state !== 'withdrawn') return null;
  const objectors = d.finding?.outcome === 'objection' && d.finding.objectors.length ? d.finding.objectors : (d.blockingStates ?? []);
  return (
    <section className="dec-section" aria-labelledby="dec-outcome-h">
      <h2 id="dec-outcome-h">
        <FormattedMessage id="decisions.outcome.heading" />
      </h2>
      {d.state === 'adopted' ? (
        <>
          <p>
            <FormattedMessage id="decisions.outcome.adoptedAt" values={{ when: <InstantIn key="w" at={d.decidedAt!} zone={zone} /> }} />
          </p>
          <p>
            {d.outcomeDocument ? (
              <FormattedMessage
                id="decisions.outcome.issuedAs"
                values={{
                  symbol: (
                    <Link key="s" to="/documents/$id" params={{ id: d.outcomeDocument.id }} dir="ltr">
                      {d.outcomeDocument.symbol}
                    </Link>
                  ),
                }}
              />
            ) : (
              <FormattedMessage id="decisions.outcome.issuing" />
            )}
          </p>
          {d.annexes.length ? (
            <>
              <h3>
                <FormattedMessage id="decisions.outcome.annexes" />
              </h3>
              <ul className="dec-annexes">
                {d.annexes.map((a) => (
                  <li key={`${a.partyCode}-${a.kind}`}>
                    <strong>
                      <StateName code={a.partyCode} /> — <PositionLabel kind={a.kind} />:
                    </strong>{' '}
                    <span dir="auto">{a.text}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : d.state === 'not-adopted' ? (
        <>
          <p>
            <FormattedMessage id="decisions.outcome.notAdopted" />
          </p>
          {d.decidedAt ? (
            <p>
              <FormattedMessage id="decisions.outcome.decidedAt" values={{ when: <InstantIn key="w" at={d.decidedAt} zone={zone} /> }} />
            </p>
          ) : null}
          {objectors.length ? (
            <p>
              <FormattedMessage id={d.procedure === 'in-session' ? 'decisions.outcome.objectedBy' : 'decisions.outcome.brokenBy'} /> <StateList codes={objectors} />
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>
            <FormattedMessage id="decisions.outcome.withdrawn" />
          </p>
          {d.withdrawalReason ? <p dir="auto">{d.withdrawalReason}</p> : null}
        </>
      )}
      {d.finding?.note ? (
        <p dir="auto" className="dec-zone">
          <FormattedMessage id="decisions.outcome.note" values={{ note: <bdi key="n">{d.finding.note}</bdi> }} />
        </p>
      ) : null}
      {children}
    </section>
  );
}

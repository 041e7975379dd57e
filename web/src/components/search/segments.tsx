import type { Segment } from '../../api/search.ts';

/** Text with the matched words in <mark>: the server sends plain segments, never HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their order
          <mark key={i}>{s.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their order
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

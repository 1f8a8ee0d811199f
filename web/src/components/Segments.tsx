import type { Diff } from '../api/types';

type TextChange = NonNullable<Diff['units'][number]['projects'][number]['goal']>;

/** a word-level change: insertions green, deletions red and struck through */
export default function Segments({ change }: { change: TextChange }) {
  return (
    <span className="segments">
      {change.segments.map((s, i) =>
        s.op === 'insert' ? <ins key={i} className="diff-ins">{s.text}</ins>
          : s.op === 'delete' ? <del key={i} className="diff-del">{s.text}</del>
            : <span key={i}>{s.text}</span>)}
    </span>
  );
}

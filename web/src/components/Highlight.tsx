import type { SearchHit } from '../api/types';

/** search-hit text with the matched pieces marked */
export default function Highlight({ segments }: { segments: SearchHit['highlight'] }) {
  return <span className="hit-text">{segments.map((s, i) => (s.match ? <mark key={i} className="hl">{s.text}</mark> : <span key={i}>{s.text}</span>))}</span>;
}

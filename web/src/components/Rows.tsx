// A plain list of rows (title, description, actions on the right), in place of antd's List, which
// antd 6.6 deprecates; its successor Listy is a virtual list, more than these few rows need.
import type { Key, ReactNode } from 'react';

export interface Row {
  key: Key;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}

export default function Rows({ rows, empty, bordered = false, testId }: { rows: Row[]; empty?: ReactNode; bordered?: boolean; testId?: string }) {
  if (rows.length === 0) return <div className="rows-empty muted">{empty ?? '无'}</div>;
  return (
    <ul className={`rows${bordered ? ' bordered' : ''}`} data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key}>
          <div className="rows-main">
            <div className="rows-title">{r.title}</div>
            {r.description ? <div className="rows-desc">{r.description}</div> : null}
          </div>
          {r.actions ? <div className="rows-actions">{r.actions}</div> : null}
        </li>
      ))}
    </ul>
  );
}

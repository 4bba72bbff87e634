import { useEffect, useState } from 'react';
import { Button } from 'antd-mobile';
import { errorMessage, publicApi } from '../api.ts';
import { formatDate } from '../format.ts';
import { RATING_LABELS } from '../labels.ts';
import type { BoardItem } from '../types.ts';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';

const PAGE_SIZE = 10;

/** 反馈公开: resolved clues that staff approved for publishing, as staff edited them (no names, no phones). */
export default function BoardPage({ countyId }: { countyId: number }) {
  const [items, setItems] = useState<BoardItem[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    publicApi.board(countyId, page, PAGE_SIZE)
      .then((r) => {
        if (!live) return;
        setItems((prev) => (page === 1 ? r.items : [...prev, ...r.items]));
        setTotal(r.total);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [countyId, page]);

  return (
    <Layout countyId={countyId} title="办理公开">
      <p className="xs-lead">群众反映的问题是怎么解决的，都在这里。内容经过工作人员整理，不含姓名和电话。</p>
      {total != null && <p className="xs-meta" role="status">共 {total} 件</p>}
      {total === 0 && <Notice tone="info" title="还没有公开的办理结果">问题办结并经工作人员审核后，会在这里公开。</Notice>}
      <ul className="xs-board">
        {items.map((b, i) => (
          // Items carry no id or code (the board gives out no handle on a clue); pages only ever append, so an
          // index never moves to another item.
          // biome-ignore lint/suspicious/noArrayIndexKey: no other key exists, and the list is append-only
          <li key={i} className="xs-card xs-board-item">
            <p className="xs-meta">
              <span className="xs-tag">{b.categoryLabel}</span>
              {b.townshipName && <span> · {b.townshipName}</span>}
              {b.resolvedAt && <span> · {formatDate(b.resolvedAt)}办结</span>}
            </p>
            <h2 className="xs-board-summary">{b.summary}</h2>
            {b.reply && (
              <div className="xs-board-reply">
                <p className="xs-board-reply-title">{b.unitName ? `${b.unitName}答复：` : '答复：'}</p>
                <p className="xs-pre">{b.reply}</p>
              </div>
            )}
            {b.rating && <p className="xs-meta">群众评价：{RATING_LABELS[b.rating]}</p>}
          </li>
        ))}
      </ul>
      {error && (
        <Notice tone="error" title="没有加载出来">{error}</Notice>
      )}
      {loading && <p className="xs-loading" role="status">正在加载…</p>}
      {!loading && total != null && items.length < total && (
        <Button block className="xs-btn" onClick={() => setPage((p) => p + 1)}>再看 {Math.min(PAGE_SIZE, total - items.length)} 件</Button>
      )}
      {error && (
        <Button block color="primary" className="xs-btn" onClick={() => { setPage(1); setItems([]); setTotal(null); }}>重新加载</Button>
      )}
    </Layout>
  );
}

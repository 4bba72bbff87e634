import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button, Input } from 'antd-mobile';
import { errorMessage, publicApi } from '../api.ts';
import { formatDate } from '../format.ts';
import { RATING_LABELS } from '../labels.ts';
import type { BoardItem, ReportForm } from '../types.ts';
import { loadForm } from './Report.tsx';
import { h5, Link } from '../router.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import '../consult.css';

const PAGE_SIZE = 10;

/** 反馈公开: resolved clues that staff approved for publishing, as staff edited them (no names, no phones). */
export default function BoardPage({ countyId }: { countyId: number }) {
  const [items, setItems] = useState<BoardItem[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const uid = useId();
  const [form, setForm] = useState<ReportForm | null>(null);
  // What is typed, and what is searched (on 搜索 or a changed filter).
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<{ q: string; category: string; townshipId: string }>({ q: '', category: '', townshipId: '' });

  useEffect(() => {
    loadForm(countyId, null, null).then(setForm).catch(() => setForm(null));
  }, [countyId]);

  const apply = (next: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
    setItems([]);
    setTotal(null);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    apply({ q: text.trim() });
  };
  const filtered = Boolean(filter.q || filter.category || filter.townshipId);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    publicApi.board(countyId, page, PAGE_SIZE, filter)
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
  }, [countyId, page, filter]);

  return (
    <Layout countyId={countyId} title="办理公开">
      <p className="xs-lead">群众反映的问题是怎么解决的，都在这里。内容经过工作人员整理，不含姓名和电话。</p>
      <form className="xs-card xs-board-filter" role="search" aria-label="查找办理结果" onSubmit={search}>
        <label className="xs-label" htmlFor={`${uid}-q`}>查找</label>
        <div className="xs-row">
          <Input id={`${uid}-q`} value={text} onChange={setText} placeholder="例如：路灯、垃圾、停水" maxLength={30} clearable
            onClear={() => apply({ q: '' })} />
          <Button type="submit" color="primary" className="xs-btn xs-search-btn">搜索</Button>
        </div>
        <div className="xs-row">
          <label className="xs-select">
            <span className="xs-visually-hidden">问题类别</span>
            <select value={filter.category} onChange={(e) => apply({ category: e.target.value })}>
              <option value="">全部类别</option>
              {form?.categories.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
          </label>
          <label className="xs-select">
            <span className="xs-visually-hidden">乡镇（街道）</span>
            <select value={filter.townshipId} onChange={(e) => apply({ townshipId: e.target.value })}>
              <option value="">全部乡镇</option>
              {form?.townships.map((t) => <option key={t.id} value={String(t.id)}>{t.name}</option>)}
            </select>
          </label>
        </div>
      </form>
      {total != null && <p className="xs-meta" role="status">{filtered ? `找到 ${total} 件` : `共 ${total} 件`}</p>}
      {total === 0 && !filtered && <Notice tone="info" title="还没有公开的办理结果">问题办结并经工作人员审核后，会在这里公开。</Notice>}
      {total === 0 && filtered && <Notice tone="info" title="没有找到">换个词，或选“全部类别”“全部乡镇”再看看。</Notice>}
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
      <nav className="xs-card xs-board-more" aria-label="政协协商">
        <p className="xs-board-more-title">有些问题要大家一起商量</p>
        <p><Link to={h5('/outcomes', countyId)}>协商成果：看看政协协商办成了哪些事 ›</Link></p>
        <p><Link to={h5('/meetings', countyId)}>协商活动：报名当群众代表 ›</Link></p>
      </nav>
    </Layout>
  );
}

/**
 * 协商成果: topics that reached 反馈公开, with their public summary, the party/government decision and how far
 * their tasks have got (done / target). No names, no phones: only what staff wrote for the public. The citizen
 * whose clue became the topic may rate the result here with the clue's code and password.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button, Input } from 'antd-mobile';
import type { PublicOutcome, PublicOutcomeDetail } from '@xs/core/schemas/consultations.ts';
import type { ClueRating } from '@xs/core/schemas/clues.ts';
import { errorMessage, publicApi, PublicApiError } from '../api.ts';
import { useElderMode } from '../elder.ts';
import { formatDate } from '../format.ts';
import { RATING_LABELS } from '../labels.ts';
import { h5, Link } from '../router.tsx';
import { rememberCounty } from '../saved.ts';
import { Choices } from '../ui/Choices.tsx';
import { Field } from '../ui/Field.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import '../consult.css';

const PAGE_SIZE = 10;

/** A bar for the eye and the same figure in words (the words are what a screen reader reads). */
function Progress({ done, total, label, unit }: { done: number; total: number; label: string; unit?: string | null }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="xs-progress">
      <p className="xs-progress-text">{label}：<strong>{done}</strong> / {total}{unit ? ` ${unit}` : ''}{total > 0 && done >= total ? ' ✓' : ''}</p>
      <div className="xs-progress-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></div>
    </div>
  );
}

/** The list of published outcomes, newest first. */
export default function OutcomesPage({ countyId }: { countyId: number }) {
  const elder = useElderMode();
  const [items, setItems] = useState<PublicOutcome[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [countyName, setCountyName] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    publicApi.outcomes(countyId, page, PAGE_SIZE).then((r) => {
      if (!live) return;
      setItems((prev) => (page === 1 ? r.items : [...prev, ...r.items]));
      setTotal(r.total);
      setCountyName(r.county.name);
      rememberCounty(countyId);
    }).catch((e: unknown) => live && setError(errorMessage(e))).finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [countyId, page]);

  return (
    <Layout countyId={countyId} countyName={countyName} title="协商成果">
      {!elder && <p className="xs-lead">政协协商商量出了什么结果、党委政府怎么决定的、事情办到哪一步了，都在这里公开。</p>}
      {total === 0 && <Notice tone="info" title="还没有公开的协商成果">协商的事办出结果后，会在这里公开。</Notice>}
      <ul className="xs-consult-list">
        {items.map((o) => (
          <li key={o.id} className="xs-card xs-consult-item">
            <p className="xs-meta">
              <span className="xs-tag xs-tag-first">{o.formatLabel}</span>
              {o.placeName && <span> · {o.placeName}</span>}
              {o.publishedAt && <span> · {formatDate(o.publishedAt)}公开</span>}
            </p>
            <h2 className="xs-consult-title"><Link to={h5(`/outcomes/${o.id}`, countyId)}>{o.title}</Link></h2>
            {o.summary && <p className={elder ? undefined : 'xs-consult-clamp'}>{o.summary}</p>}
            {o.decisionLabel && <p className="xs-meta">党政决议：{o.decisionLabel}</p>}
            {o.progress.total > 0 && <Progress done={o.progress.done} total={o.progress.total} label="落实事项已办结" />}
            <Link className="xs-consult-go" to={h5(`/outcomes/${o.id}`, countyId)}>看详情<span aria-hidden="true"> ›</span></Link>
          </li>
        ))}
      </ul>
      {error && (
        <>
          <Notice tone="error" title="没有加载出来">{error}</Notice>
          <Button block color="primary" className="xs-btn" onClick={() => { setItems([]); setTotal(null); setPage(1); }}>重新加载</Button>
        </>
      )}
      {loading && <p className="xs-loading" role="status">正在加载…</p>}
      {!loading && total != null && items.length < total && (
        <Button block className="xs-btn" onClick={() => setPage((p) => p + 1)}>再看 {Math.min(PAGE_SIZE, total - items.length)} 项</Button>
      )}
      <p className="xs-center"><Link to={h5('/meetings', countyId)}>报名参加协商活动</Link></p>
    </Layout>
  );
}

/** One published outcome. */
export function OutcomePage({ countyId, id }: { countyId: number; id: number }) {
  const [o, setO] = useState<PublicOutcomeDetail | null>(null);
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; a new value reloads
  useEffect(() => {
    let live = true;
    setError(null);
    publicApi.outcome(countyId, id).then((r) => live && setO(r))
      .catch((e: unknown) => live && setError({ message: errorMessage(e), missing: e instanceof PublicApiError && e.status === 404 }));
    return () => {
      live = false;
    };
  }, [countyId, id, attempt]);

  if (error) {
    return (
      <Layout countyId={countyId} title="协商成果">
        <Notice tone={error.missing ? 'info' : 'error'} title={error.missing ? '没有找到这项协商成果' : '没有加载出来'}>
          {error.missing ? '它可能还没有公开。' : error.message}
        </Notice>
        {!error.missing && <Button block color="primary" className="xs-btn" onClick={() => setAttempt((n) => n + 1)}>重新加载</Button>}
        <p className="xs-center"><Link to={h5('/outcomes', countyId)}>看看其他协商成果</Link></p>
      </Layout>
    );
  }
  if (!o) {
    return (
      <Layout countyId={countyId} title="协商成果">
        <p className="xs-loading" role="status">正在打开…</p>
      </Layout>
    );
  }
  return (
    <Layout countyId={countyId} countyName={o.county.name} title={o.title}>
      <p className="xs-meta">
        <span className="xs-tag xs-tag-first">{o.formatLabel}</span> {o.levelLabel}{o.placeName ? ` · ${o.placeName}` : ''}
        {o.publishedAt && ` · ${formatDate(o.publishedAt)}公开`}
      </p>
      <section className="xs-card" aria-labelledby="xs-outcome-summary">
        <h2 id="xs-outcome-summary" className="xs-h2">协商成果</h2>
        <p className="xs-pre">{o.summary ?? '—'}</p>
        {o.decisionLabel && <p className="xs-consult-decision">党政决议：<strong>{o.decisionLabel}</strong></p>}
      </section>
      <section className="xs-card" aria-labelledby="xs-outcome-tasks">
        <h2 id="xs-outcome-tasks" className="xs-h2">落实情况</h2>
        {o.tasks.length === 0 ? <p>没有需要单独落实的事项。</p> : (
          <>
            <Progress done={o.progress.done} total={o.progress.total} label="落实事项已办结" />
            <ul className="xs-consult-tasks">
              {o.tasks.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: tasks carry no id on the public page; the list never reorders
                <li key={i} className={t.done ? 'is-done' : undefined}>
                  <p className="xs-consult-task-title">{t.done ? '✓ ' : ''}{t.title}</p>
                  <p className="xs-meta">{t.unitName} · {t.done ? '已办结' : t.stateLabel}</p>
                  {t.measure && t.measure.target != null && (
                    <Progress done={t.measure.current ?? 0} total={t.measure.target} label={t.measure.label} unit={t.measure.unit} />
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {o.ratings.total > 0 && <p className="xs-meta">反映人评价：{o.ratings.total} 人评价，其中 {o.ratings.satisfied} 人满意</p>}
      <RateOutcome countyId={countyId} id={o.id} />
      <p className="xs-center"><Link to={h5('/outcomes', countyId)}>看看其他协商成果</Link></p>
    </Layout>
  );
}

/** The reporter of a linked clue rates the outcome, proving the clue with its code and password. */
function RateOutcome({ countyId, id }: { countyId: number; id: number }) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState('');
  const [rating, setRating] = useState<ClueRating | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (code.trim().length < 4) e.code = '请填写查询码';
    if (secret.trim().length < 4) e.secret = '请填写查询密码';
    if (!rating) e.rating = '请选择满意程度';
    setErrors(e);
    setMessage(null);
    if (Object.keys(e).length || !rating) return;
    setSending(true);
    try {
      const r = await publicApi.rateOutcome(countyId, id, code.trim().toUpperCase(), secret.trim(), rating);
      setMessage({ tone: 'success', text: `谢谢您的评价：${r.label}` });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSending(false);
    }
  }

  if (!open) {
    return (
      <p className="xs-center">
        <button type="button" className="xs-link-btn xs-consult-rate-open" onClick={() => setOpen(true)}>这件事是我反映的，我来评价</button>
      </p>
    );
  }
  return (
    <form className="xs-card xs-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`} className="xs-h2">评价协商结果</h2>
      <p className="xs-hint">请用您反映问题时拿到的查询码和查询密码。</p>
      <Field htmlFor={`${uid}-code`} name="code" label="查询码" required error={errors.code}>
        <Input id={`${uid}-code`} value={code} onChange={setCode} maxLength={20} autoComplete="off" />
      </Field>
      <Field htmlFor={`${uid}-secret`} name="secret" label="查询密码" required error={errors.secret}>
        <Input id={`${uid}-secret`} value={secret} onChange={setSecret} maxLength={8} autoComplete="off" />
      </Field>
      <Choices legend="您对结果满意吗" name="rating" required columns={3} value={rating} onChange={setRating} error={errors.rating}
        options={(Object.keys(RATING_LABELS) as ClueRating[]).map((k) => ({ value: k, label: RATING_LABELS[k] }))} />
      {message && <Notice tone={message.tone} title={message.tone === 'success' ? '评价已提交' : '没有评价成功'}>{message.text}</Notice>}
      {message?.tone !== 'success' && <Button type="submit" block color="primary" className="xs-btn" loading={sending} loadingText="正在提交">提交评价</Button>}
    </form>
  );
}

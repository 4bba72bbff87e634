import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button, Input, Steps, TextArea } from 'antd-mobile';
import type { ClueRating } from '@xs/core/schemas/clues.ts';
import { errorMessage, fieldErrors, publicApi } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { CODE_RE, KIND_LABELS, LIMITS, RATING_LABELS, SECRET_RE } from '../labels.ts';
import { h5, Link } from '../router.tsx';
import { forgetCode, loadSaved, saveCode, type SavedCode } from '../saved.ts';
import type { TrackView } from '../types.ts';
import { Choices } from '../ui/Choices.tsx';
import { Field, focusFirstError } from '../ui/Field.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { RecoverSecret } from './RecoverSecret.tsx';

interface Props {
  countyId: number | null;
  /** Code and password handed over from the success page (history state, never the URL). */
  initial: { code: string; secret: string } | null;
  /** ?code= from a link. */
  presetCode: string | null;
}

/** One character in a circle beside the state's name (plain CJK, so every phone font has it). */
const STATE_ICON: Record<string, string> = {
  submitted: '收', needs_info: '补', accepted: '采', forwarded: '办', returned: '退', replied: '复',
  resolved: '结', closed: '毕', declined: '否', merged: '并', converted: '转',
};

/** What each state means for the citizen, in plain words. */
const STATE_EXPLAIN: Record<string, string> = {
  submitted: '已经收到，工作人员正在看。',
  needs_info: '工作人员需要您补充一些情况，请在下面填写。',
  accepted: '政协已经采纳，正在安排有关部门办理。',
  forwarded: '已经交给有关部门办理，请耐心等待答复。',
  returned: '正在重新安排办理部门。',
  replied: '有关部门已经答复，政协正在核实。',
  resolved: '已经办结，请您评价一下办理结果。',
  closed: '已经办完归档，谢谢您的参与。',
  declined: '这个问题暂时不能采纳，原因见下面的记录。',
  merged: '和其他群众反映的同一问题合在一起办理。',
  converted: '已转为政协的协商议题、提案或社情民意，会继续跟进。',
};

export default function TrackPage({ countyId, initial, presetCode }: Props) {
  const uid = useId();
  const [code, setCode] = useState(initial?.code ?? presetCode ?? '');
  const [secret, setSecret] = useState(initial?.secret ?? '');
  const [creds, setCreds] = useState<{ code: string; secret: string } | null>(initial);
  const [view, setView] = useState<TrackView | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [saved, setSaved] = useState<SavedCode[]>(loadSaved);

  async function lookup(c: string, s: string) {
    setLoading(true);
    setFormError(null);
    try {
      const v = await publicApi.track(c, s);
      setView(v);
      setCreds({ code: c, secret: s });
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
      setView(null);
    } finally {
      setLoading(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: looks up the code from the link once; `lookup` is a new function each render
  useEffect(() => {
    if (initial) void lookup(initial.code, initial.secret);
  }, [initial]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const s = secret.trim();
    const errs: Record<string, string> = {};
    if (!CODE_RE.test(c)) errs.code = '查询码是 10 位字母或数字，请核对';
    if (!SECRET_RE.test(s)) errs.secret = '请输入 8 位查询密码，或手机号的后 4 位';
    setErrors(errs);
    if (Object.keys(errs).length) {
      focusFirstError();
      return;
    }
    void lookup(c, s);
  }

  if (view && creds) {
    return (
      <Layout countyId={countyId} title="办理进度">
        <ClueView view={view} creds={creds} onChange={setView} />
        <Button block className="xs-btn" onClick={() => { setView(null); setSaved(loadSaved()); }}>查询别的问题</Button>
      </Layout>
    );
  }

  return (
    <Layout countyId={countyId} title="查询进度">
      {saved.length > 0 && (
        <section className="xs-card" aria-labelledby={`${uid}-saved`}>
          <h2 id={`${uid}-saved`} className="xs-h2">这部手机上保存的</h2>
          <ul className="xs-saved">
            {saved.map((s) => (
              <li key={s.code}>
                <span className="xs-code-sm">{s.code}</span>
                <span className="xs-meta">{formatDate(s.savedAt)}保存</span>
                <div className="xs-row">
                  <Button color="primary" className="xs-btn" onClick={() => { setCode(s.code); setSecret(s.secret); void lookup(s.code, s.secret); }}>
                    查看<span className="xs-visually-hidden"> {s.code}</span>
                  </Button>
                  <Button className="xs-btn" onClick={() => { forgetCode(s.code); setSaved(loadSaved()); }}>
                    删除<span className="xs-visually-hidden"> {s.code}</span>
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form className="xs-form" noValidate onSubmit={submit}>
        <Field htmlFor={`${uid}-code`} name="code" label="查询码" required hint="提交时给您的 10 位字母或数字" error={errors.code}>
          <Input id={`${uid}-code`} value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={10} autoComplete="off"
            autoCapitalize="characters" placeholder="例如：A1B2C3D4E5" clearable />
        </Field>
        <Field htmlFor={`${uid}-secret`} name="secret" label="查询密码" required hint="8 位查询密码；留了手机号的，也可以填手机号后 4 位" error={errors.secret}>
          <Input id={`${uid}-secret`} value={secret} onChange={(v) => setSecret(v.toUpperCase())} maxLength={8} autoComplete="off" placeholder="查询密码或手机号后 4 位" clearable />
        </Field>
        {formError && <Notice tone="error" title="没有查到">{formError}</Notice>}
        <Button type="submit" block color="primary" size="large" className="xs-btn xs-submit" loading={loading} loadingText="正在查询">查询</Button>
      </form>
      <RecoverSecret initialCode={code} onRecovered={(c, s) => { setCode(c); setSecret(s); void lookup(c, s); }} />
      {countyId && <p className="xs-center"><Link to={h5('/report', countyId)}>还没反映过？去反映问题</Link></p>}
    </Layout>
  );
}

type Creds = { code: string; secret: string };

function ClueView({ view, creds, onChange }: { view: TrackView; creds: Creds; onChange: (v: TrackView) => void }) {
  const steps = [...view.timeline].reverse();
  const [kept, setKept] = useState(() => loadSaved().some((s) => s.code === view.code));
  const [done, setDone] = useState<string | null>(null);
  const update = (v: TrackView, message: string) => {
    onChange(v);
    setDone(message); // said inline (and announced), no toast on top of it
  };
  return (
    <div className="xs-track">
      {done && <Notice tone="success" title={done} />}
      <section className="xs-card xs-status" aria-label="当前状态">
        <p className="xs-status-line">
          <span className="xs-status-icon" aria-hidden="true">{STATE_ICON[view.state] ?? '•'}</span>
          <span className="xs-status-label">{view.stateLabel}</span>
        </p>
        <p>{STATE_EXPLAIN[view.state] ?? ''}</p>
        {view.dueAt && !['resolved', 'closed', 'declined', 'merged', 'converted'].includes(view.state) && (
          <p className="xs-meta">这一步预计在 {formatDate(view.dueAt)} 前完成</p>
        )}
        {view.supporters > 0 && <p className="xs-meta">另有 {view.supporters} 位群众也反映了这个问题</p>}
      </section>

      {view.followUps.length > 0 && (
        <section className="xs-card" aria-labelledby="xs-follow-title">
          <h2 id="xs-follow-title" className="xs-h2">您的反映已转为</h2>
          {view.followUps.map((f) => (
            <p key={`${f.type}-${f.title}`}>
              {f.typeLabel}：{f.path ? <Link to={`/h5${f.path}`}>{f.title}</Link> : `「${f.title}」`}
              <br />
              <span className="xs-meta">当前进展：{f.stage}</span>
            </p>
          ))}
        </section>
      )}
      {view.canSupplement && <SupplementBox creds={creds} question={view.question} onChange={update} />}
      {view.canRecheck && <RecheckBox creds={creds} onChange={update} />}
      {view.reply && (
        <section className="xs-card xs-reply" aria-labelledby="xs-reply-title">
          <h2 id="xs-reply-title" className="xs-h2">办理答复</h2>
          {view.reply.unitName && <p className="xs-meta">答复单位：{view.reply.unitName}{view.reply.at ? ` · ${formatDate(view.reply.at)}` : ''}</p>}
          <p className="xs-pre">{view.reply.text}</p>
        </section>
      )}
      {view.canRate && <RateBox creds={creds} onChange={update} />}
      {view.rating && (
        <p className="xs-done">✓ 您的评价：{RATING_LABELS[view.rating]}{view.ratingComment ? `（${view.ratingComment}）` : ''}</p>
      )}

      <section className="xs-card" aria-labelledby="xs-mine-title">
        <h2 id="xs-mine-title" className="xs-h2">您反映的内容</h2>
        <dl className="xs-dl">
          <div><dt>查询码</dt><dd className="xs-code-sm">{view.code}</dd></div>
          <div><dt>类型</dt><dd>{KIND_LABELS[view.kind]} · {view.categoryLabel}</dd></div>
          <div><dt>地点</dt><dd>{[view.townshipName, view.villageName, view.place].filter(Boolean).join(' ')}</dd></div>
          <div><dt>提交时间</dt><dd>{formatDateTime(view.createdAt)}</dd></div>
        </dl>
        <p className="xs-pre">{view.content}</p>
        {!kept && (
          <Button block fill="outline" color="primary" className="xs-btn" onClick={() => setKept(saveCode(creds.code, creds.secret))}>
            保存在这部手机上，下次直接查
          </Button>
        )}
      </section>

      <section className="xs-card" aria-labelledby="xs-timeline-title">
        <h2 id="xs-timeline-title" className="xs-h2">办理经过</h2>
        <Steps direction="vertical" current={0} className="xs-steps">
          {steps.map((t, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two events can share a timestamp; the list only grows at the top on a new lookup
            <Steps.Step key={`${t.at}-${n}`} status={n === 0 ? 'process' : 'finish'}
              title={<span>{n === 0 && <span className="xs-visually-hidden">最新：</span>}{t.label}</span>}
              description={<><span className="xs-step-time">{formatDateTime(t.at)}</span>{t.text && <span className="xs-step-text">{t.text}</span>}</>} />
          ))}
        </Steps>
      </section>
    </div>
  );
}

function RateBox({ creds, onChange }: { creds: Creds; onChange: (v: TrackView, message: string) => void }) {
  const uid = useId();
  const [rating, setRating] = useState<ClueRating | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!rating) {
      setError('请选择满意程度');
      return;
    }
    if (rating === 'unsatisfied' && comment.trim().length < 2) {
      setError('请说说哪里不满意，政协会要求重新办理');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChange(await publicApi.rate(creds.code, creds.secret, rating, comment.trim() || null),
        rating === 'unsatisfied' ? '已收到您的评价，政协会要求重新办理' : '谢谢您的评价');
    } catch (err) {
      setError(fieldErrors(err).rating ?? fieldErrors(err).comment ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="xs-card xs-action" noValidate onSubmit={(e) => void send(e)} aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`} className="xs-h2">您对办理结果满意吗？</h2>
      <Choices legend="请选择" name="rating" required columns={3} value={rating} onChange={(v) => { setRating(v); setError(null); }}
        options={(Object.keys(RATING_LABELS) as ClueRating[]).map((k) => ({ value: k, label: RATING_LABELS[k] }))} />
      <Field htmlFor={`${uid}-c`} name="comment" label={rating === 'unsatisfied' ? '哪里不满意' : '还想说的话'} optional={rating !== 'unsatisfied'}
        required={rating === 'unsatisfied'}>
        <TextArea id={`${uid}-c`} value={comment} onChange={setComment} rows={3} maxLength={LIMITS.commentMax} showCount />
      </Field>
      {rating === 'unsatisfied' && <p className="xs-hint">选“不满意”后，这个问题会重新交给政协工作人员处理。</p>}
      {error && <p className="xs-error" role="alert">{error}</p>}
      <Button type="submit" block color="primary" size="large" className="xs-btn" loading={busy} loadingText="正在提交">提交评价</Button>
    </form>
  );
}

function RecheckBox({ creds, onChange }: { creds: Creds; onChange: (v: TrackView, message: string) => void }) {
  const uid = useId();
  const [solved, setSolved] = useState<'yes' | 'no' | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!solved) {
      setError('请选择问题是否已经解决');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChange(await publicApi.recheck(creds.code, creds.secret, solved === 'yes', comment.trim() || null),
        solved === 'yes' ? '谢谢您的回复，很高兴问题解决了' : '已收到，政协会重新办理这个问题');
    } catch (err) {
      setError(fieldErrors(err).solved ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="xs-card xs-action" noValidate onSubmit={(e) => void send(e)} aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`} className="xs-h2">问题是否真的解决了？</h2>
      <p className="xs-hint">办结一段时间了，想听听您的实际感受。</p>
      <Choices legend="请选择" name="solved" required columns={2} value={solved} onChange={(v) => { setSolved(v); setError(null); }}
        options={[{ value: 'yes', label: '已经解决了' }, { value: 'no', label: '还没有解决' }]} />
      <Field htmlFor={`${uid}-c`} name="comment" label="现在的情况" optional>
        <TextArea id={`${uid}-c`} value={comment} onChange={setComment} rows={3} maxLength={LIMITS.commentMax} showCount />
      </Field>
      {solved === 'no' && <p className="xs-hint">选“还没有解决”，政协会重新办理。</p>}
      {error && <p className="xs-error" role="alert">{error}</p>}
      <Button type="submit" block color="primary" size="large" className="xs-btn" loading={busy} loadingText="正在提交">提交</Button>
    </form>
  );
}

function SupplementBox({ creds, question, onChange }: { creds: Creds; question: string | null; onChange: (v: TrackView, message: string) => void }) {
  const uid = useId();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (content.trim().length < 2) {
      setError('请写下要补充的情况');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChange(await publicApi.supplement(creds.code, creds.secret, content.trim()), '已补充，工作人员会尽快查看');
    } catch (err) {
      setError(fieldErrors(err).content ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="xs-card xs-action" noValidate onSubmit={(e) => void send(e)}>
      {question && (
        <div className="xs-question" role="note" aria-label="工作人员的问题">
          <strong>工作人员请您补充：</strong>{question}
        </div>
      )}
      <Field htmlFor={`${uid}-c`} name="content" label="补充情况" required hint={question ? '请针对上面的问题补充' : '工作人员想了解更多情况，请看“办理经过”里的说明，在这里补充'} error={error ?? undefined}>
        <TextArea id={`${uid}-c`} value={content} onChange={setContent} rows={4} maxLength={LIMITS.supplementMax} showCount />
      </Field>
      <Button type="submit" block color="primary" size="large" className="xs-btn" loading={busy} loadingText="正在提交">提交补充</Button>
    </form>
  );
}

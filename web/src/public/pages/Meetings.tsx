/**
 * 协商活动: the county's upcoming meetings that staff opened to the public, and on each one the sign-up as
 * 群众代表 (citizen representative). Staff confirm the sign-up in the console and tell the citizen by SMS.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button, Input, TextArea } from 'antd-mobile';
import type { PublicMeeting, PublicMeetingDetail, PublicSignupResult } from '@xs/core/schemas/consultations.ts';
import { errorMessage, fieldErrors, publicApi, PublicApiError } from '../api.ts';
import { useElderMode } from '../elder.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { PHONE_RE } from '../labels.ts';
import { h5, Link, navigate } from '../router.tsx';
import { rememberCounty } from '../saved.ts';
import { Field, focusFirstError } from '../ui/Field.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import '../consult.css';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** 2026年6月3日（星期三）09:30 */
function when(iso: string): string {
  const d = new Date(iso);
  return `${formatDate(iso)}（星期${WEEKDAYS[d.getDay()]}）${formatDateTime(iso).slice(-5)}`;
}

function placeOf(m: Pick<PublicMeeting, 'placeName' | 'venueName' | 'address'>): string | null {
  return [m.placeName, m.venueName, m.address].filter(Boolean).join(' ') || null;
}

function Seats({ m }: { m: PublicMeeting }) {
  if (!m.signupOpen) return <span className="xs-seats is-closed">{m.closedReason ?? '报名已截止'}</span>;
  if (m.seatsLeft == null) return <span className="xs-seats">正在报名</span>;
  return <span className="xs-seats">正在报名 · 还有 {m.seatsLeft} 个名额</span>;
}

/** The list of upcoming open meetings. */
export default function MeetingsPage({ countyId }: { countyId: number }) {
  const elder = useElderMode();
  const [data, setData] = useState<{ county: { name: string }; items: PublicMeeting[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; a new value reloads
  useEffect(() => {
    let live = true;
    setError(null);
    publicApi.meetings(countyId).then((r) => {
      if (!live) return;
      setData(r);
      rememberCounty(countyId);
    }).catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [countyId, attempt]);

  return (
    <Layout countyId={countyId} countyName={data?.county.name ?? null} title="协商活动">
      {!elder && <p className="xs-lead">政协就群众关心的事开协商会，请部门当面答复。下面的活动欢迎群众报名作为群众代表参加。</p>}
      {error && (
        <>
          <Notice tone="error" title="没有加载出来">{error}</Notice>
          <Button block color="primary" className="xs-btn" onClick={() => setAttempt((n) => n + 1)}>重新加载</Button>
        </>
      )}
      {!data && !error && <p className="xs-loading" role="status">正在加载…</p>}
      {data && data.items.length === 0 && (
        <Notice tone="info" title="近期没有可以报名的协商活动">有新的活动会在这里公布。也可以先看看<Link to={h5('/outcomes', countyId)}>协商成果</Link>。</Notice>
      )}
      {data && data.items.length > 0 && (
        <ul className="xs-consult-list">
          {data.items.map((m) => (
            <li key={m.id} className="xs-card xs-consult-item">
              <p className="xs-meta"><span className="xs-tag xs-tag-first">{m.kindLabel}</span> <Seats m={m} /></p>
              <h2 className="xs-consult-title"><Link to={h5(`/meetings/${m.id}`, countyId)}>{m.title}</Link></h2>
              <dl className="xs-dl">
                <div><dt>时间</dt><dd>{when(m.startsAt)}</dd></div>
                {placeOf(m) && <div><dt>地点</dt><dd>{placeOf(m)}</dd></div>}
                {m.topicTitle && <div><dt>议题</dt><dd>{m.topicTitle}</dd></div>}
              </dl>
              {!elder && m.intro && <p className="xs-consult-intro">{m.intro}</p>}
              <Link className="xs-consult-go" to={h5(`/meetings/${m.id}`, countyId)}>{m.signupOpen ? '查看并报名' : '查看详情'}<span aria-hidden="true"> ›</span></Link>
            </li>
          ))}
        </ul>
      )}
      <p className="xs-center"><Link to={h5('/outcomes', countyId)}>看看协商成果</Link></p>
    </Layout>
  );
}

/** One open meeting: what it is about, and the sign-up form (or the sign-up just made). */
export function MeetingPage({ countyId, id, done }: { countyId: number; id: number; done: PublicSignupResult | null }) {
  const [m, setM] = useState<(PublicMeetingDetail & { consentText: string }) | null>(null);
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; a new value reloads
  useEffect(() => {
    let live = true;
    setError(null);
    publicApi.meeting(countyId, id).then((r) => live && setM(r))
      .catch((e: unknown) => live && setError({ message: errorMessage(e), missing: e instanceof PublicApiError && e.status === 404 }));
    return () => {
      live = false;
    };
  }, [countyId, id, attempt]);

  if (error) {
    return (
      <Layout countyId={countyId} title="协商活动">
        <Notice tone={error.missing ? 'info' : 'error'} title={error.missing ? '没有找到这次活动' : '没有加载出来'}>
          {error.missing ? '活动可能已经取消或不再公开报名。' : error.message}
        </Notice>
        {!error.missing && <Button block color="primary" className="xs-btn" onClick={() => setAttempt((n) => n + 1)}>重新加载</Button>}
        <p className="xs-center"><Link to={h5('/meetings', countyId)}>看看其他协商活动</Link></p>
      </Layout>
    );
  }
  if (!m) {
    return (
      <Layout countyId={countyId} title="协商活动">
        <p className="xs-loading" role="status">正在打开…</p>
      </Layout>
    );
  }
  return (
    <Layout countyId={countyId} countyName={m.county.name} title={m.title}>
      <section className="xs-card" aria-labelledby="xs-meeting-facts">
        <h2 id="xs-meeting-facts" className="xs-visually-hidden">活动安排</h2>
        <p className="xs-meta"><span className="xs-tag xs-tag-first">{m.kindLabel}</span> <Seats m={m} /></p>
        <dl className="xs-dl">
          <div><dt>时间</dt><dd>{when(m.startsAt)}</dd></div>
          <div><dt>地点</dt><dd>{placeOf(m) ?? '另行通知'}</dd></div>
          {m.topicTitle && <div><dt>议题</dt><dd>{m.topicTitle}</dd></div>}
          {m.capacity != null && <div><dt>群众代表</dt><dd>{m.capacity} 名{m.seatsLeft != null && m.signupOpen ? `，还有 ${m.seatsLeft} 个名额` : ''}</dd></div>}
        </dl>
      </section>
      {(m.intro || m.agenda) && (
        <section className="xs-card" aria-labelledby="xs-meeting-about">
          <h2 id="xs-meeting-about" className="xs-h2">商量什么</h2>
          {m.intro && <p className="xs-pre">{m.intro}</p>}
          {m.agenda && (
            <>
              <p className="xs-consult-sub">会议议程</p>
              <p className="xs-pre">{m.agenda}</p>
            </>
          )}
        </section>
      )}
      {done ? (
        <Notice tone="success" title="报名已提交">
          <p>{done.message}</p>
          <p>请留意短信。如有变化，工作人员会打电话联系您。</p>
        </Notice>
      ) : m.signupOpen ? (
        <SignupForm countyId={countyId} meeting={m} />
      ) : (
        <Notice tone="info" title="现在不能报名">{m.closedReason ?? '报名已截止'}</Notice>
      )}
      <p className="xs-center"><Link to={h5('/meetings', countyId)}>看看其他协商活动</Link></p>
    </Layout>
  );
}

function SignupForm({ countyId, meeting }: { countyId: number; meeting: PublicMeetingDetail & { consentText: string } }) {
  const elder = useElderMode();
  const uid = useId();
  const ids = { name: `${uid}-name`, phone: `${uid}-phone`, note: `${uid}-note`, consent: `${uid}-consent` };
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const clear = (key: string) => setErrors((e) => {
    if (!(key in e)) return e;
    const { [key]: _gone, ...rest } = e;
    return rest;
  });

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!name.trim()) e.name = '请填写您的姓名';
    if (!phone.trim()) e.phone = '请填写手机号，工作人员用短信告诉您是否安排';
    else if (!PHONE_RE.test(phone.trim())) e.phone = '请输入 11 位手机号';
    if (!consent) e.consent = '请先阅读并勾选同意上面的说明';
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setFormError(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) {
      setFormError('还有几处需要填写或修改，请看标红的地方');
      focusFirstError();
      return;
    }
    setSending(true);
    try {
      const done = await publicApi.signUp(countyId, meeting.id, { name: name.trim(), phone: phone.trim(), note: note.trim() || null, consent: true });
      // Kept in this tab's history entry, so a reload still says it went through; never in the URL.
      navigate(h5(`/meetings/${meeting.id}`, countyId), { signedUp: done }, true);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(errorMessage(err));
      if (Object.keys(fe).length) focusFirstError();
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="xs-card xs-form xs-signup" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} className="xs-h2">报名作为群众代表参加</h2>
      {!elder && <p className="xs-hint">群众代表可以在会上说说自己的想法、当面提问，有关部门现场答复。报名后工作人员会确认，并发短信告诉您。</p>}
      <Field htmlFor={ids.name} name="name" label="您的姓名" required error={errors.name}>
        <Input id={ids.name} value={name} onChange={(v) => { setName(v); clear('name'); }} maxLength={20} autoComplete="name" placeholder="例如：王秀英" clearable />
      </Field>
      <Field htmlFor={ids.phone} name="phone" label="手机号" required hint="用来发短信告诉您是否安排参加，不会公开" error={errors.phone}>
        <Input id={ids.phone} type="tel" inputMode="numeric" autoComplete="tel" value={phone} maxLength={11} placeholder="11 位手机号" clearable
          onChange={(v) => { setPhone(v.replace(/\D/g, '')); clear('phone'); }} />
      </Field>
      <Field htmlFor={ids.note} name="note" label="想说的话" optional hint="例如：住在哪里、想在会上反映什么" error={errors.note}>
        <TextArea id={ids.note} value={note} onChange={(v) => { setNote(v); clear('note'); }} rows={3} maxLength={200} showCount />
      </Field>
      <div className={`xs-field xs-consent${errors.consent ? ' has-error' : ''}`} data-field="consent">
        <div className="xs-consent-text" id={`${ids.consent}-text`}>
          <p className="xs-consent-title">个人信息怎么用</p>
          <p>{meeting.consentText}</p>
        </div>
        <label className={`xs-check${consent ? ' is-checked' : ''}`} htmlFor={ids.consent}>
          <input id={ids.consent} type="checkbox" checked={consent} aria-describedby={`${ids.consent}-text`}
            onChange={(e) => { setConsent(e.target.checked); clear('consent'); }} />
          <span>我已阅读并同意上面的说明</span>
        </label>
        {errors.consent && <p className="xs-error" role="alert">{errors.consent}</p>}
      </div>
      {formError && <Notice tone="error" title="没有报名成功">{formError}</Notice>}
      <Button type="submit" block color="primary" size="large" className="xs-btn xs-submit" loading={sending} loadingText="正在提交">提交报名</Button>
    </form>
  );
}

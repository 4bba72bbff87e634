/**
 * 忘记查询密码: the citizen gives the tracking code and the phone they left; an SMS code to that phone brings a new
 * secret (the old one stops working), and the progress opens with it.
 */
import { useId, useState, type FormEvent } from 'react';
import { Button, Input } from 'antd-mobile';
import { errorMessage, fieldErrors, publicApi } from '../api.ts';
import { CODE_RE } from '../labels.ts';
import { Field, focusFirstError } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';

export function RecoverSecret({ initialCode, onRecovered }: { initialCode: string; onRecovered: (code: string, secret: string) => void }) {
  const uid = useId();
  const [code, setCode] = useState(initialCode);
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [recovered, setRecovered] = useState<{ code: string; secret: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closed, the form is not in the page at all: the tracking form's own 查询码 field stays the only one.
  const [open, setOpen] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setFormError(null);
    try {
      await fn();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const request = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const errs: Record<string, string> = {};
    if (!CODE_RE.test(c)) errs.code = '查询码是 10 位字母或数字，请核对';
    if (!/^1[3-9]\d{9}$/.test(phone)) errs.phone = '请输入提交时留下的 11 位手机号';
    setErrors(errs);
    if (Object.keys(errs).length) return focusFirstError();
    void run(async () => setSent((await publicApi.recoverRequest(c, phone)).message));
  };

  const verify = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(smsCode)) {
      setErrors({ smsCode: '验证码是 6 位数字' });
      return focusFirstError();
    }
    void run(async () => {
      const r = await publicApi.recoverVerify(code.trim().toUpperCase(), phone, smsCode);
      setRecovered(r);
    });
  };

  if (recovered) {
    return (
      <Notice tone="success" title={`新的查询密码：${recovered.secret}`}>
        <p>原来的查询密码已作废，请记下新的查询密码。</p>
        <Button block color="primary" className="xs-btn" onClick={() => onRecovered(recovered.code, recovered.secret)}>用新密码查看进度</Button>
      </Notice>
    );
  }
  return (
    <section className="xs-recover">
      <button type="button" className="xs-link-btn" aria-expanded={open} onClick={() => setOpen((o) => !o)}>忘记密码？用手机验证码找回</button>
      {!open ? null : !sent ? (
        <form className="xs-form" noValidate onSubmit={request}>
          <p className="xs-hint">只有提交时留了手机号的才能找回。验证码会发到那个手机上。</p>
          <Field htmlFor={`${uid}-code`} name="code" label="要找回的查询码" required error={errors.code}>
            <Input id={`${uid}-code`} value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={10} autoComplete="off" clearable />
          </Field>
          <Field htmlFor={`${uid}-phone`} name="phone" label="提交时留的手机号" required error={errors.phone}>
            <Input id={`${uid}-phone`} type="tel" inputMode="numeric" value={phone} onChange={(v) => setPhone(v.replace(/\D/g, ''))} maxLength={11} clearable />
          </Field>
          {formError && <Notice tone="error" title="没有发送">{formError}</Notice>}
          <Button type="submit" block className="xs-btn" loading={busy} loadingText="正在发送">发送验证码</Button>
        </form>
      ) : (
        <form className="xs-form" noValidate onSubmit={verify}>
          <Notice tone="info" title="请查看短信">{sent}</Notice>
          <Field htmlFor={`${uid}-sms`} name="smsCode" label="短信验证码" required error={errors.smsCode}>
            <Input id={`${uid}-sms`} inputMode="numeric" autoComplete="one-time-code" value={smsCode} onChange={(v) => setSmsCode(v.replace(/\D/g, ''))} maxLength={6} clearable />
          </Field>
          {formError && <Notice tone="error" title="没有找回">{formError}</Notice>}
          <Button type="submit" block color="primary" className="xs-btn" loading={busy} loadingText="正在验证">找回并查看进度</Button>
        </form>
      )}
    </section>
  );
}

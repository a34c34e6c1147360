import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { defineMessages, useT, type Translate } from '../i18n/i18n';
import styles from './form-validation.module.css';

/**
 * The browser's own validation bubbles speak the browser's language (English on an English Chromium, whatever the
 * page's), in the browser's words. One listener for the whole app catches every form control's `invalid` event
 * (capture phase: it does not bubble), suppresses the bubble, and shows our sentence beside the first invalid
 * field of the submission, in the reader's language; the field gets the focus, `aria-invalid` and
 * `aria-describedby`. Forms keep their `required`, `minLength`, `type="email"`...: the rules stay in the markup.
 */
type Key =
  | 'required'
  | 'requiredChoice'
  | 'requiredCheck'
  | 'requiredFile'
  | 'email'
  | 'url'
  | 'format'
  | 'formatHint'
  | 'tooShort'
  | 'tooLong'
  | 'min'
  | 'max'
  | 'step'
  | 'badInput';

const validationMessages = defineMessages<Key>('form-validation', {
  ja: {
    required: 'この項目を入力してください。',
    requiredChoice: 'いずれかを選んでください。',
    requiredCheck: 'チェックを入れてください。',
    requiredFile: 'ファイルを選んでください。',
    email: 'メールアドレスの形（name@example.lg.jp）で入力してください。',
    url: 'URL（https:// で始まる形）で入力してください。',
    format: '入力の形式が正しくありません。',
    formatHint: '入力の形式が正しくありません（{hint}）。',
    tooShort: '{min}文字以上で入力してください（いま {length}文字）。',
    tooLong: '{max}文字以内で入力してください（いま {length}文字）。',
    min: '{min} 以上の値にしてください。',
    max: '{max} 以下の値にしてください。',
    step: 'この値は入力できません（{step} 刻み）。',
    badInput: '正しい値を入力してください。',
  },
  en: {
    required: 'Please fill in this field.',
    requiredChoice: 'Please choose one.',
    requiredCheck: 'Please tick this box.',
    requiredFile: 'Please choose a file.',
    email: 'Please enter an email address (name@example.lg.jp).',
    url: 'Please enter a URL starting with https://.',
    format: 'The format is not right.',
    formatHint: 'The format is not right ({hint}).',
    tooShort: 'Please enter at least {min} characters (now {length}).',
    tooLong: 'Please enter at most {max} characters (now {length}).',
    min: 'Please enter {min} or more.',
    max: 'Please enter {max} or less.',
    step: 'This value cannot be entered (steps of {step}).',
    badInput: 'Please enter a valid value.',
  },
});

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const TIP_ID = 'form-validation-tip';

/** Our sentence for what the browser found wrong with a control. */
export function validationText(el: Control, t: Translate<Key>): string {
  const v = el.validity;
  const type = el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase();
  const length = el.value.length;
  if (v.valueMissing) {
    if (type === 'checkbox') return t('requiredCheck');
    if (type === 'radio' || type === 'select') return t('requiredChoice');
    if (type === 'file') return t('requiredFile');
    return t('required');
  }
  if (v.badInput) return t('badInput');
  if (v.typeMismatch) return type === 'email' ? t('email') : type === 'url' ? t('url') : t('format');
  if (v.tooShort && 'minLength' in el) return t('tooShort', { min: el.minLength, length });
  if (v.tooLong && 'maxLength' in el) return t('tooLong', { max: el.maxLength, length });
  if (v.rangeUnderflow && el instanceof HTMLInputElement) return t('min', { min: el.min });
  if (v.rangeOverflow && el instanceof HTMLInputElement) return t('max', { max: el.max });
  if (v.stepMismatch && el instanceof HTMLInputElement) return t('step', { step: el.step });
  // A pattern's `title` is the hint our own forms write (already in the reader's language).
  if (v.patternMismatch) return el.title ? t('formatHint', { hint: el.title }) : t('format');
  // setCustomValidity: our own code wrote the sentence.
  if (v.customError) return el.validationMessage;
  return t('format');
}

interface Tip {
  el: Control;
  text: string;
  top: number;
  left: number;
  width: number;
}

export function FormValidation() {
  const t = useT(validationMessages);
  const [tip, setTip] = useState<Tip | null>(null);

  useEffect(() => {
    let pending: Control | null = null;
    const onInvalid = (event: Event) => {
      const el = event.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return;
      event.preventDefault(); // no browser bubble
      el.setAttribute('aria-invalid', 'true');
      // `invalid` fires for every bad control of the form, in order, each a task of its own as far as microtasks go:
      // the first one speaks, once the form's last has fired (the next task).
      if (pending) return;
      pending = el;
      setTimeout(() => {
        const first = pending!;
        pending = null;
        first.focus({ preventScroll: true });
        first.scrollIntoView({ block: 'nearest' });
        const rect = first.getBoundingClientRect();
        first.setAttribute('aria-describedby', TIP_ID);
        setTip({ el: first, text: validationText(first, t), top: rect.bottom + 6, left: rect.left, width: rect.width });
      }, 0);
    };
    document.addEventListener('invalid', onInvalid, true);
    return () => document.removeEventListener('invalid', onInvalid, true);
  }, [t]);

  // The tip goes when its field is changed or left; it follows the field when the page scrolls or resizes.
  useEffect(() => {
    if (!tip) return;
    const el = tip.el;
    const hide = () => setTip(null);
    const onInput = () => {
      if (el.validity.valid) el.removeAttribute('aria-invalid');
      hide();
    };
    const follow = () => {
      const rect = el.getBoundingClientRect();
      setTip((current) =>
        current && current.el === el ? { ...current, top: rect.bottom + 6, left: rect.left, width: rect.width } : current,
      );
    };
    el.addEventListener('input', onInput);
    el.addEventListener('change', onInput);
    el.addEventListener('blur', hide);
    window.addEventListener('resize', follow);
    window.addEventListener('scroll', follow, true);
    return () => {
      el.removeEventListener('input', onInput);
      el.removeEventListener('change', onInput);
      el.removeEventListener('blur', hide);
      window.removeEventListener('resize', follow);
      window.removeEventListener('scroll', follow, true);
      if (el.getAttribute('aria-describedby') === TIP_ID) el.removeAttribute('aria-describedby');
    };
  }, [tip?.el]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!tip) return null;
  return createPortal(
    <div
      id={TIP_ID}
      role="alert"
      className={styles.tip}
      style={{
        top: tip.top,
        left: Math.max(8, Math.min(tip.left, window.innerWidth - 320)),
        maxWidth: Math.max(220, Math.min(tip.width, 420)),
      }}
      data-testid="form-invalid"
    >
      {tip.text}
    </div>,
    document.body,
  );
}

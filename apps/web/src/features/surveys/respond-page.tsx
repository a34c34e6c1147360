import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { SurveyForm as SurveyFormView } from '@yakuba/contracts';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { forgetEditSecret, keepEditSecret, newEditSecret, readEditSecret } from './edit-secret';
import { surveysMessages } from './messages';
import { AnonymityNotice, SurveyForm } from './survey-form';
import { groupBySection, type Answers } from './survey-model';
import { surveysApi } from './surveys-api';
import { surveyFormQuery, surveysKeys } from './surveys-queries';
import styles from './surveys.module.css';

type Stage = { kind: 'intro' } | { kind: 'answering'; initial?: Answers; editing: boolean } | { kind: 'done'; edited: boolean; editable: boolean; secretLost?: boolean };

/**
 * What a respondent sees: first the notice (anonymous or named, and whether answers can be changed), then the
 * questions, then a thank-you. Also the builder's preview (`preview`: nothing is sent).
 */
export function RespondentView({ form, preview = false }: { form: SurveyFormView; preview?: boolean }) {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>({ kind: 'intro' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [previewChecked, setPreviewChecked] = useState(false);
  const sections = useMemo(() => groupBySection(form.sections, form.questions), [form.sections, form.questions]);
  const userId = user?.id ?? '';
  const secret = preview ? null : readEditSecret(form.id, userId);
  const canEditHere = form.allowEdit && form.status === 'open' && (!form.anonymous || !!secret);

  async function startEditing() {
    setError(null);
    setBusy(true);
    try {
      const mine = await surveysApi.myResponse(form.id, form.anonymous ? (secret ?? undefined) : undefined);
      const initial: Answers = {};
      for (const [k, v] of Object.entries(mine.answers)) if (v !== null) initial[k] = v;
      setStage({ kind: 'answering', initial, editing: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function send(answers: Answers) {
    if (preview) {
      setPreviewChecked(true);
      return;
    }
    setError(null);
    setBusy(true);
    const editing = stage.kind === 'answering' && stage.editing;
    let kept = true;
    try {
      let editable: boolean;
      if (editing) {
        editable = (await surveysApi.edit(form.id, { answers, editSecret: form.anonymous ? (secret ?? undefined) : undefined })).editable;
      } else {
        // The secret is kept before the answer leaves: a lost reply must not lose the only copy. A browser that
        // refuses storage sends none: the answer is stored as final (editable: false).
        let editSecret: string | undefined;
        if (form.allowEdit && form.anonymous) {
          editSecret = newEditSecret();
          kept = keepEditSecret(form.id, userId, editSecret);
          if (!kept) editSecret = undefined;
        }
        try {
          editable = (await surveysApi.submit(form.id, { answers, editSecret })).editable;
        } catch (err) {
          // Refused (already answered elsewhere, closed, not invited): this secret matches nothing.
          if (editSecret && err instanceof ApiError && err.status >= 400 && err.status < 500) forgetEditSecret(form.id, userId);
          throw err;
        }
      }
      setStage({ kind: 'done', edited: editing, editable: editable && kept, secretLost: !kept });
      window.scrollTo({ top: 0 });
      await queryClient.invalidateQueries({ queryKey: surveysKeys.mine });
      await queryClient.invalidateQueries({ queryKey: surveysKeys.form(form.id) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const header = (
    <>
      {preview && <p className={styles.previewBanner}>{t('previewBanner')}</p>}
      <h1>{form.title}</h1>
      {form.description && <p className={styles.description}>{form.description}</p>}
      <p className="muted small">
        {t('closesAt', { date: formatDateTime(form.closesAt, locale) })} ・ {t('questionsCount', { count: form.questions.length })}
      </p>
    </>
  );
  const errorLine = error && (
    <p className="error" role="alert">
      {error}
    </p>
  );

  if (stage.kind === 'done')
    return (
      <div className={styles.respond}>
        {header}
        <div className={`card ${styles.done}`} role="status" data-testid="survey-done">
          <strong>{stage.edited ? t('thanksEdited') : t('thanks')}</strong>
          {stage.editable && (
            <p className="muted">{t(form.anonymous ? 'editHereUntil' : 'editUntil', { date: formatDateTime(form.closesAt, locale) })}</p>
          )}
          {stage.editable && form.anonymous && <p className="muted small">{t('editAllowedAnonymous')}</p>}
          {stage.secretLost && <p className="muted">{t('secretNotKept')}</p>}
          <Link to="/surveys">{t('backToList')}</Link>
        </div>
      </div>
    );

  if (stage.kind === 'answering')
    return (
      <div className={styles.respond}>
        {header}
        {errorLine}
        <SurveyForm
          sections={sections}
          initial={stage.initial}
          busy={busy}
          submitLabel={stage.editing ? t('saveChanges') : t('submit')}
          onSubmit={send}
        />
        {previewChecked && (
          <p className="success" role="status">
            {t('previewDone')}
          </p>
        )}
      </div>
    );

  // The intro: what kind of survey this is, before any question.
  let body;
  if (!preview && form.status === 'closed') body = <p className="empty-state">{t('closed')}</p>;
  else if (!preview && form.status !== 'open') body = <p className="empty-state">{t('notOpen')}</p>;
  else if (!preview && form.answered)
    body = (
      <div className={`card ${styles.done}`}>
        <strong>{t('alreadyAnswered')}</strong>
        {form.allowEdit && form.anonymous && !secret && <p className="muted">{t('noSecretHere')}</p>}
        {canEditHere && (
          <button className={`primary ${styles.bigButton}`} disabled={busy} onClick={() => void startEditing()}>
            {t('editAnswer')}
          </button>
        )}
        <Link to="/surveys">{t('backToList')}</Link>
      </div>
    );
  else
    body = (
      <button className={`primary ${styles.bigButton}`} onClick={() => setStage({ kind: 'answering', editing: false })}>
        {t('start')}
      </button>
    );

  return (
    <div className={styles.respond}>
      {header}
      <AnonymityNotice anonymous={form.anonymous} allowEdit={form.allowEdit} />
      {errorLine}
      {body}
    </div>
  );
}

export function RespondPage() {
  const { id = '' } = useParams();
  const t = useT(surveysMessages);
  const errorText = useErrorText();
  const form = useQuery(surveyFormQuery(id));
  return (
    <section className="page">
      <p>
        <Link to="/surveys">← {t('backToList')}</Link>
      </p>
      {form.isPending && <p className="muted">{t('loading')}</p>}
      {form.error && (
        <p className="error" role="alert">
          {errorText(form.error)}
        </p>
      )}
      {form.data && <RespondentView key={form.data.id} form={form.data} />}
    </section>
  );
}

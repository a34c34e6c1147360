import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import type { SurveyDetail, SurveyQuestionType } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import { BuilderSettings } from './builder-settings';
import { draftFromDetail, draftProblem, draftToInput, emptyDraft, newQuestion, nextKey, orderedQuestions, previewForm, type Draft } from './builder-draft';
import { surveysMessages } from './messages';
import { QuestionEditor, TYPE_LABEL } from './question-editor';
import { RespondentView } from './respond-page';
import { surveysApi } from './surveys-api';
import { surveyQuery, useSurveyChanged } from './surveys-queries';
import styles from './surveys.module.css';

type Tab = 'build' | 'settings' | 'preview';
const TYPES = Object.keys(TYPE_LABEL) as SurveyQuestionType[];

/** Build a survey: sections and questions, audience and dates, a preview as respondents see it; save, then open. */
export function BuilderPage() {
  const { id } = useParams();
  const t = useT(surveysMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const changed = useSurveyChanged();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [saved, setSaved] = useState<SurveyDetail | null>(null);
  const [tab, setTab] = useState<Tab>('build');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [previewRun, setPreviewRun] = useState(0);

  useEffect(() => {
    if (!id) return;
    void queryClient.fetchQuery({ ...surveyQuery(id), staleTime: 0 }).then(
      (detail) => {
        setSaved(detail);
        setDraft(draftFromDetail(detail));
      },
      (err: unknown) => setMessage({ ok: false, text: errorText(err) }),
    );
  }, [id, queryClient, errorText]);

  const locked = !!saved && saved.status !== 'draft' && saved.status !== 'scheduled';
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const ordered = orderedQuestions(draft);

  const updateQuestion = (key: string, next: Draft['questions'][number]) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q) => (q.key === key ? next : q)) }));
  const removeQuestion = (key: string) =>
    setDraft((d) => ({
      ...d,
      // A condition on the removed question goes with it.
      questions: d.questions.filter((q) => q.key !== key).map((q) => (q.showIf?.questionKey === key ? { ...q, showIf: undefined } : q)),
    }));
  const moveQuestion = (key: string, delta: -1 | 1) =>
    setDraft((d) => {
      const q = d.questions.find((x) => x.key === key)!;
      const same = d.questions.filter((x) => x.section === q.section);
      const i = same.indexOf(q);
      const other = same[i + delta];
      if (!other) return d;
      const list = [...d.questions];
      const a = list.indexOf(q);
      const b = list.indexOf(other);
      [list[a], list[b]] = [list[b], list[a]];
      return { ...d, questions: list };
    });
  const addQuestion = (type: SurveyQuestionType, section: string) =>
    setDraft((d) => ({ ...d, questions: [...d.questions, newQuestion(type, nextKey('q', d.questions.map((q) => q.key)), section)] }));
  const addSection = () =>
    setDraft((d) => ({ ...d, sections: [...d.sections, { key: nextKey('s', d.sections.map((s) => s.key)), title: '' }] }));
  const removeSection = (key: string) =>
    setDraft((d) => ({
      ...d,
      sections: d.sections.filter((s) => s.key !== key),
      questions: d.questions.filter((q) => q.section !== key),
    }));

  async function save(thenOpen: boolean) {
    const problem = draftProblem(draft);
    if (problem) {
      setMessage({ ok: false, text: t(problem.key, { question: problem.question ?? '' }) });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const input = draftToInput(draft);
      let next = saved ? await surveysApi.update(saved.id, { ...input, version: saved.version }) : await surveysApi.create(input);
      if (thenOpen && window.confirm(t('confirmOpen', { title: next.title }))) next = await surveysApi.open(next.id, input.opensAt ?? undefined);
      setSaved(next);
      setDraft(draftFromDetail(next));
      await changed(next);
      setMessage({ ok: true, text: t('saved') });
      if (thenOpen && next.status !== 'draft') void navigate('/surveys/manage');
      else if (!id) void navigate(`/surveys/manage/${next.id}/edit`, { replace: true });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!saved || !window.confirm(t('confirmDelete'))) return;
    try {
      await surveysApi.remove(saved.id);
      await changed();
      void navigate('/surveys/manage');
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  let number = 0;
  return (
    <section className={`page ${styles.builder}`}>
      <h1>{id ? t('builderEdit') : t('builderNew')}</h1>
      {locked && <p className="card">{t('lockedNotice')}</p>}
      <div className="tabs" role="tablist" aria-label={id ? t('builderEdit') : t('builderNew')}>
        {(['build', 'settings', 'preview'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className="tab"
            onClick={() => {
              setTab(name);
              if (name === 'preview') setPreviewRun((n) => n + 1);
            }}
          >
            {t(name === 'build' ? 'tabBuild' : name === 'settings' ? 'tabSettings' : 'tabPreview')}
          </button>
        ))}
      </div>
      {tab === 'preview' ? (
        <div role="tabpanel" className="card">
          <RespondentView key={previewRun} form={previewForm(draft)} preview />
        </div>
      ) : (
        <fieldset disabled={locked} className={styles.builder} role="tabpanel" style={{ border: 'none', padding: 0, margin: 0 }}>
          {tab === 'settings' ? (
            <BuilderSettings draft={draft} set={set} />
          ) : (
            <>
              <div className="card form">
                <label>
                  {t('surveyTitle')}
                  <input required maxLength={200} value={draft.title} onChange={(e) => set({ title: e.target.value })} />
                </label>
                <label>
                  {t('description')}
                  <textarea rows={3} maxLength={2000} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
                </label>
              </div>
              {draft.sections.map((section, si) => {
                const questions = draft.questions.filter((q) => q.section === section.key);
                return (
                  <div key={section.key} className={`card ${styles.builderSection}`} data-testid="builder-section">
                    <div className={styles.builderSectionHead}>
                      <label>
                        {t('sectionTitle')}
                        <input
                          maxLength={200}
                          value={section.title}
                          placeholder={t('section', { n: si + 1 })}
                          onChange={(e) => set({ sections: draft.sections.map((s) => (s.key === section.key ? { ...s, title: e.target.value } : s)) })}
                        />
                      </label>
                      {draft.sections.length > 1 && (
                        <button type="button" className="danger" onClick={() => removeSection(section.key)}>
                          {t('removeSection')}
                        </button>
                      )}
                    </div>
                    <label>
                      {t('sectionDescription')}
                      <input
                        maxLength={1000}
                        value={section.description ?? ''}
                        onChange={(e) =>
                          set({ sections: draft.sections.map((s) => (s.key === section.key ? { ...s, description: e.target.value } : s)) })
                        }
                      />
                    </label>
                    {questions.map((q, qi) => {
                      const index = number++;
                      return (
                        <QuestionEditor
                          key={q.key}
                          question={q}
                          index={index}
                          earlier={ordered.slice(0, ordered.indexOf(q))}
                          first={qi === 0}
                          last={qi === questions.length - 1}
                          onChange={(next) => updateQuestion(q.key, next)}
                          onMove={(delta) => moveQuestion(q.key, delta)}
                          onRemove={() => removeQuestion(q.key)}
                        />
                      );
                    })}
                    {questions.length === 0 && <p className="muted">{t('noQuestions')}</p>}
                    <div className={styles.addBar} role="group" aria-label={t('addQuestion')}>
                      <span className="muted small">{t('addQuestion')}:</span>
                      {TYPES.map((type) => (
                        <button key={type} type="button" onClick={() => addQuestion(type, section.key)}>
                          + {t(TYPE_LABEL[type])}
                        </button>
                      ))}
                    </div>
                  </div>
                );
              })}
              <div>
                <button type="button" onClick={addSection}>
                  + {t('addSection')}
                </button>
              </div>
            </>
          )}
        </fieldset>
      )}
      <div className={styles.stickyActions}>
        {message && (
          <span className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </span>
        )}
        <span className="spacer" />
        {saved?.status === 'draft' && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            {t('deleteDraft')}
          </button>
        )}
        <button type="button" onClick={() => void navigate('/surveys/manage')}>
          {t('cancel')}
        </button>
        {!locked && (
          <>
            <button type="button" disabled={busy} onClick={() => void save(false)}>
              {busy ? t('saving') : t('save')}
            </button>
            {(!saved || saved.status === 'draft') && (
              <button type="button" className="primary" disabled={busy} onClick={() => void save(true)}>
                {t('savedAndOpen')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import type { CsvImportRowError } from '@yakuba/contracts';
import { importRowMessages } from './audit-messages';
import { directoryApi, type ImportResult as Result } from './directory-api';
import { directoryKeys } from './directory-queries';
import { adminMessages } from './messages';

const FIELD_KEYS = {
  username: 'username',
  displayName: 'displayName',
  displayNameKana: 'kana',
  department: 'department',
  position: 'position',
  roles: 'roles',
  password: 'initialPassword',
} as const;

export function ImportPage() {
  const t = useT(adminMessages);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const tr = useT(importRowMessages);
  const fieldLabel = (field: string) => (field in FIELD_KEYS ? t(FIELD_KEYS[field as keyof typeof FIELD_KEYS]) : field);
  // The server explains in English (logged); the reader gets the rule the row breaks, in their language.
  const rowText = (err: CsvImportRowError) => {
    const value = err.value ?? '';
    if (err.reason === 'unknown_value')
      return tr(
        err.field === 'department'
          ? 'unknown_department'
          : err.field === 'position'
            ? 'unknown_position'
            : err.field === 'roles'
              ? 'unknown_role'
              : 'unknown_value',
        { value },
      );
    return err.reason ? tr(err.reason, { value }) : t('rowInvalid');
  };

  async function submit(e: FormEvent, dryRun: boolean) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const result = await directoryApi.importCsv(file, dryRun, setProgress);
      setResult(result);
      for (const rowError of result.errors) console.warn('[yakuba] CSV row', rowError.row, rowError.field, rowError.message);
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="narrow">
      <p className="muted">{t('importHelp')}</p>
      <form className="card form" onSubmit={(e) => void submit(e, false)}>
        <label>
          {t('chooseFile')}
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </label>
        {progress !== null && <progress value={progress} max={1} />}
        <div className="form-actions">
          <button type="button" disabled={!file} onClick={(e) => void submit(e, true)}>
            {t('dryRun')}
          </button>
          <button className="primary" type="submit" disabled={!file}>
            {t('runImport')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && result.errors.length === 0 && (
        <p className="success" role="status">
          {result.dryRun
            ? t('checkOnly', { count: result.imported })
            : t('importDone', { created: result.created, updated: result.updated })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <>
          <p className="error" role="alert">
            {t('importErrors', { count: result.errors.length })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('row')}</th>
                <th>{t('field')}</th>
                <th>{t('message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((err, i) => (
                <tr key={i}>
                  <td>{err.row}</td>
                  <td>{err.field ? fieldLabel(err.field) : ''}</td>
                  <td data-testid="import-row-error">{rowText(err)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

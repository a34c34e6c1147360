import { useState, type FormEvent } from 'react';
import type { CsvImportResult } from '@yakuba/contracts';
import { ApiError, upload } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { adminMessages } from './messages';

type Result = CsvImportResult & { created: number; updated: number; dryRun: boolean };

export function ImportPage() {
  const t = useT(adminMessages);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  async function submit(e: FormEvent, dryRun: boolean) {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setError(null);
    setResult(null);
    try {
      setResult(await upload<Result>(`/api/users/import${dryRun ? '?dryRun=true' : ''}`, form, setProgress));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
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
          <button type="button" disabled={!file} onClick={(e) => void submit(e, true)}>{t('dryRun')}</button>
          <button className="primary" type="submit" disabled={!file}>{t('runImport')}</button>
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {result && result.errors.length === 0 && (
        <p className="success" role="status">
          {result.dryRun ? t('checkOnly', { count: result.imported }) : t('importDone', { created: result.created, updated: result.updated })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <>
          <p className="error" role="alert">{t('importErrors', { count: result.errors.length })}</p>
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
                  <td>{err.field ?? ''}</td>
                  <td>{err.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';

/**
 * A form's submit: busy while the action runs, its error (a translated line) when it throws. The action may also
 * set an error itself (a check before sending) with the returned `setError`.
 */
export function useFormSubmit(action: () => Promise<void>, describe: (err: unknown) => string | null) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, onSubmit: (e: FormEvent) => void submit(e) };
}

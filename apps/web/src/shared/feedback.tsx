import { useErrorText } from '../api/errors';

/** What a page says after a query or an action: a success line (role=status) and the first error (role=alert). */
export function Feedback({ success, errors }: { success?: string | false | null; errors: readonly unknown[] }) {
  const errorText = useErrorText();
  const error = errors.find((e) => e);
  return (
    <>
      {success && (
        <p className="success" role="status">
          {success}
        </p>
      )}
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </>
  );
}

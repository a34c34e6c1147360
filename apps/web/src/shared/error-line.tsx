/** A form's error line (role=alert), nothing when there is none. */
export function ErrorLine({ text }: { text: string | null | undefined }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}

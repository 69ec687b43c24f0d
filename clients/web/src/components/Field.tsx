/**
 * A labelled form control with its hint and its error (from a problem's JSON Pointer), wired
 * with `aria-describedby` and `aria-invalid`; and the alert above a form for the rest.
 *
 * @module
 */
import { type ReactNode, useId } from "react";

/** What the control inside a field spreads. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** One field: `children` renders the control with the given props. */
export function Field(
  { label, error, hint, children, className }: {
    label: string;
    error?: string;
    hint?: string;
    className?: string;
    children: (props: ControlProps) => ReactNode;
  },
) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/** Errors no field shows, above the form. */
export function FormAlert({ messages }: { messages: readonly string[] }) {
  if (!messages.length) return null;
  return (
    <div className="error-box" role="alert">
      {messages.map((message) => <p key={message}>{message}</p>)}
    </div>
  );
}

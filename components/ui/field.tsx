import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

const control =
  'w-full rounded-md border border-line bg-canvas px-3 py-2 text-sm text-ink placeholder:text-muted/60 focus:border-accent focus:outline-none aria-invalid:border-danger';

interface FieldProps {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  children?: ReactNode;
}

/** A labelled control with its hint and its errors underneath, linked for screen readers. */
export function Field({ label, name, errors, hint, children }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-muted">{hint}</p> : null}
      {errors?.map((error) => (
        <p key={error} id={`${name}-error`} className="text-xs text-danger" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}

export function TextInput({ name, invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { name: string; invalid?: boolean }) {
  return <input id={name} name={name} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${name}-error` : undefined} className={control} {...props} />;
}

export function TextArea({ name, invalid, ...props }: ComponentProps<'textarea'> & { name: string; invalid?: boolean }) {
  return <textarea id={name} name={name} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${name}-error` : undefined} className={`${control} font-mono text-xs`} {...props} />;
}

export function Select({ name, invalid, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { name: string; invalid?: boolean }) {
  return <select id={name} name={name} aria-invalid={invalid || undefined} className={control} {...props} />;
}

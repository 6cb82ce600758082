import type { ButtonHTMLAttributes } from 'react';

const variants = {
  primary: 'bg-accent text-canvas hover:bg-accent/90 disabled:bg-accent/40',
  secondary: 'border border-line bg-raised text-ink hover:bg-line disabled:opacity-50',
  danger: 'border border-danger/50 bg-danger/10 text-danger hover:bg-danger/20 disabled:opacity-50',
  ghost: 'text-muted hover:text-ink hover:bg-raised',
} as const;

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return (
    <button
      className={`inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${className}`}
      {...props}
    />
  );
}

export const linkButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-canvas hover:bg-accent/90';

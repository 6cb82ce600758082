import { startTransition, type FormEvent } from 'react';

/**
 * A form submit handler that hands the form's data to an action without React's reset of
 * uncontrolled fields after a form action, so a refused submission keeps what was typed.
 * The submitting button's name and value are included (for forms with several actions).
 */
export function submitKeepingValues(dispatch: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(data));
  };
}

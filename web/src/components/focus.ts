/**
 * A form that opens in place of the button that opened it takes the focus to its first field;
 * otherwise the button vanishes and keyboard and screen-reader users are left at the top of the
 * page (WCAG 2.4.3). Used as a callback ref. It leaves the focus alone when something already has
 * it (a page that just opened focuses its own heading).
 */
export function focusFirstField(form: HTMLFormElement | null): void {
  if (!form) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  form.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
}

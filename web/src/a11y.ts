/**
 * A form item marks its control as required by putting aria-required on the control's root. For
 * a select that root is a plain div without a role, where the attribute is not allowed (axe:
 * aria-allowed-attr) and reaches no assistive technology. This moves it to the select's own
 * combobox input, where screen readers announce it, for every select the page ever shows.
 */
function moveRequired(root: ParentNode): void {
  for (const select of root.querySelectorAll<HTMLElement>('.ant-select[aria-required]')) {
    const value = select.getAttribute('aria-required') ?? 'true';
    select.removeAttribute('aria-required');
    select.querySelector('[role="combobox"]')?.setAttribute('aria-required', value);
  }
}

/** Starts watching the document; call once, before the first render. */
export function watchSelectRequired(): void {
  if (typeof MutationObserver === 'undefined') return;
  new MutationObserver(() => moveRequired(document)).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-required'],
  });
}

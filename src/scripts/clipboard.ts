/**
 * Copy the value of a text field. Where the clipboard is not available
 * (older browsers, insecure contexts) the text is selected for Ctrl+C, and
 * the status line says so.
 */
export async function copyField(field: HTMLInputElement | HTMLTextAreaElement, status: HTMLElement, what: string, done: string) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = done;
  } catch {
    field.focus();
    field.select();
    status.textContent = `Press Ctrl+C (or Cmd+C) to copy the selected ${what}.`;
  }
}

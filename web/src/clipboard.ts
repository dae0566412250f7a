/** Copies `text`; without clipboard access (an old browser, or a page without permission) it
 * copies the selection of `input` instead. False when neither worked: the text is then left
 * selected for the person to copy by hand. */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    input?.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  if (!ok) input?.select();
  return ok;
}

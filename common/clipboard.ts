/**
 * Copies text. Inside HubSpot the softphone is a cross-origin frame without the
 * `clipboard-write` permission, where `navigator.clipboard` refuses; a selected textarea and
 * `execCommand("copy")`, allowed during a click, still work there.
 */
export async function copyText(text: string, doc: Document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    doc.body.append(area);
    area.select();
    try {
      return doc.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

// Query-string parameters read out of any text: a URL, a bare SAS token ("sv=…&se=…&sig=…"), a
// connection string ("SharedAccessSignature=sv=…") or HTML with "&amp;". Names are lower-cased; values
// are percent-decoded when that is possible. Plain string scanning, no regex: this runs on untrusted text.

const SEPARATORS = /[&;?\s"'<>#,\\]+/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const MAX_TEXT = 1 << 20;

/** "name=value" at the end of a piece ("SharedAccessSignature=sv=2020-08-04" gives sv). */
function lastPair(piece: string): [string, string] | null {
  let core = piece.length;
  while (core > 0 && piece[core - 1] === "=" && piece.length - core < 2) core--;
  const eq = piece.lastIndexOf("=", core - 1);
  if (eq <= 0) return null;
  let start = eq;
  while (start > 0 && NAME_CHAR.test(piece[start - 1]) && eq - start < 41) start--;
  const name = piece.slice(start, eq);
  if (!/^[A-Za-z]/.test(name)) return null;
  return [name, piece.slice(eq + 1)];
}

/** Parameters in a text; the first occurrence of a name wins. */
export function queryParams(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (text.length > MAX_TEXT || !text.includes("=")) return out;
  for (const piece of text.split(SEPARATORS)) {
    if (piece.length > 4096) continue;
    const pair = lastPair(piece);
    if (!pair) continue;
    const name = pair[0].toLowerCase();
    if (out.has(name)) continue;
    let value = pair[1];
    try {
      value = decodeURIComponent(value);
    } catch {
      /* not percent-encoded after all: keep it raw */
    }
    out.set(name, value);
  }
  return out;
}

/** All parameters found in a secret and in the text a rule captured beside it (first source wins). */
export function paramsFrom(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of texts) for (const [k, v] of queryParams(t)) if (!out.has(k)) out.set(k, v);
  return out;
}

// Error messages of parsers can quote the input they choke on (Node's JSON.parse does: `Unexpected
// token 'g', "{"a": ghp_…" is not valid JSON`; YAML errors print the source line). Scanned input may be
// a secret, so a parser's message is cut at its first quote, keeping only the position it names,
// before it becomes a warning or an entry of errors[].

const MAX = 160;

/** A parser error's message, safe to print: the words before any quoted input, plus its position. */
export function safeErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const first = raw.split(/\r?\n/, 1)[0] ?? "";
  const quote = first.search(/["'`]/);
  let text = (quote >= 0 ? first.slice(0, quote) : first).replace(/[\s,:;(]+$/, "").replace(/\s+/g, " ").trim();
  const pos = /\bposition \d+(?: \(line \d+ column \d+\))?/.exec(first) ?? /\bline \d+,? column \d+/.exec(first);
  if (pos && !text.includes(pos[0])) text += ` (at ${pos[0]})`;
  if (!text) return "parse error";
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

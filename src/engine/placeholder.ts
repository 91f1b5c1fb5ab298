// Shared placeholder and stop-word filter: values that look like a credential's slot, not a credential.
// Applied to every candidate secret unless a rule opts out (checksummed or structurally verified kinds).

// Words that mark documentation, templates and masked output. Matched case-insensitively as substrings.
const PLACEHOLDER_WORDS = [
  "example",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "replaceme",
  "replace_me",
  "redacted",
  "dummy",
  "insert_",
  "insert-",
  "xxxxx",
  "*****",
  "your_",
  "your-",
  "yourkey",
  "yoursecret",
  "yourtoken",
  "yourpassword",
  "<your",
  "[your",
  "{your",
  "notreal",
  "not_real",
  "not-a-real",
  "fake_",
  "fakefake",
  "sample_",
  "lorem",
  "[masked]",
  "[redacted]",
];

// Whole-value shapes of templates, interpolations and masks.
const PLACEHOLDER_SHAPES: RegExp[] = [
  /\$\{\{?[^}]*\}\}?/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}\}/, // {{ var }}
  /\$\([A-Za-z_][A-Za-z0-9_.]*\)/, // $(secret) in Azure Pipelines
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^<[^<>]{1,80}>$/, // <your-key>
  /^\[[^[\]]{1,80}\]$/,
  /^\*+$/,
  /^(?:x+|X+|0+|1+|a+|z+|\.+|-+|_+|#+)$/,
  /(.)\1{7,}/, // a run of eight identical characters does not occur in random key material
  /^(?:null|none|nil|undefined|true|false|password|passwd|secret|token|string|test|testing|admin|root|default)$/i,
];

// Keyboard and counting runs. Random key material practically never holds one, so they mark a value
// typed by hand (a fixture or a sample), but unlike the words and shapes above they do not mark an
// empty slot: a token with a provider's prefix and such a body is still a well-formed credential.
const HAND_TYPED_RUNS = /(?:0123456789|123456789|abcdefghij|ABCDEFGHIJ|qwertyuiop)/;

/** Share of the characters that sit in ascending runs of four or more (abcd, 6789, 90 wraps to 0). */
function countingRunShare(s: string): number {
  const step = (a: string, b: string) => {
    const x = a.toLowerCase().charCodeAt(0);
    const y = b.toLowerCase().charCodeAt(0);
    const digits = x >= 48 && x <= 57 && y >= 48 && y <= 57;
    const letters = x >= 97 && x <= 122 && y >= 97 && y <= 122;
    return (digits || letters) && (y === x + 1 || (digits && x === 57 && y === 48));
  };
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && step(s[i - 1], s[i])) run++;
    else {
      if (run >= 4) covered += run;
      run = 1;
    }
  }
  return s.length ? covered / s.length : 0;
}

/**
 * How a candidate looks: "placeholder" for a template, mask or documentation slot (always rejected),
 * "hand-typed" for a body with a keyboard or counting run (rejected by loose rules, kept at low
 * confidence by rules whose prefix already identifies the credential), null for neither.
 */
export function placeholderKind(secret: string): "placeholder" | "hand-typed" | null {
  const lower = secret.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return "placeholder";
  for (const re of PLACEHOLDER_SHAPES) if (re.test(secret)) return "placeholder";
  if (!HAND_TYPED_RUNS.test(secret)) return null;
  // Mostly counting runs (ghp_abcdef...0123456789): a documentation sample, not a typed-in key.
  return countingRunShare(secret) >= 0.5 ? "placeholder" : "hand-typed";
}

/** True when a candidate secret is a template, mask, documentation placeholder or hand-typed run. */
export function isPlaceholder(secret: string): boolean {
  return placeholderKind(secret) !== null;
}

/** True when the secret contains one of the rule's stop-words (case-insensitive). */
export function hasStopword(secret: string, stopwords: readonly string[]): boolean {
  if (!stopwords.length) return false;
  const lower = secret.toLowerCase();
  return stopwords.some((w) => lower.includes(w.toLowerCase()));
}

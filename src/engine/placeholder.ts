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
  "not a real",
  "not my real",
  "fake_",
  "fakefake",
  "sample_",
  "lorem",
  "[masked]",
  "[redacted]",
  // HTML-escaped templates (`&lt;your-key&gt;`) and well-known documentation sequences.
  "&lt;",
  "&gt;",
  "a1b2c3",
  "abcdefg",
  // Environment and configuration lookups captured as a value.
  "process.env",
  "os.environ",
  "getenv(",
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
  /^(.)\1+$/, // one character repeated: xxxx, 0000, yyy
  /(?:\.\.\.|\u2026)$/, // ends in an ellipsis: a value shortened for display (ops_eyJzaWdu...)
  /(.)\1{7,}/, // a run of eight identical characters does not occur in random key material
  /#\{[^}]*\}/, // #{var} (Ruby, CoffeeScript)
  /<%.*%>/, // <%= erb %>
  /%\([A-Za-z_][A-Za-z0-9_]*\)s/, // %(name)s
  /^\{\d{0,2}\}$/, // {0}, {}
  // Non-values, and the slot's own name ("password" where a password goes): placeholders in every mode.
  /^(?:null|none|nil|undefined|true|false|token|string|user|username|str|bool|int|any|password|passwd|pass|pwd)$/i,
  // Stand-in values of tests and tutorials.
  /^(?:foo|bar|baz|qux|foobar|xyz|abc|abc123|asdf|asdfg|asdfgh|qwer|qwerty|sample|hunter2|mypass|mysecret|mytoken)$/i,
];

// Bare words that are placeholders in most slots but real (weak, default) passwords in a slot whose
// structure is unambiguous, such as a connection string: rules opt out of these with `placeholderCheck: templates`.
const WEAK_DEFAULTS = /^(?:secret|test|testing|admin|root|default)$/i;

export interface PlaceholderOptions {
  /** Accept bare default words ("secret", "admin"): only templates, masks and documentation markers are placeholders. */
  allowWeakDefaults?: boolean;
}

// Keyboard and counting runs. Random key material practically never holds one, so they mark a value
// typed by hand (a fixture or a sample), but unlike the words and shapes above they do not mark an
// empty slot: a token with a provider's prefix and such a body is still a well-formed credential.
const KEYBOARD_RUNS = /qwerty|asdfgh|zxcvbn/i;

interface CountingRuns {
  /** Share of the characters that sit in ascending runs of four or more (abcd, 6789, 90 wraps to 0). */
  share: number;
  /** How many such runs there are. */
  count: number;
  /** The longest run. */
  longest: number;
}

function countingRuns(s: string): CountingRuns {
  const step = (a: string, b: string) => {
    const x = a.toLowerCase().charCodeAt(0);
    const y = b.toLowerCase().charCodeAt(0);
    const digits = x >= 48 && x <= 57 && y >= 48 && y <= 57;
    const letters = x >= 97 && x <= 122 && y >= 97 && y <= 122;
    return (digits || letters) && (y === x + 1 || (digits && x === 57 && y === 48));
  };
  let covered = 0;
  let count = 0;
  let longest = 0;
  let run = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && step(s[i - 1], s[i])) run++;
    else {
      if (run >= 4) {
        covered += run;
        count++;
      }
      longest = Math.max(longest, run);
      run = 1;
    }
  }
  return { share: s.length ? covered / s.length : 0, count, longest };
}

/**
 * How a candidate looks: "placeholder" for a template, mask or documentation slot (always rejected),
 * "hand-typed" for a body with a keyboard or counting run (rejected by loose rules, kept at low
 * confidence by rules whose prefix already identifies the credential), null for neither.
 */
export function placeholderKind(secret: string, opts: PlaceholderOptions = {}): "placeholder" | "hand-typed" | null {
  const lower = secret.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return "placeholder";
  const decoded = decodedText(secret);
  if (decoded !== null) for (const w of PLACEHOLDER_WORDS) if (decoded.includes(w)) return "placeholder";
  for (const re of PLACEHOLDER_SHAPES) if (re.test(secret)) return "placeholder";
  if (!opts.allowWeakDefaults && WEAK_DEFAULTS.test(secret)) return "placeholder";
  // Random material of any alphabet practically never holds an ascending run of seven (hex: about
  // one in 10^7 per position), a keyboard row, or three separate runs of four.
  const runs = countingRuns(secret);
  if (runs.longest < 7 && runs.count < 3 && !KEYBOARD_RUNS.test(secret)) return null;
  // Mostly counting runs (ghp_...0123456789): filler for a documentation sample, not a key with a
  // typed-in field.
  return runs.share >= 0.5 ? "placeholder" : "hand-typed";
}

const BASE64_VALUE = /^(?:[A-Za-z0-9+/]{4}){2,64}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The lower-cased text a base64 value encodes, when it is a short printable value such as `user:password`
 * ("bm90IG15IHJlYWwgcGFzc3dvcmQ=" is "not my real password"): documentation encodes its placeholders
 * too. Null for anything else, and for an encoded document (JSON), whose other fields (a registry's
 * host name) say nothing about the secret in it.
 */
function decodedText(secret: string): string | null {
  if (!BASE64_VALUE.test(secret)) return null;
  const bytes = Buffer.from(secret, "base64");
  for (const b of bytes) if (b < 0x20 || b > 0x7e || b === 0x7b) return null;
  return bytes.toString("latin1").toLowerCase();
}

/** True when a candidate secret is a template, mask, documentation placeholder or hand-typed run. */
export function isPlaceholder(secret: string, opts: PlaceholderOptions = {}): boolean {
  return placeholderKind(secret, opts) !== null;
}

/** True when the secret contains one of the rule's stop-words (case-insensitive). */
export function hasStopword(secret: string, stopwords: readonly string[]): boolean {
  if (!stopwords.length) return false;
  const lower = secret.toLowerCase();
  return stopwords.some((w) => lower.includes(w.toLowerCase()));
}
